"""Staff exit: hold or key chord opens the PIN pad; the right PIN opens the menu and exits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from ketdesk import __version__
from ketdesk.kiosk.controller import Kiosk
from ketdesk.kiosk.pin import Attempt
from tests.gui.kiosk_support import PIN, FakeClock, make_kiosk, tap

Mod = Qt.KeyboardModifier


def enter_pin(qtbot, kiosk: Kiosk, pin: str) -> None:
    pad = kiosk.staff.pad
    for digit in pin:
        tap(qtbot, pad.keys[digit])
    assert pad.display.text() == pin and pad.display.echoMode() == QLineEdit.EchoMode.Password
    tap(qtbot, pad.ok_button)


def test_key_chord_opens_the_pin_pad(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    assert not kiosk.staff.isVisible()
    qtbot.keyClick(kiosk.window, Qt.Key.Key_K, Mod.ControlModifier | Mod.ShiftModifier | Mod.AltModifier)
    qtbot.waitUntil(kiosk.staff.pad.isVisible)
    assert kiosk.staff.pad.title.text() == "Staff only"


def test_hold_in_the_corner_opens_the_pin_pad(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config={"hold_seconds": 0.05})
    handle = kiosk.window.windowHandle()
    corner = QPoint(10, 10)
    # A short tap in the corner is an ordinary tap.
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, corner)
    assert kiosk.staff_exit.holding
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, corner)
    assert not kiosk.staff_exit.holding
    # A press elsewhere starts nothing.
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, QPoint(400, 400))
    assert not kiosk.staff_exit.holding
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, QPoint(400, 400))
    # Held long enough: the pad opens while the finger is still down.
    with qtbot.waitSignal(kiosk.staff_exit.requested, timeout=3000):
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, corner)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, corner)
    assert kiosk.staff.pad.isVisible()


def test_right_pin_opens_menu_and_exits(qtbot, qapp_fonts, pack) -> None:
    kiosk, quit_app = make_kiosk(qtbot, pack)
    kiosk.open_staff()
    enter_pin(qtbot, kiosk, PIN)
    menu = kiosk.staff.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    assert not kiosk.staff.pad.isVisible()
    assert menu.version.text() == f"App version {__version__}"
    assert menu.content_version.text() == "Content version 2026.11.27"
    assert menu.reviewed.text() == "Last reviewed: November 27, 2026"
    assert menu.log_location.text() == "Log file: /tmp/ketdesk-test.log"
    assert menu.warning is None
    with qtbot.waitSignal(kiosk.exited):
        tap(qtbot, menu.exit_button)
    assert quit_app.codes == [0]
    assert not kiosk.lockdown.locked
    assert not kiosk.window.isVisible()


def test_wrong_pin_does_not_exit(qtbot, qapp_fonts, pack) -> None:
    kiosk, quit_app = make_kiosk(qtbot, pack)
    kiosk.open_staff()
    enter_pin(qtbot, kiosk, "1111")
    assert kiosk.staff.menu is None
    assert kiosk.staff.pad.status.text() == "Wrong PIN. Tries left: 4."
    assert kiosk.staff.pad.digits == ""
    assert quit_app.codes == []
    assert kiosk.window.isVisible()
    assert kiosk.lockdown.locked
    tap(qtbot, kiosk.staff.pad.cancel_button)
    assert not kiosk.staff.isVisible()


def test_lockout_after_five_wrong_pins(qtbot, qapp_fonts, pack) -> None:
    clock = FakeClock()
    kiosk, quit_app = make_kiosk(qtbot, pack, clock=clock)
    kiosk.open_staff()
    for _ in range(4):
        enter_pin(qtbot, kiosk, "0000")
    assert kiosk.staff.pad.status.text() == "Wrong PIN. Tries left: 1."
    enter_pin(qtbot, kiosk, "0000")
    pad = kiosk.staff.pad
    assert pad.status.text() == "Too many wrong tries. Wait 60 s, then try again."
    assert not pad.keys["1"].isEnabled()
    # Locked: even the right PIN is refused, without looking at it.
    assert kiosk.guard.check(PIN) is Attempt.LOCKED
    clock.now += 30
    kiosk.staff.refresh_lock()
    assert pad.status.text() == "Too many wrong tries. Wait 30 s, then try again."
    clock.now += 31
    kiosk.staff.refresh_lock()
    assert pad.keys["1"].isEnabled()
    assert pad.status.text() == ""
    enter_pin(qtbot, kiosk, PIN)
    assert kiosk.staff.menu is not None
    assert quit_app.codes == []


def test_keyboard_entry_on_the_pad(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    kiosk.open_staff()
    pad = kiosk.staff.pad
    qtbot.keyClicks(pad, PIN + "9")
    qtbot.keyClick(pad, Qt.Key.Key_Backspace)
    assert pad.digits == PIN
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    assert kiosk.staff.menu is not None


def test_staff_menu_pauses_rotation(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    kiosk.open_staff()
    enter_pin(qtbot, kiosk, PIN)
    menu = kiosk.staff.menu
    assert menu is not None
    assert menu.pause_button.text() == "Pause rotation"
    tap(qtbot, menu.pause_button)
    assert kiosk.attract.staff_paused
    assert menu.pause_button.text() == "Resume rotation"
    tap(qtbot, menu.back_button)
    assert not kiosk.staff.isVisible()
    kiosk.attract.begin_now()
    assert not kiosk.attract.rotating


def test_settings_warning_in_the_menu(qtbot, qapp_fonts, pack) -> None:
    backup = Path("/config/settings.ini.bak")
    kiosk, _ = make_kiosk(qtbot, pack, config={"settings_problem": "line 3: bad value",
                                               "settings_backup": backup})
    kiosk.open_staff()
    enter_pin(qtbot, kiosk, PIN)
    menu = kiosk.staff.menu
    assert menu is not None and menu.warning is not None
    assert str(backup) in menu.warning_label.text()
    assert menu.warning_label.text().startswith("The settings file could not be read")


def test_idle_closes_the_staff_layer(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    kiosk.open_staff()
    enter_pin(qtbot, kiosk, PIN)
    assert kiosk.staff.menu is not None
    kiosk.attract.begin_now()  # staff walked away from an open menu
    assert not kiosk.staff.isVisible()
    assert kiosk.staff.menu is None


def test_a_lockout_survives_a_kiosk_restart(qtbot, qapp_fonts, pack, tmp_path) -> None:
    clock = FakeClock()
    state = {"pin_state": tmp_path / "pin-lockout.json"}
    first, _ = make_kiosk(qtbot, pack, clock=clock, config=state)
    first.open_staff()
    for _ in range(5):
        enter_pin(qtbot, first, "0000")
    first.stop()
    first.window.close()
    clock.now += 10
    restarted, _ = make_kiosk(qtbot, pack, clock=clock, config=state)
    restarted.open_staff()
    pad = restarted.staff.pad
    assert pad.status.text() == "Too many wrong tries. Wait 50 s, then try again."
    assert not pad.keys["1"].isEnabled()
