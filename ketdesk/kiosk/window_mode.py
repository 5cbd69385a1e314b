"""Put the main window fullscreen, frameless and on top, on the chosen screen.

Many kiosks start the app with ``xinit`` alone: with no window manager ``showFullScreen()``
only sets a state flag and the window keeps its old size, so the geometry is set to the
screen's as well (harmless under a window manager). If the window is minimised or leaves
fullscreen (a window-manager shortcut), or the screen changes size or goes away, the
kiosk puts itself back.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

KIOSK_FLAGS = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint


def choose_screen(index: int) -> QScreen | None:
    """Screen ``index`` (0 = first), or the primary screen when there is no such screen."""
    screens = QGuiApplication.screens()
    if 0 <= index < len(screens):
        return screens[index]
    if screens:
        log.warning("screen %d does not exist (%d screens); using the primary screen",
                    index, len(screens))
    return QGuiApplication.primaryScreen()


def kiosk_geometry(index: int) -> QRect:
    """Where the kiosk window will be: screen ``index``'s whole area (1280x800 with none)."""
    screen = choose_screen(index)
    return screen.geometry() if screen is not None else QRect(0, 0, 1280, 800)


def raise_window(window: QWidget) -> None:
    """Bring a top-level window to the front (the offscreen platform has no front)."""
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
    window.activateWindow()


class KioskWindowMode(QObject):
    """Keeps ``window`` fullscreen on its screen for as long as kiosk mode lasts."""

    def __init__(self, window: QWidget, screen_index: int = 0) -> None:
        super().__init__(window)
        self._window = window
        self._screen_index = screen_index
        self._screen: QScreen | None = None
        self._active = False
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(lambda _screen: self._schedule())
            app.screenRemoved.connect(lambda _screen: self._schedule())

    @property
    def screen(self) -> QScreen | None:
        return self._screen

    def enter(self) -> None:
        """Show the window in kiosk mode (call instead of ``show()``)."""
        self._active = True
        window = self._window
        window.setWindowFlags(window.windowFlags() | KIOSK_FLAGS)
        window.installEventFilter(self)
        self.apply()

    def leave(self) -> None:
        self._active = False
        self._window.removeEventFilter(self)

    def apply(self) -> None:
        window = self._window
        screen = choose_screen(self._screen_index)
        if screen is None:
            # No screen at all (a display that is going away): show what we can.
            log.warning("no screen available; showing the window without a screen")
            window.showFullScreen()
            return
        if screen is not self._screen:
            if self._screen is not None:
                self._screen.geometryChanged.disconnect(self._on_geometry)
            screen.geometryChanged.connect(self._on_geometry)
            self._screen = screen
        geometry = screen.geometry()
        window.setGeometry(geometry)
        window.create()
        handle = window.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        window.showFullScreen()
        # A bare X session has no window manager to make the window fill the screen.
        window.setGeometry(geometry)
        raise_window(window)
        log.info("kiosk window on screen %r at %dx%d+%d+%d", screen.name(), geometry.width(),
                 geometry.height(), geometry.x(), geometry.y())

    def _on_geometry(self) -> None:
        self._schedule()

    def _schedule(self) -> None:
        if self._active:
            QTimer.singleShot(0, self.apply)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._active and event.type() == QEvent.Type.WindowStateChange:
            state = self._window.windowState()
            if (state & Qt.WindowState.WindowMinimized
                    or not state & Qt.WindowState.WindowFullScreen):
                log.info("kiosk window left fullscreen (state %s); restoring", state)
                self._schedule()
        return False
