"""The risks panel: side effects over a session, misuse, reasons to tell your care team, monitoring.

Four parts, each from ``risks.toml`` only:

1. During and after a session: a chart of when each effect and each check happens over the
   first 3 hours (pyqtgraph, built once the first show has painted), then how much blood
   pressure rises, in mmHg.
2. Misuse and dependence: one drip against a dose for surgery, in mg (street doses are
   deliberately not drawn), and what makes ketamine harmful.
3. Tell your care team if...: the reasons drug labels give; the clinician decides.
4. What monitoring looks like: the steps of a visit with their durations.

Every chart has a "Show as table" switch: the same data with its sources, as text.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.core import Block, Point
from ketdesk.content.schema.overview import OverviewContent
from ketdesk.content.schema.risks import Bar, BarChart, Lane, RisksContent, Span
from ketdesk.ui.charts import role_style
from ketdesk.ui.first_paint import on_first_paint
from ketdesk.ui.panels.base import Panel, PanelContext
from ketdesk.ui.panels.risks.bars import RangeBarChart
from ketdesk.ui.panels.risks.session import SessionChartView
from ketdesk.ui.panels.risks.widgets import (
    ChartCard,
    FittedTable,
    LegendSwatch,
    StepFlow,
    number_text,
    source_text,
)
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import Card, ResponsiveGrid, make_label

BULLET = "\u2022"


class RisksPanel(Panel):

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        data = self.content
        self._grids: list[ResponsiveGrid] = []
        self._swatches: list[LegendSwatch] = []
        self._columns: list[QVBoxLayout] = []
        self.chart_cards: list[ChartCard] = []

        # 1. During and after a session.
        self.layout_.addWidget(make_label(data.session.heading, "h2"))
        self.session_chart = SessionChartView(data.session, context.theme, context.metrics,
                                              self._span_tip, self._mark_tip)
        self.session_card = self._chart_card(
            "", data.session.note, self.session_rows(), data.controls.time_headers,
            data.session.table_name, self.session_chart, self._legend())
        self.layout_.addWidget(self.session_card)
        self.layout_.addWidget(self._grid([self._block(b) for b in data.session.blocks]))
        self.pressure_chart = RangeBarChart(data.pressure, context.theme, context.metrics, self._bar_tip)
        self.pressure_card = self._bar_card(data.pressure, self.pressure_chart)
        self.layout_.addWidget(self._grid([self.pressure_card, self._column(data.pressure.blocks)]))

        # 2. Misuse and dependence.
        self.layout_.addWidget(make_label(data.misuse_heading, "h2"))
        self.dose_chart = RangeBarChart(data.doses, context.theme, context.metrics, self._bar_tip)
        self.dose_card = self._bar_card(data.doses, self.dose_chart)
        self.layout_.addWidget(self._grid([self.dose_card, self._column(data.doses.blocks)]))

        # 3. Tell your care team if...
        self.cautions_card = self._cautions()
        self.layout_.addWidget(self.cautions_card)

        # 4. What monitoring looks like.
        self.layout_.addWidget(make_label(data.visit.heading, "h2"))
        self.steps = self._steps()
        self.layout_.addWidget(self.steps)
        self.layout_.addWidget(self._grid([self._block(b) for b in data.visit.blocks]))

        # The grids' minimum size hints are measured at their narrowest, where wrapped text is
        # tallest; the scroll area would take that as the page height and leave a blank tail
        # (screens of empty space below the last card). As in the conditions panel, a token
        # minimum lets it use the real height for the width (heightForWidth) instead.
        for grid in self._grids:
            grid.setMinimumHeight(1)
        self.finish_layout()
        self._chart_pending = False
        self.apply_metrics(context.metrics)

    @property
    def content(self) -> RisksContent:
        return cast(RisksContent, self.text)

    # --- building blocks ------------------------------------------------------------
    def _block(self, block_id: str) -> Card:
        block: Block = self.content.block(block_id)
        return self.block_card(block)

    def _grid(self, items: list[QWidget]) -> ResponsiveGrid:
        grid = ResponsiveGrid(items, max_columns=2, min_column_em=16)
        self._grids.append(grid)
        return grid

    def _column(self, block_ids: tuple[str, ...]) -> QWidget:
        column = QWidget()
        box = QVBoxLayout(column)
        box.setContentsMargins(0, 0, 0, 0)
        for block_id in block_ids:
            box.addWidget(self._block(block_id))
        box.addStretch(1)
        self._columns.append(box)
        return column

    def _chart_card(self, heading: str, note: str, rows: list[list[str]], headers: tuple[str, ...],
                    table_name: str, chart: QWidget, legend: QWidget | None = None) -> ChartCard:
        card = ChartCard(heading=heading, note=note, controls=self.content.controls,
                         make_table=lambda: FittedTable(headers, rows, table_name),
                         chart=chart, legend=legend)
        self.chart_cards.append(card)
        self._cards.append(card)
        return card

    def _bar_card(self, chart: BarChart, widget: RangeBarChart) -> ChartCard:
        return self._chart_card(chart.heading, chart.note, self.bar_rows(chart),
                                self.content.controls.bar_headers, chart.table_name, widget)

    def _legend(self) -> QWidget:
        """What solid and striped bars mean, drawn with the very same look."""
        legend = QWidget()
        row = self._legend_row = QHBoxLayout(legend)
        row.setContentsMargins(0, 0, 0, 0)
        colour = role_style("risk", self.context.theme).colour
        for item in self.content.session.legend:
            swatch = LegendSwatch(item.kind, colour, self.context.theme)
            self._swatches.append(swatch)
            row.addWidget(swatch)
            row.addWidget(make_label(item.text, "small"), 1)
        return legend

    def _cautions(self) -> Card:
        cautions = self.content.cautions
        card = Card("warning")
        card.setObjectName("cautions")
        card.body.addWidget(make_label(cautions.heading, "h2"))
        card.body.addWidget(self._claim_label(cautions.intro.text, cautions.intro.sources))
        items = [self._claim_label(f"{BULLET} {item.text}", item.sources) for item in cautions.items]
        grid = ResponsiveGrid(items, max_columns=3, min_column_em=13)
        grid.setAccessibleName(cautions.heading)
        self._grids.append(grid)
        card.body.addWidget(grid)
        self._cards.append(card)
        self.caution_labels = items
        return card

    def _claim_label(self, text: str, sources: tuple[str, ...]) -> QWidget:
        # Named by rich_label: its words and "Sources: ...", as on screen.
        return self.rich_label(self.cited_html(text, sources))

    def _steps(self) -> StepFlow:
        cards: list[QWidget] = []
        self.step_cards: list[Card] = []
        # The visit's steps are the Overview's: one journey, the same names on both panels.
        for number, step in enumerate(self.context.pack.content(OverviewContent).session_steps, start=1):
            card = Card()
            card.setObjectName(f"step-{number}")
            card.body.addWidget(make_label(f"{number}. {step.title}", "h2"))
            if step.duration:
                duration = make_label(step.duration, "lead")
                duration.setObjectName("duration")
                # The duration is what the eye looks for first: bold, in the accent colour
                # (QLabel#duration in the window's style sheet).
                card.body.addWidget(duration)
            card.body.addWidget(self._claim_label(step.text, step.sources))
            card.body.addStretch(1)
            self._cards.append(card)
            self.step_cards.append(card)
            cards.append(card)
        flow = StepFlow(cards, self.context.theme, max_columns=len(cards), min_column_em=9)
        flow.setAccessibleName(self.content.visit.name)
        self._grids.append(flow)
        return flow

    # --- words for tips and tables ------------------------------------------------------
    def _source(self, source_id: str) -> str:
        return source_text(self.context.pack, self._numbers, self.content.controls, source_id)

    def _span_words(self, span: Span) -> str:
        return fill(self.content.controls.time_span, start=number_text(span.start),
                    end=number_text(span.end))

    def _span_tip(self, lane: Lane, span: Span) -> str:
        return f"{lane.label}: {span.detail}\n{self._source(span.source)}"

    def _mark_tip(self, lane: Lane, point: Point) -> str:
        return f"{lane.label}: {point.label}\n{self._source(point.source)}"

    def _bar_tip(self, bar: Bar) -> str:
        return f"{bar.label}: {bar.value_text}\n{bar.detail}\n{self._source(bar.source)}"

    def session_rows(self) -> list[list[str]]:
        """Every drawn bar and marker of the session chart, with its source, as table rows."""
        session = self.content.session
        controls = self.content.controls
        rows = [[session.drip_label, self._span_words(session.drip), session.drip.detail,
                 self._source(session.drip.source)]]
        for lane in session.lanes:
            timed: list[tuple[float, list[str]]] = []
            for span in lane.spans:
                timed.append((span.start, [lane.label, self._span_words(span), span.detail,
                                           self._source(span.source)]))
            for series in lane.marks:
                for point in series.points:
                    when = fill(controls.at_time, t=number_text(point.t))
                    timed.append((point.t, [f"{lane.label}: {series.label}", when, point.label,
                                            self._source(point.source)]))
            rows += [row for _t, row in sorted(timed, key=lambda item: item[0])]
        return rows

    def bar_rows(self, chart: BarChart) -> list[list[str]]:
        return [[bar.label, bar.value_text, bar.detail, self._source(bar.source)] for bar in chart.bars]

    # --- hooks ------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # pyqtgraph is imported after the first show's paint, never on the start-up path nor
        # before the poster is on screen: the chart is below it, at its final height already.
        if not self.session_chart.built and not self._chart_pending:
            self._chart_pending = True
            on_first_paint(self.body, self.session_chart.build)

    def build_deferred(self) -> None:
        if not self.session_chart.built:
            self.session_chart.build()

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        for grid in self._grids:
            grid.set_spacing(metrics.gap)
        # Room between the steps for the arrows that join them.
        self.steps.set_spacing(metrics.px(1.6))
        self.steps.set_arrow_size(metrics.px(1.0))
        for box in self._columns:
            box.setSpacing(metrics.gap)
        for swatch in self._swatches:
            swatch.set_metrics(metrics)
        self._legend_row.setSpacing(metrics.px(0.4))
        self.session_chart.apply_metrics(metrics)
        self.pressure_chart.set_metrics(metrics)
        self.dose_chart.set_metrics(metrics)
        for card in self.chart_cards:
            if card.table_built and card.table.isVisible():
                card.table.fit()

    def reset(self) -> None:
        for card in self.chart_cards:
            card.toggle.setChecked(False)
        super().reset()

    def prepare_for_screenshot(self) -> None:
        self.session_chart.build()
