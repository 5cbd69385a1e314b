"""Hide the mouse pointer after a few seconds without motion; show it again on motion.

On a touch screen the pointer is only in the way; a maintenance mouse brings it back.
Motion is watched on the application's top-level windows: with no mouse tracking Qt only
delivers button-less moves there, not to widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication

from ketdesk.kiosk.app_events import is_touch, unwatch_app, watch_app
from ketdesk.kiosk.config import ms

_MOTION = frozenset({QEvent.Type.MouseMove, QEvent.Type.TabletMove})


class CursorHider(QObject):
    """Application-wide event filter; ``hidden`` tells whether the pointer is blanked."""

    def __init__(self, hide_after: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ms(hide_after))
        self._timer.timeout.connect(self._hide)
        self._hidden = False

    @property
    def hidden(self) -> bool:
        return self._hidden

    def start(self) -> None:
        watch_app(self, _MOTION)
        self._timer.start()

    def stop(self) -> None:
        unwatch_app(self)
        self._timer.stop()
        self._show()

    def _hide(self) -> None:
        if not self._hidden:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self._hidden = True

    def _show(self) -> None:
        if self._hidden:
            QGuiApplication.restoreOverrideCursor()
            self._hidden = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _MOTION and watched.isWindowType() and not is_touch(event):
            self._show()
            self._timer.start()
        return False
