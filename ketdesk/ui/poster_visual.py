"""The picture of a poster: what a ``Poster`` sizes, and the kit's pictures made of items.

A poster's type is sized for the room, not for the window, so its picture must be told the
type size and asked how tall it would be: ``PosterVisual.set_em`` and ``height_for``. A
panel with a picture of its own (an icon array, a chart) subclasses ``PosterVisual``; any
other widget can be a poster's picture too and is measured by its size hint.

``ItemsVisual`` draws a few short items three ways: big values side by side ("facts"),
steps joined by arrows ("chain") and ticked lines ("checklist"). Side by side when the
screen is wide, one under the other when it is tall: a portrait screen gets one column of
bigger type rather than a row with half the screen empty below it. Painted, so that the
poster can measure it exactly; screen readers get every item in its accessible name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ketdesk.ui.big_type import TextPictures
from ketdesk.ui.theme import STANDARD, Theme

WRAP = int(Qt.TextFlag.TextWordWrap)
CENTRE = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class PosterVisual(QWidget):
    """A picture that a poster sizes by its type: override ``height_for`` (and paint by ``em``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.em = 24
        self.pictures = TextPictures()
        self._measured: dict[tuple[str, int, int], int] = {}
        # Never squeezed below the height its items need; the poster makes room instead.
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        del event
        painter = QPainter(self)
        self.pictures.begin()
        self.draw(painter)
        self.pictures.end()
        painter.end()

    def draw(self, painter: QPainter) -> None:
        """Draw the picture at its size and ``em`` (a subclass's painting); its text by
        ``draw_text``."""
        raise NotImplementedError

    def draw_text(self, painter: QPainter, rect: QRect | QRectF, flags: int, text: str) -> None:
        """``painter.drawText``, keeping big type as a picture (``ketdesk.ui.big_type``)."""
        self.pictures.draw_text(painter, QRectF(rect), flags, text)

    def set_em(self, em: int) -> None:
        """The poster's body text size in pixels; the picture's own sizes follow it."""
        if em != self.em:
            self.em = em
            self.updateGeometry()
            self.update()

    def height_for(self, width: int, em: int) -> int:
        """How tall the picture is at ``width`` with body text of ``em`` pixels."""
        return self.sizeHint().height()

    def measured_height(self, width: int, em: int) -> int:
        """``height_for``, remembered: a poster's fit asks the same sizes many times. Keyed
        by the font family too: the window's style sheet sets the font after a first measure."""
        key = (self.font().family(), width, em)
        known = self._measured.get(key)
        if known is None:
            known = self._measured[key] = self.height_for(width, em)
        return known

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self.height_for(width, self.em)


def visual_height(visual: QWidget, width: int, em: int) -> int:
    """The height a poster gives its picture: asked of a PosterVisual, else its own hints."""
    if isinstance(visual, PosterVisual):
        return visual.measured_height(width, em)
    if visual.hasHeightForWidth():
        return visual.heightForWidth(width)
    return visual.sizeHint().height()


@dataclass(frozen=True)
class Item:
    value: str  # big: "5 in 10", "NMDA"; empty in a checklist
    label: str  # a few words


class ItemsVisual(PosterVisual):
    """A few items as facts, a chain of steps, or a checklist, in a row or a column."""

    def __init__(self, items: Sequence[Item], style: str = "facts", theme: Theme = STANDARD,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = tuple(items)
        self.style_ = style
        self.theme = theme
        self.setObjectName(f"posterVisual-{style}")
        self._heights: dict[tuple[str, int, int], int] = {}  # the items never change
        self.setAccessibleName("; ".join(" ".join(t for t in (i.value, i.label) if t)
                                         for i in self.items))

    # --- fonts and sizes, all from em -------------------------------------------------
    def _font(self, factor: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(1, round(self.em * factor)))
        font.setBold(bold)
        return font

    def _value_factor(self) -> float:
        return 1.9 if self.style_ == "facts" else 1.2

    def _label_factor(self) -> float:
        return 1.0 if self.style_ == "checklist" else 0.9

    def _pad(self) -> int:
        # A chain's steps are one short word each: less padding keeps five of them short.
        return max(4, round(self.em * (0.3 if self.style_ == "chain" else 0.45)))

    def _gap(self) -> int:
        # Between chain steps the gap holds an arrow.
        return round(self.em * (1.3 if self.style_ == "chain" else 0.6))

    def _column_gap(self) -> int:
        # One under the other, a chain's arrow stands in the gap: short, so that the chain
        # still fits beside a poster's message on a small screen.
        return round(self.em * (0.7 if self.style_ == "chain" else 0.4))

    def _row_mode(self, width: int) -> bool:
        """Side by side when every item gets a column of at least 6.5 em (5.5 for a chain's
        steps, whose values are short words); a checklist is always a list."""
        count = max(1, len(self.items))
        if self.style_ == "checklist":
            return False
        column = 5.5 if self.style_ == "chain" else 6.5
        need = count * self.em * column + (count - 1) * self._gap()
        return width >= need

    def _checklist_columns(self, width: int) -> int:
        return 2 if len(self.items) >= 4 and width >= self.em * 30 else 1

    # --- measuring --------------------------------------------------------------------
    def _text_height(self, font: QFont, width: int, text: str) -> int:
        if not text:
            return 0
        return QFontMetrics(font).boundingRect(QRect(0, 0, max(1, width), 100_000), WRAP, text).height()

    def _value_font_for(self, width: int) -> QFont:
        """The values' font, smaller when the widest value would not fit its column."""
        font = self._font(self._value_factor(), bold=True)
        widest = max((QFontMetrics(font).horizontalAdvance(i.value) for i in self.items), default=0)
        if widest > width > 0:
            font.setPixelSize(max(1, int(font.pixelSize() * width / widest)))
        return font

    def _label_font_for(self, width: int) -> QFont:
        """The labels' font, smaller when a single word would not fit the column (a word
        cannot wrap, and "connections" in a narrow step would be cut at both sides)."""
        font = self._font(self._label_factor())
        words = [word for item in self.items for word in item.label.split()]
        widest = max((QFontMetrics(font).horizontalAdvance(w) for w in words), default=0)
        if widest > width > 0:
            font.setPixelSize(max(1, int(font.pixelSize() * width / widest)))
        return font

    def _cell_width(self, width: int) -> int:
        count = max(1, len(self.items))
        return max(1, (width - (count - 1) * self._gap()) // count)

    def _row_cell_height(self, cell_width: int) -> int:
        pad = self._pad()
        inner = cell_width - 2 * pad
        value = QFontMetrics(self._value_font_for(inner)).height() if any(i.value for i in self.items) else 0
        label_font = self._label_font_for(inner)
        labels = max((self._text_height(label_font, inner, i.label) for i in self.items), default=0)
        return 2 * pad + value + round(self.em * 0.15) + labels

    def _value_column_width(self, width: int) -> int:
        if not any(i.value for i in self.items):
            return 0
        font = self._value_font_for(width // 3)
        return max(QFontMetrics(font).horizontalAdvance(i.value) for i in self.items)

    def _column_rows(self, width: int) -> list[int]:
        """The height of each item in one-column mode (or each row of a checklist)."""
        pad = self._pad()
        if self.style_ == "checklist":
            columns = self._checklist_columns(width)
            column_width = (width - (columns - 1) * self._gap()) // columns
            box = round(self.em * 1.3)
            text_width = column_width - 2 * pad - box - round(self.em * 0.5)
            font = self._font(self._label_factor())
            heights = [max(box, self._text_height(font, text_width, i.label)) + 2 * pad for i in self.items]
            rows = range((len(heights) + columns - 1) // columns)
            return [max(heights[r * columns:(r + 1) * columns]) for r in rows]
        value_width = self._value_column_width(width)
        text_width = width - 2 * pad - value_width - round(self.em * 0.6)
        value_h = QFontMetrics(self._value_font_for(width // 3)).height()
        font = self._font(self._label_factor())
        return [max(value_h if i.value else 0, self._text_height(font, text_width, i.label)) + 2 * pad
                for i in self.items]

    def height_for(self, width: int, em: int) -> int:
        # Keyed by family too: the window's style sheet sets the font after the first measure.
        key = (self.font().family(), width, em)
        cached = self._heights.get(key)
        if cached is not None:
            return cached
        height = self._heights[key] = self._measure(width, em)
        return height

    def _measure(self, width: int, em: int) -> int:
        old, self.em = self.em, em  # measure at em without repainting at it
        try:
            if self._row_mode(width):
                return self._row_cell_height(self._cell_width(width))
            rows = self._column_rows(width)
            return sum(rows) + self._column_gap() * max(0, len(rows) - 1)
        finally:
            self.em = old

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.width() or self.em * 30
        return QSize(width, self.height_for(width, self.em))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.em * 6, 0)

    # --- painting ---------------------------------------------------------------------
    def draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width()
        if self._row_mode(width):
            self._paint_row(painter, width)
        else:
            self._paint_column(painter, width)

    def _card(self, painter: QPainter, rect: QRectF) -> None:
        t = self.theme
        painter.setPen(QPen(QColor(t.border), max(1.0, self.em * 0.06)))
        painter.setBrush(QColor(t.surface))
        radius = self.em * 0.4
        painter.drawRoundedRect(rect, radius, radius)

    def _paint_row(self, painter: QPainter, width: int) -> None:
        t, pad, gap = self.theme, self._pad(), self._gap()
        cell = self._cell_width(width)
        height = self._row_cell_height(cell)
        value_font = self._value_font_for(cell - 2 * pad)
        label_font = self._label_font_for(cell - 2 * pad)
        value_h = QFontMetrics(value_font).height() if any(i.value for i in self.items) else 0
        for index, item in enumerate(self.items):
            x = index * (cell + gap)
            self._card(painter, QRectF(x + 0.5, 0.5, cell - 1, height - 1))
            painter.setPen(QColor(t.accent))
            painter.setFont(value_font)
            self.draw_text(painter, QRect(x + pad, pad, cell - 2 * pad, value_h), CENTRE, item.value)
            painter.setPen(QColor(t.text))
            painter.setFont(label_font)
            top = pad + value_h + round(self.em * 0.15)
            label_rect = QRect(x + pad, top, cell - 2 * pad, height - top - pad)
            self.draw_text(painter, label_rect, CENTRE | WRAP, item.label)
            if self.style_ == "chain" and index < len(self.items) - 1:
                self._arrow(painter, QPointF(x + cell + gap * 0.2, height / 2),
                            QPointF(x + cell + gap * 0.8, height / 2))

    def _paint_column(self, painter: QPainter, width: int) -> None:
        rows = self._column_rows(width)
        if self.style_ == "checklist":
            self._paint_checklist(painter, width, rows)
            return
        t, pad = self.theme, self._pad()
        gap = self._column_gap()
        value_width = self._value_column_width(width)
        value_font = self._value_font_for(width // 3)
        label_font = self._font(self._label_factor())
        y = 0
        for index, (item, row) in enumerate(zip(self.items, rows, strict=True)):
            self._card(painter, QRectF(0.5, y + 0.5, width - 1, row - 1))
            painter.setPen(QColor(t.accent))
            painter.setFont(value_font)
            self.draw_text(painter, QRect(pad, y + pad, value_width, row - 2 * pad), LEFT, item.value)
            painter.setPen(QColor(t.text))
            painter.setFont(label_font)
            left = pad + value_width + (round(self.em * 0.6) if value_width else 0)
            self.draw_text(painter, QRect(left, y + pad, width - left - pad, row - 2 * pad),
                           LEFT | WRAP, item.label)
            if self.style_ == "chain" and index < len(self.items) - 1:
                x = pad + value_width / 2 if value_width else width / 2
                self._arrow(painter, QPointF(x, y + row + gap * 0.15), QPointF(x, y + row + gap * 0.85))
            y += row + gap

    def _paint_checklist(self, painter: QPainter, width: int, rows: list[int]) -> None:
        t, pad = self.theme, self._pad()
        columns = self._checklist_columns(width)
        gap = self._gap()
        column_width = (width - (columns - 1) * gap) // columns
        box = round(self.em * 1.3)
        font = self._font(self._label_factor())
        row_gap = round(self.em * 0.4)
        for index, item in enumerate(self.items):
            row, column = divmod(index, columns)
            x = column * (column_width + gap)
            y = sum(rows[:row]) + row * row_gap
            height = rows[row]
            self._card(painter, QRectF(x + 0.5, y + 0.5, column_width - 1, height - 1))
            top = y + (height - box) / 2
            pen = QPen(QColor(t.accent), max(2.0, self.em * 0.14))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(x + pad, top, box, box), box * 0.2, box * 0.2)
            tick = QPainterPath(QPointF(x + pad + box * 0.22, top + box * 0.52))
            tick.lineTo(QPointF(x + pad + box * 0.42, top + box * 0.72))
            tick.lineTo(QPointF(x + pad + box * 0.8, top + box * 0.3))
            painter.drawPath(tick)
            painter.setPen(QColor(t.text))
            painter.setFont(font)
            left = x + pad + box + round(self.em * 0.5)
            self.draw_text(painter, QRect(left, y + pad, x + column_width - left - pad, height - 2 * pad),
                             LEFT | WRAP, item.label)

    def _arrow(self, painter: QPainter, start: QPointF, end: QPointF) -> None:
        """A thick arrow from ``start`` to ``end``, in the text colour."""
        pen = QPen(QColor(self.theme.text), max(2.0, self.em * 0.16))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawLine(start, end)
        head = self.em * 0.35
        direction = end - start
        length = max(1e-6, (direction.x() ** 2 + direction.y() ** 2) ** 0.5)
        ux, uy = direction.x() / length, direction.y() / length
        left = QPointF(end.x() - head * (ux - uy), end.y() - head * (uy + ux))
        right = QPointF(end.x() - head * (ux + uy), end.y() - head * (uy - ux))
        path = QPainterPath(left)
        path.lineTo(end)
        path.lineTo(right)
        painter.drawPath(path)
