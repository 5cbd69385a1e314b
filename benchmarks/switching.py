"""(c) Panel switch latency at 1920x1080 and 3840x2160: a tap on a tab until the new panel
has painted.

Each run shows every panel once (its first show is not counted), then taps through all
panels ``switch_cycles`` times. The percentiles pool every kept run's taps. The baseline
is a bare window with six pages of wrapped text behind six buttons, tapped the same way.
3840x2160 runs on an Xvfb screen of its own that size (the run's shared one is 1920x1080),
so the window reports a 4K screen, as a kiosk's 4K panel does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from benchmarks.common import Row, alternate, percentile, probe_env, probe_values, run_probe, xvfb
from benchmarks.context import Context

TARGET_P95_MS = 16.0
SIZES = ("1920x1080", "3840x2160")


def run(ctx: Context) -> list[Row]:
    rows = []
    for size in SIZES:
        with _display_for(ctx, size) as display:
            rows += _run(ctx, size, display)
    return rows


@contextlib.contextmanager
def _display_for(ctx: Context, size: str) -> Iterator[str | None]:
    if size == SIZES[0] or ctx.display is None:  # offscreen: any size is a size
        yield ctx.display
    else:
        with xvfb(f"{size}x24") as display:
            yield display


def _run(ctx: Context, size: str, display: str | None) -> list[Row]:
    env = probe_env(ctx.gui_platform, display)
    taps: dict[str, list[list[float]]] = {"app": [], "bare": []}

    def measure(kind: str, args: list[str]) -> float:
        values = probe_values(run_probe(args, env))
        times = [float(t) for t in values["switch_ms"].split()]
        taps[kind].append(times)
        return percentile(times, 50)

    cycles = str(ctx.switch_cycles)
    alternate(ctx.runs, ctx.warmup,
              lambda: measure("app", ["-m", "benchmarks.probes.app", "switch", cycles, size]),
              lambda: measure("bare", ["-m", "benchmarks.probes.bare", "switch", cycles, size]))
    app = [t for run_times in taps["app"][ctx.warmup:] for t in run_times]
    bare = [t for run_times in taps["bare"][ctx.warmup:] for t in run_times]
    rows = []
    for pct in (50, 95):
        row = Row("panels", f"panel switch p{pct} ({size})", percentile(app, pct), "ms",
                  percentile(bare, pct))
        if pct == 95:
            row.target = f"<= {TARGET_P95_MS:.0f} ms"
            row.met = row.value is not None and row.value <= TARGET_P95_MS
        row.detail = {"taps": len(app), "platform": ctx.gui_platform, "size": size}
        rows.append(row)
    rows[-1].detail["app_ms"] = app
    rows[-1].detail["bare_ms"] = bare
    return rows
