"""The "How fast" poster's picture: the first view's 10 people per treatment, painted to size.

The same message as ``speed.SpeedView`` (ketamine and the comparison drug over "Hours",
pills over "Weeks", on one plain time line), painted whole so that the poster can size it
by its type and measure it exactly. Screen readers get every group in the accessible name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

from ketdesk.fonts import FAMILY
from ketdesk.ui.panels.timeline.icon_array import FigureRow, IconRowSpec, figure_fills, paint_figures
from ketdesk.ui.poster_visual import PosterVisual

PER_LINE = 5
WRAP = int(Qt.TextFlag.TextWordWrap)
EMPTY_ZONE = 0.6  # a step with no group is this many groups wide: the gap is the message


@dataclass(frozen=True)
class _Column:
    zone: int
    row: int | None  # index into the rows, or None for an empty step
    weight: float


class SpeedPoster(PosterVisual):
    """Zone words over a time line, then per group its label, its words and 10 people."""

    def __init__(self, zones: Sequence[str], rows: Sequence[IconRowSpec], row_zones: Sequence[int], *,
                 ink: str, background: str, name: str) -> None:
        super().__init__()
        self.zones = tuple(zones)
        self.rows = tuple(rows)
        self.row_zones = tuple(row_zones)
        self._ink, self._background = ink, background
        self.columns: list[_Column] = []
        for zone in range(len(self.zones)):
            members = [i for i, z in enumerate(self.row_zones) if z == zone]
            self.columns += [_Column(zone, i, 1.0) for i in members] or [_Column(zone, None, EMPTY_ZONE)]
        self.setAccessibleName(name)
        self.setAccessibleDescription(". ".join(f"{r.label}: {r.words}" for r in self.rows))
        # _parts by (width, em): the words never change, and a poster's fit asks ~40 times
        # (each time fitting fonts to every word: ~1 ms).
        self._parts_cache: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        self._fonts: dict[tuple[object, ...], QFont] = {}  # _fitting's answers, on every paint too

    # --- geometry -----------------------------------------------------------------------
    def _font(self, factor: float, bold: bool = False) -> QFont:
        font = QFont(FAMILY)
        font.setPixelSize(max(12, round(self.em * factor)))
        font.setBold(bold)
        return font

    def _fitting(self, factor: float, width: float, texts: Sequence[str], bold: bool = False) -> QFont:
        """The font at ``factor`` of the type, smaller if need be so that no word is wider
        than its column (a word is never broken: on a narrow portrait screen it was cut)."""
        key = (factor, width, int(bold), tuple(texts), self.em)  # int: refcounts of True
        known = self._fonts.get(key)
        if known is not None:
            return QFont(known)
        if len(self._fonts) > 256:
            self._fonts.clear()
        font = self._fonts[key] = self._fit_font(factor, width, texts, bold)
        return QFont(font)

    def _fit_font(self, factor: float, width: float, texts: Sequence[str], bold: bool) -> QFont:
        font = self._font(factor, bold)
        words = [w for text in texts for w in text.split()]
        while factor > 0.5:
            metrics = QFontMetrics(font)
            if all(metrics.horizontalAdvance(w) <= width for w in words):
                break
            factor *= 0.92
            font = self._font(factor, bold)
        return font

    def _label_font(self, width: float) -> QFont:
        return self._fitting(0.8, width, [r.label for r in self.rows])

    def _words_font(self, width: float) -> QFont:
        return self._fitting(0.9, width, [r.words for r in self.rows], bold=True)

    def _narrowest(self, width: int) -> float:
        return min(w for (_x, w), c in zip(self.column_rects(width), self.columns, strict=True)
                   if c.row is not None)

    def _gap(self) -> int:
        return max(8, round(self.em * 0.8))

    def _line(self) -> int:
        return max(3, round(self.em / 7))

    def column_rects(self, width: int) -> list[tuple[float, float]]:
        """(left, width) of each column."""
        gap = self._gap()
        free = max(1.0, width - gap * (len(self.columns) - 1))
        total = sum(c.weight for c in self.columns)
        out, x = [], 0.0
        for column in self.columns:
            w = free * column.weight / total
            out.append((x, w))
            x += w + gap
        return out

    def figure_height(self, column_width: float) -> float:
        per_px = PER_LINE * FigureRow.ASPECT + (PER_LINE - 1) * FigureRow.GAP
        return min(self.em * 2.4, column_width / per_px)

    def _text_h(self, font: QFont, width: float, text: str) -> int:
        return QFontMetrics(font).boundingRect(QRect(0, 0, max(1, int(width)), 100_000), WRAP, text).height()

    def _parts(self, width: int) -> tuple[int, int, int, int]:
        """Heights of the zone row (words and line), labels, words and figures."""
        key = (width, self.em)
        parts = self._parts_cache.get(key)
        if parts is None:
            if len(self._parts_cache) > 256:  # widths a window has been, each a few type sizes
                self._parts_cache.clear()
            parts = self._parts_cache[key] = self._measure_parts(width)
        return parts

    def _measure_parts(self, width: int) -> tuple[int, int, int, int]:
        cols = self.column_rects(width)
        zone_h = QFontMetrics(self._font(1.0, True)).height() + self._line() * 4
        label_h = words_h = figures_h = 0
        narrowest = self._narrowest(width)
        label_font, words_font = self._label_font(narrowest), self._words_font(narrowest)
        for column, (_x, w) in zip(self.columns, cols, strict=True):
            if column.row is None:
                continue
            spec = self.rows[column.row]
            label_h = max(label_h, self._text_h(label_font, w, spec.label))
            words_h = max(words_h, self._text_h(words_font, w, spec.words))
            fh = self.figure_height(w)
            figures_h = max(figures_h, round(2 * fh + fh * FigureRow.GAP))
        return zone_h, label_h, words_h, figures_h

    def height_for(self, width: int, em: int) -> int:
        old, self.em = self.em, em
        try:
            return sum(self._parts(width)) + round(self.em * 0.3) * 3
        finally:
            self.em = old

    # --- painting -----------------------------------------------------------------------
    def draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = QColor(self._ink)
        width = self.width()
        cols = self.column_rects(width)
        zone_h, label_h, words_h, _figures_h = self._parts(width)
        step = round(self.em * 0.3)
        line = self._line()
        # The time line: one word per step over a thick line, an arrow at the end.
        painter.setFont(self._font(1.0, True))
        text_h = QFontMetrics(painter.font()).height()
        y_line = text_h + line * 2
        for zone, name in enumerate(self.zones):
            spans = [c for c, col in zip(cols, self.columns, strict=True) if col.zone == zone]
            left = spans[0][0]
            right = spans[-1][0] + spans[-1][1]
            painter.setPen(ink)
            # Centred over its zone, but never past the picture's edges: a last zone
            # narrower than its word ("Semanas" upright) would lose its end.
            word = QFontMetrics(painter.font()).horizontalAdvance(name)
            x = min(max(0.0, (left + right - word) / 2), max(0.0, width - word))
            box = QRectF(x, 0, max(word, right - left), text_h)
            self.draw_text(painter, box, int(Qt.AlignmentFlag.AlignLeft), name)
            pen = QPen(ink, line)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            last = zone == len(self.zones) - 1
            painter.drawLine(QPointF(left, y_line), QPointF(right - (line * 3 if last else 0), y_line))
            tick = left + line / 2
            painter.drawLine(QPointF(tick, y_line - line * 1.5), QPointF(tick, y_line + line * 1.5))
            if last:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(ink)
                head = line * 3
                painter.drawPolygon([QPointF(right, y_line), QPointF(right - head, y_line - head),
                                     QPointF(right - head, y_line + head)])
        top = zone_h + step
        narrowest = self._narrowest(width)
        label_font, words_font = self._label_font(narrowest), self._words_font(narrowest)
        for column, (x, w) in zip(self.columns, cols, strict=True):
            if column.row is None:
                continue
            spec = self.rows[column.row]
            painter.setPen(ink)
            painter.setFont(label_font)
            self.draw_text(painter, QRectF(x, top, w, label_h), WRAP, spec.label)
            painter.setFont(words_font)
            self.draw_text(painter, QRectF(x, top + label_h + step, w, words_h), WRAP, spec.words)
            fh = self.figure_height(w)
            fw, gap = fh * FigureRow.ASPECT, fh * FigureRow.GAP
            y0 = top + label_h + words_h + 2 * step
            rects = [QRectF(x + (i % PER_LINE) * (fw + gap), y0 + (i // PER_LINE) * (fh + gap), fw, fh)
                     for i in range(spec.count)]
            paint_figures(painter, rects, figure_fills(spec.value, spec.low, spec.high, spec.count),
                          colour=spec.colour, outline=self._ink, background=self._background,
                          claim=spec.claim, line=max(1.5, fh / 22))
