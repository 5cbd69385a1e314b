"""The kiosk's parts share one application event filter and see only the events they use:
five filters of their own ran Python five times for each of a panel switch's ~500 events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent

from ketdesk.kiosk.app_events import app_watchers
from ketdesk.kiosk.cursor import CursorHider
from ketdesk.kiosk.idle import AttractLoop
from ketdesk.kiosk.lockdown import Lockdown
from ketdesk.kiosk.staff_exit import StaffExitTrigger
from ketdesk.kiosk.touch import TouchNavigation
from ketdesk.screenshot import settle
from tests.gui.kiosk_support import finger_tap, make_kiosk

PARTS = (CursorHider, AttractLoop, Lockdown, StaffExitTrigger, TouchNavigation)


def test_the_kiosks_parts_watch_through_one_filter_and_stop_with_it(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    watching = app_watchers()
    assert {type(part) for part in watching} == set(PARTS)
    kiosk.stop()
    assert app_watchers() == []


def test_a_panel_switch_reaches_the_kiosks_parts_only_as_its_taps(qtbot, qapp_fonts, pack,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, QEvent.Type]] = []
    for part in PARTS:
        real = part.eventFilter

        def counted(self, watched, event, real=real):
            seen.append((type(self).__name__, event.type()))
            return real(self, watched, event)

        monkeypatch.setattr(part, "eventFilter", counted)
    kiosk, _ = make_kiosk(qtbot, pack)
    window = kiosk.window
    for panel_id in ("risks", "overview"):
        window.show_panel(panel_id)
        settle()
    # ~1000 hide, show and paint events, none of them theirs (a part closing: the lockdown's)
    assert {kind for _, kind in seen} <= {QEvent.Type.Close}, seen
    finger_tap(window, window.tab_buttons["risks"])
    settle()
    assert window.current_panel_id == "risks"
    kinds = {kind for _, kind in seen}
    assert QEvent.Type.TouchBegin in kinds or QEvent.Type.MouseButtonPress in kinds
    assert not kinds & {QEvent.Type.Paint, QEvent.Type.Show, QEvent.Type.Hide}
    assert len(seen) < 60, len(seen)
