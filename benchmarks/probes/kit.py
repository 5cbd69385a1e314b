"""Measuring helpers shared by the probes: paint detection, memory, Qt warnings.

"Painted" means: the widget received its paint event and the event-loop pass that
delivered it has returned, so the whole window's repaint (and, on X11, the flush to the
server) is done. This module imports only QtCore/QtWidgets, like the app's first frame.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QWidget

QT_WARNINGS: list[str] = []
# Harmless and not ours: the offscreen platform cannot resize native windows.
_IGNORED = ("This plugin does not support propagateSizeHints",)


def _on_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and not message.startswith(_IGNORED):
        QT_WARNINGS.append(message)


def install_qt_message_handler() -> None:
    qInstallMessageHandler(_on_qt_message)


class PaintWatch(QObject):
    """Counts paint events a widget receives."""

    def __init__(self, widget: QWidget | None) -> None:
        assert widget is not None, "nothing to watch"
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def process_until(done: object, timeout: float = 30.0) -> None:
    """Run the event loop until ``done()`` is true; raise TimeoutError after ``timeout`` s."""
    app = QCoreApplication.instance()
    assert app is not None
    deadline = time.perf_counter() + timeout
    while not done():  # type: ignore[operator]
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if time.perf_counter() > deadline:
            raise TimeoutError("the widget was never painted")


def wait_painted(watch: PaintWatch, before: int = 0) -> None:
    process_until(lambda: watch.count > before)


def activate(window: QWidget) -> None:
    """Make the window the active one, as a window manager does for the window tapped.

    The private Xvfb has no window manager, so nothing activates a window by itself;
    some costs (focus rings, a chart scene's activation) exist only in an active window.
    """
    window.activateWindow()
    with contextlib.suppress(TimeoutError):  # a platform that cannot activate: measure as is
        process_until(window.isActiveWindow, timeout=2.0)


def settle(rounds: int = 3) -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(rounds):
        app.sendPostedEvents()
        app.processEvents()


def memory_kb() -> dict[str, int]:
    """Peak and current resident memory, and proportional memory (PSS), in KiB."""
    found: dict[str, int] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            found[key] = int(rest.split()[0])
    rollup = Path("/proc/self/smaps_rollup")
    if rollup.exists():
        for line in rollup.read_text().splitlines():
            if line.startswith("Pss:"):
                found["Pss"] = int(line.split()[1])
    return found


def time_switches(buttons: Sequence[QWidget], watches: Sequence[PaintWatch], cycles: int) -> list[float]:
    """Milliseconds from a tap on ``buttons[i]`` to the paint of ``watches[i]``, ``cycles``
    times round; the app and its bare baseline are timed by this one routine."""
    from PySide6.QtTest import QTest  # only the switching probes need it

    times: list[float] = []
    for _ in range(cycles):
        for button, watch in zip(buttons, watches, strict=True):
            before = watch.count
            start = time.perf_counter()
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            wait_painted(watch, before)
            times.append((time.perf_counter() - start) * 1000)
    return times


def parse_size(args: Sequence[str]) -> tuple[int, int]:
    """``["3840x2160"]`` as (3840, 2160); no argument: 1920x1080."""
    width, _, height = (args[0] if args else "1920x1080").partition("x")
    return int(width), int(height)


def report(key: str, value: object) -> None:
    print(f"{key} {value}", flush=True)


def report_memory() -> None:
    for key, value in memory_kb().items():
        report(f"mem_{key}", value)


def report_warnings() -> None:
    report("qt_warnings", len(QT_WARNINGS))
    for message in QT_WARNINGS[:5]:
        report("qt_warning", message.replace("\n", " "))
