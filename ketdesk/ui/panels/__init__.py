"""One module per panel. Panels are imported and built only when first shown."""

from __future__ import annotations

import importlib

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


def create_panel(panel_id: str, context: PanelContext) -> Panel:
    module_name, _, class_name = PANEL_CLASSES[panel_id].partition(":")
    cls: type[Panel] = getattr(importlib.import_module(module_name), class_name)
    return cls(context)


__all__ = ["PANEL_CLASSES", "Panel", "PanelContext", "create_panel"]
