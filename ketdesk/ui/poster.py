"""A poster: a panel's one message, sized to be read from across a waiting room.

One headline, one picture, one or two short sentences, the source numbers, and a "More"
button that leads to the rest of the panel. The poster fills the first screen of its panel
(the page continues below it) and is sized for viewing distance, not for window width:

- body text starts at capital letters of ``BODY_CAP_MM`` on the real screen
  (``ketdesk.ui.physical``), or bigger where the screen has room (a 4K wall, portrait);
- the headline is ``HEADLINE_RATIOS[0]`` times the body, or less when that would not fit;
- on a small landscape screen (a 10-inch 1024x600 kiosk) where the picture above the words
  would push the body below its millimetres, the picture moves beside the message and is
  sized to the room left there, so that the words keep their size: a picture's labels may
  be smaller than the body, the body may not;
- then everything shrinks together until the poster fits its viewport, never below the
  page's own body size (which carries the visitor's text scale).

The sizes are found by measuring the words with font metrics (cheap), then checked once
against the real layout, and set in a style sheet of the poster's own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ketdesk.ui.big_type import BigTypeLabel
from ketdesk.ui.physical import CAP_RATIO, FALLBACK, Physical
from ketdesk.ui.poster_visual import visual_height
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import button_text, make_label

# The rule for a two-metre viewing distance: capitals of body text at least 6 mm.
BODY_CAP_MM = 6.0
# Headline size over body size, largest first: the first that fits wins.
HEADLINE_RATIOS = (2.1, 1.8, 1.55, 1.35)
# Source numbers and the buttons' words, over the body size.
SMALL = 0.7
# Each step down in body size when the poster does not fit.
SHRINK = 0.93
# Where the screen has room, body text grows with it: this many body lines fill the
# viewport's height, this many characters its width (whichever is smaller).
LINES_PER_HEIGHT = 15
EM_PER_WIDTH = 18
# The picture goes beside the message only on a screen at least this much wider than tall,
# and takes this share of the row (the message the rest).
SIDE_MIN_ASPECT = 1.3
SIDE_VISUAL_SHARES = (0.35, 0.42, 0.5, 0.58)  # tried in turn: the one giving the largest picture wins
# Beside the message, the picture's text over the body's that a bigger headline must leave.
PICTURE_SHARE = 0.55
SIDE_SPACE = 0.4  # margins and gaps then, in body sizes (0.55-0.6 otherwise)
# The More button's height over its text size: room for the text and a finger.
BUTTON_HEIGHT = 1.7
# How picture and message stand: the picture above, its text the body's size; above, with
# text of its own size (smaller); beside the message, with text of its own size.
STACKED, STACKED_OWN_PICTURE, SIDE = "stacked", "stacked, own picture size", "side"
WRAP = int(Qt.TextFlag.TextWordWrap)
QWIDGETSIZE_MAX = (1 << 24) - 1


@dataclass(frozen=True)
class PosterType:
    """The pixel sizes of a poster's parts, for one viewport."""

    body: int
    headline: int
    small: int
    spacing: int
    margin: int
    side: bool = False  # the picture beside the message rather than above it
    visual_em: int = 0  # the picture's own text size; 0: the body's
    share: float = SIDE_VISUAL_SHARES[0]  # side by side: the picture's share of the row

    @staticmethod
    def at(body: int, ratio: float, metrics: Metrics) -> PosterType:
        # Never smaller than the page's own title: with the biggest text the poster scrolls
        # like the page, and its headline still reads as the headline.
        return PosterType(body=body, headline=max(metrics.h1, round(body * ratio)),
                          small=max(metrics.small, round(body * SMALL)),
                          spacing=max(metrics.gap, round(body * 0.55)),
                          margin=max(metrics.px(0.5), round(body * 0.6)))

    @property
    def picture_em(self) -> int:
        return self.visual_em or self.body

    @property
    def ratio(self) -> float:
        return self.headline / self.body


