"""``make soak-kiosk``: the kiosk attract loop in real time, its resident memory's slope.

``benchmarks/soak.py`` runs the rotation 1000x faster than a kiosk does, which finds
leaks per rotation but not those that need time to happen: animations that run to their
end, timers that fire between rotations, frames painted while nothing is touched. A
kiosk in a waiting room rotates every few seconds all day; this runs exactly that (the
real ``ketdesk.kiosk`` controller on the real main window, offscreen, 1920x1080, its
attract loop at ``--interval`` seconds, 2 by default) for ``--minutes`` (30), samples
RSS from ``/proc/self/statm`` every ``--sample-seconds`` (30) and fits a least-squares
line through the samples after the warm-up. It fails (exit 1) when the slope is at or
above ``--max-slope`` MB an hour (1), or Qt logged a warning, or an exception escaped.

RSS is read as it is, with no ``gc.collect()`` or ``malloc_trim`` before it: what the
clinic's machine sees. The warm-up (``--warmup-minutes``, 3) is left out of the fit
because the first cycles build each panel on first show and fill caches up to their
limits (the kiosk's 2 MB pixmap cache, glyph and layout caches, pyqtgraph's), a one-time
step of several MB that is not growth. Three minutes at 2 s is 90 rotations: every panel
shown more than ten times.

The process is idle between rotations, so it can run beside other work. Driven by
QTimers in the Qt event loop, never sleeps.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class RssSoakReport:
    interval_s: float = 0.0
    minutes: float = 0.0
    warmup_minutes: float = 0.0
    rotations: int = 0
    rss_mb_at_start: float = 0.0  # the first sample, just after the loop began
    rss_mb_after_warmup: float = 0.0
    rss_mb_at_end: float = 0.0
    slope_mb_per_hour: float = 0.0  # least squares through the samples after the warm-up
    max_slope_mb_per_hour: float = 0.0
    # (seconds since start, rotations, RSS MB, Python objects, QObjects under the window, fds)
    samples: list[tuple[float, int, float, int, int, int]] = field(default_factory=list)
    qt_warnings: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def rss_mb() -> float:
    """Resident memory now: the second field of /proc/self/statm, in pages."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE_BYTES / 2**20


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def least_squares_slope(points: list[tuple[float, float]]) -> float:
    """The slope of the least-squares line through ``points`` (0 for fewer than two)."""
    n = len(points)
    if n < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx


def start_kiosk(window: Any, interval_s: float) -> Any:
    """The kiosk controller as ``--kiosk --rotate-interval`` would configure it."""
    from ketdesk.kiosk.config import TICK_SECONDS, KioskConfig
    from ketdesk.kiosk.controller import Kiosk
    from ketdesk.kiosk.pin import hash_pin

    config = KioskConfig(pin_hash=hash_pin("2468"), idle_timeout=24 * 3600, rotate_interval=interval_s,
                         tick_interval=min(TICK_SECONDS, interval_s / 2), cursor_hide=3600)
    kiosk = Kiosk(window, config, quit_app=lambda code: None)
    kiosk.start()
    return kiosk


