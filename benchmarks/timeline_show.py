"""Time to show the efficacy timeline panel (its poster and the 10 people: no pyqtgraph), then
its detailed chart the first time (pyqtgraph import included), and later shows.

Run from the worktree root in a fresh process (the first-show figure needs pyqtgraph not yet
imported):  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/timeline_show.py [WxH]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from ketdesk.choices import installed_languages
    from ketdesk.content import load_content
    from ketdesk.content_source import builtin_pack
    from ketdesk.screenshot import settle
    from ketdesk.startup import create_application
    from ketdesk.ui.main_window import MainWindow

    size = tuple(int(v) for v in (sys.argv[1] if len(sys.argv) > 1 else "1920x1080").split("x"))
    app = create_application()
    result = load_content(Path("resources/content/en"))
    assert result.pack is not None
    window = MainWindow(result.pack, pack_loader=builtin_pack, languages=installed_languages())
    window.resize(*size)
    window.show()
    settle()
    assert "pyqtgraph" not in sys.modules, "pyqtgraph must not be imported before the chart is shown"

    def show_timeline() -> float:
        start = time.perf_counter()
        window.show_panel("timeline")
        window.repaint()  # paint synchronously: the time until the panel is on screen
        settle()
        return time.perf_counter() - start

    from ketdesk.ui import charts

    import_time: list[float] = []
    real_pg = charts.pg

    def timed_pg():  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        lib = real_pg()
        import_time.append(time.perf_counter() - start)
        return lib

    charts.pg = timed_pg  # type: ignore[assignment]
    first = show_timeline()
    assert not import_time, "the timeline's first view must not need pyqtgraph"
    start = time.perf_counter()
    panel = window.panel("timeline")
    panel.show_view(0)  # the detailed chart, one tap away
    window.repaint()
    settle()
    chart = time.perf_counter() - start
    panel.show_view(1)
    charts.pg = real_pg  # type: ignore[assignment]
    later = []
    for _ in range(5):
        window.show_panel("overview")
        settle()
        later.append(show_timeline())
    print(f"timeline panel at {size[0]}x{size[1]}: first show {first * 1000:.0f} ms, "
          f"then its detailed chart {chart * 1000:.0f} ms "
          f"(of which pyqtgraph import {import_time[0] * 1000:.0f} ms), "
          f"later shows median {statistics.median(later) * 1000:.0f} ms")
    app.quit()


if __name__ == "__main__":
    main()
