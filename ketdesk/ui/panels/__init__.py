"""The panels' views. Each is imported and built only when first shown.

Which view a panel has is declared once, in ``ketdesk.content.registry``. A panel with a
view of its own keeps it, and everything only it uses, in ``panels/<id>/``; ``base.py``
(what every panel shares) and ``text_panel.py`` (the view of a text-only panel) serve all.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

from ketdesk.content.registry import TEXT_VIEW, panel_spec
from ketdesk.ui.panels.base import Panel, PanelContext


def create_panel(panel_id: str, context: PanelContext, parent: QWidget | None = None) -> Panel:
    """Build a panel; give it the ``parent`` it will live in (the window's page stack).

    Built inside the styled window, every widget is polished once with the window's style
    sheet; built outside and moved in afterwards, every widget is measured in the default
    font and then restyled, re-measured and laid out again.
    """
    view = panel_spec(panel_id).view
    module_name, _, class_name = view.partition(":")
    # Importing lazily keeps chart code off the start-up path.
    cls: type[Panel] = getattr(importlib.import_module(module_name), class_name)
    if view == TEXT_VIEW:  # one view for every text-only panel: tell it which
        return cls(context, parent, panel_id=panel_id)
    return cls(context, parent)


__all__ = ["Panel", "PanelContext", "create_panel"]
