"""``make soak``'s long run: the kiosk rotation, accelerated, watched for leaks and warnings.

A kiosk shows panel after panel all day. This runs the same cycle far faster than real
time (by default a rotation every 20 ms instead of every 20 s: 1000x) on a 1920x1080
window, for a bounded wall-clock time, and fails when

* resident memory grows by more than ``--max-growth-mb`` (5 MB) between the end of the
  warm-up and the end of the run, or would over ``--budget-seconds`` (600: the issue's ten
  minutes) at the rate measured (a Theil-Sen slope through the samples, robust to the
  allocator's jitter), so a short run still catches a leak a ten-minute one would, or
* Qt logs any warning, or a Python exception escapes into the event loop.

Besides rotating, it does what a kiosk day holds: the attract-loop tick on the shown
panel, a visitor leaving (every panel reset, back to the first), a text-size change and
a content swap (``set_pack``, which rebuilds every panel as a language switch does).
The kiosk's own attract loop drives the rotation (the real controller, its
``rotate_interval`` set to the soak's pace; a visitor is its ``input_seen`` then
``begin_now``), with the pixmap-cache limit kiosk mode sets. Memory is sampled after
``gc.collect()`` and ``malloc_trim(0)`` so freed memory the allocator merely kept does not
count as a leak, always at the same point of the cycle.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import statistics
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

REPO = Path(__file__).resolve().parent.parent

# Every this many rotations, one of the kiosk's other events happens.
VISITOR_LEAVES_EVERY = 25
TEXT_SIZE_EVERY = 150
# Memory is sampled in one phase of the cycle (just after a visitor left and the text size
# went back to 100%): sampled at random moments, the two text sizes' caches and layouts
# alone move RSS by a few MB, which would drown a slow leak.
SAMPLE_EVERY = 2 * TEXT_SIZE_EVERY
# The first content swap is in the warm-up; later ones are rare, as language switches are:
# rebuilding every panel frees whatever they held, which would hide a leak in them.
FIRST_CONTENT_SWAP = 400
CONTENT_SWAP_EVERY = 3000
DEFAULT_KIOSK_ROTATION_S = 20.0  # Settings.rotate_interval: to express the run in kiosk time


@dataclass
class SoakReport:
    seconds: float = 0.0
    rotations: int = 0
    kiosk_hours: float = 0.0
    warmup_rotations: int = 0  # the first sample is at the first sampling point after it
    rss_mb_after_warmup: float = 0.0
    rss_mb_at_end: float = 0.0
    rss_growth_mb: float = 0.0
    rss_mb_per_minute: float = 0.0  # Theil-Sen slope of the samples after the warm-up
    projected_growth_mb: float = 0.0  # that slope over the budget
    python_objects_after_warmup: int = 0
    python_objects_at_end: int = 0
    samples: list[tuple[int, float, int]] = field(default_factory=list)  # (rotation, MB, objects)
    qt_warnings: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    driver: str = ""


def _malloc_trim() -> None:
    """Give freed heap memory back to the system (glibc), so RSS shows what is in use."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)  # the C library the process already uses


def measured() -> tuple[float, int]:
    gc.collect()
    _malloc_trim()
    from benchmarks.probes.kit import memory_kb

    return memory_kb()["VmRSS"] / 1024, len(gc.get_objects())


def start_kiosk(window: Any, interval_ms: int) -> Any:
    """The kiosk controller in attract mode at the soak's pace."""
    from ketdesk.kiosk.config import KioskConfig
    from ketdesk.kiosk.controller import Kiosk
    from ketdesk.kiosk.pin import hash_pin

    config = KioskConfig(pin_hash=hash_pin("2468"), idle_timeout=3600, rotate_interval=interval_ms / 1000,
                         tick_interval=interval_ms / 4000, cursor_hide=3600)
    kiosk = Kiosk(window, config, quit_app=lambda code: None)
    kiosk.start()
    return kiosk


def theil_sen_slope(points: list[tuple[float, float]]) -> float:
    """The median of the slopes between every pair of points: one outlier cannot tilt it."""
    slopes = [(y2 - y1) / (x2 - x1) for i, (x1, y1) in enumerate(points) for x2, y2 in points[i + 1:]
              if x2 != x1]
    return statistics.median(slopes) if slopes else 0.0