class Poster(QFrame):
    """Headline, picture, message, source numbers and More; sized by ``fit``."""

    more_requested = Signal()

    def __init__(self, headline: str, message: str, *, visual: QWidget | None = None,
                 chip: QLabel | None = None, more_text: str = "", more_description: str = "",
                 name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("poster")
        self.setAccessibleName(name or headline)
        # Poster type is mostly over Qt's glyph cache: these labels keep their drawing.
        self.headline = make_label(headline, "posterHeadline", kind=BigTypeLabel)
        self.headline.setObjectName("posterHeadline")
        self.message = make_label(message, "posterMessage", kind=BigTypeLabel)
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
        # Picture and message: one above the other, or side by side (``PosterType.side``).
        self.middle = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.middle.setContentsMargins(0, 0, 0, 0)
        self._picture_box = QVBoxLayout()
        self._picture_box.setContentsMargins(0, 0, 0, 0)
        self._picture_box.addStretch(1)
        if visual is not None:
            visual.setParent(self)
            self._picture_box.addWidget(visual)
            self._picture_box.addStretch(1)
        self.middle.addLayout(self._picture_box, 1)
        self.middle.addWidget(self.message)
        self.column.addLayout(self.middle, 1)
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
            policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            policy.setHeightForWidth(True)  # chips that do not fit one row take two
            chip.setSizePolicy(policy)
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
        self._width = 0  # the width being fitted: a side-by-side message needs it
        self._readable: dict[tuple[str, float], int] = {}
        self._natural: dict[tuple[object, ...], int] = {}

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
        # The searches ask the same sizes again and again; the words' own heights are
        # remembered too, by font, so this only saves the adding up.
        key = (kind, width, ring, self.reserve, self.more.isVisibleTo(self), self.headline.font().family())
        known = self._natural.get(key)
        if known is None:
            known = self._natural[key] = self._natural_height(kind, width, ring)
        return known

    def _natural_height(self, kind: PosterType, width: int, ring: int) -> int:
        inner = width - 2 * kind.margin - 2 * ring
        headline = self._text_height(kind.headline, inner, self.headline.text(), bold=True)
        if kind.side and self.visual is not None:
            picture_width, message_width = self._side_widths(kind, inner)
            row = max(self._text_height(kind.body, message_width, self.message.text()),
                      visual_height(self.visual, picture_width, kind.picture_em))
            parts = [headline, row]
        else:
            parts = [headline, self._text_height(kind.body, inner, self.message.text())]
            if self.visual is not None:
                parts.append(visual_height(self.visual, inner, kind.picture_em))
        parts.append(self._bottom_height(kind, inner))
        return sum(parts) + kind.spacing * (len(parts) - 1) + 2 * kind.margin + 4 * ring + self.reserve

    def _bottom_height(self, kind: PosterType, inner: int) -> int:
        more = self.more.isVisibleTo(self)
        bottom = self._button_height(kind) if more else 0
        if self.chip is None:
            return bottom
        if self.chip.text():
            return max(bottom, self._text_height(kind.small, inner // 2, self.chip.text()))
        # Chips alone, beside the tools and More: in as many rows as that width needs.
        beside = self.tools.sizeHint().width() + kind.spacing if self.tools.isVisibleTo(self) else 0
        if more:
            font = QFont(self.more.font())
            font.setPixelSize(kind.small)
            font.setBold(True)
            text = QFontMetrics(font).horizontalAdvance(self.more.text())
            beside += text + 2 * kind.small + 8 + kind.spacing  # the style sheet's padding, borders
        return max(bottom, self.chip.heightForWidth(max(1, inner - beside)))

    def _button_height(self, kind: PosterType) -> int:
        return max(round(kind.small * BUTTON_HEIGHT), self._target)

    @staticmethod
    def _side_widths(kind: PosterType, inner: int) -> tuple[int, int]:
        """The picture's and the message's widths when they stand side by side."""
        row = inner - kind.spacing
        picture = round(row * kind.share)
        return picture, row - picture

    def _side_type(self, kind: PosterType, width: int, height: int, ring: int, floor: int,
                   correction: float, picture: bool = True) -> PosterType:
        """``kind`` with the picture beside the message.

        With ``picture``, of the shares of the row tried, the one whose picture text comes
        out largest (the message's size stays put). Without, only whether the words fit:
        the picture at its smallest, at the share that makes the poster shortest (the
        searches for the body size need no more, and ask often).
        """
        side = self._tight(replace(kind, side=True))
        if self.visual is None:
            return side
        if not picture:
            smallest = [replace(side, share=share, visual_em=floor) for share in SIDE_VISUAL_SHARES]
            return min(smallest, key=lambda option: self.natural_height(option, width, ring))
        options = [self._side_picture(replace(side, share=share), width, height, ring, floor, correction)
                   for share in SIDE_VISUAL_SHARES]
        fitting = [o for o in options if self.natural_height(o, width, ring) * correction <= height]
        # Largest picture text; on a tie, the narrowest picture (the widest message).
        return max(fitting or options, key=lambda o: (o.visual_em, -o.share))

    @staticmethod
    def _tight(kind: PosterType) -> PosterType:
        """Tighter white space, for a picture with text of its own: on a screen where the
        words only just fit at their readable size, every line counts."""
        tight = max(4, round(kind.body * SIDE_SPACE))
        return replace(kind, spacing=min(kind.spacing, tight), margin=min(kind.margin, tight))

    def _side_picture(self, side: PosterType, width: int, height: int, ring: int, floor: int,
                      correction: float) -> PosterType:
        """The largest picture text at which ``side`` fits (at most the body, at least ``floor``)."""
        def fits(em: int) -> bool:
            return self.natural_height(replace(side, visual_em=em), width, ring) * correction <= height

        if fits(side.body) or not fits(floor):
            return replace(side, visual_em=side.body if fits(side.body) else floor)
        low, high = floor, side.body
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if fits(middle) else (low, middle)
        return replace(side, visual_em=low)

    def _largest_body(self, width: int, height: int, metrics: Metrics, physical: Physical) -> float:
        """Body size before fitting: readable from the room, bigger where the screen has room."""
        near = self.readable_body(physical) * metrics.text_scale
        room = min(height / LINES_PER_HEIGHT, width / EM_PER_WIDTH) * metrics.text_scale
        return max(near, room, float(metrics.em))

    def readable_body(self, physical: Physical) -> int:
        """The smallest body size in pixels whose capitals are ``BODY_CAP_MM`` tall on the
        screen, measured in the poster's own font (its capitals are not every font's)."""
        font = QFont(self.message.font())
        key = (font.family(), physical.px_per_mm)
        known = self._readable.get(key)
        if known is not None:
            return known

        def cap(px: int) -> float:
            font.setPixelSize(px)
            return QFontMetricsF(font).capHeight()

        wanted = BODY_CAP_MM * physical.px_per_mm
        px = physical.font_px_for_cap(BODY_CAP_MM, CAP_RATIO)  # a first guess, then exact
        while px < 1000 and cap(px) < wanted:
            px += 1
        while px > 1 and cap(px - 1) >= wanted:
            px -= 1
        self._readable[key] = px
        return px

    def choose_type(self, width: int, height: int, metrics: Metrics,
                    physical: Physical = FALLBACK, correction: float = 1.0,
                    like: str = "") -> PosterType:
        """The largest sizes at which the poster's words, measured, fit ``width`` x ``height``.

        The picture stands above the message and grows with the words, as long as that
        leaves the body at its readable size. Where it does not (a small screen), the
        picture gets text of its own size, above the message or, on a landscape screen,
        beside it: whichever keeps the body readable with the largest picture.
        ``correction`` is how much taller the real layout came out than the words measured
        (below 1: shorter), so a second guess lands close to the real limit; ``like``: only
        in that arrangement (the second guess keeps the first one's).
        """
        arrangement = (width, height, metrics, physical, correction)
        if like:
            return self._choose(*arrangement, like)
        stacked = self._choose(*arrangement, STACKED)
        readable = round(self.readable_body(physical) * metrics.text_scale)
        if self.visual is None or stacked.body >= readable:
            return stacked
        # A landscape screen has the width for the picture beside the words; a portrait
        # one the height for it above them.
        other = SIDE if width >= height * SIDE_MIN_ASPECT else STACKED_OWN_PICTURE
        options = [stacked, self._choose(*arrangement, other)]
        # The body's readable size first, then the largest picture, then the largest body.
        return max(options, key=lambda kind: (min(kind.body, readable), kind.picture_em, kind.body))

    def _variant(self, body: int, ratio: float, like: str, metrics: Metrics, width: int,
                 height: int, correction: float = 1.0, picture: bool = True) -> PosterType:
        """The sizes for ``body`` and ``ratio`` in arrangement ``like``; ``picture``: with the
        picture's text searched (else at its smallest, enough to know whether it fits)."""
        kind = PosterType.at(body, ratio, metrics)
        if like == STACKED or self.visual is None:
            return kind
        ring, floor = self._ring_for(metrics), metrics.em
        if like == SIDE:
            return self._side_type(kind, width, height, ring, floor, correction, picture)
        own = self._tight(replace(kind, visual_em=floor))
        return self._side_picture(own, width, height, ring, floor, correction) if picture else own

    @staticmethod
    def arrangement_of(kind: PosterType) -> str:
        if kind.side:
            return SIDE
        return STACKED_OWN_PICTURE if kind.visual_em else STACKED

    @staticmethod
    def _ring_for(metrics: Metrics) -> int:
        return max(3, metrics.px(0.15))

    def _choose(self, width: int, height: int, metrics: Metrics, physical: Physical,
                correction: float, like: str) -> PosterType:
        ring = self._ring_for(metrics)
        floor = metrics.em
        largest = max(floor, round(self._largest_body(width, height, metrics, physical)))
        if like != STACKED:
            # A picture with text of its own is there for a screen short of room: the body
            # at its readable size is enough, and what is left goes to the picture.
            largest = max(floor, min(largest, round(self.readable_body(physical) * metrics.text_scale)))

        def make(body: int, ratio: float, picture: bool = True) -> PosterType:
            return self._variant(body, ratio, like, metrics, width, height, correction, picture)

        def fits(body: int, ratio: float) -> bool:
            probe = make(body, ratio, picture=False)  # a picture with text of its own: at its smallest
            return self.natural_height(probe, width, ring) * correction <= height

        # Height grows with the body size at a fixed headline ratio: binary search for the
        # largest body that fits with the smallest headline, then the largest headline there.
        smallest = HEADLINE_RATIOS[-1]
        if fits(largest, smallest):
            body = largest
        elif not fits(floor, smallest):
            return make(floor, smallest)  # bigger text than the screen holds
        else:
            low, high = floor, largest  # fits at low, not at high
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if fits(middle, smallest) else (low, middle)
            body = low
        ratios = [r for r in HEADLINE_RATIOS if fits(body, r)]
        if like == STACKED:
            return make(body, ratios[0])
        # A picture with text of its own takes what the headline leaves: the largest
        # headline that leaves its text at least PICTURE_SHARE of the body, else the
        # smallest headline, which leaves the largest picture.
        wanted = round(body * PICTURE_SHARE)
        for ratio in ratios[:-1]:
            kind = make(body, ratio)
            if kind.picture_em >= wanted:
                return kind
        return make(body, ratios[-1])

    def _fits(self, kind: PosterType, width: int, height: int) -> bool:
        self.apply_type(kind)
        return self.column.totalHeightForWidth(width) <= height

    def fit(self, width: int, height: int, metrics: Metrics, physical: Physical = FALLBACK) -> None:
        """Fill ``height`` (the panel's viewport) with the largest type that fits in it.

        Restyling the poster costs a few milliseconds, so it is tried two or three times,
        not searched: a first guess from the measured words, then a second one corrected
        by how far the real layout was from the measurement, then steps down if needed.
        """
        ring = self._ring = self._ring_for(metrics)
        self._width, self._target = width, metrics.target
        first = self.choose_type(width, height, metrics, physical)
        self.apply_type(first)
        real = self.column.totalHeightForWidth(width)
        measured = max(1, self.natural_height(first, width, ring))
        correction = real / measured
        kind = self.choose_type(width, height, metrics, physical, correction=correction,
                                like=self.arrangement_of(first))
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
            like = self.arrangement_of(kind)
            bigger = self._variant(body, kind.ratio, like, metrics, width, height, correction)
            if not self._fits(bigger, width, height):
                self.apply_type(kind)
                break
            kind = bigger
        for _ in range(6):
            if self.column.totalHeightForWidth(width) <= height or kind.body <= metrics.em:
                break
            smaller = max(metrics.em, round(kind.body * SHRINK))
            like = self.arrangement_of(kind)
            kind = self._variant(smaller, HEADLINE_RATIOS[-1], like, metrics, width, height, correction)
            self.apply_type(kind)
        self.setFixedHeight(max(height, self.column.totalHeightForWidth(width)))

    _ring = 3
    _target = 44  # the window's least tap target (9 mm on the configured screen)

    def _arrange(self, kind: PosterType) -> None:
        """Picture above the message, or beside it with the message at its measured width."""
        side = kind.side and self.visual is not None
        self.middle.setDirection(QBoxLayout.Direction.LeftToRight if side
                                 else QBoxLayout.Direction.TopToBottom)
        self.middle.setSpacing(kind.spacing)
        if side:
            inner = self._width - 2 * kind.margin - 2 * self._ring
            _picture, message = self._side_widths(kind, inner)
            self.message.setFixedWidth(max(1, message))
            self.middle.setAlignment(self.message, Qt.AlignmentFlag.AlignVCenter)
        else:
            self.message.setMinimumWidth(0)
            self.message.setMaximumWidth(QWIDGETSIZE_MAX)
            self.middle.setAlignment(self.message, Qt.AlignmentFlag(0))

    def apply_type(self, kind: PosterType) -> None:
        self.sizes = kind
        if self.visual is not None and hasattr(self.visual, "set_em"):
            self.visual.set_em(kind.picture_em)
        self._arrange(kind)
        self.column.setContentsMargins(kind.margin, kind.margin, kind.margin, kind.margin + self.reserve)
        self.column.setSpacing(kind.spacing)
        if kind == self._style_key:
            self._forget_heights()
            return
        self._style_key = kind
        button = self._button_height(kind)
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
        self._forget_heights()

    def _forget_heights(self) -> None:
        """Drop the heights the inner layouts keep: a child's new size reaches only the
        outer layout at once, and measuring the poster asks the inner ones right away."""
        for layout in (self._picture_box, self.middle, self._tools_row, self._bottom, self.column):
            layout.invalidate()
