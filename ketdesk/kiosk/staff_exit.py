"""The two ways staff call up the PIN pad: a 3 s press in the top-left corner, or a key chord.

The corner is watched on the application's windows, so it works whatever covers it (a tab,
the attract overlay). Nothing on screen shows it: patients should not find it by chance.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QMouseEvent, QShortcut, QTouchEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

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
        app = QGuiApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def stop(self) -> None:
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._hold.stop()

    def _in_corner(self, pos: QPointF) -> bool:
        return 0 <= pos.x() < self.corner_px and 0 <= pos.y() < self.corner_px

    def _position(self, event: QEvent) -> QPointF | None:
        if isinstance(event, QMouseEvent):
            return event.position()
        if isinstance(event, QTouchEvent) and event.points():
            return event.points()[0].position()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Only the kiosk window's own events: positions are then in its coordinates.
        # isValid: app filters still see events while the window is being destroyed.
        if not watched.isWindowType() or not isValid(self._window):
            return False
        if watched is not self._window.windowHandle():
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            pos = self._position(event)
            if pos is not None and self._in_corner(pos):
                self._hold.start()
            else:
                self._hold.stop()
        elif kind in (QEvent.Type.MouseMove, QEvent.Type.TouchUpdate):
            pos = self._position(event)
            if self._hold.isActive() and (pos is None or not self._in_corner(pos)):
                self._hold.stop()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._hold.stop()
        return False
