"""ketdesk measured in a child process: memory, panel switching, a chart panel's first show.

Start-up follows ``ketdesk.app.main``: logging, settings, the QApplication with the bundled
fonts, then ``build_window``. Clicks go through ``QTest.mouseClick`` on the header tabs,
as a patient's tap would.

``memory``: show at 1920x1080, warm up as the app does after its first frame (the chart
    import, every panel built and prepared in idle time), visit every panel; report peak/
    current RSS and PSS.
``switch N [WxH]``: the same warm-up at WxH (default 1920x1080), every panel shown once
    (not measured), then N rounds through all panels; report each click-to-painted time.
``chart ID``: show, wait for the first paint, then tap panel ID's tab with pyqtgraph not
    yet imported (the worst case: a tap before the warm-up); report click-to-painted, and
    the time until the window stops repainting.
``chart ID warm``: the same after the app's warm-up (``ketdesk.startup.warm_up``, as
    ``ketdesk.app`` runs it after the first frame: pyqtgraph imported, then the other panels
    built in idle time): what a tap more than a moment after start-up meets.
``chart ID imported``: after the chart import only, the panel not built yet: what building
    a panel on the tap costs once pyqtgraph is in.
"""

from __future__ import annotations

import gc
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest

from benchmarks.probes.kit import (
    PaintWatch,
    activate,
    install_qt_message_handler,
    parse_size,
    process_until,
    report,
    report_memory,
    report_warnings,
    time_switches,
    wait_painted,
)


def start_window(size: tuple[int, int] = (1920, 1080)) -> Any:
    from ketdesk import settings as settings_mod
    from ketdesk.cli import Options
    from ketdesk.logs import setup_logging
    from ketdesk.startup import build_window, create_application

    setup_logging(console=False)
    settings = settings_mod.load().settings
    create_application()
    window = build_window(Options(), settings.lang, settings.text_scale, settings.clinic_name,
                          settings.reduce_motion)
    watch = PaintWatch(window.centralWidget())
    window.resize(*size)
    window.show()
    wait_painted(watch)
    activate(window)
    return window


def tap(window: Any, panel_id: str) -> PaintWatch | None:
    """Tap a tab; return a watch on the panel's page body (installed as soon as it exists)."""
    found: list[PaintWatch] = []

    def on_changed(changed: str) -> None:
        found.append(PaintWatch(window.panel(changed).widget()))

    window.panel_changed.connect(on_changed)
    QTest.mouseClick(window.tab_buttons[panel_id], Qt.MouseButton.LeftButton)
    window.panel_changed.disconnect(on_changed)
    return found[0] if found else None


def memory() -> None:
    from ketdesk.content.registry import PANEL_IDS
    from ketdesk.startup import warm_up

    window = start_window()
    warm_up(window)
    process_until(window.prebuilt)
    for panel_id in (*PANEL_IDS[1:], PANEL_IDS[0]):
        watch = tap(window, panel_id)
        assert watch is not None, panel_id
        wait_painted(watch)
    gc.collect()
    report("python_objects", len(gc.get_objects()))
    report_memory()


def switch(cycles: int, size: tuple[int, int]) -> None:
    from ketdesk.content.registry import PANEL_IDS
    from ketdesk.startup import warm_up

    window = start_window(size)
    warm_up(window)  # as the app does after its first frame: the panels built in idle time
    process_until(window.prebuilt)
    for panel_id in (*PANEL_IDS[1:], PANEL_IDS[0]):  # first show of each: not measured
        watch = tap(window, panel_id)
        assert watch is not None
        wait_painted(watch)
    order = (*PANEL_IDS[1:], PANEL_IDS[0])
    times = time_switches([window.tab_buttons[pid] for pid in order],
                          [PaintWatch(window.panel(pid).widget()) for pid in order], cycles)
    report("switch_ms", " ".join(f"{t:.3f}" for t in times))


class AnyPaint(QObject):
    """Counts paint events anywhere in the application (installed on the application)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            self.last = time.perf_counter()
        return False


class PaintPassEnd(QObject):
    """The moment the pass that paints ``widget`` first has returned: a zero timer queued at
    its paint event. Queued before any the app queues at that paint (this filter, installed
    later, is called first), so work the app defers until after the paint (a chart built
    below the poster) is not counted as the paint; ``processEvents`` would run it in the
    same call."""

    def __init__(self, widget: Any) -> None:
        super().__init__(widget)
        self.wall = 0.0
        self.cpu = 0.0
        self._queued = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and not self._queued:
            self._queued = True
            QTimer.singleShot(0, self, self._stamp)
        return False

    def _stamp(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()


def chart(panel_id: str, warm: str = "") -> None:
    from PySide6.QtWidgets import QApplication

    from ketdesk.startup import warm_up, warm_up_charts

    window = start_window()
    if warm == "warm":
        warm_up(window)
        process_until(window.prebuilt)
    elif warm == "imported":
        warm_up_charts()
    report("pyqtgraph_before", int("pyqtgraph" in sys.modules))
    report("built_before", int(panel_id in window.built_panels()))
    app = QApplication.instance()
    assert app is not None
    any_paint = AnyPaint()
    ends: list[PaintPassEnd] = []
    window.panel_changed.connect(lambda changed: ends.append(PaintPassEnd(window.panel(changed).widget())))
    cpu_start = time.process_time()  # CPU time too: less moved by a busy machine than wall time
    start = time.perf_counter()
    watch = tap(window, panel_id)
    assert watch is not None
    process_until(lambda: ends[0].wall > 0)
    painted, cpu_painted = ends[0].wall, ends[0].cpu
    app.installEventFilter(any_paint)
    quiet_passes = [0]

    def quiet() -> bool:
        # Settled: three event-loop passes in a row without any repaint.
        seen = any_paint.count
        app.processEvents()
        quiet_passes[0] = quiet_passes[0] + 1 if any_paint.count == seen else 0
        return quiet_passes[0] >= 3

    process_until(quiet)
    settled = max(painted, any_paint.last)
    report("first_show_ms", f"{(painted - start) * 1000:.3f}")
    report("first_show_cpu_ms", f"{(cpu_painted - cpu_start) * 1000:.3f}")
    report("settled_ms", f"{(settled - start) * 1000:.3f}")
    report("pyqtgraph_after", int("pyqtgraph" in sys.modules))


if __name__ == "__main__":
    install_qt_message_handler()
    mode = sys.argv[1]
    if mode == "memory":
        memory()
    elif mode == "switch":
        switch(int(sys.argv[2]), parse_size(sys.argv[3:4]))
    elif mode == "chart":
        chart(sys.argv[2], warm=sys.argv[3] if len(sys.argv) > 3 else "")
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    report_warnings()
