"""Kiosk window mode and lock-down: fullscreen, refused exits, no hover, tap tooltips, touch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from tests.gui.kiosk_support import make_kiosk, tap

Mod = Qt.KeyboardModifier


def test_fullscreen_frameless_on_top(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    window = kiosk.window
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    screen = kiosk.window_mode.screen
    assert screen is not None
    # Without a window manager nobody else sizes the window: it must fill the screen itself.
    assert window.geometry() == screen.geometry()


def test_leaving_fullscreen_is_undone(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    window = kiosk.window
    window.showNormal()
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen))


def test_missing_screen_falls_back_to_primary(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config={"screen": 7})
    assert kiosk.window_mode.screen is QApplication.primaryScreen()


@pytest.mark.parametrize(("key", "mods", "name"), [
    (Qt.Key.Key_Escape, Mod.NoModifier, "Escape"),
    (Qt.Key.Key_F4, Mod.AltModifier, "Alt+F4"),
    (Qt.Key.Key_Q, Mod.ControlModifier, "Ctrl+Q"),
    (Qt.Key.Key_W, Mod.ControlModifier, "Ctrl+W"),
])
def test_exit_keys_are_refused(qtbot, qapp_fonts, pack, key, mods, name) -> None:
    kiosk, quit_app = make_kiosk(qtbot, pack)
    window = kiosk.window
    # A shortcut on the same keys, as a menu's Quit or Close action would have.
    fired: list[bool] = []
    shortcut = QShortcut(QKeySequence(mods.value | key.value), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: fired.append(True))
    with qtbot.waitSignal(kiosk.lockdown.refused) as blocker:
        qtbot.keyClick(window, key, mods)
    assert blocker.args == [name]
    assert fired == []
    assert window.isVisible()
    assert quit_app.codes == []


def test_close_is_refused(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    with qtbot.waitSignal(kiosk.lockdown.refused) as blocker:
        assert kiosk.window.close() is False
    assert blocker.args == ["close"]
    assert kiosk.window.isVisible()


def test_ordinary_keys_still_work(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_3, Mod.ControlModifier)
    qtbot.waitUntil(lambda: kiosk.window.current_panel_id == "timeline")


def test_no_context_menu_and_no_hover_tooltip(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    label = kiosk.window.footer_advice
    asked: list[QPoint] = []
    label.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    label.customContextMenuRequested.connect(asked.append)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), label.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(label, event)
    assert asked == []

    label.setToolTip("hover text")
    help_event = QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), label.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(label, help_event)
    assert not QToolTip.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_tap_shows_the_tooltip(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    label = kiosk.window.footer_reviewed
    label.setToolTip("Reviewed by the clinic")
    tap(qtbot, label)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "Reviewed by the clinic"


def test_swipe_changes_panel(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    window = kiosk.window
    handle = window.windowHandle()
    y = window.height() // 2
    right, left = QPoint(window.width() * 3 // 4, y), QPoint(window.width() // 4, y)
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, right)
    QTest.mouseMove(handle, left)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, left)
    assert window.current_panel_id == "mechanism"
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, left)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, right)
    assert window.current_panel_id == "overview"
    # A mostly vertical drag is scrolling, not a swipe.
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, QPoint(right.x(), 50))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Mod.NoModifier,
                       QPoint(left.x(), window.height() - 50))
    assert window.current_panel_id == "overview"


def test_cursor_hides_when_still_and_shows_on_motion(qtbot, qapp_fonts, pack) -> None:
    # Half a second, not less: the check right after the move must not race the hide timer
    # on a loaded machine (at 20 ms it did).
    kiosk, _ = make_kiosk(qtbot, pack, config={"cursor_hide": 0.5})
    qtbot.waitUntil(lambda: kiosk.cursor.hidden)
    cursor = QApplication.overrideCursor()
    assert cursor is not None
    assert cursor.shape() == Qt.CursorShape.BlankCursor
    QTest.mouseMove(kiosk.window.windowHandle(), QPoint(30, 40))
    assert not kiosk.cursor.hidden
    assert QApplication.overrideCursor() is None
    qtbot.waitUntil(lambda: kiosk.cursor.hidden)
    kiosk.stop()
    assert QApplication.overrideCursor() is None


def test_controls_are_touch_sized(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    kiosk.window.resize(1024, 600)
    kiosk.attract.begin_now()
    qtbot.waitUntil(kiosk.overlay.isVisible)
    assert kiosk.overlay.pause_button.height() >= 44
    kiosk.open_staff()
    qtbot.waitUntil(kiosk.staff.pad.isVisible)
    for button in (*kiosk.staff.pad.keys.values(), kiosk.staff.pad.ok_button, kiosk.staff.pad.cancel_button):
        assert button.height() >= 44
        assert button.width() >= 44
