"""The timeline's "Show as table" view: every chart point and its sources, as a table.

When the page is wide enough, one row per point and one column per heading. When it is
not (big text, a small screen), the same cells stacked in two columns, heading then value,
one block of rows per point: no column hides behind a sideways scroll bar. Either way the
whole table is on the page, every row: the page scrolls, the table never does.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ketdesk.ui.charts import DataTable


class TimelineTable(QWidget):
    """A wide table and its stacked form; shows the one that fits the width."""

    heights_changed = Signal()

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]], accessible_name: str,
                 band: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._rows = [list(row) for row in rows]
        self.wide = DataTable(headers, rows, accessible_name)
        stacked = [[heading, cell] for row in rows for heading, cell in zip(headers, row, strict=True)]
        self.narrow = DataTable(["", ""], stacked, accessible_name)
        self.narrow.horizontalHeader().setVisible(False)
        # Every other point's block on a tinted band, headings in bold: the eye can tell
        # where one point's rows end and the next begin.
        per_point = len(headers)
        for r in range(self.narrow.rowCount()):
            heading = self.narrow.item(r, 0)
            if heading is not None:
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
            if (r // per_point) % 2:
                for c in range(2):
                    cell = self.narrow.item(r, c)
                    if cell is not None:
                        cell.setBackground(QColor(band))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        for table in (self.wide, self.narrow):
            table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            table.verticalHeader().sectionResized.connect(self.heights_changed)
            box.addWidget(table)
        self.narrow.hide()

    @property
    def current(self) -> DataTable:
        return self.narrow if self.is_stacked else self.wide

    @property
    def is_stacked(self) -> bool:
        return not self.narrow.isHidden()

    def cell_texts(self) -> list[list[str]]:
        """One row per point, as the wide table has it (whichever form is shown)."""
        return [list(row) for row in self._rows]

    def full_height(self) -> int:
        """The shown table's height with every row: header, rows, frame, any scroll bar."""
        return self.current.content_height()

    def _choose(self) -> None:
        room = self.width() - 2 * self.wide.frameWidth()
        stacked = sum(self.wide.column_min_widths()) > room
        if stacked != self.is_stacked:
            self.narrow.setVisible(stacked)
            self.wide.setVisible(not stacked)
            self.heights_changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._choose()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._choose()  # bigger text makes wider words
