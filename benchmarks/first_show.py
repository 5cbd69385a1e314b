"""(d) First show of each chart panel, in a fresh process.

Cold: the tap comes right after the first frame, before the app's background warm-up, so
the lazy import of pyqtgraph and numpy is inside the measured time: the worst a patient
can meet. Warm: the tap comes after that warm-up (pyqtgraph imported), as a tap does more
than a moment after start-up. The baselines show one plot on a tap in a bare window,
importing pyqtgraph in the tap (cold) or before it (warm).
"""

from __future__ import annotations

from benchmarks.common import Row, alternate, median, probe_env, probe_values, run_probe
from benchmarks.context import Context

CHART_PANELS = ("timeline", "conditions", "risks")
TARGET_MS = 300.0


def run(ctx: Context) -> list[Row]:
    return [*_run(ctx, warm=False), *_run(ctx, warm=True)]


def _run(ctx: Context, *, warm: bool) -> list[Row]:
    env = probe_env(ctx.gui_platform, ctx.display)
    details: dict[str, list[dict[str, str]]] = {pid: [] for pid in CHART_PANELS}
    extra = ["warm"] if warm else []

    def app(panel_id: str) -> float:
        values = probe_values(run_probe(["-m", "benchmarks.probes.app", "chart", panel_id, *extra], env))
        details[panel_id].append(values)
        return float(values["first_show_ms"])

    def bare() -> float:
        lines = run_probe(["-m", "benchmarks.probes.bare", "chart", *extra], env)
        return float(probe_values(lines)["first_show_ms"])

    *panels, baseline = alternate(ctx.runs, ctx.warmup,
                                  *(lambda pid=pid: app(pid) for pid in CHART_PANELS), bare)
    rows = []
    for panel_id, times in zip(CHART_PANELS, panels, strict=True):
        kept = details[panel_id][ctx.warmup:]
        imported = any(int(v["pyqtgraph_after"]) for v in kept)
        name = f"first show of {panel_id}" + (", pyqtgraph warm" if warm else "")
        row = Row("charts", name, median(times), "ms", median(baseline), f"<= {TARGET_MS:.0f} ms")
        row.met = row.value is not None and row.value <= TARGET_MS
        if not imported:
            row.note = "panel has no chart yet: pyqtgraph was not imported"
        row.detail = {"app_runs": times, "bare_runs": baseline, "platform": ctx.gui_platform, "warm": warm,
                      "settled_ms": [float(v["settled_ms"]) for v in kept],
                      "pyqtgraph_imported": imported}
        rows.append(row)
    return rows
