"""``python -m benchmarks`` / ``make bench``: every figure beside a bare baseline, as a ratio.

Starts a private Xvfb (when installed), runs each section, prints the table, and writes
``benchmarks/results.json`` and the table in ``docs/performance.md``. Exit status is 0
when the run completed, whether or not every target was met (``--strict`` makes a missed
target exit 1); the table and the notes say which targets are missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from benchmarks import content, extras, first_show, memory, report, startup, switching
from benchmarks.common import REPO, Row, xvfb
from benchmarks.context import Context

SECTIONS: dict[str, Callable[[Context], Any]] = {
    "startup": startup.run,
    "memory": memory.run,
    "switching": switching.run,
    "charts": first_show.run,
    "content": content.run,
    "extras": extras.run,
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="kept runs per figure (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="discarded runs first (default 1)")
    parser.add_argument("--kiosk-rotations", type=int, default=10_000,
                        help="rotations for bench_kiosk_soak.run (default 10000, ~10 minutes here)")
    parser.add_argument("--only", default="", help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--no-write", action="store_true", help="print only; write no files")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()] or list(SECTIONS)
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        print(f"unknown section(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    machine = report.machine_info()
    rows: list[Row] = []
    extra_results: dict[str, Any] = {}
    started = time.perf_counter()
    with xvfb() as display:
        ctx = Context(runs=args.runs, warmup=args.warmup, display=display,
                      kiosk_rotations=args.kiosk_rotations)
        for name in chosen:
            print(f"[bench] {name}...", file=sys.stderr, flush=True)
            section_start = time.perf_counter()
            try:
                result = SECTIONS[name](ctx)
            except Exception as exc:  # report the failure in the table and go on
                traceback.print_exc()
                rows.append(Row(name, f"{name} section", None, met=False, note=f"failed: {exc!r}"[:200]))
                continue
            if name == "extras":
                result, extra_results = result
            rows.extend(result)
            print(f"[bench] {name} done in {time.perf_counter() - section_start:.0f} s",
                  file=sys.stderr, flush=True)
    machine["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    machine["wall_seconds"] = round(time.perf_counter() - started)
    settings = {**asdict(ctx), "gui_platform": ctx.gui_platform, "sections": chosen}
    print(report.text_table(rows))
    if not args.no_write:
        report.write_json(REPO / "benchmarks" / "results.json", machine, rows, settings, extra_results)
        report.write_docs(REPO / "docs" / "performance.md", report.generated_section(machine, rows, settings))
        print("\nwrote benchmarks/results.json and docs/performance.md", file=sys.stderr)
    missed = any(r.met is False for r in rows)
    return 1 if args.strict and missed else 0
