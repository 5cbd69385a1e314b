"""One condition as a card: tap it, or focus it and press Enter or Space, to open its details.

The whole card is one keyboard stop and one touch target, so a patient does not have to
hit a small button; the "More details" button inside is there to show that it can be
tapped and works with the mouse too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.conditions import ConditionCard, ConditionsContent, meter_fill
from ketdesk.content.schema.core import Claim
from ketdesk.ui.panels.conditions.evidence_meter import EvidenceMeter
from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.widgets import Card, button_text, make_label

# Builds a rich label (escaped content with clickable source numbers) wired to the panel.
RichLabel = Callable[[str], QLabel]
ClaimHtml = Callable[[Claim], str]

ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


def make_meter(card: ConditionCard, text: ConditionsContent, theme: Theme) -> EvidenceMeter:
    filled, total = meter_fill(card.strength)
    word = text.level(card.strength).word
    name = fill(text.controls.meter_name, word=word, filled=filled, total=total)
    return EvidenceMeter(text.controls.meter_label, filled, total, word, name, theme)


class ConditionCardView(Card):
    """A clickable card; activating it calls ``on_activate`` with the card's id.

    A plain callback, not a Signal: PySide6 6.12's ``Signal.emit()`` from Python drops a
    reference to ``True`` on every call (see the report to the lead), which a kiosk tapping
    cards all day would eventually crash on.
    """

    def __init__(self, card: ConditionCard, text: ConditionsContent, theme: Theme,
                 rich: RichLabel, claim: ClaimHtml, counts_html: str,
                 on_activate: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__("true", parent)
        self.card = card
        self._on_activate = on_activate
        self.setObjectName(f"condition-{card.id}")
        self.setProperty("clickable", True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(card.name)
        self.setAccessibleDescription(f"{card.summary} {text.controls.more_details}")

        self.heading = make_label(card.name, "h2")
        self.summary = make_label(card.summary, "lead")
        self.meter = make_meter(card, text, theme)
        self.counts = rich(counts_html)
        self.finding = rich(claim(card.finding))
        self.approval: QLabel | None = None
        for widget in (self.heading, self.summary, self.meter, self.counts, self.finding):
            self.body.addWidget(widget)
        if card.approval is not None:
            self.approval = rich(claim(card.approval))
            self.approval.setObjectName("approval")
            self.body.addWidget(self.approval)
        self.body.addStretch(1)
        self.more = QPushButton(button_text(text.controls.more_details))
        self.more.setAccessibleName(text.controls.more_details)
        # The card is the keyboard stop; a second stop per card would double the Tab presses.
        self.more.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more.clicked.connect(self.activate)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.more)
        self.body.addLayout(row)

    def activate(self) -> None:
        self._on_activate(self.card.id)

    def apply_metrics(self, metrics: Metrics) -> None:
        # The approval note's ruled margin (it marks the note by shape as well as by words)
        # is QLabel#approval in the window's style sheet, sized with the same metrics.
        self.meter.apply_metrics(metrics)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        # Accept the press so the release (the "tap") comes back to this card.
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.activate()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in ACTIVATE_KEYS and not event.isAutoRepeat():
            self.activate()
            event.accept()
            return
        super().keyPressEvent(event)
