"""Layouts that wrap their items onto more rows instead of pushing the page wider.

Rows of controls (view toggles, a chart's key) sit side by side while they fit and move
onto the next row when the text grows or the window narrows. The layout answers
``heightForWidth``, so a scrolling page grows downwards, never sideways. An item wider
than the whole row (a long caption at 200%) gets the row's width and wraps its words.
``WrappingLayout`` is the part such layouts share (the header's ``HeaderLayout`` too).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QWidget, QWidgetItem


def one_line_width(label: QLabel) -> int:
    """The width a word-wrapping label needs to show its text on one line.

    QLabel's own size hint for wrapping text is a guess at a "nice" shape, often two or
    three lines; a row of controls wants to know the width without any wrapping.
    """
    frame = label.width() - label.contentsRect().width()  # style sheet border, frame
    text = label.text() if label.textFormat() == Qt.TextFormat.PlainText else _plain(label.text())
    lines = text.split("\n") or [""]
    advance = max(label.fontMetrics().horizontalAdvance(line) for line in lines)
    return advance + frame + 2 * label.margin() + 2


def _plain(html_text: str) -> str:
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(html_text)
    return doc.toPlainText()


def natural_width(widget: QWidget) -> int:
    """How wide a widget would like to be in a row: a ``natural_width()`` method if it has
    one, one line for a wrapping label, else its size hint."""
    own = getattr(widget, "natural_width", None)
    if callable(own):
        return int(own())
    if isinstance(widget, QLabel) and widget.wordWrap():
        return one_line_width(widget)
    return widget.sizeHint().width()


class WrappingLayout(QLayout):
    """What every layout that wraps its items onto rows shares: the item list, the
    QLayout interface, and height-for-width sizing. A subclass supplies ``_arrange``:
    place the items in a rectangle (or only measure, ``apply=False``) and return the
    height used. ``_natural`` (an item's width in a row), ``_least`` (the size below which
    the layout cannot go) and ``_spacing`` may be overridden too.
    """

    def __init__(self, parent: QWidget | None = None, *, rows: int = 0) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._rows = rows
        # Layouts above ask heightForWidth many times per pass, for a few widths; measuring
        # wraps every item's text, so answers are kept until something inside changes.
        self._heights: dict[int, int] = {}

    # --- QLayout interface -------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= 16:
                self._heights.clear()
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), apply=False)
        return height

    def invalidate(self) -> None:
        # Called by Qt whenever an item's size hint, text, font or visibility changes.
        self._heights.clear()
        super().invalidate()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        m = self.contentsMargins()
        widths = [self._natural(item) for item in self._visible()]
        width = sum(widths) + self._spacing() * max(0, len(widths) - 1) + m.left() + m.right()
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        # As narrow as the widest item's least width; everything else wraps. The height is
        # one row's: the parent asks heightForWidth for the real one, and a tall minimum
        # here would stop the window from fitting a short screen.
        m = self.contentsMargins()
        least = [self._least(item) for item in self._visible()]
        widest = max((size.width() for size in least), default=0)
        tallest = max((size.height() for size in least), default=0)
        return QSize(widest + m.left() + m.right(), tallest + m.top() + m.bottom())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # --- arrangement -------------------------------------------------------------------
    @property
    def rows(self) -> int:
        """How many rows the last arrangement used (for tests and screenshots)."""
        return self._rows

    def _spacing(self) -> int:
        return self.spacing()

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    @staticmethod
    def _natural(item: QLayoutItem) -> int:
        return max(item.sizeHint().width(), item.minimumSize().width())

    def _least(self, item: QLayoutItem) -> QSize:
        return item.minimumSize()

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Place the visible items in ``rect`` (only measure unless ``apply``); set
        ``self._rows`` when applying; return the height used, margins included."""
        raise NotImplementedError


class FlowLayout(WrappingLayout):
    """Items left to right, wrapping onto new rows; each row's items centred vertically.

    ``spring_after``: spare width of a row goes after this item (by index) when later
    items share its row, e.g. a caption on the left and buttons pushed to the right; while
    that item is hidden, the later items of the first row stay pushed to the right.
    """

    def __init__(self, parent: QWidget | None = None, *, spring_after: int | None = None) -> None:
        super().__init__(parent)
        self._spring_after = spring_after
        self.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt override
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def _spacing(self) -> int:
        spacing = self.spacing()
        return spacing if spacing >= 0 else 8

    @staticmethod
    def _natural(item: QLayoutItem) -> int:
        widget = item.widget()
        natural = natural_width(widget) if widget is not None else item.sizeHint().width()
        return max(natural, item.minimumSize().width())

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        # Not the minimum height of a wrapping label: that is its height at its narrowest.
        if item.hasHeightForWidth():
            return item.heightForWidth(width)
        return max(item.sizeHint().height(), item.minimumSize().height())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        left, top = rect.x() + m.left(), rect.y() + m.top()
        avail = max(1, rect.width() - m.left() - m.right())
        gap = self._spacing()
        items = self._visible()
        # Pack rows greedily: an item wider than a row gets a row of its own, at row width.
        rows: list[list[tuple[int, QLayoutItem, int]]] = []
        used = 0
        for index, item in enumerate(self._items):
            if item not in items:
                continue
            width = min(self._natural(item), avail)
            if rows and used + gap + width <= avail:
                rows[-1].append((index, item, width))
                used += gap + width
            else:
                rows.append([(index, item, width)])
                used = width
        # A hidden spring item still holds its place: the items after it stay right-aligned
        # ("Show as 10 people" must not jump to the left when the caption beside it hides).
        spring = self._spring_after
        spring_hidden = (spring is not None and 0 <= spring < len(self._items)
                         and self._items[spring] not in items)
        y = top
        for number, row in enumerate(rows):
            height = max(self._height(item, width) for _, item, width in row)
            if apply:
                spare = avail - sum(w for _, _, w in row) - gap * (len(row) - 1)
                x = left
                if spring_hidden and number == 0 and spring is not None and row[0][0] > spring:
                    x += spare
                for index, item, width in row:
                    h = self._height(item, width)
                    item.setGeometry(QRect(x, y + (height - h) // 2, width, h))
                    x += width + gap
                    if index == self._spring_after and row[-1][0] != index:
                        x += spare
            y += height + gap
        if apply:
            self._rows = len(rows)
        return (y - gap if rows else y) - rect.y() + m.bottom()
