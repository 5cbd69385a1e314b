"""No focus ring after a tap; the ring stays for the keyboard (and the mouse).

Qt gives a button keyboard focus when it is pressed, and the style sheet then draws the
thick focus ring round it: after every tap on a touch screen a ring appeared and stayed.
Qt moves focus before anyone sees the press, so this undoes it: when a press that came
from a touch screen moves focus to what the finger is on, focus goes back where it was. A
keyboard user's place is kept, a finger leaves no ring, and a mouse click behaves as on
any desktop.

The press is watched on the top-level windows (``QWindow``), not application-wide: an
application filter is a Python call for every event of every widget, ~500 on each panel
switch (every part of two pages hidden and shown), ~1-3 ms of a 3840x2160 switch for a
filter that wants one event per tap. A window sees its input events before its widgets do.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QInputDevice, QMouseEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)


def from_touch(event: QMouseEvent) -> bool:
    """Whether a mouse event stands for a finger (Qt makes mouse events from touches)."""
    device = event.pointingDevice()
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen


class TouchFocusUndo(QObject):
    """Filter on every top-level window: a tap leaves keyboard focus where it was."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._finger: QPoint | None = None  # a touch press being delivered: where (global)
        app.focusChanged.connect(self._focus_changed)
        # A window is watched from when it first has focus: the window a finger presses
        # is activated by that press, before the press reaches its widgets.
        app.focusWindowChanged.connect(self._watch)
        for window in app.topLevelWindows():
            self._watch(window)

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.removeEventFilter(self)  # once per window, however often it has focus
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # A second tap on the same spot comes as a double click: A+ tapped twice.
        if isinstance(event, QMouseEvent):
            touch = event.type() in _PRESSES and from_touch(event)
            self._finger = event.globalPosition().toPoint() if touch else None
        return False

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        finger, self._finger = self._finger, None
        if finger is None or new is None or not new.rect().contains(new.mapFromGlobal(finger)):
            return  # not a finger's press moving focus to what it pressed
        if new.focusPolicy() != Qt.FocusPolicy.NoFocus and new.hasFocus():
            if old is not None and old.isVisible() and old.window() is new.window():
                old.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                new.clearFocus()


_FILTER: list[TouchFocusUndo] = []


def install(app: QApplication) -> None:
    """Install the filter once per application."""
    if not _FILTER:
        _FILTER.append(TouchFocusUndo(app))
