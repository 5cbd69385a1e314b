"""The timeline panel: its content's text blocks (its own issue adds the visual)."""

from __future__ import annotations

from ketdesk.ui.panels.text_panel import TextPanel


class TimelinePanel(TextPanel):
    panel_id = "timeline"
