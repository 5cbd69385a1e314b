"""The view of a text-only panel: its content's text blocks as cards in a reflowing grid.

A panel declared in ``ketdesk.content.registry`` without a view of its own gets this one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ketdesk.ui.panels.base import Panel, PanelContext
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import ResponsiveGrid


class TextPanel(Panel):
    """Title, lead, then every block as a card; two columns when there is room."""

    def __init__(self, context: PanelContext, parent: QWidget | None = None, *,
                 panel_id: str = "") -> None:
        super().__init__(context, parent, panel_id=panel_id)
        self.grid = ResponsiveGrid([self.block_card(b) for b in self.text.blocks],
                                   max_columns=2, min_column_em=18)
        self.layout_.addWidget(self.grid)
        self.finish_layout()
        self.apply_metrics(context.metrics)

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        self.grid.set_spacing(metrics.gap)