def collect_problems(qt_warnings: list[str], exceptions: list[str]) -> None:
    """Record Qt's warnings and the exceptions that reach the event loop in these lists."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def on_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if message.startswith("This plugin does not support propagateSizeHints"):
            return  # the offscreen platform's, harmless
        qt_warnings.append(message)

    def on_exception(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        exceptions.append("".join(traceback.format_exception(kind, value, tb))[-2000:])

    qInstallMessageHandler(on_qt_message)
    sys.excepthook = on_exception


def verdict(name: str, exceptions: list[str], failures: list[str]) -> int:
    """Print the first exceptions and every failure; the exit code (1 on any failure)."""
    for exc in exceptions[:3]:
        print(exc, file=sys.stderr)
    for failure in failures:
        print(f"{name}: FAIL {failure}", file=sys.stderr)
    if failures:
        return 1
    print(f"{name}: ok")
    return 0


def run(seconds: float, interval_ms: int, max_growth_mb: float, warmup_rotations: int,
        budget_seconds: float = 600.0) -> SoakReport:
    from PySide6.QtCore import QTimer

    from ketdesk.cli import Options
    from ketdesk.startup import build_window, create_application, warm_up_charts

    report = SoakReport(warmup_rotations=warmup_rotations)
    collect_problems(report.qt_warnings, report.exceptions)
    app = create_application()
    window = build_window(Options())
    window.resize(1920, 1080)
    window.show()
    warm_up_charts()
    pack = window.pack
    kiosk = start_kiosk(window, interval_ms)
    report.driver = "ketdesk.kiosk attract loop"
    window.resize(1920, 1080)  # kiosk mode sizes the window to the (small offscreen) screen
    started = time.perf_counter()
    rotations = 0
    times: list[float] = []  # when each memory sample was taken

    def visitor_leaves() -> None:
        kiosk.attract.input_seen()  # a touch, then idle again: the loop resets and restarts
        QTimer.singleShot(0, kiosk.attract.begin_now)

    def rotated(*_args: object) -> None:
        nonlocal rotations
        rotations += 1
        if rotations % VISITOR_LEAVES_EVERY == 0:
            visitor_leaves()
        if rotations % TEXT_SIZE_EVERY == 0:
            window.set_text_scale(1.5 if window.text_scale == 1.0 else 1.0)
        if rotations == FIRST_CONTENT_SWAP or rotations % CONTENT_SWAP_EVERY == 0:
            window.set_pack(pack)
        now = time.perf_counter()
        if rotations < warmup_rotations or rotations % SAMPLE_EVERY:
            return
        mb, objects = measured()
        if not report.samples:
            report.rss_mb_after_warmup, report.python_objects_after_warmup = mb, objects
        report.samples.append((rotations, mb, objects))
        times.append(now)
        if now - started >= seconds and len(report.samples) >= 3:
            kiosk.stop()
            app.quit()

    kiosk.attract.rotated.connect(rotated)
    kiosk.attract.begin_now()
    app.exec()

    report.seconds = round(time.perf_counter() - started, 1)
    report.rotations = rotations
    report.kiosk_hours = round(rotations * DEFAULT_KIOSK_ROTATION_S / 3600, 1)
    _, report.rss_mb_at_end, report.python_objects_at_end = report.samples[-1]
    report.rss_growth_mb = round(report.rss_mb_at_end - report.rss_mb_after_warmup, 2)
    per_second = theil_sen_slope([(t, mb) for t, (_, mb, _) in zip(times, report.samples, strict=True)])
    report.rss_mb_per_minute = round(per_second * 60, 3)
    report.projected_growth_mb = round(per_second * budget_seconds, 2)
    if report.rss_growth_mb > max_growth_mb:
        report.failures.append(f"RSS grew by {report.rss_growth_mb:.1f} MB (limit {max_growth_mb} MB)")
    elif report.projected_growth_mb > max_growth_mb:
        report.failures.append(
            f"RSS grows {report.rss_mb_per_minute:.2f} MB a minute: {report.projected_growth_mb:.1f} MB "
            f"over {budget_seconds:.0f} s (limit {max_growth_mb} MB)")
    if report.qt_warnings:
        report.failures.append(f"{len(report.qt_warnings)} Qt warning(s), first: {report.qt_warnings[0]}")
    if report.exceptions:
        report.failures.append(f"{len(report.exceptions)} exception(s) in the event loop")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=150, help="wall-clock length (default 150)")
    parser.add_argument("--interval-ms", type=int, default=20, help="time between rotations (default 20)")
    parser.add_argument("--max-growth-mb", type=float, default=5.0)
    parser.add_argument("--budget-seconds", type=float, default=600.0,
                        help="the run length the growth limit is for (default 600: ten minutes)")
    parser.add_argument("--warmup-rotations", type=int, default=2 * SAMPLE_EVERY,
                        help="rotations before the first memory sample (every kind of event once)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "soak.json")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    report = run(args.seconds, args.interval_ms, args.max_growth_mb, args.warmup_rotations,
                 args.budget_seconds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(asdict(report), indent=1) + "\n", encoding="utf-8")
    print(f"soak: {report.driver}: {report.rotations} rotations in {report.seconds:.0f} s "
          f"(~{report.kiosk_hours} h of kiosk time at one rotation per {DEFAULT_KIOSK_ROTATION_S:.0f} s)")
    print(f"soak: RSS {report.rss_mb_after_warmup:.1f} MB after {report.warmup_rotations} warm-up rotations, "
          f"{report.rss_mb_at_end:.1f} MB at the end: growth {report.rss_growth_mb:+.2f} MB "
          f"(limit {args.max_growth_mb} MB); trend {report.rss_mb_per_minute:+.2f} MB/min, "
          f"{report.projected_growth_mb:+.1f} MB over {args.budget_seconds:.0f} s")
    print(f"soak: Python objects {report.python_objects_after_warmup} -> {report.python_objects_at_end}; "
          f"Qt warnings {len(report.qt_warnings)}; exceptions {len(report.exceptions)}")
    return verdict("soak", report.exceptions, report.failures)


if __name__ == "__main__":
    sys.exit(main())
