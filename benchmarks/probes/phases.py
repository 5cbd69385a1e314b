"""Where start-up time goes: ``ketdesk.app.main``'s steps, timed one by one, in order.

``app``: the steps main() takes up to the first paint, split where the time is spent;
``bare``: the bare window's steps. Each line is ``phase_ms <ms> <description>``.
Interpreter start-up (about 50 ms here, the same for both) is not included.
"""

from __future__ import annotations

import sys
import time

START = time.perf_counter()
MARKS: list[tuple[str, float]] = []


def mark(what: str) -> None:
    MARKS.append((what, time.perf_counter()))


def report() -> None:
    previous = START
    for what, at in MARKS:
        print(f"phase_ms {(at - previous) * 1000:.2f} {what}")
        previous = at


def app() -> None:
    from ketdesk.cli import parse_args

    mark("import ketdesk.cli (argparse, content schema, msgspec)")
    import ketdesk.app  # noqa: F401 - timed: the module main() runs from
    from ketdesk import settings as settings_mod
    from ketdesk import startup
    from ketdesk.logs import setup_logging

    mark("import ketdesk.app, logs (logging.handlers), settings (configparser)")
    options = parse_args([])
    setup_logging(console=False)
    settings = settings_mod.load().settings
    mark("parse arguments, set up logging, read settings")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    mark("import PySide6 QtCore, QtGui, QtWidgets")
    startup.create_application()
    mark("QApplication, bundled fonts")
    from ketdesk.choices import installed_languages
    from ketdesk.content_source import builtin_pack, choose_content

    chosen = choose_content(options.lang or settings.lang, options.content)
    mark("load and validate the content pack")
    from ketdesk.ui.first_paint import on_first_paint
    from ketdesk.ui.main_window import MainWindow

    mark("import main window, panels, theme")
    window = MainWindow(chosen.pack, pack_loader=builtin_pack, languages=installed_languages(),
                        size=startup.opening_size())
    mark("build the main window and the first panel (style sheet included)")
    window.setWindowIcon(startup.app_icon())
    mark("window icon (SVG)")

    def painted() -> None:
        mark("show() to first paint")
        QApplication.quit()

    on_first_paint(window, painted)
    startup.show_sized_to_screen(window)
    QTimer.singleShot(10_000, QApplication.quit)  # never hang a benchmark
    QApplication.exec()


def bare() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    mark("import PySide6 QtCore, QtGui, QtWidgets")
    app = QApplication(sys.argv[:1])
    mark("QApplication")
    window = QMainWindow()
    central = QLabel("ketdesk baseline")
    window.setCentralWidget(central)
    window.resize(1280, 800)
    mark("build the window")

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, painted)
            return False

    def painted() -> None:
        mark("show() to first paint")
        app.quit()

    central.installEventFilter(FirstPaint(central))
    window.show()
    app.exec()


if __name__ == "__main__":
    app() if sys.argv[1] == "app" else bare()
    report()
