"""Small widgets every panel uses: labels with a text role, cards, and a grid that reflows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


def make_label(text: str = "", role: str = "body", *, rich: bool = False,
               parent: QWidget | None = None, kind: type[QLabel] = QLabel) -> QLabel:
    """A word-wrapping label. Plain text unless ``rich``; rich text must come from ui.text.
    (Source numbers are never links in a label: ``Panel.rich_label`` makes them chips.)
    ``kind``: a QLabel subclass to make (``big_type.BigTypeLabel`` for a poster's type)."""
    label = kind(parent)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    # The style sheet gives labels a (transparent) border for the focus ring; Qt then
    # indents text by half an "x", which would misalign big and small text. No indent.
    label.setIndent(0)
    label.setProperty("role", role)
    label.setText(text)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role in ("h1", "h2"):
        label.setAccessibleName(text)
    return label


def button_text(text: str) -> str:
    """Content text for a button: "&" would mark a keyboard mnemonic and vanish; "&&" shows it."""
    return text.replace("&", "&&")


class Card(QFrame):
    """A framed box; ``kind`` is one of "true" (plain card), "note" or "warning"."""

    def __init__(self, kind: str = "true", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", kind)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.body.setSpacing(8)

    def set_padding(self, px: int) -> None:
        self.body.setContentsMargins(px, round(px * 0.75), px, round(px * 0.75))
        self.body.setSpacing(max(6, px // 2))


class ResponsiveGrid(QWidget):
    """Lays its items out in as many equal columns as fit, so panels reflow when narrow.

    A column needs at least ``min_column_em`` times the current font height; the grid
    re-flows on resize and whenever the text size changes.
    """

    columns_changed = Signal(int)

    def __init__(self, items: Sequence[QWidget], *, max_columns: int, min_column_em: float,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items = list(items)
        self._max_columns = max_columns
        self._min_column_em = min_column_em
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        for item in self._items:
            item.setParent(self)
        self._reflow(force=True)

    @property
    def columns(self) -> int:
        return self._columns

    def set_spacing(self, px: int) -> None:
        self._grid.setHorizontalSpacing(px)
        self._grid.setVerticalSpacing(px)

    def _wanted_columns(self) -> int:
        parent = self.parentWidget()
        width = self.width() or (parent.width() if parent is not None else 800)
        column_px = self.fontMetrics().height() * self._min_column_em
        # An item that cannot shrink (a legend entry, a button) needs its own width too;
        # font size alone let long translations push the page past the screen's edge.
        widest = max((item.minimumSizeHint().width() for item in self._items), default=0)
        spacing = max(0, self._grid.horizontalSpacing())
        column_px = max(column_px, float(widest))
        return max(1, min(self._max_columns, int((width + spacing) // max(column_px + spacing, 1.0))))

    def _reflow(self, force: bool = False) -> None:
        wanted = self._wanted_columns()
        if wanted == self._columns and not force:
            return
        self._columns = wanted
        for item in self._items:
            self._grid.removeWidget(item)
        for col in range(self._grid.columnCount()):
            self._grid.setColumnStretch(col, 0)
        for index, item in enumerate(self._items):
            self._grid.addWidget(item, index // wanted, index % wanted)
        for col in range(wanted):
            self._grid.setColumnStretch(col, 1)
        self.columns_changed.emit(wanted)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._reflow()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        self._reflow()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._grid.sizeHint()
