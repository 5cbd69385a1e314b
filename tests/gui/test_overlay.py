"""The shared in-window overlay: covers its parent, follows its size, dims it, shields it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from ketdesk.ui.overlay import BACKDROP, Overlay


class Page(QWidget):
    """A parent that counts the presses that reach it."""

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("white"))
        self.setPalette(palette)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.presses += 1
        event.accept()


def shown_page(qtbot) -> tuple[Page, Overlay]:
    """A 400x300 page on screen with a (hidden) overlay on it."""
    page = Page()
    qtbot.addWidget(page)
    page.resize(400, 300)
    overlay = Overlay(page)
    page.show()
    qtbot.waitExposed(page)
    return page, overlay


def test_overlay_covers_follows_and_dims(qtbot) -> None:
    page, overlay = shown_page(qtbot)
    assert not overlay.isVisible()
    overlay.present()
    assert overlay.isVisible()
    assert overlay.geometry() == page.rect()
    page.resize(500, 320)
    qtbot.waitUntil(lambda: overlay.geometry() == page.rect())
    # White under black at alpha 150 comes out grey: dimmed, not hidden.
    pixel = QColor(page.grab().toImage().pixel(250, 160))
    expected = 255 * (255 - BACKDROP.alpha()) // 255
    assert abs(pixel.red() - expected) <= 2 and pixel.red() == pixel.green() == pixel.blue()


def test_overlay_keeps_presses_from_the_page(qtbot) -> None:
    page, overlay = shown_page(qtbot)
    middle = QPoint(200, 150)
    QTest.mousePress(page, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    assert page.presses == 1  # the counter works
    overlay.present()
    QTest.mousePress(overlay, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    assert page.presses == 1
