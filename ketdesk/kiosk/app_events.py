"""What the kiosk's application-wide event filters share.

The cursor hider, the idle timer, the lockdown, the staff exit and touch navigation each
watch every event in the application. These helpers install and remove such a filter,
tell the kiosk window's own events from the rest, and read where a press or touch landed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QGuiApplication, QInputDevice, QMouseEvent, QPointerEvent, QTouchEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid


def watch_app(watcher: QObject) -> None:
    """Send every event in the application through ``watcher.eventFilter``."""
    app = QGuiApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)


def unwatch_app(watcher: QObject) -> None:
    app = QGuiApplication.instance()
    if app is not None:
        app.removeEventFilter(watcher)


def is_touch(event: QEvent) -> bool:
    """True for mouse events Qt made up from a finger (a tap must not flash the pointer)."""
    device = event.device() if isinstance(event, QPointerEvent) else None
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen


def on_window(watched: QObject, window: QWidget) -> bool:
    """Whether an event an application filter sees is the kiosk window's own: its
    positions are then in the window's coordinates.

    isValid: application filters still see events while the window is being destroyed.
    """
    return watched.isWindowType() and isValid(window) and watched is window.windowHandle()


def event_position(event: QEvent, *, finger_mice: bool = True) -> QPointF | None:
    """Where a mouse event or a touch (its first point) happened; None for other events.

    ``finger_mice=False`` skips the mouse events Qt makes up from a finger, for code that
    reads the touch events themselves and must not count one gesture twice.
    """
    if isinstance(event, QTouchEvent):
        return event.points()[0].position() if event.points() else None
    if isinstance(event, QMouseEvent) and (finger_mice or not is_touch(event)):
        return event.position()
    return None
