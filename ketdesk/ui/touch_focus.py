"""No focus ring after a tap; the ring stays for the keyboard (and the mouse).

Qt gives a button keyboard focus when it is pressed, and the style sheet then draws the
thick focus ring round it: after every tap on a touch screen a ring appeared and stayed.
Qt moves focus before anyone sees the press, so this filter undoes it: when a press that
came from a touch screen has just moved focus, focus goes back where it was. A keyboard
user's place is kept, a finger leaves no ring, and a mouse click behaves as on any desktop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputDevice, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget


def from_touch(event: QMouseEvent) -> bool:
    """Whether a mouse event stands for a finger (Qt makes mouse events from touches)."""
    device = event.pointingDevice()
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen


class TouchFocusUndo(QObject):
    """Application event filter: a tap leaves keyboard focus where it was."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._moved: tuple[QWidget | None, QWidget] | None = None
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        self._moved = (old, new) if new is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # A second tap on the same spot comes as a double click: A+ tapped twice.
        if (event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
                and isinstance(event, QMouseEvent)):
            moved, self._moved = self._moved, None
            if (moved is not None and isinstance(watched, QWidget) and from_touch(event)
                    and (moved[1] is watched or moved[1].isAncestorOf(watched))):
                old, new = moved
                if new.focusPolicy() != Qt.FocusPolicy.NoFocus and new.hasFocus():
                    if old is not None and old.isVisible() and old.window() is new.window():
                        old.setFocus(Qt.FocusReason.OtherFocusReason)
                    else:
                        new.clearFocus()
        return False


_FILTER: list[TouchFocusUndo] = []


def install(app: QApplication) -> None:
    """Install the filter once per application."""
    if not _FILTER:
        _FILTER.append(TouchFocusUndo(app))
        app.installEventFilter(_FILTER[0])
