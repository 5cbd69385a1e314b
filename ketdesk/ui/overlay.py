"""A layer inside the window, over everything else in it: a dimmed backdrop for a sheet or pad.

It is a child widget, never a separate dialog: a kiosk has no window manager to bring
back a dialog that went behind the stays-on-top window, and a patient should never lose
the app behind one. The overlay covers the widget it is given, follows that widget's
resizes, dims what lies beneath, and keeps presses and the wheel from reaching it.
What closes it (Escape, a tap outside, a Cancel button) is up to each use.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
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


class SheetOverlay(Overlay):
    """An overlay holding one sheet (``self.sheet``, made by the subclass): a tap on the
    backdrop or Escape calls ``dismiss``; ``place_sheet`` puts the sheet on every resize."""

    sheet: QWidget

    def dismiss(self) -> None:
        """Close the sheet (Back, Escape, a tap beside it)."""

    def place_sheet(self) -> None:
        """Set the sheet's geometry inside this overlay."""

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.place_sheet()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if not self.sheet.geometry().contains(event.position().toPoint()):
            self.dismiss()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            event.accept()
            return
        super().keyPressEvent(event)
