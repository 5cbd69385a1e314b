"""The efficacy timeline panel, around one message: ketamine works in hours, pills in weeks.

Top to bottom: two headline callouts ("Ketamine: hours", "Pills: weeks"), then the first
view, 10 people per treatment over one plain hours / days / weeks line (``speed``); one
tap away, the detailed chart (with its legend toggles) or a table with sources. Then the
text: what one infusion, a series and pills did, caveats, and what some clinics report
beside what studies found. All words and numbers come from ``timeline.toml``.

The detailed chart, and with it pyqtgraph, is built only when it is first opened: the
first view is plain QPainter figures and labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QIcon, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ketdesk.content.schema.timeline import Callout, IconRow, TimelineContent
from ketdesk.ui.flow_layout import FlowLayout
from ketdesk.ui.panels.base import Panel, PanelContext
from ketdesk.ui.panels.timeline.icon_array import IconArray, IconRowSpec
from ketdesk.ui.panels.timeline.speed import SpeedView
from ketdesk.ui.panels.timeline.speed_poster import SpeedPoster
from ketdesk.ui.panels.timeline.table import TimelineTable
from ketdesk.ui.panels.timeline.words import table_rows
from ketdesk.ui.theme import Metrics
from ketdesk.ui.visual_key import key_for
from ketdesk.ui.widgets import Card, ResponsiveGrid, button_text, make_label

if TYPE_CHECKING:  # only for annotations: the chart module imports pyqtgraph's helpers
    from ketdesk.ui.panels.timeline.chart import TimelineChart

CHART, PEOPLE, TABLE = 0, 1, 2


class _WrappingGrid(ResponsiveGrid):
    """A ResponsiveGrid whose height follows its width.

    ResponsiveGrid reports the height of its word-wrapped cards laid out narrow, which
    leaves a screen of blank page below them; asking the layout for the height at the
    actual width does not.
    """

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._grid.heightForWidth(width)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(self.width() or hint.width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = self._grid.minimumSize()
        return QSize(hint.width(), self.heightForWidth(self.width() or hint.width()))


class TimelinePanel(Panel):

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        content = self.content

        self.callout_cards = [self._callout_card(c) for c in content.callouts]
        self.callouts = _WrappingGrid(self.callout_cards, max_columns=2, min_column_em=12)
        self.layout_.addWidget(self.callouts)

        # View toggles: 10 people is the default; "chart" and "table" replace it.
        controls = content.controls
        self.chart_button = self._toggle(controls.show_chart, "timelineShowChart")
        self.table_button = self._toggle(controls.show_table, "timelineShowTable")
        self.chart_button.toggled.connect(lambda on: self._view_toggled(CHART, on))
        self.table_button.toggled.connect(lambda on: self._view_toggled(TABLE, on))
        # The two toggles move together (a row of their own), and wrap only if one row
        # cannot hold both.
        self.toggles = QWidget()
        self.toggles.setObjectName("timelineToggles")
        self.toggle_row = FlowLayout(self.toggles)
        self.toggle_row.addWidget(self.chart_button)
        self.toggle_row.addWidget(self.table_button)
        self.stack = QStackedWidget()
        # The chart and the table are built on first use: the first show waits for neither.
        self._chart: TimelineChart | None = None
        self._chart_page: QWidget | None = None
        self._legend_buttons: dict[str, QCheckBox] = {}
        self.legend: ResponsiveGrid | None = None
        self.scale_note: QLabel | None = None
        self._table_page: QWidget | None = None
        self.table: TimelineTable | None = None
        self.stack.addWidget(QWidget())
        self._people_page = self._build_people()
        self.stack.addWidget(self._people_page)
        self.stack.addWidget(QWidget())
        self.stack.setCurrentIndex(PEOPLE)
        # The toggles above the view they switch: the chart is taller than the 10 people, and
        # a button below it would move away from the finger that pressed it.
        self.layout_.addWidget(self.toggles)
        self.layout_.addWidget(self.stack)

        cards = [self.block_card(b) for b in content.blocks]
        self.claim = self._claim_card()
        self.blocks = _WrappingGrid([*cards, self.claim], max_columns=2, min_column_em=18)
        self.layout_.addWidget(self.blocks)
        # Re-fits asked for while layouts settle (the table's rows) run once, afterwards.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_stack)
        self.finish_layout()
        self.apply_metrics(context.metrics)

    @property
    def content(self) -> TimelineContent:
        return self.context.pack.content(TimelineContent)

    # --- parts --------------------------------------------------------------------------------
    def _toggle(self, text: str, name: str) -> QPushButton:
        button = QPushButton(button_text(text))
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.setObjectName(name)
        button.setCheckable(True)
        button.setAccessibleName(text)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    @staticmethod
    def toggle_width(button: QPushButton, metrics: Metrics) -> int:
        """Wide enough for the words in bold: the style sheet bolds a checked toggle."""
        font = QFont(button.font())
        font.setPixelSize(metrics.em)
        font.setBold(True)
        return round(QFontMetricsF(font).horizontalAdvance(button.text()) + 2 * metrics.px(0.8) + 12)

    def _colour(self, legend_id: str) -> str:
        return key_for(self.context.theme.name).colour(self.content.role(legend_id))

    def _callout_card(self, callout: Callout) -> Card:
        card = Card("true")
        card.setObjectName(f"timelineCallout-{callout.legend}")
        colour = self._colour(callout.legend)
        # A thick bar and the headline in the key's colour of what it is about (ketamine
        # blue, pills green) tie it to the figures and the chart's marks.
        card.setStyleSheet(f"QFrame#{card.objectName()} {{ border-left: 10px solid {colour}; }}"
                           f" QLabel[role=\"big\"] {{ color: {colour}; }}")
        big = make_label(callout.big, "big")
        big.setAccessibleName(callout.big)
        card.body.addWidget(big)
        text = self.rich_label(self.cited_html(callout.text, callout.sources))
        text.setAccessibleName(callout.text)
        card.body.addWidget(text)
        card.big_label = big  # type: ignore[attr-defined]
        self._cards.append(card)
        return card

    def _row_spec(self, row: IconRow) -> IconRowSpec:
        return IconRowSpec(label=row.label, words=row.words, value=row.value, low=row.low,
                           high=row.high, claim=row.claim,
                           colour=key_for(self.context.theme.name).colour("claim") if row.claim
                           else self._colour(row.legend))

    def _icon_array(self, rows: tuple[IconRow, ...], key: tuple[str, str, str] | None) -> IconArray:
        theme = self.context.theme
        array = IconArray([self._row_spec(r) for r in rows], outline=theme.text, background=theme.surface,
                          key=key, key_colour=self._colour(self.content.legend[0].id))
        for label, row in zip(array.row_labels, rows, strict=True):
            if row.sources:
                self.set_cited_text(label, self.cited_html(row.label, row.sources))
        return array

    def _claim_card(self) -> Card:
        claim = self.content.clinic_claim
        card = Card("note")
        card.setObjectName("timelineClinicClaim")
        card.body.addWidget(make_label(claim.heading, "h2"))
        text = self.rich_label(self.cited_html(claim.text, claim.sources))
        text.setAccessibleName(claim.text)
        card.body.addWidget(text)
        self.claim_rows = self._icon_array(claim.rows, None)
        card.body.addWidget(self.claim_rows)
        self._cards.append(card)
        return card

    def _build_people(self) -> QWidget:
        people = self.content.people
        theme = self.context.theme
        page = QWidget()
        page.setObjectName("timelinePeople")
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        self.speed = SpeedView(people.heading, people.zones, [self._row_spec(r) for r in people.rows],
                               [r.zone or 0 for r in people.rows], ink=theme.text, background=theme.surface)
        self.speed.setAccessibleName(self.content.controls.people_name)
        # The picture's message in words: each group and how many of 10 responded, when.
        self.speed.setAccessibleDescription(". ".join(f"{r.label}: {r.words}" for r in people.rows))
        for label, row in zip(self.speed.row_labels, people.rows, strict=True):
            if row.sources:
                self.set_cited_text(label, self.cited_html(row.label, row.sources))
                label.linkActivated.connect(self._on_link)
        box.addWidget(self.speed)
        # What filled, striped and empty mean: the same key as every other row of people.
        self.people = IconArray([], outline=theme.text, background=theme.surface,
                                key=(people.key.filled, people.key.range, people.key.empty),
                                key_colour=self._colour(self.content.legend[0].id))
        box.addWidget(self.people)
        self.people_note = self.rich_label(self.cited_html(people.note.text, people.note.sources))
        self.people_note.setProperty("role", "small")
        self.people_note.setAccessibleName(people.note.text)
        box.addWidget(self.people_note)
        return page

    def _build_chart(self) -> QWidget:
        from ketdesk.ui.panels.timeline.chart import TimelineChart

        context, content = self.context, self.content
        chart = self._chart = TimelineChart(context.pack, self._numbers, context.theme, context.metrics)
        page = QWidget()
        page.setObjectName("timelineChartPage")
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(chart.caption)
        box.addWidget(chart.widget, 1)
        box.addWidget(chart.key)
        # The legend is a row of check boxes: each shows its series' colour, marker and line,
        # and ticking it off hides the series (touch-sized, keyboard-reachable).
        for entry in content.legend:
            button = QCheckBox(button_text(entry.label))
            button.setObjectName(f"timelineLegend-{entry.id}")
            button.setAccessibleName(entry.label)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setChecked(True)
            button.toggled.connect(lambda on, lid=entry.id: chart.set_legend_visible(lid, on))
            self._legend_buttons[entry.id] = button
        self.legend = ResponsiveGrid(list(self._legend_buttons.values()), max_columns=4, min_column_em=9)
        self.legend.setAccessibleName(content.controls.legend_name)
        box.addWidget(self.legend)
        self.scale_note = make_label(content.controls.scale_note, "small")
        box.addWidget(self.scale_note)
        box.addStretch(1)  # spare height goes below, never into the caption
        return page

    def _legend_icon(self, role: str, metrics: Metrics) -> QIcon:
        from ketdesk.ui import charts

        theme = self.context.theme
        icon: QIcon = charts.legend_icon(charts.role_style(role, theme), metrics, theme.text)
        return icon

    def poster_visual(self) -> QWidget | None:
        """The poster shows the first view's picture: 10 people per treatment, hours to weeks."""
        people = self.content.people
        theme = self.context.theme
        return SpeedPoster(people.zones, [self._row_spec(r) for r in people.rows],
                           [r.zone or 0 for r in people.rows], ink=theme.text,
                           background=theme.window, name=self.content.controls.people_name)

    @property
    def chart(self) -> TimelineChart:
        """The detailed chart, built (and pyqtgraph imported) on first use."""
        if self._chart is None:
            self._chart_page = self._replace_page(CHART, self._build_chart())
            self.apply_metrics(self.context.metrics)
        assert self._chart is not None
        return self._chart

    @property
    def chart_built(self) -> bool:
        return self._chart is not None

    @property
    def legend_buttons(self) -> dict[str, QCheckBox]:
        self.chart  # noqa: B018 - the legend belongs to the chart: build both
        return self._legend_buttons

    def _build_table(self) -> QWidget:
        controls = self.content.controls
        self.table = TimelineTable(controls.table_headers, table_rows(self.context.pack, self._numbers),
                                   controls.table_name, self.context.theme.window)
        self.table.setObjectName("timelineTable")
        # The page re-fits whenever the rows change height (a new width or text size).
        self.table.heights_changed.connect(self._refit.start)
        return self.table

    # --- views ----------------------------------------------------------------------------------
    @property
    def view(self) -> int:
        return self.stack.currentIndex()

    def show_view(self, view: int) -> None:
        """CHART, PEOPLE or TABLE; the toggles follow."""
        if view == CHART:
            self.chart  # noqa: B018 - built on first use
        if view == TABLE and self._table_page is None:
            self._table_page = self._replace_page(TABLE, self._build_table())
        self.stack.setCurrentIndex(view)
        for button, which in ((self.chart_button, CHART), (self.table_button, TABLE)):
            button.blockSignals(True)
            button.setChecked(view == which)
            button.blockSignals(False)
        if self._chart is not None:
            self._chart.allow_key(view == CHART)
        self.apply_metrics(self.context.metrics)

    def _replace_page(self, index: int, page: QWidget) -> QWidget:
        old = self.stack.widget(index)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.insertWidget(index, page)
        return page

    def _view_toggled(self, view: int, on: bool) -> None:
        self.show_view(view if on else PEOPLE)

    # --- hooks --------------------------------------------------------------------------------
    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        for grid in (self.callouts, self.blocks):
            grid.set_spacing(metrics.gap)
        self.toggle_row.setSpacing(metrics.gap)
        for button in (self.chart_button, self.table_button, *self._legend_buttons.values()):
            button.setMinimumHeight(metrics.touch)
        for button in (self.chart_button, self.table_button):
            button.setMinimumWidth(self.toggle_width(button, metrics))
        figure = max(28, metrics.px(2.2))
        self.claim_rows.set_sizes(round(figure * 0.8), metrics.gap)
        self.speed.set_sizes(max(32, metrics.px(3.0)), metrics.gap, max(3, metrics.px(0.2)))
        self.people.set_sizes(figure, metrics.gap)
        if self._chart is not None and self.legend is not None:
            self.legend.set_spacing(metrics.gap)
            for legend_id, button in self._legend_buttons.items():
                button.setIcon(self._legend_icon(self.content.role(legend_id), metrics))
                icon = button.icon().availableSizes()
                if icon:
                    button.setIconSize(icon[0])
            self._chart.apply_metrics(metrics)
        self._fit_stack()

    def _fit_stack(self) -> None:
        """Size the stack for the view it shows.

        10 people and the table: their own height for the width. The chart: it and its
        legend end at the bottom of the first screen, but the plot never gets smaller
        than the chart's minimum (a readable 0-10 scale at any text size): the page then
        scrolls. On a short screen the lead (which the callouts repeat) gives way first.
        """
        m = self.context.metrics
        viewport = self.viewport().height()
        self.lead_label.setVisible(viewport >= m.em * 34)
        # A pass can change what it measured (a grid reflowing into more columns at the new
        # width): repeat while the layout still changes, so the stack's top is final.
        for _ in range(3):
            if not self.layout_.activate():
                break
        width = self.stack.width()
        if self.view == TABLE and self.table is not None:
            height = self.table.full_height()
        elif self.view == CHART and self._chart is not None and self._chart_page is not None:
            page = self._chart_page
            box = page.layout()
            assert box is not None
            others = 0
            for widget in (self._chart.caption, self._chart.key, self.legend, self.scale_note):
                if widget is not None and widget.isVisibleTo(page):
                    others += (widget.heightForWidth(width) if widget.hasHeightForWidth()
                               else widget.sizeHint().height()) + box.spacing()
            fill = viewport - self.stack.geometry().top() - m.px(1.0) - others
            self._chart.widget.setFixedHeight(max(self._chart.minimum_height(), fill))
            box.activate()
            height = max(box.totalHeightForWidth(width) if box.hasHeightForWidth()
                         else box.totalSizeHint().height(), box.totalMinimumSize().height())
        else:
            page = self._people_page
            height = page.heightForWidth(width) if page.hasHeightForWidth() else page.sizeHint().height()
        if self.stack.height() != height:
            self.stack.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if hasattr(self, "stack"):
            self._fit_stack()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # Positions settle only after the first layout pass: fit again once it has run.
        self._refit.start()

    def reset(self) -> None:
        super().reset()
        self.show_view(PEOPLE)
        for button in self._legend_buttons.values():
            button.setChecked(True)

    def prepare_for_screenshot(self) -> None:
        self.reset()

    def attract_tick(self) -> None:
        """Unattended: stay on the one message (10 people, hours versus weeks)."""
        if self.view != PEOPLE:
            self.show_view(PEOPLE)

    # --- for tests --------------------------------------------------------------------------------
    def text_labels(self) -> list[QLabel]:
        return [w for w in self.findChildren(QLabel) if w.isVisible()]
