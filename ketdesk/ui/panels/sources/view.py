"""Sources: every citation, numbered, with its DOI, grouped by the panel that cites it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.registry import PANEL_IDS
from ketdesk.ui.citations import citation_text
from ketdesk.ui.panels.base import Panel, PanelContext
from ketdesk.ui.poster_visual import Item, ItemsVisual
from ketdesk.ui.text import format_date, review_text
from ketdesk.ui.widgets import Card, make_label


class SourcesPanel(Panel):

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        pack = context.pack
        numbers = self._numbers
        for block in pack.sources.blocks:
            self.layout_.addWidget(self.block_card(block))
        self.layout_.addWidget(make_label(review_text(pack.meta, context.ui), "small"))
        self.entries: dict[int, QLabel] = {}
        cited = pack.cited_by_panel()
        listed: set[str] = set()
        groups: list[tuple[str, tuple[str, ...]]] = [
            (pack.panel(pid).title, cited[pid]) for pid in PANEL_IDS if cited[pid]
        ]
        uncited = tuple(s.id for s in pack.sources.sources
                        if not any(s.id in ids for ids in cited.values()))
        if uncited:
            groups.append((pack.sources.uncited_heading, uncited))
        for heading, ids in groups:
            card = Card()
            card.body.addWidget(make_label(heading, "h2"))
            for source_id in sorted(ids, key=lambda s: numbers[s]):
                number = numbers[source_id]
                label = make_label(citation_text(number, pack.source(source_id),
                                                 context.ui.secondary_source))
                label.setObjectName(f"source-{number}")
                label.setAccessibleName(label.text())
                # Selectable so a clinician can copy a DOI.
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                card.body.addWidget(label)
                if source_id not in listed:
                    self.entries[number] = label
                    listed.add(source_id)
            self._cards.append(card)
            self.layout_.addWidget(card)
        self.finish_layout()
        self.apply_metrics(context.metrics)

    def poster_visual(self) -> QWidget | None:
        """How many sources there are and when they were last reviewed, filled into the words."""
        poster = self.poster_content()
        if poster is None or not poster.items:
            return None
        meta, ui = self.context.pack.meta, self.context.ui
        day = meta.last_reviewed
        values = {"count": len(self.context.pack.sources.sources), "year": day.year,
                  "date": format_date(day.day, day.month, day.year, ui)}
        items = [Item(fill(i.value, **values), fill(i.label, **values)) for i in poster.items]
        return ItemsVisual(items, poster.visual, self.context.theme)

    def show_source(self, number: int) -> None:
        """Scroll to a citation and mark it, for a tap on a source number elsewhere."""
        label = self.entries.get(number)
        if label is None:
            return
        # Wait for the layout to settle after a panel switch before measuring positions.
        QTimer.singleShot(0, lambda: self._reveal(label))

    def _reveal(self, label: QLabel) -> None:
        self.ensureWidgetVisible(label, 0, self.context.metrics.px(2))
        for other in self.entries.values():
            if other.property("highlight"):
                other.setProperty("highlight", False)
                other.style().polish(other)
        label.setProperty("highlight", True)
        label.style().polish(label)
