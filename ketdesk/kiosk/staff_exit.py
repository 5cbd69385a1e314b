"""The two ways staff call up the PIN pad: a 3 s press in the top-left corner, or a key chord.

The corner is watched on the application's windows, so it works whatever covers it (a tab,
the attract overlay). Nothing on screen shows it: patients should not find it by chance.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from ketdesk.kiosk.app_events import event_position, on_window, unwatch_app, watch_app
from ketdesk.kiosk.config import ms

CHORD = "Ctrl+Shift+Alt+K"


class StaffExitTrigger(QObject):
    requested = Signal()

    def __init__(self, window: QWidget, hold_seconds: float, corner_px: int = 96) -> None:
        super().__init__(window)
        self._window = window
        self.corner_px = corner_px
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(ms(hold_seconds))
        self._hold.timeout.connect(self.requested)
        self.shortcut = QShortcut(QKeySequence(CHORD), window)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.requested)

    @property
    def holding(self) -> bool:
        return self._hold.isActive()

    def start(self) -> None:
        watch_app(self, (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.MouseMove,
                         QEvent.Type.TouchUpdate, QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd,
                         QEvent.Type.TouchCancel))

    def stop(self) -> None:
        unwatch_app(self)
        self._hold.stop()

    def _in_corner(self, pos: QPointF) -> bool:
        return 0 <= pos.x() < self.corner_px and 0 <= pos.y() < self.corner_px

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Only the kiosk window's own events: positions are then in its coordinates.
        if not on_window(watched, self._window):
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            pos = event_position(event)
            if pos is not None and self._in_corner(pos):
                self._hold.start()
            else:
                self._hold.stop()
        elif kind in (QEvent.Type.MouseMove, QEvent.Type.TouchUpdate):
            pos = event_position(event)
            if self._hold.isActive() and (pos is None or not self._in_corner(pos)):
                self._hold.stop()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._hold.stop()
        return False
