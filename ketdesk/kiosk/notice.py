"""The calm screen the kiosk's keeper shows while the kiosk starts again.

It runs as a process of its own (the same program, with ``KETDESK_RESTART_NOTICE=1``), so it
is up even when the kiosk cannot be. It therefore depends on as little as it can: no
content pack (that may be what failed), no bundled fonts, no settings. That is also why its
few words live here and not in ``resources/content``: in both languages at once, since it
cannot know which one the last visitor chose.

Fullscreen, frameless and on top like the kiosk, with the pointer hidden and a keyboard
grab, so the desktop behind it is not reachable during the pause. The keeper ends it.
"""

from __future__ import annotations

NOTICE_ENV = "KETDESK_RESTART_NOTICE"
HEADLINE = "One moment, please.\nUn momento, por favor."
DETAIL = "The screen is starting again.\nLa pantalla se está reiniciando."
BACKGROUND, TEXT = "#1d2733", "#f4f1ea"  # the kiosk's calm dark, not an alarm colour


def run_notice() -> int:
    """Show the notice until the keeper ends this process."""
    import sys

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

    class Notice(QWidget):
        def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
            event.ignore()  # only the keeper ends the notice

    app = QApplication(sys.argv[:1])
    window = Notice()
    window.setWindowTitle("ketdesk")
    window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
    window.setStyleSheet(f"background: {BACKGROUND}; color: {TEXT};")
    screen = QGuiApplication.primaryScreen()
    height = screen.geometry().height() if screen is not None else 800
    layout = QVBoxLayout(window)
    layout.addStretch(1)
    for text, share in ((HEADLINE, 16), (DETAIL, 32)):
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setStyleSheet(f"font-size: {max(18, height // share)}px;")
        layout.addWidget(label)
    layout.addStretch(1)
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    if screen is not None:
        window.setGeometry(screen.geometry())  # no window manager: nobody else sizes it
    window.showFullScreen()

    def hold_keyboard() -> None:
        handle = window.windowHandle()
        if handle is not None and QGuiApplication.platformName() == "xcb":
            handle.setKeyboardGrabEnabled(True)

    QTimer.singleShot(200, hold_keyboard)  # a grab needs the window mapped first
    return app.exec()