def run(interval_s: float, minutes: float, sample_s: float, warmup_minutes: float,
        max_slope: float) -> RssSoakReport:
    from PySide6.QtCore import QObject, QTimer

    from benchmarks.soak import collect_problems
    from ketdesk.cli import Options
    from ketdesk.startup import build_window, create_application, warm_up_charts

    report = RssSoakReport(interval_s=interval_s, minutes=minutes, warmup_minutes=warmup_minutes,
                           max_slope_mb_per_hour=max_slope)

    collect_problems(report.qt_warnings, report.exceptions)
    app = create_application()
    window = build_window(Options())
    window.resize(1920, 1080)
    window.show()
    warm_up_charts()
    kiosk = start_kiosk(window, interval_s)
    window.resize(1920, 1080)  # kiosk mode sizes the window to the (small offscreen) screen
    rotations = 0

    def rotated(_panel_id: str) -> None:
        nonlocal rotations
        rotations += 1

    started = time.monotonic()

    def sample() -> None:
        now = time.monotonic() - started
        report.samples.append((round(now, 1), rotations, round(rss_mb(), 3), len(gc.get_objects()),
                               len(window.findChildren(QObject)), open_fds()))
        print(f"kiosk-rss-soak: {now / 60:5.1f} min, {rotations} rotations, RSS {rss_mb():.1f} MB",
              flush=True)

    def finish() -> None:
        # The sampler stops first: it is due at the same moment (the length is a whole
        # number of sample periods), and ``app.quit()`` still lets a due timer fire, so a
        # last sample used to be read after ``kiosk.stop()`` had rebuilt the desktop
        # window's header and tools (+370 QObjects, +3 to 15 MB) and was fitted as growth.
        sampler.stop()
        sample()
        kiosk.stop()
        app.quit()

    kiosk.attract.rotated.connect(rotated)
    sampler = QTimer()
    sampler.setInterval(round(sample_s * 1000))
    sampler.timeout.connect(sample)
    end = QTimer()
    end.setSingleShot(True)
    end.setInterval(round(minutes * 60_000))
    end.timeout.connect(finish)
    kiosk.attract.begin_now()
    sample()
    sampler.start()
    end.start()
    app.exec()

    report.rotations = rotations
    warmup_s = warmup_minutes * 60
    fitted = [(t, mb) for t, _, mb, *_ in report.samples if t >= warmup_s]
    report.rss_mb_at_start = report.samples[0][2]
    report.rss_mb_after_warmup = fitted[0][1] if fitted else report.samples[-1][2]
    report.rss_mb_at_end = report.samples[-1][2]
    report.slope_mb_per_hour = round(least_squares_slope(fitted) * 3600, 3)
    if len(fitted) < 3:
        report.failures.append(f"only {len(fitted)} samples after the warm-up: run longer")
    elif report.slope_mb_per_hour >= max_slope:
        report.failures.append(f"RSS grows {report.slope_mb_per_hour:.2f} MB an hour (limit {max_slope})")
    if report.qt_warnings:
        report.failures.append(f"{len(report.qt_warnings)} Qt warning(s), first: {report.qt_warnings[0]}")
    if report.exceptions:
        report.failures.append(f"{len(report.exceptions)} exception(s) in the event loop")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.kiosk_rss_soak",
                                     description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between rotations (2)")
    parser.add_argument("--minutes", type=float, default=30.0, help="length of the run (30)")
    parser.add_argument("--sample-seconds", type=float, default=30.0, help="RSS sampled this often (30)")
    parser.add_argument("--warmup-minutes", type=float, default=3.0, help="left out of the fit (3)")
    parser.add_argument("--max-slope", type=float, default=1.0, help="fail at this MB an hour or more (1)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "kiosk_rss_soak.json")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp(prefix="ketdesk-rss-soak-")
    os.environ.setdefault("KETDESK_CONFIG_DIR", scratch)  # no settings or logs of the user's touched
    os.environ.setdefault("KETDESK_LOG_DIR", scratch)
    report = run(args.interval, args.minutes, args.sample_seconds, args.warmup_minutes, args.max_slope)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(asdict(report), indent=1) + "\n", encoding="utf-8")
    print(f"kiosk-rss-soak: {report.rotations} rotations at one per {report.interval_s:g} s in "
          f"{report.minutes:g} min; RSS {report.rss_mb_at_start:.1f} MB at the start, "
          f"{report.rss_mb_after_warmup:.1f} MB after the {report.warmup_minutes:g}-minute warm-up, "
          f"{report.rss_mb_at_end:.1f} MB at the end")
    print(f"kiosk-rss-soak: slope {report.slope_mb_per_hour:+.2f} MB an hour after the warm-up "
          f"(limit {report.max_slope_mb_per_hour:g}); written to {args.out}")
    from benchmarks.soak import verdict

    return verdict("kiosk-rss-soak", report.exceptions, report.failures)


if __name__ == "__main__":
    sys.exit(main())
