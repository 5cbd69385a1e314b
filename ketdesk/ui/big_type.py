"""Big type kept as pictures, so that it is rasterised once and not on every paint.

Qt's raster engine keeps the glyphs it has drawn in a cache, but only glyphs up to 64
device pixels (``GLYPH_CACHE_PX``). Bigger type, such as a poster's headline (68-113 px at
1920x1080, 134-227 px at 3840x2160) and its picture's big numbers, is filled as a path
every time it is painted: 4-7 ms per headline at 4K, most of a panel switch there. Raising
the limit (``QT_MAX_CACHED_GLYPH_SIZE``) is no way out: with Qt 6.11 the FreeType engine
keeps its own 64 px limit and hands the raster engine empty glyphs, so the type is not
drawn at all (docs/performance.md).

``TextPictures`` draws one widget's text as ``QPainter.drawText(rect, flags, text)``
would, and keeps each piece of big text as a picture of just the box the text covers, in
its colour, for the next paint, trimmed to the pixels with ink. A widget keeps the
pictures of its last paint and of the state before its last change (a kiosk poster is
refitted back and forth as the attract loop and visitors take turns); older ones are let
go. Type within the glyph cache, and any painter that scales, turns or fades (a printer,
a scaled render), get ``drawText`` itself.
"""

from __future__ import annotations

import math
import unicodedata
from typing import cast

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QTransform
from PySide6.QtWidgets import QLabel, QStyle, QStyleOption, QWidget

# The largest glyph Qt's raster engine caches (qpaintengine_raster.cpp's default).
GLYPH_CACHE_PX = 64
# Room kept around the text's box beyond what its glyphs' boxes say, in ems (antialiasing).
INK_PAD_EM = 0.05

_Key = tuple[str, str, int, float, float, float, float, float, int, int]
# A picture: its pieces, each where it starts (device pixels from the rect's whole device
# pixel) and its image; None for text that is not kept (``_ink_beyond_box``), so that it
# is not looked at again.
_Picture = tuple[tuple[QPoint, QImage], ...] | None
_MISSING = object()


def over_glyph_cache(px: float, device_pixel_ratio: float) -> bool:
    """Whether type of ``px`` logical pixels is too big for Qt's glyph cache on this screen."""
    return px * device_pixel_ratio > GLYPH_CACHE_PX


def font_px(font: QFont) -> float:
    """A font's size in logical pixels (style sheets and the posters set pixels)."""
    if font.pixelSize() > 0:
        return float(font.pixelSize())
    return font.pointSizeF() * 96 / 72  # Qt's logical DPI on the platforms ketdesk runs on


