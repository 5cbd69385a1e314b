"""(d) First show of each chart panel, in a fresh process.

Cold: the tap comes right after the first frame, before the app's background warm-up, so
whatever the panel needs is built (and imported) inside the measured time: the worst a
patient can meet. Warm: the tap comes after that warm-up (``ketdesk.startup.warm_up``:
pyqtgraph imported, then the other panels built in idle time), as a tap does more than a
moment after start-up. "Built on the tap" (no target): after the import only, the panel
built by the tap, which is what warm meant before the panels were built in idle time.
The baselines show one plot on a tap in a bare window, importing pyqtgraph in the tap
(cold) or before it (warm).
"""

from __future__ import annotations

from benchmarks.common import Row, alternate, median, probe_env, probe_values, run_probe
from benchmarks.context import Context

CHART_PANELS = ("timeline", "conditions", "risks")
COLD_TARGET_MS = 300.0
WARM_TARGET_MS = 100.0
# probe mode -> (row name suffix, target ms or None, bare baseline mode)
MODES = {"": ("", COLD_TARGET_MS, ""),
         "warm": (", pyqtgraph warm", WARM_TARGET_MS, "warm"),
         "imported": (", pyqtgraph warm, built on the tap", None, "warm")}


def run(ctx: Context) -> list[Row]:
    return [row for mode in MODES for row in _run(ctx, mode)]


def _run(ctx: Context, mode: str) -> list[Row]:
    env = probe_env(ctx.gui_platform, ctx.display)
    details: dict[str, list[dict[str, str]]] = {pid: [] for pid in CHART_PANELS}
    suffix, target, bare_mode = MODES[mode]
    extra = [mode] if mode else []

    def app(panel_id: str) -> float:
        values = probe_values(run_probe(["-m", "benchmarks.probes.app", "chart", panel_id, *extra], env))
        details[panel_id].append(values)
        return float(values["first_show_ms"])

    def bare() -> float:
        lines = run_probe(["-m", "benchmarks.probes.bare", "chart", *([bare_mode] if bare_mode else [])], env)
        return float(probe_values(lines)["first_show_ms"])

    *panels, baseline = alternate(ctx.runs, ctx.warmup,
                                  *(lambda pid=pid: app(pid) for pid in CHART_PANELS), bare)
    rows = []
    for panel_id, times in zip(CHART_PANELS, panels, strict=True):
        kept = details[panel_id][ctx.warmup:]
        imported = any(int(v["pyqtgraph_after"]) for v in kept)
        cpu = median([float(v["first_show_cpu_ms"]) for v in kept])
        row = Row("charts", f"first show of {panel_id}{suffix}", median(times), "ms", median(baseline),
                  f"<= {target:.0f} ms" if target is not None else "")
        if target is not None:
            row.met = row.value is not None and row.value <= target
        notes = [f"CPU {cpu:.0f} ms"]
        if not any(int(v["pyqtgraph_before"]) for v in kept) and imported:
            notes.append("pyqtgraph imported after the first paint")
        elif not imported:
            notes.append("pyqtgraph not imported")
        row.note = "; ".join(notes)
        row.detail = {"app_runs": times, "bare_runs": baseline, "platform": ctx.gui_platform, "mode": mode,
                      "settled_ms": [float(v["settled_ms"]) for v in kept],
                      "cpu_ms": [float(v["first_show_cpu_ms"]) for v in kept],
                      "built_before": [int(v["built_before"]) for v in kept],
                      "pyqtgraph_imported": imported}
        rows.append(row)
    return rows
