"""Cost of one usage count write (ketdesk/usage/store.py): microseconds per ``count``.

    python3 -m benchmarks.bench_usage [N]

Each count is its own transaction (WAL, synchronous=NORMAL), as in the kiosk: the figure
is what one tap costs the app. Measured on a temporary file, after 100 warm-up writes;
the median and 95th percentile of N single writes, and the file size after them.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_US = 1000.0  # a count must cost under a millisecond: far below a frame


def run(writes: int = 2000) -> dict[str, Any]:
    from ketdesk.usage.store import EVENTS, UsageStore

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "usage.sqlite3"
        store = UsageStore(path)
        for i in range(100):
            store.count(EVENTS[i % len(EVENTS)], f"p{i % 7}")
        times: list[float] = []
        for i in range(writes):
            start = time.perf_counter()
            store.count(EVENTS[i % len(EVENTS)], f"p{i % 7}", now=1_796_000_000.0 + i * 600)
            times.append((time.perf_counter() - start) * 1e6)
        store.close()
        size = path.stat().st_size
    times.sort()
    median = statistics.median(times)
    p95 = times[int(len(times) * 0.95)]
    return {"rows": [
        {"name": "count write, median", "value": round(median, 1), "unit": "us",
         "target": f"<= {TARGET_US:g} us", "met": median <= TARGET_US},
        {"name": "count write, p95", "value": round(p95, 1), "unit": "us"},
        {"name": f"file after {writes} writes", "value": round(size / 1024, 1), "unit": "KiB"},
    ]}


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 2000), indent=1))
