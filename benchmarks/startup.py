"""(a) Cold start to first paint: ``python -m ketdesk`` against a bare PySide6 window.

Both report ``first-paint <epoch seconds>`` from a zero-delay callback queued by their
first paint event, then quit. The figure is that timestamp minus the time taken just
before the process was spawned: interpreter start, imports, content, window, first frame.
Measured on a real X server (Xvfb) and on Qt's offscreen platform. A per-step timing of
the start-up path (``probes/phases.py``) goes with the offscreen figure, to show where the
difference from the bare window is.

Two floors run in the same alternation (``probes/poster_floor.py``, no target): a window
showing only the opening poster's headline and message in the bundled typeface, and the
same with its words from the shipped pack, loaded and validated by ketdesk's content model.
Their ratios to the bare window bound what any start that opens on the poster can reach.
"""

from __future__ import annotations

import time

from benchmarks.common import Row, alternate, median, probe_env, probe_values, run_probe
from benchmarks.context import Context

TARGET_RATIO = 1.25
FIRST_PAINT_ENV = {"KETDESK_REPORT_FIRST_PAINT": "1", "KETDESK_EXIT_AFTER_FIRST_PAINT": "1"}


def time_to_first_paint(args: list[str], env: dict[str, str]) -> float:
    started = time.time()
    values = probe_values(run_probe(args, env))
    return float(values["first-paint"]) - started


def phases(ctx: Context, kind: str) -> dict[str, float]:
    """Median time of each start-up step (offscreen), to show where the difference is."""
    env = probe_env("offscreen", None)
    found: dict[str, list[float]] = {}
    for round_no in range(ctx.warmup + ctx.runs):
        for line in run_probe(["-m", "benchmarks.probes.phases", kind], env):
            _, ms, what = line.split(" ", 2)
            if round_no >= ctx.warmup:
                found.setdefault(what, []).append(float(ms))
    return {what: round(median(times), 1) for what, times in found.items()}


def run(ctx: Context) -> list[Row]:
    rows: list[Row] = []
    platforms: list[tuple[str, str | None]] = [("xcb", ctx.display)] if ctx.display else []
    platforms.append(("offscreen", None))
    for platform, display in platforms:
        env = probe_env(platform, display, FIRST_PAINT_ENV)

        def app(env: dict[str, str] = env) -> float:
            return time_to_first_paint(["-m", "ketdesk"], env)

        def bare(env: dict[str, str] = env) -> float:
            return time_to_first_paint(["-m", "benchmarks.probes.bare_window"], env)

        def floor(env: dict[str, str] = env) -> float:
            return time_to_first_paint(["-m", "benchmarks.probes.poster_floor"], env)

        def floor_content(env: dict[str, str] = env) -> float:
            return time_to_first_paint(["-m", "benchmarks.probes.poster_floor", "content"], env)

        app_runs, bare_runs, floor_runs, content_runs = alternate(
            ctx.runs, ctx.warmup, app, bare, floor, floor_content)
        label = "Xvfb" if platform == "xcb" else "offscreen"
        row = Row("start-up", f"cold start to first paint ({label})", median(app_runs), "s",
                  median(bare_runs), f"<= {TARGET_RATIO}x bare")
        row.met = row.ratio is not None and row.ratio <= TARGET_RATIO
        row.detail = {"app_runs": app_runs, "bare_runs": bare_runs, "platform": platform}
        rows.append(row)
        start_row = row  # the last one is offscreen: the step table goes with it
        rows.append(Row("start-up", f"floor: the poster's type alone ({label})",
                        median(floor_runs), "s", median(bare_runs),
                        note="bundled fonts, headline and message; no content, no style sheet",
                        detail={"runs": floor_runs}))
        rows.append(Row("start-up", f"floor: the poster's type from the validated pack ({label})",
                        median(content_runs), "s", median(bare_runs),
                        note="the same, its words loaded by ketdesk's content model",
                        detail={"runs": content_runs}))
    start_row.detail["phases_ms"] = phases(ctx, "app")
    start_row.detail["bare_phases_ms"] = phases(ctx, "bare")
    if not ctx.display:
        rows.append(Row("start-up", "cold start to first paint (Xvfb)", None,
                        note="not available: Xvfb is not installed"))
    return rows
