"""What the kiosk's application-wide event filters share.

The cursor hider, the idle timer, the lockdown, the staff exit and touch navigation each
watch events anywhere in the application. They share one application event filter
(``watch_app``), which hands each of them only the kinds of event it asked for. Five
filters of their own were five Python calls for every event of every widget: a panel
switch is ~500 events (every part of two pages hidden and shown), and five filters added
8-10 ms to a switch at 3840x2160. These helpers also tell the kiosk window's own events
from the rest and read where a press or touch landed.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QGuiApplication, QInputDevice, QMouseEvent, QPointerEvent, QTouchEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid


class _SharedFilter(QObject):
    """The one application event filter: each watcher sees the kinds it asked for, the one
    watching longest last (as Qt orders filters), until one eats the event."""

    def __init__(self, app: QObject) -> None:
        super().__init__(app)
        self._watchers: list[tuple[QObject, frozenset[QEvent.Type]]] = []
        self._kinds: frozenset[QEvent.Type] = frozenset()

    @property
    def watchers(self) -> list[QObject]:
        return [watcher for watcher, _ in self._watchers]

    def add(self, watcher: QObject, kinds: frozenset[QEvent.Type]) -> None:
        self.remove(watcher)
        self._watchers.append((watcher, kinds))
        self._update()

    def remove(self, watcher: QObject) -> None:
        self._watchers = [(w, k) for w, k in self._watchers if w is not watcher and isValid(w)]
        self._update()

    def _update(self) -> None:
        self._kinds = frozenset().union(*(kinds for _, kinds in self._watchers))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in self._kinds:
            return False  # nearly every event: one set lookup
        for watcher, kinds in reversed(self._watchers):
            if kind in kinds and isValid(watcher) and watcher.eventFilter(watched, event):
                return True
        return False


_SHARED: list[_SharedFilter] = []


def _shared() -> _SharedFilter:
    app = QGuiApplication.instance()
    assert app is not None
    if not _SHARED or not isValid(_SHARED[0]) or _SHARED[0].parent() is not app:
        _SHARED[:] = [_SharedFilter(app)]
        app.installEventFilter(_SHARED[0])
    return _SHARED[0]


def watch_app(watcher: QObject, kinds: Iterable[QEvent.Type]) -> None:
    """Send every event of these kinds anywhere in the application through
    ``watcher.eventFilter`` (returning True eats the event, as from a Qt event filter)."""
    _shared().add(watcher, frozenset(kinds))


def unwatch_app(watcher: QObject) -> None:
    if QGuiApplication.instance() is not None and _SHARED and isValid(_SHARED[0]):
        _SHARED[0].remove(watcher)


def app_watchers() -> list[QObject]:
    """Who watches the application's events now (tests: every kiosk part stops watching)."""
    return _SHARED[0].watchers if _SHARED and isValid(_SHARED[0]) else []


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
