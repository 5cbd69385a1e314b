"""The risks panel: its content's text blocks (its own issue adds the visual)."""

from __future__ import annotations

from ketdesk.ui.panels.text_panel import TextPanel


class RisksPanel(TextPanel):
    panel_id = "risks"
