"""The efficacy timeline panel: ketamine works in hours, pills in weeks, on one honest chart.

Top to bottom: two headline callouts ("Ketamine: hours", "Pills: weeks"), the chart (or,
by toggle, the same results as 10 people, or as a table with sources), the legend toggles,
then the text: what one infusion, a series and pills did, caveats, and what some clinics
report beside what studies found. All words and numbers come from ``timeline.toml``.

pyqtgraph is imported here, inside ``TimelineChart``, when the panel is first shown.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent, QShowEvent
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
from ketdesk.ui import charts
from ketdesk.ui.flow_layout import FlowLayout
from ketdesk.ui.panels.base import Panel, PanelContext
from ketdesk.ui.panels.timeline.chart import TimelineChart
from ketdesk.ui.panels.timeline.icon_array import IconArray, IconRowSpec
from ketdesk.ui.panels.timeline.table import TimelineTable
from ketdesk.ui.panels.timeline.words import table_rows
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import Card, ResponsiveGrid, button_text, make_label

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
        theme = context.theme

        self.callout_cards = [self._callout_card(c) for c in content.callouts]
        self.callouts = _WrappingGrid(self.callout_cards, max_columns=2, min_column_em=12)
        self.layout_.addWidget(self.callouts)

        # View toggles: the chart is the default; "10 people" and "table" replace it.
        controls = content.controls
        self.people_button = self._toggle(controls.show_people, "timelineShowPeople")
        self.table_button = self._toggle(controls.show_table, "timelineShowTable")
        self.people_button.toggled.connect(lambda on: self._view_toggled(PEOPLE, on))
        self.table_button.toggled.connect(lambda on: self._view_toggled(TABLE, on))
        self.chart = TimelineChart(context.pack, self._numbers, theme, context.metrics)
        # Caption left, toggles right; when big text leaves no room they wrap onto rows of
        # their own instead of squeezing the caption or widening the page.
        # The two toggles move together (a row of their own), and wrap only if one row
        # cannot hold both.
        self.toggles = QWidget()
        self.toggles.setObjectName("timelineToggles")
        self.toggle_row = FlowLayout(self.toggles)
        self.toggle_row.addWidget(self.people_button)
        self.toggle_row.addWidget(self.table_button)
        # In a widget of its own, not a layout nested in the page's: Qt then remembers the
        # row's height for a width between layout passes instead of asking again each time.
        self.toolbar_row = QWidget()
        self.toolbar_row.setObjectName("timelineToolbar")
        self.toolbar = FlowLayout(self.toolbar_row, spring_after=0)
        self.toolbar.addWidget(self.chart.caption)
        self.toolbar.addWidget(self.toggles)
        self.layout_.addWidget(self.toolbar_row)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.chart.widget)
        # The other two views are built on first use: the first show only waits for the chart.
        self._people_page: QWidget | None = None
        self.people: IconArray | None = None
        self._table_page: QWidget | None = None
        self.table: TimelineTable | None = None
        self.stack.addWidget(QWidget())
        self.stack.addWidget(QWidget())
        self.layout_.addWidget(self.stack)
        self.layout_.addWidget(self.chart.key)

        # The legend is a row of check boxes: each shows its series' colour, marker and line,
        # and ticking it off hides the series (touch-sized, keyboard-reachable).
        self.legend_buttons: dict[str, QCheckBox] = {}
        for entry in content.legend:
            button = QCheckBox(button_text(entry.label))
            button.setObjectName(f"timelineLegend-{entry.id}")
            button.setAccessibleName(entry.label)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setChecked(True)
            button.toggled.connect(lambda on, lid=entry.id: self.chart.set_legend_visible(lid, on))
            self.legend_buttons[entry.id] = button
        self.legend = ResponsiveGrid(list(self.legend_buttons.values()), max_columns=4, min_column_em=9)
        self.legend.setAccessibleName(controls.legend_name)
        self.layout_.addWidget(self.legend)
        self.scale_note = make_label(controls.scale_note, "small")
        self.layout_.addWidget(self.scale_note)

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
        if not legend_id:
            return self.context.theme.muted
        return charts.series_style(self.content.legend_index(legend_id), self.context.theme).colour

    def _callout_card(self, callout: Callout) -> Card:
        card = Card("true")
        card.setObjectName(f"timelineCallout-{callout.legend}")
        colour = self._colour(callout.legend)
        # A thick bar in the series' colour ties the headline to its marks on the chart.
        card.setStyleSheet(f"QFrame#{card.objectName()} {{ border-left: 10px solid {colour}; }}")
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
                           high=row.high, colour=self._colour(row.legend), claim=row.claim)

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
        page = QWidget()
        page.setObjectName("timelinePeople")
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(make_label(people.heading, "h2"))
        key = (people.key.filled, people.key.range, people.key.empty)
        self.people = self._icon_array(people.rows, key)
        self.people.setAccessibleName(self.content.controls.people_name)
        box.addWidget(self.people, 1)
        return page

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
        if view == PEOPLE and self._people_page is None:
            self._people_page = self._replace_page(PEOPLE, self._build_people())
        if view == TABLE and self._table_page is None:
            self._table_page = self._replace_page(TABLE, self._build_table())
        self.stack.setCurrentIndex(view)
        for button, which in ((self.people_button, PEOPLE), (self.table_button, TABLE)):
            button.blockSignals(True)
            button.setChecked(view == which)
            button.blockSignals(False)
        # The legend, caption and scale note explain the chart only.
        self.legend.setVisible(view == CHART)
        self.chart.allow_key(view == CHART)
        self.chart.caption.setVisible(view == CHART)
        self.scale_note.setVisible(view == CHART)
        self.apply_metrics(self.context.metrics)

    def _replace_page(self, index: int, page: QWidget) -> QWidget:
        old = self.stack.widget(index)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.insertWidget(index, page)
        return page

    def _view_toggled(self, view: int, on: bool) -> None:
        self.show_view(view if on else CHART)

    # --- hooks --------------------------------------------------------------------------------
    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        for grid in (self.callouts, self.legend, self.blocks):
            grid.set_spacing(metrics.gap)
        for row in (self.toolbar, self.toggle_row):
            row.setSpacing(metrics.gap)
        for button in (self.people_button, self.table_button, *self.legend_buttons.values()):
            button.setMinimumHeight(metrics.touch)
        for button in (self.people_button, self.table_button):
            button.setMinimumWidth(self.toggle_width(button, metrics))
        for legend_id, button in self.legend_buttons.items():
            style = charts.series_style(self.content.legend_index(legend_id), self.context.theme)
            button.setIcon(charts.legend_icon(style, metrics, self.context.theme.text))
            icon = button.icon().availableSizes()
            if icon:
                button.setIconSize(icon[0])
        self.chart.apply_metrics(metrics)
        figure = max(28, metrics.px(2.2))
        self.claim_rows.set_sizes(round(figure * 0.8), metrics.gap)
        if self.people is not None:
            self.people.set_sizes(figure, metrics.gap)
        self._fit_stack()

    def _fit_stack(self) -> None:
        """Size the chart so that it and its legend end at the bottom of the first screen.

        On a short screen the lead (which the callouts repeat in big type) gives way first.
        The plot never gets smaller than the chart's minimum (a readable 0-10 scale at any
        text size): the page then scrolls. The key of words moved off the chart goes under
        it, outside this height, so the plot's height never depends on the key.
        """
        m = self.context.metrics
        viewport = self.viewport().height()
        self.lead_label.setVisible(viewport >= m.em * 34)
        # A pass can change what it measured (a grid reflowing into more columns at the new
        # width): repeat while the layout still changes, so the stack's top is final.
        for _ in range(3):
            if not self.layout_.activate():
                break
        top = self.stack.geometry().top()
        below = m.gap + (self.legend.sizeHint().height() if self.legend.isVisibleTo(self) else 0)
        fill = viewport - top - below - m.px(1.0)
        floor = self.chart.minimum_height() if self.view == CHART else m.px(15)
        height = max(floor, fill)
        if self.view == TABLE and self.table is not None:
            height = self.table.full_height()
        if self.view == PEOPLE and self._people_page is not None:
            width = self.stack.width()
            page = self._people_page
            need = page.heightForWidth(width) if page.hasHeightForWidth() else page.sizeHint().height()
            height = max(height, need)
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
        self.show_view(CHART)
        for button in self.legend_buttons.values():
            button.setChecked(True)

    def prepare_for_screenshot(self) -> None:
        self.reset()

    def attract_tick(self) -> None:
        """Unattended: alternate between the chart and the same results as 10 people."""
        self.show_view(PEOPLE if self.view == CHART else CHART)

    # --- for tests --------------------------------------------------------------------------------
    def text_labels(self) -> list[QLabel]:
        return [w for w in self.findChildren(QLabel) if w.isVisible()]
