"""A poster: a panel's one message, sized to be read from across a waiting room.

One headline, one picture, one or two short sentences, the source numbers, and a "More"
button that leads to the rest of the panel. The poster fills the first screen of its panel
(the page continues below it) and is sized for viewing distance, not for window width:

- body text starts at capital letters of ``BODY_CAP_MM`` on the real screen
  (``ketdesk.ui.physical``), or bigger where the screen has room (a 4K wall, portrait);
- the headline is ``HEADLINE_RATIOS[0]`` times the body, or less when that would not fit;
- then everything shrinks together until the poster fits its viewport, never below the
  page's own body size (which carries the visitor's text scale).

The sizes are found by measuring the words with font metrics (cheap), then checked once
against the real layout, and set in a style sheet of the poster's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ketdesk.ui.physical import FALLBACK, Physical
from ketdesk.ui.poster_visual import visual_height
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import button_text, make_label

# The rule for a two-metre viewing distance: capitals of body text at least 6 mm.
BODY_CAP_MM = 6.0
# Headline size over body size, largest first: the first that fits wins.
HEADLINE_RATIOS = (2.1, 1.8, 1.55, 1.35)
# Each step down in body size when the poster does not fit.
SHRINK = 0.93
# Where the screen has room, body text grows with it: this many body lines fill the
# viewport's height, this many characters its width (whichever is smaller).
LINES_PER_HEIGHT = 15
EM_PER_WIDTH = 18
WRAP = int(Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True)
class PosterType:
    """The pixel sizes of a poster's parts, for one viewport."""

    body: int
    headline: int
    small: int
    spacing: int
    margin: int

    @staticmethod
    def at(body: int, ratio: float, metrics: Metrics) -> PosterType:
        # Never smaller than the page's own title: with the biggest text the poster scrolls
        # like the page, and its headline still reads as the headline.
        return PosterType(body=body, headline=max(metrics.h1, round(body * ratio)),
                          small=max(metrics.small, round(body * 0.8)),
                          spacing=max(metrics.gap, round(body * 0.55)),
                          margin=max(metrics.px(0.5), round(body * 0.6)))


