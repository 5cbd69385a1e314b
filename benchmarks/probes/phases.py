"""Where start-up time goes: ``ketdesk.app.main``'s steps, timed one by one, in order.

``app``: the steps main() takes up to the first paint (plain desktop start, no arguments),
through the same functions main() calls (``build_window``, ``install_desktop_handout``),
split where the time is spent; ``bare``: the bare window's steps. Each line is
``phase_ms <ms> <description>``. A step timed inside another (the content pack inside
``build_window``, the first panel inside the window) is reported on its own line and left
out of the enclosing one. Interpreter start-up (about 50 ms here, the same for both) is
not included.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

START = time.perf_counter()
MARKS: list[tuple[str, float]] = []
# Calls timed on their own: (description, when it ended, seconds), in order.
NESTED: list[tuple[str, float, float]] = []


def mark(what: str) -> None:
    """End the current step here: its time is what was not spent in ``timed`` calls."""
    MARKS.append((what, time.perf_counter()))


def timed(owner: Any, name: str, what: str) -> None:
    """Wrap ``owner.name`` so the time spent in it is reported as a step of its own."""
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            ended = time.perf_counter()
            NESTED.append((what, ended, ended - started))

    setattr(owner, name, wrapper)


def report() -> None:
    """Each step in order; the calls timed inside a step just before what is left of it."""
    previous = START
    for what, at in MARKS:
        inner: dict[str, float] = {}
        for name, ended, seconds in NESTED:
            if previous < ended <= at:
                inner[name] = inner.get(name, 0.0) + seconds
        for name, seconds in inner.items():
            print(f"phase_ms {seconds * 1000:.2f} {name}")
        print(f"phase_ms {(at - previous - sum(inner.values())) * 1000:.2f} {what}")
        previous = at


def app() -> None:
    from ketdesk.cli import parse_args

    mark("import ketdesk.cli (argparse, content schema, msgspec)")
    import ketdesk.app  # noqa: F401 - timed: the module main() runs from
    from ketdesk import settings as settings_mod
    from ketdesk import startup
    from ketdesk.logs import route_qt_messages, setup_logging

    mark("import ketdesk.app, logs, settings")
    options = parse_args([])
    setup_logging(console=False)
    settings = settings_mod.load().settings
    mark("parse arguments, set up logging, read settings")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    route_qt_messages()
    mark("import PySide6 QtCore, QtGui, QtWidgets; Qt's messages to the log")
    startup.create_application()
    mark("QApplication, bundled fonts")
    from ketdesk import content_source
    from ketdesk.handout.actions import install_desktop_handout
    from ketdesk.ui import main_window
    from ketdesk.ui.first_paint import on_first_paint

    mark("import main window, panels, theme")
    timed(content_source, "choose_content", "load and validate the content pack")
    timed(main_window, "create_panel", "build the opening panel (its poster and page)")
    timed(startup, "make_reader", "read-aloud voice choice")
    window = startup.build_window(options, settings.lang, settings.text_scale,
                                  settings.clinic_name, settings.reduce_motion,
                                  options.theme or settings.theme, size=startup.opening_size(),
                                  stale_notice=settings.stale_notice,
                                  read_aloud=settings.read_aloud,
                                  screen_diagonal_in=settings.screen_diagonal_in)
    mark("the rest of the main window: header, footer, sheets, style sheet, icon")
    install_desktop_handout(window, lambda: window.pack, window.set_take_home)
    window.panel(window.current_panel_id).hold_page()  # as main() does: the poster alone first
    mark("desktop handout keys and Take this home")

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
