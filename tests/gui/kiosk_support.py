"""Helpers for the kiosk GUI tests: a kiosk on a real MainWindow with short timers."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ketdesk.kiosk.config import KioskConfig
from ketdesk.kiosk.controller import Kiosk
from ketdesk.kiosk.pin import hash_pin

PIN = "2468"

# Every kiosk a test made, so the suite can check none is left running after its test
# (a running kiosk keeps its app-wide event filters and Qt cache limits for the next tests).
_made: weakref.WeakSet[Kiosk] = weakref.WeakSet()


def running_kiosks() -> list[Kiosk]:
    return [kiosk for kiosk in _made if kiosk.running]


@cache
def pin_hash() -> str:
    return hash_pin(PIN, salt=b"kiosk-tests-salt")


@dataclass
class FakeClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class QuitRecorder:
    codes: list[int] = field(default_factory=list)

    def __call__(self, code: int) -> None:
        self.codes.append(code)


def make_kiosk(qtbot: Any, pack: Any, *, start: bool = True, pack_loader: Any = None,
               reduce_motion: bool = False, theme: Any = None,
               **overrides: Any) -> tuple[Kiosk, QuitRecorder]:
    """A started kiosk whose timers are long unless a test shortens them."""
    from ketdesk.choices import installed_languages
    from ketdesk.content_source import pack_for_language
    from ketdesk.ui.main_window import MainWindow

    window = MainWindow(pack, pack_loader=pack_loader or pack_for_language,
                        languages=installed_languages(), reduce_motion=reduce_motion,
                        **({} if theme is None else {"theme": theme}))
    values: dict[str, Any] = {"pin_hash": pin_hash(), "idle_timeout": 600.0, "rotate_interval": 600.0,
                              "tick_interval": 600.0, "cursor_hide": 600.0, "hold_seconds": 600.0}
    values.update(overrides.pop("config", {}))
    quit_app = QuitRecorder()
    kiosk = Kiosk(window, KioskConfig(**values), quit_app=quit_app,
                  log_path=Path("/tmp/ketdesk-test.log"), **overrides)
    _made.add(kiosk)
    # Unlock first, or the refused close would leave the window (and its timers) behind.
    qtbot.addWidget(window, before_close_func=lambda _w: kiosk.stop())
    if start:
        kiosk.start()
        qtbot.waitExposed(window)
        # Activation arrives late offscreen; keys and tooltips need it to have happened.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    return kiosk, quit_app


def tap(qtbot: Any, widget: Any, pos: Any = None) -> None:
    """A click the way a finger or mouse makes it: at a point of the window, hit-tested.

    (``qtbot.mouseClick(widget)`` hands the event straight to ``widget``, past anything
    lying over it.)
    """
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = widget.window()
    point = widget.mapTo(window, pos if pos is not None else widget.rect().center())
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


_TOUCH: list[Any] = []


def touch_screen() -> Any:
    """One touch-screen device for the whole run (Qt keeps every device it registers)."""
    from PySide6.QtGui import QInputDevice
    from PySide6.QtTest import QTest

    if not _TOUCH:
        _TOUCH.append(QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen))
    return _TOUCH[0]


def finger_tap(window: Any, widget: Any) -> None:
    """A finger's tap on ``widget``'s centre: touch events on the window, hit-tested there."""
    finger_tap_at(window, widget.mapTo(window, widget.rect().center()))


def open_staff_menu(qtbot: Any, kiosk: Kiosk) -> Any:
    """Open the PIN pad, tap the right PIN and OK: the staff menu, shown."""
    kiosk.open_staff()
    return menu_after_pin(qtbot, kiosk)


def menu_after_pin(qtbot: Any, kiosk: Kiosk) -> Any:
    """Tap the right PIN on the open pad; the staff menu, once it shows."""
    for digit in PIN:
        tap(qtbot, kiosk.staff.pad.keys[digit])
    tap(qtbot, kiosk.staff.pad.ok_button)
    menu = kiosk.staff.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    return menu


def finger_tap_at(window: Any, point: Any) -> None:
    """A finger's tap at a point of the window: a touch press and release, as a touch screen sends."""
    from PySide6.QtTest import QTest

    device = touch_screen()
    QTest.touchEvent(window, device).press(0, point, window).commit()
    QTest.touchEvent(window, device).release(0, point, window).commit()
