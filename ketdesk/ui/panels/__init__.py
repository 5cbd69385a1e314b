"""One module per panel. Panels are imported and built only when first shown."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

from ketdesk.ui.panels.base import Panel, PanelContext

# panel id -> "module:class". Importing lazily keeps chart code off the start-up path.
PANEL_CLASSES: dict[str, str] = {
    "overview": "ketdesk.ui.panels.overview:OverviewPanel",
    "mechanism": "ketdesk.ui.panels.mechanism:MechanismPanel",
    "timeline": "ketdesk.ui.panels.timeline:TimelinePanel",
    "conditions": "ketdesk.ui.panels.conditions:ConditionsPanel",
    "risks": "ketdesk.ui.panels.risks:RisksPanel",
    "sources": "ketdesk.ui.panels.sources:SourcesPanel",
}


def create_panel(panel_id: str, context: PanelContext, parent: QWidget | None = None) -> Panel:
    """Build a panel; give it the ``parent`` it will live in (the window's page stack).

    Built inside the styled window, every widget is polished once with the window's style
    sheet; built outside and moved in afterwards, every widget is measured in the default
    font and then restyled, re-measured and laid out again.
    """
    module_name, _, class_name = PANEL_CLASSES[panel_id].partition(":")
    cls: type[Panel] = getattr(importlib.import_module(module_name), class_name)
    return cls(context, parent)


__all__ = ["PANEL_CLASSES", "Panel", "PanelContext", "create_panel"]
