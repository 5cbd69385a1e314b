"""``mechanism.toml``: the mechanism panel's words, numbers and sources."""

from __future__ import annotations

from ketdesk.content.schema.core import PanelText


class MechanismPanel(PanelText, frozen=True, kw_only=True):
    """The panel's text blocks; the panel's own issue adds its visual's data here."""
