"""Other conditions: one card per condition, how strong the proof is, and who was studied.

First, the four conditions at a glance on one evidence ladder, strongest proof first
(``ladder``): how strong the proof is, not how many people were studied. Then the cards:
they reflow into one or two columns by width. Each shows its evidence meter (word and
filled bars), the trial and people counts, the key finding with its number and the
approval note; tapping it (or Enter/Space) opens a details sheet over the panel. Below,
a bar chart compares the conditions by people studied (built after the first show's
paint, so pyqtgraph stays off the start-up path and off the tap that opens the panel),
with the "what evidence means" note and legend.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.conditions import ConditionCard, ConditionsContent, meter_fill
from ketdesk.content.schema.core import Claim
from ketdesk.ui.citations import citation_text
from ketdesk.ui.first_paint import on_first_paint
from ketdesk.ui.panels.base import Panel, PanelContext
from ketdesk.ui.panels.conditions.card import ConditionCardView
from ketdesk.ui.panels.conditions.chart import PeopleChart
from ketdesk.ui.panels.conditions.details import DetailsOverlay
from ketdesk.ui.panels.conditions.evidence_meter import EvidenceMeter
from ketdesk.ui.panels.conditions.ladder import EvidenceLadder, strongest_first
from ketdesk.ui.panels.conditions.ladder_poster import LadderPoster, Rung
from ketdesk.ui.text import claim_html
from ketdesk.ui.theme import Metrics
from ketdesk.ui.visual_key import key_for
from ketdesk.ui.widgets import Card, ResponsiveGrid, make_label


class ConditionsPanel(Panel):

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        text = self.content
        theme = context.theme

        self.ladder = EvidenceLadder(text, theme)
        # The ladder's message in words, strongest proof first, as it is drawn.
        self.ladder.setAccessibleName(text.controls.ladder_heading)
        by_id = {card.id: card for card in text.cards}
        self.ladder.setAccessibleDescription(". ".join(
            f"{by_id[i].chart_label}: {text.level(by_id[i].strength).word}" for i in self.ladder.order()))
        ladder_card = Card()
        ladder_card.setObjectName("ladderCard")
        ladder_card.body.addWidget(self.ladder)
        self._cards.append(ladder_card)
        self.layout_.addWidget(ladder_card)

        self.card_views: dict[str, ConditionCardView] = {}
        for card in text.cards:
            view = ConditionCardView(card, text, theme, self.rich_label, self.claim_html,
                                     self.counts_html(card), self.open_details)
            self.card_views[card.id] = view
            self._cards.append(view)
        self.grid = ResponsiveGrid(list(self.card_views.values()), max_columns=2, min_column_em=20)
        self.layout_.addWidget(self.grid)

        self.chart = PeopleChart(text, theme, context.metrics, self._numbers, context.ui)
        chart_card = Card()
        chart_card.setObjectName("chartCard")
        chart_card.body.addWidget(self.chart)
        self.chart_note = self.rich_label(self.claim_html(text.chart.note))
        self.chart_note.setAccessibleName(text.chart.note.text)
        chart_card.body.addWidget(self.chart_note)
        # When the row is taller than the chart (its neighbour is the long legend), the spare
        # height goes below the note, not between the chart's title and its bars.
        chart_card.body.addStretch(1)
        self._cards.append(chart_card)

        note_card = Card("note")
        note_card.setObjectName("evidenceNote")
        for block in text.blocks:
            if block.heading:
                note_card.body.addWidget(make_label(block.heading, "h2"))
            for claim in block.claims:
                label = self.rich_label(self.claim_html(claim))
                label.setAccessibleName(claim.text)
                note_card.body.addWidget(label)
        note_card.body.addWidget(make_label(text.controls.legend_heading, "h2"))
        self.legend: list[EvidenceMeter] = []
        for level in text.levels_strongest_first:
            filled, total = meter_fill(level.level)
            meter = EvidenceMeter("", filled, total, level.word,
                                  fill(text.controls.meter_name, word=level.word, filled=filled,
                                       total=total), theme)
            meter.caption.hide()
            self.legend.append(meter)
            note_card.body.addWidget(meter)
            note_card.body.addWidget(make_label(level.meaning, "body"))
        note_card.body.addStretch(1)
        self._cards.append(note_card)
        self.lower_grid = ResponsiveGrid([chart_card, note_card], max_columns=2, min_column_em=20)
        self.layout_.addWidget(self.lower_grid)
        # The grids' minimum size hints are measured at their narrowest, where wrapped text is
        # tallest; the scroll area would take that as the page height and leave a blank tail.
        # A token minimum lets it use the real height for the width (heightForWidth) instead.
        for grid in (self.grid, self.lower_grid):
            grid.setMinimumHeight(1)
        self.finish_layout()

        self.details = DetailsOverlay(text, theme, context.ui.sources_heading, self.rich_label,
                                      self.claim_html, self.counts_html, self.source_entries,
                                      parent=self, listen=self.listen_bar)
        self._chart_pending = False
        self.apply_metrics(context.metrics)

    # --- content --------------------------------------------------------------------
    @property
    def content(self) -> ConditionsContent:
        return self.context.pack.content(ConditionsContent)

    def claim_html(self, claim: Claim) -> str:
        return claim_html(claim, self._numbers, self.context.ui, self.context.theme.link)

    def counts_html(self, card: ConditionCard) -> str:
        return self.cited_html(card.counts_text, card.sources)

    def source_entries(self, card: ConditionCard) -> list[str]:
        """The card's full source list as rich text: each citation, its number as a chip."""
        entries = []
        for source_id in sorted(card.all_sources, key=lambda s: self._numbers[s]):
            number = self._numbers[source_id]
            citation = citation_text(number, self.context.pack.source(source_id),
                                     self.context.ui.secondary_source)
            rest = citation.removeprefix(f"{number}.").strip()
            entries.append(self.cited_html(rest, (source_id,)))
        return entries

    def poster_visual(self) -> QWidget | None:
        """The poster shows the ladder: the four conditions by strength of proof."""
        text = self.content
        key = key_for(self.context.theme.name)
        rungs = []
        for card in strongest_first(text.cards):
            filled, total = meter_fill(card.strength)
            rungs.append(Rung(card.chart_label, text.level(card.strength).word, filled, total))
        return LadderPoster(rungs, ink=key.ink, fill=key.evidence_fill, name=text.controls.ladder_heading)

    # --- details ----------------------------------------------------------------------
    def open_details(self, card_id: str) -> None:
        card = next(c for c in self.content.cards if c.id == card_id)
        self.details.open_card(card, opener=self.card_views[card_id])
        self.context.on_details(card_id)

    # --- chart, built on first show ---------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self.chart.is_built and not self._chart_pending:
            # After the first paint: the poster is on screen before pyqtgraph is imported
            # (the chart is below it, in a card of its final size). A zero timer ran before
            # that paint, and a tap before the app's chart warm-up waited ~0.5 s for it.
            self._chart_pending = True
            on_first_paint(self.body, self.chart.build)

    # --- hooks --------------------------------------------------------------------------
    def build_deferred(self) -> None:
        if not self.chart.is_built:
            self.chart.build()

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        self.grid.set_spacing(metrics.gap)
        self.lower_grid.set_spacing(metrics.gap)
        # The cards' thick focus ring and hover colour (the card is the keyboard target) come
        # from the window's style sheet: a sheet set here would restyle the whole page.
        for view in self.card_views.values():
            view.apply_metrics(metrics)
        for meter in self.legend:
            meter.apply_metrics(metrics)
        self.ladder.apply_metrics(metrics)
        self.chart.apply_metrics(metrics)
        self.details.apply_metrics(metrics)

    def reset(self) -> None:
        self.details.close_details()
        self.chart.toggle.setChecked(False)
        super().reset()
