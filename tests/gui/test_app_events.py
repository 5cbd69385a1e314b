"""What the kiosk's application-wide filters share: whose event it is, where it landed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QInputDevice, QKeyEvent, QMouseEvent, QPointingDevice
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ketdesk.kiosk.app_events import event_position, is_touch, on_window


def press(at: QPointF, device: QPointingDevice | None = None) -> QMouseEvent:
    args = (QEvent.Type.MouseButtonPress, at, at, at, Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    return QMouseEvent(*args, device) if device is not None else QMouseEvent(*args)


def test_positions_of_mice_and_fingers(qapp) -> None:
    at = QPointF(12, 34)
    screen = QPointingDevice("test finger", 7001, QInputDevice.DeviceType.TouchScreen,
                             QPointingDevice.PointerType.Finger, QInputDevice.Capability.Position, 10, 0)
    mouse, finger = press(at), press(at, screen)
    assert not is_touch(mouse) and is_touch(finger)
    assert event_position(mouse) == at
    assert event_position(finger) == at
    assert event_position(mouse, finger_mice=False) == at
    assert event_position(finger, finger_mice=False) is None  # its touch events count instead
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    assert event_position(key) is None


def test_only_the_windows_own_events(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("x")
    QVBoxLayout(window).addWidget(button)
    other = QWidget()
    qtbot.addWidget(other)
    window.show()
    other.show()
    qtbot.waitExposed(window)
    qtbot.waitExposed(other)
    handle = window.windowHandle()
    assert handle is not None
    assert on_window(handle, window)
    assert not on_window(button, window)  # a widget, not the window's QWindow
    other_handle = other.windowHandle()
    assert other_handle is not None
    assert not on_window(other_handle, window)
