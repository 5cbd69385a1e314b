"""The window's events become hourly counts: panels, languages, details and read-aloud."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ketdesk.usage import hooks
from ketdesk.usage.store import UsageStore


def test_window_events_are_counted(qtbot, qapp_fonts, pack, tmp_path: Path) -> None:
    from ketdesk.choices import installed_languages
    from ketdesk.content_source import pack_for_language
    from ketdesk.speech.reader import Reader
    from ketdesk.ui.main_window import MainWindow
    from tests.speech_double import RecordingVoice

    win = MainWindow(pack, pack_loader=pack_for_language, languages=installed_languages(),
                     reader=Reader(RecordingVoice()))
    qtbot.addWidget(win)
    store = UsageStore(tmp_path / "u.sqlite3")
    attract = {"on": False}
    hooks.attach(win, store, unattended=lambda: attract["on"])
    try:
        win.show_panel("risks")
        attract["on"] = True
        win.show_panel("sources")  # the attract loop's turn: not a visitor
        attract["on"] = False
        win.tools.language_chosen.emit("es")
        conditions: Any = win.panel("conditions")
        card_id = conditions.text.cards[0].id
        conditions.open_details(card_id)
        win.panel("risks").listen.toggle()
        hooks.count("handout_requested", "es")
        got = {(r.event, r.item): r.n for r in store.rows()}
    finally:
        hooks.detach()
    assert got[("panel_shown", "risks")] == 1
    assert ("panel_shown", "sources") not in got
    assert got[("language_chosen", "es")] == 1
    assert got[("details_opened", card_id)] == 1
    assert got[("read_aloud_used", "risks")] == 1
    assert got[("handout_requested", "es")] == 1
