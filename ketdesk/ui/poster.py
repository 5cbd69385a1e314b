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
        self._bottom = bottom
        # The poster's own tools (Listen), before More: hidden with More in the attract loop.
        self.tools = QWidget(self)
        self.tools.setObjectName("posterTools")
        self._tools_row = QHBoxLayout(self.tools)
        self._tools_row.setContentsMargins(0, 0, 0, 0)
        self.tools.hide()
        if chip is not None:
            chip.setObjectName("posterChip")
            chip.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            bottom.addWidget(chip, 1, Qt.AlignmentFlag.AlignVCenter)
        else:
            bottom.addStretch(1)
        bottom.addWidget(self.tools, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bottom.addWidget(self.more, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.column.addLayout(bottom)
        self.sizes: PosterType | None = None
        # Pixels kept empty at the poster's foot (the attract loop's hint lies there): the
        # poster still covers them, so nothing of the page below shows through.
        self.reserve = 0
        # Measured text heights by (px, width, text, bold): a fit measures the same sizes
        # more than once, and every resize of a window measures them again.
        self._heights: dict[tuple[str, int, int, str, bool], int] = {}
        self._style_key: PosterType | None = None

    # --- sizing -----------------------------------------------------------------------
    def add_tool(self, tool: QWidget) -> None:
        """A control of the page's own (Listen) in the poster's bottom row, above the fold."""
        self._tools_row.addWidget(tool)
        self.tools.setVisible(not self._more_hidden)

    _more_hidden = False

    def set_more_visible(self, visible: bool) -> None:
        """The attract loop hides More and the tools: nothing on a poster there is a target
        but the poster."""
        self._more_hidden = not visible
        self.more.setVisible(visible and bool(self.more.text()))
        self.tools.setVisible(visible and self._tools_row.count() > 0)

    def _text_height(self, px: int, width: int, text: str, bold: bool = False) -> int:
        font = QFont(self.headline.font())
        # The family is part of the key: before the window's style sheet reaches the poster
        # its labels still have the default font, and those heights must not be kept.
        key = (font.family(), px, width, text, bold)
        cached = self._heights.get(key)
        if cached is not None:
            return cached
        font.setPixelSize(px)
        font.setBold(bold)
        # QLabel's rich and plain text both lay out a little looser than the font's own box.
        box = QFontMetrics(font).boundingRect(QRect(0, 0, max(1, width), 100_000), WRAP, text)
        height = self._heights[key] = round(box.height() * 1.06) + 2
        return height

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
        return sum(parts) + kind.spacing * (len(parts) - 1) + 2 * kind.margin + 4 * ring + self.reserve

    def _largest_body(self, width: int, height: int, metrics: Metrics, physical: Physical) -> float:
        """Body size before fitting: readable from the room, bigger where the screen has room."""
        near = physical.font_px_for_cap(BODY_CAP_MM) * metrics.text_scale
        room = min(height / LINES_PER_HEIGHT, width / EM_PER_WIDTH) * metrics.text_scale
        return max(near, room, float(metrics.em))

    def choose_type(self, width: int, height: int, metrics: Metrics,
                    physical: Physical = FALLBACK, correction: float = 1.0) -> PosterType:
        """The largest sizes at which the poster's words, measured, fit ``width`` x ``height``.

        ``correction`` is how much taller the real layout came out than the words measured
        (below 1: shorter), so a second guess lands close to the real limit.
        """
        ring = max(3, metrics.px(0.15))
        floor = metrics.em
        largest = max(floor, round(self._largest_body(width, height, metrics, physical)))

        def fits(body: int, ratio: float) -> bool:
            kind = PosterType.at(body, ratio, metrics)
            return self.natural_height(kind, width, ring) * correction <= height

        # Height grows with the body size at a fixed headline ratio: binary search for the
        # largest body that fits with the smallest headline, then the largest headline there.
        smallest = HEADLINE_RATIOS[-1]
        if fits(largest, smallest):
            body = largest
        elif not fits(floor, smallest):
            return PosterType.at(floor, smallest, metrics)  # bigger text than the screen holds
        else:
            low, high = floor, largest  # fits at low, not at high
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if fits(middle, smallest) else (low, middle)
            body = low
        ratio = next(r for r in HEADLINE_RATIOS if fits(body, r))
        return PosterType.at(body, ratio, metrics)

    def _fits(self, kind: PosterType, width: int, height: int) -> bool:
        self.apply_type(kind)
        return self.column.totalHeightForWidth(width) <= height

    def fit(self, width: int, height: int, metrics: Metrics, physical: Physical = FALLBACK) -> None:
        """Fill ``height`` (the panel's viewport) with the largest type that fits in it.

        Restyling the poster costs a few milliseconds, so it is tried two or three times,
        not searched: a first guess from the measured words, then a second one corrected
        by how far the real layout was from the measurement, then steps down if needed.
        """
        ring = max(3, metrics.px(0.15))
        first = self.choose_type(width, height, metrics, physical)
        self.apply_type(first)
        real = self.column.totalHeightForWidth(width)
        measured = max(1, self.natural_height(first, width, ring))
        kind = self.choose_type(width, height, metrics, physical, correction=real / measured)
        if kind != first and not self._fits(kind, width, height):
            kind = first if real <= height else kind
            self.apply_type(kind)
        # Room left (a picture that changed from a row to a list measures far from the
        # guess): up to two steps bigger, each kept only if it still fits.
        largest = round(self._largest_body(width, height, metrics, physical))
        for _ in range(2):
            if self.column.totalHeightForWidth(width) > height * 0.9 or kind.body >= largest:
                break
            body = min(largest, round(kind.body / SHRINK))
            bigger = PosterType.at(body, kind.headline / kind.body, metrics)
            if not self._fits(bigger, width, height):
                self.apply_type(kind)
                break
            kind = bigger
        for _ in range(6):
            if self.column.totalHeightForWidth(width) <= height or kind.body <= metrics.em:
                break
            kind = PosterType.at(max(metrics.em, round(kind.body * SHRINK)), HEADLINE_RATIOS[-1], metrics)
            self.apply_type(kind)
        self.setFixedHeight(max(height, self.column.totalHeightForWidth(width)))

    def apply_type(self, kind: PosterType) -> None:
        self.sizes = kind
        if self.visual is not None and hasattr(self.visual, "set_em"):
            self.visual.set_em(kind.body)
        self.column.setContentsMargins(kind.margin, kind.margin, kind.margin, kind.margin + self.reserve)
        self.column.setSpacing(kind.spacing)
        if kind == self._style_key:
            return
        self._style_key = kind
        button = max(kind.small * 2, Metrics(em=kind.small).touch)
        # A style sheet of its own: it beats the window's "* { font-size }" for these labels.
        self.setStyleSheet(f"""
QLabel#posterHeadline {{ font-size: {kind.headline}px; font-weight: bold; border: none; }}
QLabel#posterMessage {{ font-size: {kind.body}px; border: none; }}
QLabel#posterChip {{ font-size: {kind.small}px; }}
QPushButton#posterMore {{ font-size: {kind.small}px; min-height: {button}px;
    padding: 0 {kind.small}px; font-weight: bold; }}
""")
        # Polished now, so that what is measured next is what will be drawn. (The headline
        # and message take no focus: no room kept for a focus ring, which the window's
        # style sheet would add only once the poster is polished in place.)
        for widget in (self.headline, self.message, self.chip, self.more, self.visual):
            if widget is not None:
                widget.ensurePolished()
