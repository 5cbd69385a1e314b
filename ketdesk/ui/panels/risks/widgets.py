"""Pieces of the risks panel that are not charts: chart cards with a table switch, the visit steps.

Nothing here imports pyqtgraph; the session chart is put into its card when first shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QHeaderView, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.pack import ContentPack
from ketdesk.content.schema.risks import Controls
from ketdesk.ui.charts import DataTable
from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.widgets import Card, ResponsiveGrid, button_text, make_label


def source_text(pack: ContentPack, numbers: Mapping[str, int], controls: Controls, source_id: str) -> str:
    """A source as a table cell or tooltip line: its number, authors and year (and if secondary)."""
    source = pack.source(source_id)
    text = fill(controls.source_cell, number=numbers.get(source_id, 0), authors=source.authors,
                year=source.year)
    if source.status == "secondary":
        text += f" ({pack.ui.secondary_source})"
    return text


def number_text(value: float) -> str:
    """A number as a person writes it: 40, 1.5, 230 (no trailing .0)."""
    return f"{value:g}"


class FittedTable(DataTable):
    """A data table as tall as its rows, so that the page scrolls and never the table inside it."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]], accessible_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(headers, rows, accessible_name, parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # The short "when"/"amount" column takes what it needs; the wordy ones share the rest.
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def fit(self) -> None:
        self.resizeRowsToContents()
        height = self.content_height()
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # Row heights follow the column widths, which follow the table's width.
        if event.size().width() != event.oldSize().width():
            self.fit()


class ChartCard(Card):
    """A chart with its heading, note and a switch to show the same data as a table.

    The chart itself may arrive later (``set_chart``): the session chart needs pyqtgraph,
    which is imported only when the panel is first shown. The table is built by
    ``make_table`` the first time it is asked for (usually the first tap on the switch):
    most visitors never open it, and a hidden table still costs its building and a
    column fit on every resize.
    """

    def __init__(self, *, heading: str, note: str, controls: Controls,
                 make_table: Callable[[], FittedTable], chart: QWidget | None = None,
                 legend: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__("true", parent)
        self._controls = controls
        self.heading = make_label(heading, "h2") if heading else None
        if self.heading is not None:
            self.body.addWidget(self.heading)
        self.chart_slot = QWidget()
        self.chart_slot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._slot_layout = QVBoxLayout(self.chart_slot)
        self._slot_layout.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.chart_slot)
        self.chart: QWidget | None = None
        if chart is not None:
            self.set_chart(chart)
        self.legend = legend
        if legend is not None:
            self.body.addWidget(legend)
        self.note = make_label(note, "small") if note else None
        if self.note is not None:
            self.body.addWidget(self.note)
        self._make_table = make_table
        self._table: FittedTable | None = None
        self.toggle = QPushButton(button_text(controls.show_table))
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(controls.show_table)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.toggle.toggled.connect(self._show_table)
        self.body.addWidget(self.toggle)
        # Cards beside taller neighbours grow; keep the extra space below the button.
        self.body.addStretch(1)

    def set_chart(self, chart: QWidget) -> None:
        self.chart = chart
        self._slot_layout.addWidget(chart)

    @property
    def table_built(self) -> bool:
        return self._table is not None

    @property
    def table(self) -> FittedTable:
        """The table, built (hidden, above the switch) on first use."""
        if self._table is None:
            table = self._table = self._make_table()
            table.hide()
            self.body.insertWidget(self.body.indexOf(self.toggle), table)
        return self._table

    def _show_table(self, on: bool) -> None:
        words = self._controls.show_chart if on else self._controls.show_table
        self.toggle.setText(button_text(words))
        self.toggle.setAccessibleName(words)
        # The table is the chart's full text alternative: the chart's legend and note go with it.
        for part in (self.chart_slot, self.legend, self.note):
            if part is not None:
                part.setVisible(not on)
        if on or self.table_built:
            self.table.setVisible(on)
        if on:
            self.table.fit()

    def showing_table(self) -> bool:
        return self.toggle.isChecked()


class LegendSwatch(QWidget):
    """A small sample of a span's look ("solid" or "striped") next to its words."""

    def __init__(self, kind: str, colour: str, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._colour = colour
        self._theme = theme
        self._stripe = 8
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_metrics(self, metrics: Metrics) -> None:
        self.setFixedSize(metrics.px(2.2), metrics.px(0.9))
        self._stripe = max(6, metrics.px(0.35))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_span(painter, self.rect().adjusted(1, 1, -1, -1), QColor(self._colour), self.kind,
                   self._stripe, QColor(self._theme.text), max(1.0, self.height() / 12))
        painter.end()


def paint_span(painter: QPainter, rect: QRect, colour: QColor, kind: str, stripe: int,
               outline: QColor | None, pen_width: float) -> None:
    """A bar in device pixels: solid fill for "on", pale fill with stripes for "ending"/"range".

    Stripes are drawn in device pixels (not data units) so they keep their spacing at any zoom
    and stay visible for people who cannot tell the palette's colours apart.
    """
    painter.save()
    if kind == "on":
        painter.fillRect(rect, colour)
    else:
        pale = QColor(colour)
        pale.setAlpha(70)
        painter.fillRect(rect, pale)
        painter.setClipRect(rect)
        pen = QPen(colour)
        pen.setWidthF(max(2.0, stripe / 3))
        painter.setPen(pen)
        x = rect.left() - rect.height()
        while x < rect.right() + stripe:
            painter.drawLine(QPointF(x, rect.bottom()), QPointF(x + rect.height(), rect.top()))
            x += stripe
        painter.setClipping(False)
    if outline is None:
        painter.restore()
        return
    pen = QPen(outline)
    pen.setWidthF(pen_width)
    if kind != "on":
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()


def arrow_polygon(x: float, y_mid: float, height: float) -> QPolygonF:
    """A right-pointing arrowhead starting at ``x``: "it goes on past here"."""
    half = height / 2
    return QPolygonF([QPointF(x, y_mid - half), QPointF(x + half * 1.2, y_mid),
                      QPointF(x, y_mid + half)])


class StepFlow(ResponsiveGrid):
    """The visit's steps in reading order, with an arrow between neighbours on the same row."""

    def __init__(self, items: Sequence[QWidget], theme: Theme, *, max_columns: int, min_column_em: float,
                 parent: QWidget | None = None) -> None:
        self._theme = theme
        self._arrow = 12
        super().__init__(items, max_columns=max_columns, min_column_em=min_column_em, parent=parent)
        self.columns_changed.connect(lambda _n: self.update())

    @property
    def items(self) -> list[QWidget]:
        return list(self._items)

    def set_arrow_size(self, px: int) -> None:
        self._arrow = px
        self.update()

    def arrow_rects(self) -> list[QRect]:
        """Where arrows are drawn: in the gap between consecutive steps on one row."""
        rects: list[QRect] = []
        for left, right in zip(self._items, self._items[1:], strict=False):
            a, b = left.geometry(), right.geometry()
            if abs(a.top() - b.top()) > 2 or b.left() <= a.right():
                continue  # the next step starts a new row: reading order carries on
            gap = b.left() - a.right() - 1
            size = min(self._arrow, gap)
            rects.append(QRect(a.right() + 1 + (gap - size) // 2, a.center().y() - size // 2, size, size))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self._theme.accent))
        for rect in self.arrow_rects():
            painter.drawPolygon(arrow_polygon(rect.left(), rect.center().y() + 0.5, rect.height()))
        painter.end()
