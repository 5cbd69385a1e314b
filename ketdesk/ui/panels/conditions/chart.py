"""A horizontal bar chart of how many people each condition was studied in, plus its table.

One bar per condition (from the cards, so the chart and the cards show the same numbers)
and a patterned context bar for depression. The condition's name sits on the axis and
the number at the end of its bar, so nothing depends on colour or on reading a scale.
pyqtgraph is imported only by ``build``, which the panel calls on its first show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.conditions import ChartRow, ConditionsContent
from ketdesk.content.schema.ui import UiStrings
from ketdesk.ui import charts
from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.widgets import button_text, make_label

BAR_THICKNESS = 0.6  # in row units: bars fill 60 % of their row, leaving clear gaps


def source_numbers_text(ids: Sequence[str], numbers: Mapping[str, int], ui: UiStrings) -> str:
    nums = sorted({numbers[s] for s in ids if s in numbers})
    return fill(ui.source_ref, numbers=", ".join(str(n) for n in nums))


class PeopleChart(QWidget):
    """Title, a chart/table toggle, then the bars or the table."""

    def __init__(self, text: ConditionsContent, theme: Theme, metrics: Metrics,
                 numbers: Mapping[str, int], ui: UiStrings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peopleChart")
        self._text = text
        self._theme = theme
        self._metrics = metrics
        self.rows: tuple[ChartRow, ...] = text.chart_rows()
        self.plot: Any = None
        self.bars: Any = None
        self.comparison_bar: Any = None
        self.value_items: list[Any] = []
        self.hit_points: Any = None

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = make_label(text.chart.title, "h2")
        self.toggle = QPushButton(button_text(text.controls.show_table))
        self.toggle.setObjectName("chartTableToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(text.controls.show_table)
        self.toggle.toggled.connect(self._show_table)
        top.addWidget(self.title, 1)
        top.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.stack = QStackedWidget()
        self.plot_holder = QWidget()
        self.plot_holder.setObjectName("plotHolder")
        self._plot_layout = QVBoxLayout(self.plot_holder)
        self._plot_layout.setContentsMargins(0, 0, 0, 0)
        self._table_rows = [[r.label, r.value_text, r.counts_text,
                             source_numbers_text(r.sources, numbers, ui)] for r in self.rows]
        self._table: charts.DataTable | None = None  # built on first use (see ``table``)
        self.stack.addWidget(self.plot_holder)
        layout.addWidget(self.stack)
        self.apply_metrics(metrics)

    # --- building -----------------------------------------------------------------
    @property
    def is_built(self) -> bool:
        return self.plot is not None

    @property
    def table_built(self) -> bool:
        return self._table is not None

    @property
    def table(self) -> charts.DataTable:
        """The chart's data as a table, built on first use (usually the first tap on the
        switch): most visitors never open it, and a hidden table still costs its building
        and a column fit on every resize."""
        if self._table is None:
            text = self._text.chart
            table = self._table = charts.DataTable(text.table_headers, self._table_rows, text.table_name)
            table.setObjectName("chartTable")
            # The number column needs only its width; the wordy columns share the rest.
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
            self.stack.addWidget(table)
        return self._table

    def build(self) -> None:
        """Create the plot (imports pyqtgraph); later calls do nothing."""
        if self.plot is not None:
            return
        pg = charts.pg()
        theme, m = self._theme, self._metrics
        self.plot = charts.make_plot(theme, m, self.plot_holder)
        self.plot.setObjectName("peoplePlot")
        self.plot.setAccessibleName(self._text.chart.title)
        # Its message, for screen readers: the caveat the chart carries (from the content).
        self.plot.setAccessibleDescription(self._text.chart.note.text)
        item = self.plot.getPlotItem()
        # Both ranges are set below (_fit_x_range, setYRange); auto-range would recompute the
        # bounds of every item as it is added.
        item.disableAutoRange()
        item.invertY(True)  # first row at the top, in the cards' order

        outline = QPen(QColor(theme.text))
        outline.setCosmetic(True)  # a width in pixels, not in data units
        outline.setWidthF(max(1.0, m.em / 16))
        plain = [i for i, r in enumerate(self.rows) if not r.comparison]
        compared = [i for i, r in enumerate(self.rows) if r.comparison]
        # People studied is a count, not a treatment: "neutral" ink. The context bar
        # (depression) is the key's "comparison" grey and labelled; stripes mean only
        # "uncertain range", so it is not striped.
        main = charts.role_style("neutral", theme)
        self.bars = pg.BarGraphItem(
            x0=[0] * len(plain), y=plain, height=BAR_THICKNESS,
            width=[self.rows[i].people for i in plain],
            brush=QColor(main.colour), pen=outline)
        item.addItem(self.bars)
        if compared:
            self.comparison_bar = pg.BarGraphItem(
                x0=[0] * len(compared), y=compared, height=BAR_THICKNESS,
                width=[self.rows[i].people for i in compared],
                brush=QColor(charts.role_style("comparison", theme).colour), pen=outline)
            item.addItem(self.comparison_bar)

        for i, row in enumerate(self.rows):
            value = pg.TextItem(row.value_text, color=QColor(theme.text), anchor=(0, 0.5))
            value.setPos(row.people, i)
            item.addItem(value)
            self.value_items.append(value)

        # Invisible hit targets along each bar: a tap shows the row's counts (no hover on touch).
        self.hit_points = pg.ScatterPlotItem(
            x=[r.people / 2 for r in self.rows], y=list(range(len(self.rows))),
            symbol="s", pen=None, brush=QBrush(Qt.BrushStyle.NoBrush))
        item.addItem(self.hit_points)
        tip = self._text.chart.tip
        charts.connect_point_tips(
            self.hit_points,
            lambda i: fill(tip, label=self.rows[i].label, counts=self.rows[i].counts_text),
            self.plot)

        charts.set_word_ticks(self.plot, "left", [(i, r.label) for i, r in enumerate(self.rows)])
        charts.set_axis_label(self.plot, "bottom", self._text.chart.axis, theme, m)
        item.setYRange(-0.6, len(self.rows) - 0.4, padding=0)
        item.getViewBox().sigResized.connect(self._fit_x_range)
        self._plot_layout.addWidget(self.plot)
        self.apply_metrics(m)

    # --- sizes --------------------------------------------------------------------
    def _fit_x_range(self) -> None:
        """Leave room right of the longest bar for its number, whatever the plot's width."""
        if self.plot is None:
            return
        view = self.plot.getPlotItem().getViewBox()
        width_px = max(1.0, view.width())
        gap = self._metrics.px(0.4)
        need = 0.0
        for row, value in zip(self.rows, self.value_items, strict=True):
            # The text item's own box (font plus document margin), in pixels.
            label_px = value.textItem.boundingRect().width()
            # The bar may use at most (width - gap - label) pixels, so x_max >= people * w / free.
            free = max(width_px * 0.25, width_px - label_px - 2 * gap)
            need = max(need, row.people * width_px / free)
        view.setXRange(0, need, padding=0)
        per_px = need / width_px
        for i, (row, value) in enumerate(zip(self.rows, self.value_items, strict=True)):
            value.setPos(row.people + gap * per_px, i)

    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._layout.setSpacing(metrics.px(0.5))
        rows = len(self.rows)
        row_px = round(QFontMetrics(charts.chart_font(metrics)).height() * 2.4)
        bottom = max(56, metrics.px(3.2))  # tick numbers plus the axis words
        self.plot_holder.setFixedHeight(rows * row_px + bottom)
        self._fit_table()
        # Wide enough for either word in bold (the checked style), so the text never clips.
        bold = QFont(self.toggle.font())
        bold.setPixelSize(metrics.em)
        bold.setBold(True)
        words = (self._text.controls.show_table, self._text.controls.show_chart)
        widest = max(QFontMetrics(bold).horizontalAdvance(w) for w in words)
        self.toggle.setMinimumWidth(widest + metrics.px(2.2))
        if self.plot is None:
            return
        charts.style_plot(self.plot, self._theme, metrics)
        charts.set_axis_label(self.plot, "bottom", self._text.chart.axis, self._theme, metrics)
        item = self.plot.getPlotItem()
        tick_font = charts.chart_font(metrics)
        left = item.getAxis("left")
        widest = max(QFontMetrics(tick_font).horizontalAdvance(r.label) for r in self.rows)
        left.setWidth(widest + metrics.px(1.2))
        item.getAxis("bottom").setHeight(bottom)
        value_font = charts.chart_font(metrics, bold=True)
        for value in self.value_items:
            value.setFont(value_font)
        if self.hit_points is not None:
            self.hit_points.setSize(row_px * BAR_THICKNESS)
        self._fit_x_range()

    def _fit_table(self) -> None:
        """Show every row without an inner scroll bar: the panel itself scrolls."""
        table = self._table
        if table is not None:
            table.resizeRowsToContents()
            table.setFixedHeight(table.content_height())
        # The stack takes the height of the page it shows, not the taller of the two.
        # (Both pages have fixed heights, so their maximum is their height.)
        page = table if table is not None and self.stack.currentWidget() is table else self.plot_holder
        self.stack.setFixedHeight(page.maximumHeight())

    def _show_table(self, on: bool) -> None:
        controls = self._text.controls
        word = controls.show_chart if on else controls.show_table
        self.toggle.setText(button_text(word))
        self.toggle.setAccessibleName(word)
        self.stack.setCurrentWidget(self.table if on else self.plot_holder)
        self._fit_table()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # Wrapped table cells change height with the width.
        self._fit_table()

    @property
    def showing_table(self) -> bool:
        return self._table is not None and self.stack.currentWidget() is self._table
