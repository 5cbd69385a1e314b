"""Where the window's events become usage counts (kiosk mode, when ``usage_counts`` is on).

Also the one entry point other parts call, ``count(event, item)``: the clinic handout calls
``count("handout_requested", lang)``. Until ``attach`` has run (desktop mode, counting off)
it does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from ketdesk.usage.store import UsageStore

if TYPE_CHECKING:
    from ketdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

_store: UsageStore | None = None


def count(event: str, item: str = "") -> None:
    """Count one ``event`` (``ketdesk.usage.store.EVENTS``) this hour; no-op when off."""
    if _store is not None:
        _store.count(event, item)


def current_store() -> UsageStore | None:
    """The store counting now (the staff menu's chart reads it), or None when off."""
    return _store


def attach(window: MainWindow, store: UsageStore,
           unattended: Callable[[], bool] = lambda: False) -> None:
    """Count panels shown, languages chosen, details opened and read-aloud used.

    ``unattended`` is true while the kiosk shows panels by itself (the attract loop):
    those panels are not counted as shown.
    """
    global _store
    _store = store

    def on_panel(panel_id: str) -> None:
        if not unattended():
            count("panel_shown", panel_id)

    window.panel_changed.connect(on_panel)
    window.tools.language_chosen.connect(lambda lang: count("language_chosen", lang))
    window.details_opened.connect(lambda card_id: count("details_opened", card_id))
    if window.reader is not None:
        # "panel:overview" / "details:depression": the page's id, never its words.
        window.reader.started.connect(
            lambda owner: count("read_aloud_used", owner.partition(":")[2]))
    log.info("usage counts: on, hourly, in %s", store.path)


def detach() -> None:
    global _store
    if _store is not None:
        _store.close()
    _store = None
