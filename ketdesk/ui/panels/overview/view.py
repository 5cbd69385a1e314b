"""Overview: what ketamine infusion is, who it is for, how a visit goes, and trust notes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ketdesk.content.schema.overview import OverviewContent
from ketdesk.ui.panels.base import Panel, PanelContext
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import Card, ResponsiveGrid, make_label


class OverviewPanel(Panel):

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        content = self.content

        fact_cards = []
        for fact in content.key_facts:
            card = Card()
            card.setObjectName("key-fact")
            card.body.addWidget(make_label(fact.value, "big"))
            card.body.addWidget(self.rich_label(self.cited_html(fact.label, fact.sources)))
            card.body.addStretch(1)
            fact_cards.append(card)
        self._cards.extend(fact_cards)
        self.facts = ResponsiveGrid(fact_cards, max_columns=3, min_column_em=11)
        self.layout_.addWidget(self.facts)

        self.layout_.addWidget(make_label(content.session_heading, "h2"))
        step_cards = []
        for number, step in enumerate(content.session_steps, start=1):
            card = Card()
            card.setObjectName("session-step")
            card.body.addWidget(make_label(f"{number}. {step.title}", "h2"))
            card.body.addWidget(make_label(step.duration, "small"))
            card.body.addWidget(self.rich_label(self.cited_html(step.text, step.sources)))
            card.body.addStretch(1)
            step_cards.append(card)
        self._cards.extend(step_cards)
        self.steps = ResponsiveGrid(step_cards, max_columns=len(step_cards), min_column_em=8)
        self.layout_.addWidget(self.steps)

        self.blocks = ResponsiveGrid([self.block_card(b) for b in content.blocks],
                                     max_columns=3, min_column_em=14)
        self.layout_.addWidget(self.blocks)

        # "Not medical advice" and the review date are in the window's footer, on every
        # screen: said once per screen, not twice here.
        meta = context.pack.meta
        trust = Card("warning")
        trust.setObjectName("trust")
        trust.body.addWidget(make_label(meta.off_label))
        trust.body.addWidget(make_label(meta.made_by, "small"))
        self._cards.append(trust)
        self.layout_.addWidget(trust)
        self.finish_layout()
        self.apply_metrics(context.metrics)

    @property
    def content(self) -> OverviewContent:
        return self.context.pack.content(OverviewContent)

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        for name in ("facts", "steps", "blocks"):
            grid = getattr(self, name, None)
            if grid is not None:
                grid.set_spacing(metrics.gap)
