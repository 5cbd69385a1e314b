"""The kiosk watchdog: what it calls an escape, and that it puts the window back.

The real window manager cases run under openbox in tests/e2e/test_kiosk_openbox.py; here
the same rules are checked on plain facts, and the Qt side on the offscreen platform.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from ketdesk.kiosk.watchdog import qt_problems, x11_problems
from ketdesk.kiosk.x11 import ALL_DESKTOPS, WindowFacts
from tests.gui.kiosk_support import make_kiosk

WIN, OTHER = 0x400003, 0x600001
IN_FRONT = WindowFacts(viewable=True, desktop=ALL_DESKTOPS, current_desktop=0, showing_desktop=False,
                       states=frozenset({"FULLSCREEN", "ABOVE"}), top_client=WIN, active=WIN)


def test_a_kiosk_in_front_has_no_problems() -> None:
    assert x11_problems(IN_FRONT, {WIN}, managed=True) == []


@pytest.mark.parametrize(("change", "problem"), [
    ({"viewable": False}, "unmapped"),
    ({"desktop": 1}, "not on the current desktop"),
    ({"desktop": 0}, "not on every desktop"),
    ({"showing_desktop": True}, "show desktop is on"),
    ({"states": frozenset({"ABOVE"})}, "not fullscreen for the window manager"),
    ({"states": frozenset({"FULLSCREEN", "BELOW"})}, "not in the top layer"),
    ({"top_client": OTHER}, "another window is on top"),
    ({"active": OTHER}, "another window is active"),
])
def test_each_escape_is_named(change: dict[str, object], problem: str) -> None:
    assert x11_problems(dataclasses.replace(IN_FRONT, **change), {WIN}, managed=True) == [problem]  # type: ignore[arg-type]


def test_without_a_window_manager_only_the_mapping_counts() -> None:
    bare = WindowFacts(viewable=True, desktop=None, current_desktop=None, showing_desktop=False,
                       states=frozenset(), top_client=None, active=None)
    assert x11_problems(bare, {WIN}, managed=False) == []
    assert x11_problems(dataclasses.replace(bare, viewable=False), {WIN}, managed=False) == ["unmapped"]


def test_our_own_windows_on_top_are_no_escape() -> None:
    tooltip = 0x400099
    facts = dataclasses.replace(IN_FRONT, top_client=tooltip, active=tooltip)
    assert x11_problems(facts, {WIN, tooltip}, managed=True) == []


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_a_hidden_kiosk_shows_itself_again(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    window = kiosk.window
    assert qt_problems(window) == []
    with qtbot.waitSignal(kiosk.watchdog.restored, timeout=5000) as blocker:
        window.hide()
    assert "hidden" in blocker.args[0]
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen))
    qtbot.waitUntil(lambda: qt_problems(window) == [])


def test_a_stopped_kiosk_is_left_alone(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    assert kiosk.watchdog.watching
    kiosk.stop()
    assert not kiosk.watchdog.watching
    kiosk.window.hide()
    kiosk.watchdog.check()  # a look after the staff exit must not show it again
    kiosk.watchdog.check()
    assert kiosk.watchdog.restores == 0
    assert not kiosk.watchdog.grabbing
    assert not kiosk.window.isVisible()


def test_the_grab_is_taken_back_when_the_window_comes_back(qtbot, qapp_fonts, pack, monkeypatch) -> None:
    # The X server drops a grab silently when the window stops being viewable: the watchdog
    # takes it again on the window's return, not only at its next look a second later.
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    kiosk, _ = make_kiosk(qtbot, pack)
    watchdog = kiosk.watchdog
    watchdog.set_interval(600)  # no look in between: only the window's own events count
    tries: list[str] = []
    monkeypatch.setattr(watchdog, "_keep_grab", lambda: tries.append("grab"))
    QApplication.sendEvent(kiosk.window, QEvent(QEvent.Type.WindowActivate))
    assert tries == ["grab"]
    watchdog.stop()  # staff exit: the window may go, nothing is grabbed again
    QApplication.sendEvent(kiosk.window, QEvent(QEvent.Type.WindowActivate))
    assert tries == ["grab"]