def right_to_left(text: str) -> bool:
    """Whether ``text``'s first strong character is right-to-left (QString::isRightToLeft)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _plain_scale(transform: QTransform, ratio: float) -> bool:
    """The painter maps to its device by the pixel ratio and a shift only."""
    return (transform.m12() == 0 and transform.m21() == 0
            and abs(transform.m11() - ratio) < 1e-9 and abs(transform.m22() - ratio) < 1e-9)


class TextPictures:
    """The big text one widget paints, kept as pictures from one paint to the next.

    Call ``begin`` at the start of every paint and ``end`` after it; ``draw_text`` in
    between. Kept: what the last paint drew, and what the paint before a change drew (the
    kiosk's attract loop and a visitor's touch refit a poster back and forth; each state
    finds its pictures again). Anything older is let go."""

    __slots__ = ("_kept", "_spare", "_used")

    def __init__(self) -> None:
        self._kept: dict[_Key, _Picture] = {}
        self._spare: dict[_Key, _Picture] = {}
        self._used: dict[_Key, _Picture] = {}

    def begin(self) -> None:
        self._used = {}

    def end(self) -> None:
        if self._used.keys() != self._kept.keys():
            self._spare = {k: v for k, v in self._kept.items() if k not in self._used}
        self._kept, self._used = self._used, {}

    def clear(self) -> None:
        self._kept, self._spare, self._used = {}, {}, {}

    @property
    def nbytes(self) -> int:
        """The memory the pictures kept now take, the spare ones too."""
        return sum(image.sizeInBytes() for kept in (*self._kept.values(), *self._spare.values())
                   if kept is not None for _start, image in kept)

    def __len__(self) -> int:
        """How many pictures are kept now."""
        return sum(kept is not None for kept in self._kept.values())

    def draw_text(self, painter: QPainter, rect: QRectF, flags: int, text: str) -> None:
        """``painter.drawText(rect, flags, text)``, from a kept picture where the type is big."""
        font = painter.font()
        ratio = painter.device().devicePixelRatioF()
        transform = painter.deviceTransform()
        pen = painter.pen()
        if (not text or not over_glyph_cache(font_px(font), ratio)
                or not _plain_scale(transform, ratio) or painter.opacity() != 1.0
                or not painter.renderHints() & QPainter.RenderHint.TextAntialiasing
                or painter.compositionMode() != QPainter.CompositionMode.CompositionMode_SourceOver
                or pen.style() == Qt.PenStyle.NoPen or pen.brush().style() != Qt.BrushStyle.SolidPattern):
            painter.drawText(rect, flags, text)
            return
        # Where the rect starts on the device: the picture is drawn at whole device pixels,
        # and the text inside it at the same fraction of a pixel as drawText would put it.
        x = transform.dx() + rect.x() * ratio
        y = transform.dy() + rect.y() * ratio
        whole_x, whole_y = math.floor(x), math.floor(y)
        colour = pen.color()
        direction = painter.layoutDirection()
        key: _Key = (text, font.key(), flags, rect.width(), rect.height(), ratio,
                     round(x - whole_x, 4), round(y - whole_y, 4), colour.rgba(), direction.value)
        found = self._used.get(key, self._kept.get(key, self._spare.get(key, _MISSING)))
        if found is _MISSING:
            kept = _picture(font, colour, direction, rect.width(), rect.height(), flags, text,
                            ratio, x - whole_x, y - whole_y)
        else:
            kept = cast(_Picture, found)
        self._used[key] = kept
        if kept is None:
            painter.drawText(rect, flags, text)
            return
        for start, image in kept:
            # Back to this painter's logical coordinates: device (whole_x, whole_y) + start.
            painter.drawImage(QPointF((whole_x + start.x() - transform.dx()) / ratio,
                                      (whole_y + start.y() - transform.dy()) / ratio), image)


def _picture(font: QFont, colour: QColor, direction: Qt.LayoutDirection, width: float, height: float,
             flags: int, text: str, ratio: float, frac_x: float, frac_y: float) -> _Picture:
    """The text drawn into a transparent image of the box it covers, and where that box
    starts (in device pixels) from the whole device pixel at the rect's top left; None
    where the box cannot be known (``_ink_beyond_box``)."""
    pads = _ink_beyond_box(font, text)
    if pads is None:
        return None
    rect = QRectF(frac_x / ratio, frac_y / ratio, width, height)
    bounds = QFontMetricsF(font).boundingRect(rect, flags, text)
    clipped = not flags & Qt.TextFlag.TextDontClip and not rect.contains(bounds)
    left_pad, top_pad, right_pad, bottom_pad = pads
    box = bounds.adjusted(-left_pad, -top_pad, right_pad, bottom_pad)
    if clipped:  # drawText clips to its rect only when the text is bigger than it
        box = box.intersected(rect)
    left, top = math.floor(box.left() * ratio), math.floor(box.top() * ratio)
    right, bottom = math.ceil(box.right() * ratio), math.ceil(box.bottom() * ratio)
    image = QImage(max(1, right - left), max(1, bottom - top), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.translate(-left / ratio, -top / ratio)
    painter.setFont(font)
    painter.setPen(colour)
    painter.setLayoutDirection(direction)
    if clipped:
        painter.setClipRect(rect)
    painter.drawText(rect, flags, text)
    painter.end()
    strip = max(1, math.ceil(QFontMetricsF(font).lineSpacing() * ratio))
    return tuple((QPoint(left + x, top + y), piece) for x, y, piece in _inked_pieces(image, strip))


def _inked_pieces(image: QImage, strip: int) -> list[tuple[int, int, QImage]]:
    """The image cut into strips about a line tall, each trimmed to the pixels with any ink:
    a wrapped text's short last line, the gap after a line, the room left for accents that
    are not there cost no memory. Every pixel with any ink is in exactly one piece (in
    premultiplied ARGB a pixel without ink is four zero bytes)."""
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    bits = image.constBits()  # read in place, a row at a time: no copy of the whole image
    pieces: list[tuple[int, int, QImage]] = []
    for top in range(0, height, strip):
        first = last = -1
        left, right = width, 0
        for y in range(top, min(top + strip, height)):
            row = bytes(bits[y * stride:y * stride + width * 4])
            ink_left = (len(row) - len(row.lstrip(b"\0"))) // 4
            if ink_left == width:
                continue
            first = y if first < 0 else first
            last = y
            left = min(left, ink_left)
            right = max(right, -(-len(row.rstrip(b"\0")) // 4))
        if first >= 0:
            piece = image.copy(left, first, right - left, last + 1 - first)
            piece.setDevicePixelRatio(image.devicePixelRatio())
            pieces.append((left, first, piece))
    return pieces


def _ink_beyond_box(font: QFont, text: str) -> tuple[float, float, float, float] | None:
    """How far the text's ink may reach past the box drawText lays it out in: above a line's
    ascent (a capital's accent), below its descent, left of its start (a "j") and right of
    a glyph's advance (an "f"); every line's glyphs are some of the text's, so the glyphs'
    own boxes bound them all. None for text with combining marks, which stack above any
    box the font's metrics give (such text is drawn by drawText, not kept)."""
    metrics = QFontMetricsF(font)
    ascent, descent = metrics.ascent(), metrics.descent()
    left = top = right = bottom = 0.0
    for char in set(text):
        if unicodedata.category(char).startswith("M"):
            return None
        glyph = metrics.tightBoundingRect(char)
        left = max(left, -glyph.left())
        right = max(right, glyph.right() - metrics.horizontalAdvance(char))
        top = max(top, -glyph.top() - ascent)
        bottom = max(bottom, glyph.bottom() - descent)
    pad = font_px(font) * INK_PAD_EM
    return left + pad, top + pad, right + pad, bottom + pad


class BigTypeLabel(QLabel):
    """A plain-text label whose type, when over Qt's glyph cache, is kept as a picture.

    It draws what QLabel draws for plain text (its frame, then its text in the palette's
    colour for its role), so that both look the same (tests/gui/test_big_type.py); rich,
    selectable, indented or disabled labels are left to QLabel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pictures = TextPictures()

    def _own_drawing(self) -> bool:
        return (self.textFormat() == Qt.TextFormat.PlainText and self.indent() == 0
                and self.isEnabled() and self.foregroundRole() != self.palette().ColorRole.NoRole
                and not self.textInteractionFlags() & (Qt.TextInteractionFlag.TextSelectableByMouse
                                                       | Qt.TextInteractionFlag.TextSelectableByKeyboard)
                and over_glyph_cache(font_px(self.font()), self.devicePixelRatioF()))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self._own_drawing():
            self.pictures.clear()
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.drawFrame(painter)
        rect = self.contentsRect()
        margin = self.margin()
        rect.adjust(margin, margin, -margin, -margin)
        # As QLabel: plain text runs the way its first strong character says.
        rtl = right_to_left(self.text())
        direction = Qt.TextFlag.TextForceRightToLeft if rtl else Qt.TextFlag.TextForceLeftToRight
        align = QStyle.visualAlignment(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight, self.alignment())
        flags = int(align) | int(direction)
        if self.wordWrap():
            flags |= int(Qt.TextFlag.TextWordWrap)
        option = QStyleOption()
        option.initFrom(self)  # the colour group QStyle.drawItemText would draw in
        painter.setPen(option.palette.brush(self.foregroundRole()).color())
        self.pictures.begin()
        self.pictures.draw_text(painter, QRectF(rect), flags, self.text())
        self.pictures.end()
        painter.end()
