"""Quiet hours: outside opening hours the kiosk shows a dark, still screen and waits.

While closed nothing moves and nothing polls: the attract loop is stopped (no rotation, no
animation, no idle timer), the watchdog checks once a minute instead of every second, and
one coarse timer looks at the clock once a minute. The screen never goes dark on someone
using it: at closing time it waits until the kiosk is idle (the attract loop runs). A touch
wakes it for a visitor (when the kiosk next starts over, it goes dark again); opening time
wakes it for the day.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ketdesk.kiosk.quiet_hours import OpeningHours

log = logging.getLogger(__name__)

CHECK_SECONDS = 60  # the clock is looked at once a minute, never more often
QUIET_WATCHDOG_SECONDS = 60.0


class DarkScreen(QWidget):
    """Black over the whole window; a press wakes the kiosk."""

    touched = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("quietScreen")
        # Painted once, opaque: nothing beneath it is drawn while it is up.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.hide()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(0, 0, 0))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()  # touches arrive here as synthesized presses
        self.touched.emit()


class QuietHours(QObject):
    closed = Signal()  # the dark screen went up
    woken = Signal(str)  # "touch" or "opening"

    def __init__(self, window: QWidget, hours: OpeningHours, *, sleep: Callable[[], None],
                 wake: Callable[[], None], idle: Callable[[], bool],
                 now: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        super().__init__(window)
        self.hours = hours
        self._sleep = sleep  # stop what moves (the kiosk's attract loop, fast timers)
        self._wake = wake  # start it again
        self._idle = idle  # nobody is using the kiosk (its attract loop runs)
        self._now = now
        self.screen = DarkScreen(window)
        self.screen.touched.connect(lambda: self.wake("touch"))
        self._visit = False  # woken by a touch while closed
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._timer.setInterval(CHECK_SECONDS * 1000)
        self._timer.timeout.connect(self.check)

    @property
    def dark(self) -> bool:
        return self.screen.isVisible()

    def start(self) -> None:
        self._timer.start()
        self.check()

    def stop(self) -> None:
        self._timer.stop()
        if self.dark:
            self.screen.hide()

    def check(self) -> None:
        """Once a minute: go dark at closing time, wake at opening time."""
        is_open = self.hours.is_open(self._now())
        if is_open:
            self._visit = False
            if self.dark:
                self.wake("opening")
        elif not self.dark and not self._visit and self._idle():
            self.go_dark()

    def visitor_left(self) -> None:
        """The kiosk started over for the next visitor: if closed, dark again."""
        if not self.hours.is_open(self._now()):
            self._visit = False
            self.go_dark()

    def go_dark(self) -> None:
        log.info("quiet hours: closed until %s", self.hours.opens.strftime("%H:%M"))
        self._sleep()
        self.screen.cover()
        self.closed.emit()

    def wake(self, why: str) -> None:
        if not self.dark:
            return
        log.info("quiet hours: woken (%s)", why)
        self._visit = why == "touch"
        self.screen.hide()
        self._wake()
        self.woken.emit(why)
