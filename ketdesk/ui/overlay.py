"""A layer inside the window, over everything else in it: a dimmed backdrop for a sheet or pad.

It is a child widget, never a separate dialog: a kiosk has no window manager to bring
back a dialog that went behind the stays-on-top window, and a patient should never lose
the app behind one. The overlay covers the widget it is given, follows that widget's
resizes, dims what lies beneath, and keeps presses and the wheel from reaching it.
What closes it (Escape, a tap outside, a Cancel button) is up to each use.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

# Dims what lies behind, so the content on top reads as in front, not as more page.
BACKDROP = QColor(0, 0, 0, 150)


class Overlay(QWidget):
    """Covers ``parent`` while shown; hidden until ``present`` is called."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._covered = parent
        parent.installEventFilter(self)
        self.hide()

    def present(self) -> None:
        """Cover the whole parent and show in front of everything else in it."""
        self.setGeometry(self._covered.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._covered and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._covered.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(event.rect(), BACKDROP)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()  # nothing under the backdrop may be pressed while it is shown

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        event.accept()  # the page behind must not scroll
