"""Quiet hours: dark and still outside opening hours; a touch or opening time wakes it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ketdesk.kiosk.quiet_hours import OpeningHours
from tests.gui.kiosk_support import finger_tap, make_kiosk

HOURS = OpeningHours.from_settings("08:00", "18:00")
NIGHT = dt.datetime(2026, 12, 3, 22, 0)
MORNING = dt.datetime(2026, 12, 4, 8, 0)


@dataclass
class Clock:
    now: dt.datetime

    def __call__(self) -> dt.datetime:
        return self.now


def fast_timers(window) -> list[str]:
    """Every running timer of the window and the app that fires more than once a minute."""
    app = QApplication.instance()
    assert app is not None
    timers = window.findChildren(QTimer) + app.findChildren(QTimer)
    return [f"{t.parent().__class__.__name__}:{t.interval()}" for t in timers
            if t.isActive() and t.interval() < 60_000]


def quiet_kiosk(qtbot, pack, clock: Clock):
    """A kiosk at night that has gone idle (its attract loop started): dark."""
    kiosk, _ = make_kiosk(qtbot, pack, config={"opening_hours": HOURS}, wall_clock=clock)
    kiosk.attract.begin_now()
    return kiosk


def test_closing_time_never_darkens_a_screen_in_use(qtbot, qapp_fonts, pack) -> None:
    clock = Clock(NIGHT.replace(hour=17, minute=50))
    kiosk, _ = make_kiosk(qtbot, pack, config={"opening_hours": HOURS}, wall_clock=clock)
    assert kiosk.quiet is not None and not kiosk.quiet.dark
    clock.now = NIGHT.replace(hour=18, minute=1)  # closed, but a visitor is reading
    kiosk.quiet.check()
    assert not kiosk.quiet.dark
    kiosk.attract.begin_now()  # they left; the kiosk starts over
    assert kiosk.quiet.dark


def test_closed_is_dark_and_still(qtbot, qapp_fonts, pack) -> None:
    kiosk = quiet_kiosk(qtbot, pack, Clock(NIGHT))
    assert kiosk.quiet is not None and kiosk.quiet.dark
    assert not kiosk.attract.rotating
    assert fast_timers(kiosk.window) == []
    assert kiosk.watchdog.watching  # still there, once a minute


def test_a_touch_wakes_it_and_the_next_reset_darkens_it(qtbot, qapp_fonts, pack) -> None:
    kiosk = quiet_kiosk(qtbot, pack, Clock(NIGHT))
    assert kiosk.quiet is not None
    finger_tap(kiosk.window, kiosk.quiet.screen)
    qtbot.waitUntil(lambda: not kiosk.quiet.dark)
    assert not kiosk.attract.active  # a page, not the attract loop
    kiosk.quiet.check()  # the minute check while a visitor is there: stays awake
    assert not kiosk.quiet.dark
    kiosk.attract.begin_now()  # the visitor left; the kiosk starts over
    assert kiosk.quiet.dark


def test_opening_time_wakes_it(qtbot, qapp_fonts, pack) -> None:
    clock = Clock(NIGHT)
    kiosk = quiet_kiosk(qtbot, pack, clock)
    assert kiosk.quiet is not None and kiosk.quiet.dark
    clock.now = MORNING
    with qtbot.waitSignal(kiosk.quiet.woken) as woken:
        kiosk.quiet.check()
    assert woken.args == ["opening"]
    assert not kiosk.quiet.dark
    assert fast_timers(kiosk.window)  # the kiosk's usual timers run again
