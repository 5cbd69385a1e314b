"""(c) Panel switch latency at 1920x1080: a tap on a tab until the new panel has painted.

Each run shows every panel once (its first show is not counted), then taps through all
panels ``switch_cycles`` times. The percentiles pool every kept run's taps. The baseline
is a bare window with six pages of wrapped text behind six buttons, tapped the same way.
"""

from __future__ import annotations

from benchmarks.common import Row, alternate, percentile, probe_env, probe_values, run_probe
from benchmarks.context import Context

TARGET_P95_MS = 16.0


def run(ctx: Context) -> list[Row]:
    env = probe_env(ctx.gui_platform, ctx.display)
    taps: dict[str, list[list[float]]] = {"app": [], "bare": []}

    def measure(kind: str, args: list[str]) -> float:
        values = probe_values(run_probe(args, env))
        times = [float(t) for t in values["switch_ms"].split()]
        taps[kind].append(times)
        return percentile(times, 50)

    cycles = str(ctx.switch_cycles)
    alternate(ctx.runs, ctx.warmup,
              lambda: measure("app", ["-m", "benchmarks.probes.app", "switch", cycles]),
              lambda: measure("bare", ["-m", "benchmarks.probes.bare", "switch", cycles]))
    app = [t for run_times in taps["app"][ctx.warmup:] for t in run_times]
    bare = [t for run_times in taps["bare"][ctx.warmup:] for t in run_times]
    rows = []
    for pct in (50, 95):
        row = Row("panels", f"panel switch p{pct} (1920x1080)", percentile(app, pct), "ms",
                  percentile(bare, pct))
        if pct == 95:
            row.target = f"<= {TARGET_P95_MS:.0f} ms"
            row.met = row.value is not None and row.value <= TARGET_P95_MS
        row.detail = {"taps": len(app), "platform": ctx.gui_platform}
        rows.append(row)
    rows[-1].detail["app_ms"] = app
    rows[-1].detail["bare_ms"] = bare
    return rows
