"""Start-up baseline: a bare PySide6 window, reporting its first paint exactly as ketdesk does.

ketdesk (with KETDESK_REPORT_FIRST_PAINT=1 KETDESK_EXIT_AFTER_FIRST_PAINT=1) watches its
central widget for the first paint event, queues a zero-delay callback so the paint can
finish, prints ``first-paint <epoch seconds>`` and quits. This does the same, with the same
window size, and nothing else.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, after_first_paint)
        return False


def after_first_paint() -> None:
    print(f"first-paint {time.time():.6f}", flush=True)
    QApplication.quit()


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    central = QLabel("ketdesk baseline")
    window.setCentralWidget(central)
    window.resize(1280, 800)
    central.installEventFilter(FirstPaint(central))
    window.show()
    sys.exit(app.exec())
