"""What every benchmark shares: result rows, statistics, child processes, a private X server.

Numbers on a shared machine are noisy, so every figure is measured beside a bare PySide6
baseline in the same run, in alternation (app, baseline, app, baseline...), and reported
as a ratio: noise from other processes then hits both sides alike.
"""

from __future__ import annotations

import contextlib
import math
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scripts.xdisplay import XvfbError, private_display

REPO = Path(__file__).resolve().parent.parent
PROBES = Path(__file__).resolve().parent / "probes"
PYTHON = sys.executable


@dataclass
class Row:
    """One line of the table: a figure, its baseline, their ratio and the target."""

    group: str
    name: str
    value: float | None
    unit: str = ""
    baseline: float | None = None
    target: str = ""  # as printed, e.g. "<= 1.25x" or "<= 16 ms"
    met: bool | None = None  # None: no target, or not measurable here
    note: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the value below which ``pct`` percent of samples fall."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def alternate(runs: int, warmup: int, *measures: Callable[[], float]) -> list[list[float]]:
    """Call each measure in turn, ``warmup`` discarded rounds then ``runs`` kept rounds."""
    kept: list[list[float]] = [[] for _ in measures]
    for round_no in range(warmup + runs):
        for index, measure in enumerate(measures):
            value = measure()
            if round_no >= warmup:
                kept[index].append(value)
    return kept


class ProbeError(RuntimeError):
    """A child process failed; the message holds its stderr."""


def probe_env(platform: str, display: str | None, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a child: private config and log folders, the chosen Qt platform.

    Compiled bytecode is kept (in the scratch folder, not the source tree), as an installed
    app keeps it: with PYTHONDONTWRITEBYTECODE set, every run would compile ketdesk's
    modules from source and time that too. The discarded warm-up run fills the cache.
    """
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KETDESK_", "QT_", "PYTEST")) and key != "PYTHONDONTWRITEBYTECODE"}
    scratch = Path(tempfile.gettempdir()) / f"ketdesk-bench-{os.getpid()}"
    env.update({
        "QT_QPA_PLATFORM": platform,
        "KETDESK_CONFIG_DIR": str(scratch / "config"),
        "KETDESK_LOG_DIR": str(scratch / "log"),
        "PYTHONPYCACHEPREFIX": str(scratch / "pycache"),
        "PYQTGRAPH_QT_LIB": "PySide6",
    })
    if display:
        env["DISPLAY"] = display
    else:
        env.pop("DISPLAY", None)
    env.update(extra or {})
    return env


def run_probe(args: Sequence[str], env: dict[str, str], timeout: float = 120) -> list[str]:
    """Run a child to completion and return its stdout lines; raise ProbeError on failure."""
    result = subprocess.run([PYTHON, *args], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=timeout, check=False)
    if result.returncode != 0:
        raise ProbeError(f"{' '.join(args)} exited {result.returncode}:\n{result.stderr[-2000:]}")
    return result.stdout.splitlines()


def probe_values(lines: Sequence[str]) -> dict[str, str]:
    """``key value`` lines printed by a probe, as a dict (later lines win)."""
    found: dict[str, str] = {}
    for line in lines:
        key, _, value = line.partition(" ")
        if value:
            found[key] = value.strip()
    return found


@contextlib.contextmanager
def xvfb(size: str = "1920x1080x24") -> Iterator[str | None]:
    """A private X server for the run; yields its display, or None if Xvfb is missing."""
    try:
        with private_display(size) as display:
            yield display
    except XvfbError:
        yield None


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB" if value >= 100 else f"{value:.1f} MB"
    text = f"{value:,.0f}" if abs(value) >= 1000 or value == int(value) else f"{value:.3g}"
    return f"{text} {unit}" if unit else text
