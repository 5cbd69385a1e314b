"""The panel's one message, hours versus weeks: 10 people per treatment on one plain time line.

Each treatment is a group of 10 figures (two lines of 5), filled for the people who
responded, standing under the step of the time line ("Hours", "Days", "Weeks") in which
its result came. Ketamine and the comparison drug stand side by side over "Hours", pills
over "Weeks"; the empty step between them is the message. No markers, bands or stretched
scale: the detailed chart is one tap away.

Plain QPainter figures and ordinary labels: no chart code, so the first view of the panel
(and its poster) never waits for pyqtgraph.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ketdesk.ui.panels.timeline.icon_array import FigureRow, IconRowSpec
from ketdesk.ui.source_chips import cited_label
from ketdesk.ui.widgets import make_label

PER_LINE = 5  # 10 people as two lines of 5: twice the figure size in the same width


class ZoneLabel(QLabel):
    """A step of the time line: its word over a thick line with a tick at its start.

    The last step ends in an arrow: time runs left to right.
    """

    def __init__(self, text: str, ink: str, *, last: bool) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)  # content is never markup
        self.setText(text)
        self.setProperty("role", "lead")
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWordWrap(True)
        self.setAccessibleName(text)
        self._ink = ink
        self._last = last
        self.line_width = 4

    def set_line_width(self, px: int) -> None:
        self.line_width = max(3, px)
        self.setContentsMargins(0, 0, 0, self.line_width * 4)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(self._ink))
        pen.setWidth(self.line_width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        y = self.height() - self.line_width * 1.5
        right = self.width() - (self.line_width * 3 if self._last else 0)
        painter.drawLine(QPointF(0, y), QPointF(right, y))
        painter.drawLine(QPointF(self.line_width / 2, y - self.line_width * 1.5),
                         QPointF(self.line_width / 2, self.height()))
        if self._last:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self._ink))
            head = self.line_width * 3
            painter.drawPolygon([QPointF(self.width(), y), QPointF(self.width() - head, y - head),
                                 QPointF(self.width() - head, y + head)])
        painter.end()


class SpeedView(QWidget):
    """Groups of 10 people standing under the steps of one time line."""

    def __init__(self, heading: str, zones: Sequence[str], rows: Sequence[IconRowSpec],
                 row_zones: Sequence[int], *, ink: str, background: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = tuple(rows)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.heading = make_label(heading, "h2")
        box.addWidget(self.heading)
        grid = self._grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        box.addLayout(grid)
        self.row_labels: list[QLabel] = []
        self.word_labels: list[QLabel] = []
        self.figure_rows: list[FigureRow] = []
        self.zone_labels: list[ZoneLabel] = []
        # One grid column per group; a step with no group gets one empty, narrower column.
        column = 0
        self.zone_of_column: list[int] = []
        self._figure_columns: list[int] = []
        for zone, name in enumerate(zones):
            members = [i for i, z in enumerate(row_zones) if z == zone]
            first = column
            for i in members:
                spec = self.rows[i]
                # A CitedLabel, so the row's source numbers become chips (Panel.set_cited_text).
                label = cited_label("body")
                label.setText(spec.label)
                label.setObjectName("speedRowLabel")
                words = make_label(spec.words, "h2")
                figures = FigureRow(spec, ink, background, per_line=PER_LINE)
                # No alignment flags: a label placed with one gets its one-line height, not
                # its height for the column's width, and wrapped words were cut off.
                for widget in (label, words):
                    widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                grid.addWidget(label, 1, column)
                grid.addWidget(words, 2, column)
                grid.addWidget(figures, 3, column)
                grid.setColumnStretch(column, 10)
                self.row_labels.append(label)
                self.word_labels.append(words)
                self.figure_rows.append(figures)
                self._figure_columns.append(column)
                self.zone_of_column.append(zone)
                column += 1
            if not members:
                grid.setColumnStretch(column, 6)
                self.zone_of_column.append(zone)
                column += 1
            step = ZoneLabel(name, ink, last=zone == len(zones) - 1)
            self.zone_labels.append(step)
            grid.addWidget(step, 0, first, 1, column - first)

    def zone_of(self, row: int) -> int:
        """The step of the time line a row stands over (for tests)."""
        return self.zone_of_column[self._figure_columns[row]]

    def set_sizes(self, figure_px: int, spacing: int, line_px: int) -> None:
        self._grid.setHorizontalSpacing(spacing * 2)
        self._grid.setVerticalSpacing(max(2, spacing // 3))
        layout = self.layout()
        if layout is not None:
            layout.setSpacing(spacing)
        for figures in self.figure_rows:
            figures.set_figure_height(figure_px)
        for step in self.zone_labels:
            step.set_line_width(line_px)
