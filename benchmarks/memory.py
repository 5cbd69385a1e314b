"""(b) Peak memory after visiting every panel, against a bare window showing one pyqtgraph plot.

The app probe imports the charts as the app does after its first frame, then taps every
tab at 1920x1080. Peak RSS (VmHWM) is the target's measure; PSS, which shares library
pages fairly between processes, is reported beside it because that is what the Chromium
comparison was measured in.
"""

from __future__ import annotations

from benchmarks.common import Row, alternate, median, probe_env, probe_values, run_probe
from benchmarks.context import Context

TARGET_RATIO = 1.2


def run(ctx: Context) -> list[Row]:
    env = probe_env(ctx.gui_platform, ctx.display)
    samples: dict[str, list[dict[str, str]]] = {"app": [], "bare": []}

    def measure(kind: str, args: list[str]) -> float:
        values = probe_values(run_probe(args, env))
        samples[kind].append(values)
        return int(values["mem_VmHWM"]) / 1024

    app, bare = alternate(ctx.runs, ctx.warmup,
                          lambda: measure("app", ["-m", "benchmarks.probes.app", "memory"]),
                          lambda: measure("bare", ["-m", "benchmarks.probes.bare", "memory"]))
    kept_app = samples["app"][ctx.warmup:]
    kept_bare = samples["bare"][ctx.warmup:]
    peak = Row("memory", "peak RSS after visiting every panel", median(app), "MB", median(bare),
               f"<= {TARGET_RATIO}x bare")
    peak.met = peak.ratio is not None and peak.ratio <= TARGET_RATIO
    peak.detail = {"app_runs": app, "bare_runs": bare, "platform": ctx.gui_platform,
                   "python_objects": [int(v["python_objects"]) for v in kept_app],
                   "qt_warnings": [int(v["qt_warnings"]) for v in kept_app]}
    pss = Row("memory", "PSS after visiting every panel",
              median([int(v["mem_Pss"]) / 1024 for v in kept_app]), "MB",
              median([int(v["mem_Pss"]) / 1024 for v in kept_bare]),
              note="context: Chromium kiosk ~390 MB PSS")
    return [peak, pss]