class Poster(QFrame):
    """Headline, picture, message, source numbers and More; sized by ``fit``."""

    more_requested = Signal()

    def __init__(self, headline: str, message: str, *, visual: QWidget | None = None,
                 chip: QLabel | None = None, more_text: str = "", more_description: str = "",
                 name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("poster")
        self.setAccessibleName(name or headline)
        self.headline = make_label(headline, "posterHeadline")
        self.headline.setObjectName("posterHeadline")
        self.message = make_label(message, "posterMessage")
        self.message.setObjectName("posterMessage")
        self.visual = visual
        self.chip = chip
        # Parented at once: a parentless button made visible below would flash up as a window.
        self.more = QPushButton(button_text(more_text), self)
        self.more.setObjectName("posterMore")
        self.more.setAccessibleName(more_text)
        self.more.setAccessibleDescription(more_description)
        self.more.clicked.connect(self.more_requested)
        self.more.setVisible(bool(more_text))

        self.column = QVBoxLayout(self)
        self.column.addWidget(self.headline)
        if visual is not None:
            visual.setParent(self)
            self.column.addStretch(1)
            self.column.addWidget(visual)
            self.column.addStretch(1)
        else:
            self.column.addStretch(1)
        self.column.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        if chip is not None:
            chip.setObjectName("posterChip")
            chip.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            bottom.addWidget(chip, 1, Qt.AlignmentFlag.AlignVCenter)
        else:
            bottom.addStretch(1)
        bottom.addWidget(self.more, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.column.addLayout(bottom)
        self.sizes: PosterType | None = None
        self._style_key: PosterType | None = None

    # --- sizing -----------------------------------------------------------------------
    def set_more_visible(self, visible: bool) -> None:
        """The attract loop hides More: nothing on a poster there is a target but the poster."""
        self.more.setVisible(visible and bool(self.more.text()))

    def _text_height(self, px: int, width: int, text: str, bold: bool = False) -> int:
        font = QFont(self.headline.font())
        font.setPixelSize(px)
        font.setBold(bold)
        # QLabel's rich and plain text both lay out a little looser than the font's own box.
        box = QFontMetrics(font).boundingRect(QRect(0, 0, max(1, width), 100_000), WRAP, text)
        return round(box.height() * 1.06) + 2

    def natural_height(self, kind: PosterType, width: int, ring: int = 0) -> int:
        """How tall the poster is at ``width`` with these sizes, measured from the words."""
        inner = width - 2 * kind.margin - 2 * ring
        parts = [self._text_height(kind.headline, inner, self.headline.text(), bold=True),
                 self._text_height(kind.body, inner, self.message.text())]
        if self.visual is not None:
            parts.append(visual_height(self.visual, inner, kind.body))
        bottom = max(kind.small * 2, Metrics(em=kind.small).touch) if self.more.isVisibleTo(self) else 0
        if self.chip is not None:
            bottom = max(bottom, self._text_height(kind.small, inner // 2, self.chip.text()))
        parts.append(bottom)
        return sum(parts) + kind.spacing * (len(parts) - 1) + 2 * kind.margin + 4 * ring

    def _largest_body(self, width: int, height: int, metrics: Metrics, physical: Physical) -> float:
        """Body size before fitting: readable from the room, bigger where the screen has room."""
        near = physical.font_px_for_cap(BODY_CAP_MM) * metrics.text_scale
        room = min(height / LINES_PER_HEIGHT, width / EM_PER_WIDTH) * metrics.text_scale
        return max(near, room, float(metrics.em))

    def choose_type(self, width: int, height: int, metrics: Metrics,
                    physical: Physical = FALLBACK) -> PosterType:
        """The largest sizes at which the poster's words, measured, fit ``width`` x ``height``."""
        ring = max(3, metrics.px(0.15))
        body = self._largest_body(width, height, metrics, physical)
        floor = metrics.em
        while True:
            size = max(floor, round(body))
            for ratio in HEADLINE_RATIOS:
                kind = PosterType.at(size, ratio, metrics)
                if self.natural_height(kind, width, ring) <= height:
                    return kind
            if size <= floor:
                return kind  # bigger text than the screen holds: the page scrolls
            body *= SHRINK

    def _fits(self, kind: PosterType, width: int, height: int) -> bool:
        self.apply_type(kind)
        return self.column.totalHeightForWidth(width) <= height

    def fit(self, width: int, height: int, metrics: Metrics, physical: Physical = FALLBACK) -> None:
        """Fill ``height`` (the panel's viewport) with the largest type that fits in it.

        The measured words give a first guess; the real layout has the last word, a few
        steps up or down from there (labels lay out a little differently from the metrics).
        """
        kind = self.choose_type(width, height, metrics, physical)
        largest = round(self._largest_body(width, height, metrics, physical))
        if self._fits(kind, width, height):
            # Binary search upwards: the largest body (at this headline ratio) that still fits.
            ratio = kind.headline / kind.body
            low, high = kind.body, max(kind.body, largest)
            while high - low > 1:
                middle = (low + high) // 2
                if self._fits(PosterType.at(middle, ratio, metrics), width, height):
                    low = middle
                else:
                    high = middle
            if high > low and self._fits(PosterType.at(high, ratio, metrics), width, height):
                low = high
            kind = PosterType.at(low, ratio, metrics)
            self.apply_type(kind)
        else:
            for _ in range(6):
                if kind.body <= metrics.em:
                    break
                kind = PosterType.at(max(metrics.em, round(kind.body * SHRINK)), HEADLINE_RATIOS[-1], metrics)
                if self._fits(kind, width, height):
                    break
        self.setFixedHeight(max(height, self.column.totalHeightForWidth(width)))

    def apply_type(self, kind: PosterType) -> None:
        self.sizes = kind
        if self.visual is not None and hasattr(self.visual, "set_em"):
            self.visual.set_em(kind.body)
        self.column.setContentsMargins(kind.margin, kind.margin, kind.margin, kind.margin)
        self.column.setSpacing(kind.spacing)
        if kind == self._style_key:
            return
        self._style_key = kind
        button = max(kind.small * 2, Metrics(em=kind.small).touch)
        # A style sheet of its own: it beats the window's "* { font-size }" for these labels.
        self.setStyleSheet(f"""
QLabel#posterHeadline {{ font-size: {kind.headline}px; font-weight: bold; }}
QLabel#posterMessage {{ font-size: {kind.body}px; }}
QLabel#posterChip {{ font-size: {kind.small}px; }}
QPushButton#posterMore {{ font-size: {kind.small}px; min-height: {button}px;
    padding: 0 {kind.small}px; font-weight: bold; }}
""")
        for widget in (self.headline, self.message, self.chip, self.more):
            if widget is not None:
                widget.ensurePolished()
