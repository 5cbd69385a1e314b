"""``risks.toml``: the risks panel's words, numbers and sources."""

from __future__ import annotations

from ketdesk.content.schema.core import PanelText


class RisksPanel(PanelText, frozen=True, kw_only=True):
    """The panel's text blocks; the panel's own issue adds its visual's data here."""
