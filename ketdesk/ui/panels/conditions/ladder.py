"""The four conditions at a glance, ranked by how strong the proof is (not by people studied).

One row per condition, strongest proof first: its short name and one-line summary, a large
evidence ladder (steps rising from weak to strong, filled in ink up to the condition's
level) and the level's word. The level reads three ways (word, filled steps, accessible
name), never by colour. A bar of people studied made PTSD, whose largest trial found no
benefit, the longest bar; here PTSD stands at "Limited", below CRPS.

Plain QPainter steps (the meter's) and labels: no chart code on the panel's first view.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.conditions import STRENGTH_ORDER, ConditionCard, ConditionsContent, meter_fill
from ketdesk.ui.panels.conditions.evidence_meter import MeterBars
from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.widgets import make_label

LADDER_SCALE = 2.2  # steps this many times the card meter's size: read from across a room


def strongest_first(cards: tuple[ConditionCard, ...]) -> list[ConditionCard]:
    """Cards by level of proof, strongest first; equal levels keep the content's order."""
    return sorted(cards, key=lambda c: -STRENGTH_ORDER.index(c.strength))


class EvidenceLadder(QWidget):
    """Rows of condition, ladder and level word, strongest proof first."""

    def __init__(self, text: ConditionsContent, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceLadder")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.heading = make_label(text.controls.ladder_heading, "h2")
        box.addWidget(self.heading)
        grid = self._grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        box.addLayout(grid)
        self.cards = strongest_first(text.cards)
        self.names: list[QLabel] = []
        self.summaries: list[QLabel] = []
        self.steps: list[MeterBars] = []
        self.words: list[QLabel] = []
        for row, card in enumerate(self.cards):
            filled, total = meter_fill(card.strength)
            word = text.level(card.strength).word
            name = make_label(card.chart_label, "h2")
            summary = make_label(card.summary, "body")
            steps = MeterBars(filled, total, theme)
            steps.setAccessibleName(fill(text.controls.meter_name, word=word, filled=filled, total=total))
            level = make_label(word, "h2")
            level.setObjectName("ladderWord")
            grid.addWidget(name, row * 2, 0)
            grid.addWidget(summary, row * 2 + 1, 0)
            grid.addWidget(steps, row * 2, 1, 2, 1)
            grid.addWidget(level, row * 2, 2, 2, 1)
            self.names.append(name)
            self.summaries.append(summary)
            self.steps.append(steps)
            self.words.append(level)
        grid.setColumnStretch(0, 1)

    def order(self) -> list[str]:
        """Card ids top to bottom (for tests)."""
        return [c.id for c in self.cards]

    def apply_metrics(self, metrics: Metrics) -> None:
        self._grid.setHorizontalSpacing(metrics.px(1.0))
        self._grid.setVerticalSpacing(max(2, metrics.gap // 3))
        layout = self.layout()
        if layout is not None:
            layout.setSpacing(metrics.gap)
        for steps in self.steps:
            steps.set_em(round(metrics.em * LADDER_SCALE))
        # A gap between conditions, none between a name and its summary.
        for row in range(len(self.cards)):
            self._grid.setRowMinimumHeight(row * 2 + 1, 0)
