"""Soak test of the kiosk attract loop: many panel rotations with accelerated timers.

A clinic leaves the kiosk running for a month: at 20 s a panel that is ~130,000 rotations.
This runs ``rotations`` of them offscreen at 1 ms a turn (the panel steps its animation
between turns), and every 250 rotations a visitor "touches" the screen and the loop starts
again from a full reset, the way idle periods come and go.

Measured after a warm-up (every panel built, pyqtgraph loaded, 2 full reset cycles):
- peak RSS growth (VmHWM, kB) - target <= 2 MB
- Python object count growth (``gc.get_objects()`` after a full collection) - target flat
- live QObjects under the window, to catch Qt objects that pile up

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_kiosk_soak.py [rotations]``.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

WAKE_EVERY = 250  # rotations between simulated visitors
WARM_UP = 2 * WAKE_EVERY
SAMPLE_EVERY = 1000


def _objects() -> int:
    gc.collect()
    return len(gc.get_objects())


def run(rotations: int = 10000, size: tuple[int, int] = (1920, 1080)) -> dict[str, Any]:
    import tempfile

    from PySide6.QtCore import QEventLoop, QObject, QTimer

    tmp = tempfile.mkdtemp(prefix="ketdesk-soak-")
    os.environ.setdefault("KETDESK_CONFIG_DIR", tmp)
    os.environ.setdefault("KETDESK_LOG_DIR", tmp)

    from benchmarks.probes.kit import memory_kb
    from ketdesk.cli import Options
    from ketdesk.kiosk.config import KioskConfig
    from ketdesk.kiosk.controller import Kiosk
    from ketdesk.kiosk.pin import hash_pin
    from ketdesk.startup import build_window, create_application

    app = create_application()
    window = build_window(Options())
    window.resize(*size)
    config = KioskConfig(pin_hash=hash_pin("1234"), idle_timeout=3600, rotate_interval=0.001,
                         tick_interval=0.0005, cursor_hide=3600)
    kiosk = Kiosk(window, config, quit_app=lambda code: None)
    kiosk.start()
    window.resize(*size)  # offscreen screens are small; keep the size the soak is about

    count = 0
    loop = QEventLoop()
    target = {"n": WARM_UP}

    samples: list[int] = []  # VmRSS (kB) every SAMPLE_EVERY rotations after the warm-up

    def on_rotated(_panel_id: str) -> None:
        nonlocal count
        count += 1
        if count > WARM_UP and count % SAMPLE_EVERY == 0:
            samples.append(memory_kb()["VmRSS"])
        if count % WAKE_EVERY == 0:
            kiosk.attract.input_seen()  # a visitor touches the screen...
            QTimer.singleShot(0, kiosk.attract.begin_now)  # ...and leaves: full reset, rotate
        if count >= target["n"]:
            loop.quit()

    kiosk.attract.rotated.connect(on_rotated)
    kiosk.attract.begin_now()
    loop.exec()  # warm-up

    qobjects_before = len(window.findChildren(QObject))
    objects_before = _objects()
    before = memory_kb()
    started = time.perf_counter()
    target["n"] = WARM_UP + rotations
    loop.exec()
    elapsed = time.perf_counter() - started
    # Let deferred deletions (deleteLater) run before counting.
    for _ in range(3):
        app.sendPostedEvents()
        app.processEvents()
    objects_after = _objects()
    qobjects_after = len(window.findChildren(QObject))
    after = memory_kb()
    result = {
        "rotations": rotations,
        "seconds": round(elapsed, 2),
        "rotations_per_s": round(rotations / elapsed, 1) if elapsed else 0.0,
        "rss_kb_after_warmup": before["VmRSS"],
        "rss_growth_kb": after["VmRSS"] - before["VmRSS"],
        "peak_rss_growth_kb": after["VmHWM"] - before["VmHWM"],
        # A leak grows with the rotations; a cache filling up to its limit does not: the
        # second half's growth tells them apart.
        "rss_kb_every_1000": samples,
        "second_half_rss_growth_kb": samples[-1] - samples[len(samples) // 2] if samples else 0,
        "python_objects_after_warmup": objects_before,
        "python_object_growth": objects_after - objects_before,
        "qobject_growth": qobjects_after - qobjects_before,
        "targets": {"peak_rss_growth_kb": 2048, "python_object_growth": "flat (about 0)"},
    }
    kiosk.stop()
    window.close()
    return result


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 10000), indent=2))
