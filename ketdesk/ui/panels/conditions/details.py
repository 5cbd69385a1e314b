"""A condition's details, shown in a sheet over the panel (inside the window, never a dialog).

A kiosk has no window manager to tidy up a separate dialog, and a patient should never lose
the app behind one, so the details open as an overlay (``ketdesk.ui.overlay``) on the
panel itself: a dimmed backdrop, a sheet with the facts and the full source list, and a large Close button.
Escape, the Close button or a tap on the backdrop closes it, and focus goes back to the
card that opened it. While it is open, Tab moves only between the sheet's own controls.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.conditions import ConditionCard, ConditionsContent
from ketdesk.content.schema.core import Block, Claim
from ketdesk.ui.listen import ListenBar
from ketdesk.ui.overlay import SheetOverlay
from ketdesk.ui.panels.conditions.card import make_meter
from ketdesk.ui.panels.conditions.evidence_meter import EvidenceMeter
from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.widgets import Card, button_text, make_label


class DetailsOverlay(SheetOverlay):
    """Covers its parent; ``open_card`` fills the sheet for one condition and shows it."""

    sheet: Card

    def __init__(self, text: ConditionsContent, theme: Theme, sources_heading: str,
                 rich: Callable[[str], QLabel], claim: Callable[[Claim], str],
                 counts: Callable[[ConditionCard], str], source_list: Callable[[ConditionCard], list[str]],
                 parent: QWidget,
                 listen: Callable[[Callable[[], list[str]], str], ListenBar] | None = None) -> None:
        super().__init__(parent)
        self.setProperty("dialog", True)  # a dialog named by its title, to screen readers
        self.setObjectName("conditionDetails")
        self._text = text
        self._theme = theme
        self._sources_heading = sources_heading
        self._rich = rich
        self._claim = claim
        self._counts = counts
        self._source_list = source_list
        self._listen = listen
        self.listen: ListenBar | None = None  # the open sheet's Listen control
        self._metrics = Metrics(em=24)
        self._opener: QWidget | None = None
        self.card_id = ""
        self.meter: EvidenceMeter | None = None
        self.source_labels: list[QLabel] = []
        self._inner_cards: list[Card] = []
        self._content_layout: QVBoxLayout | None = None

        self.sheet = Card("true", self)
        self.sheet.setObjectName("detailsSheet")
        header = QHBoxLayout()
        self.heading = make_label("", "h2")
        self.close_button = QPushButton(button_text(text.controls.close))
        self.close_button.setObjectName("detailsClose")
        self.close_button.setAccessibleName(text.controls.close)
        self.close_button.setProperty("primary", True)
        self.close_button.clicked.connect(self.close_details)
        header.addWidget(self.heading, 1)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.sheet.body.addLayout(header)

        self.scroller = QScrollArea()
        self.scroller.setObjectName("detailsScroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sheet.body.addWidget(self.scroller, 1)

    # --- opening and closing ------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.isVisible()

    def open_card(self, card: ConditionCard, opener: QWidget | None = None) -> None:
        self._opener = opener
        self.card_id = card.id
        self.heading.setText(card.name)
        self.heading.setAccessibleName(card.name)
        self.setAccessibleName(fill(self._text.controls.details_name, name=card.name))
        self.scroller.setWidget(self._build_content(card))
        self.apply_metrics(self._metrics)
        self.present()
        self.scroller.verticalScrollBar().setValue(0)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_details(self) -> None:
        if not self.isVisible():
            return
        if self.listen is not None:
            self.listen.stop()
        self.hide()
        if self._opener is not None:
            self._opener.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- content ------------------------------------------------------------------
    def _build_content(self, card: ConditionCard) -> QWidget:
        content = QWidget()
        content.setObjectName("detailsBody")
        # As on the panel: let the scroll area size the content by heightForWidth, not by
        # its minimum hint (measured at its narrowest), which leaves a blank tail.
        content.setMinimumHeight(1)
        layout = self._content_layout = QVBoxLayout(content)
        self._inner_cards = []
        if self._listen is not None:
            self.listen = self._listen(lambda: self.spoken_text(card), f"details:{card.id}")
            layout.addWidget(self.listen)
        # Only what the card does not say: why the proof has this level, then the details
        # blocks and the full source list. (The sheet once repeated the card's summary,
        # counts, finding and approval word for word.)
        self.meter = make_meter(card, self._text, self._theme)
        layout.addWidget(self.meter)
        layout.addWidget(self._claim_label(card.strength_basis))
        for block in card.details:
            layout.addWidget(self._block(block))
        layout.addWidget(make_label(self._sources_heading, "h2"))
        self.source_labels = []
        for entry in self._source_list(card):
            label = self._rich(entry)
            label.setObjectName("detailsSource")
            self.source_labels.append(label)
            layout.addWidget(label)
        layout.addStretch(1)
        return content

    @staticmethod
    def spoken_text(card: ConditionCard) -> list[str]:
        """What Listen reads on this sheet, in the order it is shown (no source list)."""
        said = [card.name, card.summary, card.strength_basis.text, card.counts_text,
                card.finding.text]
        for block in card.details:
            if block.heading:
                said.append(block.heading)
            said.extend(claim.text for claim in block.claims)
        if card.approval is not None:
            said.append(card.approval.text)
        return said

    def _claim_label(self, claim: Claim) -> QLabel:
        return self._rich(self._claim(claim))  # named by its words and "Sources: ..."

    def _block(self, block: Block) -> QWidget:
        """A details block: a bold heading and its claims; warnings get the warning card."""
        box = Card("warning" if block.style == "warning" else "note")
        box.setObjectName(f"details-{block.id}")
        if block.heading:
            heading = make_label(block.heading, "body")
            heading.setStyleSheet("font-weight: bold;")
            heading.setAccessibleName(block.heading)
            box.body.addWidget(heading)
        for claim in block.claims:
            box.body.addWidget(self._claim_label(claim))
        self._inner_cards.append(box)
        return box

    # --- sizes --------------------------------------------------------------------
    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self.sheet.set_padding(metrics.px(1.0))
        self.close_button.setMinimumSize(max(metrics.touch, metrics.px(5)), metrics.touch)
        self.sheet.setStyleSheet(
            f"QScrollArea#detailsScroll, QWidget#detailsBody {{ background: {self._theme.surface}; }}")
        if self._content_layout is not None:
            self._content_layout.setSpacing(metrics.gap)
            # Room for the scroll bar so it never covers text.
            self._content_layout.setContentsMargins(0, 0, metrics.px(0.5), 0)
        for box in self._inner_cards:
            box.set_padding(metrics.px(0.6))
        if self.meter is not None:
            self.meter.apply_metrics(metrics)
        self.place_sheet()

    def place_sheet(self) -> None:
        margin = self._metrics.px(1.0)
        width = min(self.width() - 2 * margin, self._metrics.px(42))
        height = self.height() - 2 * margin
        self.sheet.setGeometry(QRect((self.width() - width) // 2, margin, width, height))

    # --- events -------------------------------------------------------------------
    def dismiss(self) -> None:
        self.close_details()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt override
        """Keep Tab inside the sheet while it is open."""
        chain = [w for w in self.findChildren(QWidget)
                 if w.isVisible() and w.isEnabled()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus]
        if not chain:
            return False
        # findChildren lists in creation order; the close button comes first, as on screen.
        current = self.focusWidget()
        index = chain.index(current) if current in chain else -1
        target = chain[(index + (1 if next else -1)) % len(chain)]
        target.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True
