"""(e) Loading and validating the shipped content pack, and where the time goes.

Warm: in this process, after a few discarded loads, the median of many. The loader's
calls to ``tomllib.loads`` and ``msgspec.convert`` are timed separately (by wrapping them
for the measured loads), so the table says how much is parsing, how much msgspec and how
much ketdesk's own checks. The baseline reads and parses the same files with ``tomllib``:
no TOML-based loader can be faster. Cold: the first load in a fresh interpreter,
imports included, against importing ``tomllib`` and parsing.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec

from benchmarks.common import REPO, Row, alternate, median, probe_env, probe_values, run_probe
from benchmarks.context import Context

FOLDER = REPO / "resources" / "content" / "en"
TARGET_MS = 30.0
WARM_RUNS = 30


@contextmanager
def timing(module: Any, name: str, spent: dict[str, float]) -> Iterator[None]:
    original = getattr(module, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start

    setattr(module, name, timed)
    try:
        yield
    finally:
        setattr(module, name, original)


def load_once(folder: Path) -> dict[str, float]:
    from ketdesk.content import load_content

    spent = {"loads": 0.0, "convert": 0.0}
    with timing(tomllib, "loads", spent), timing(msgspec, "convert", spent):
        start = time.perf_counter()
        result = load_content(folder)
        total = time.perf_counter() - start
    assert result.ok, [str(p) for p in result.problems]
    return {"total": total * 1000, "toml": spent["loads"] * 1000, "msgspec": spent["convert"] * 1000}


def parse_only(folder: Path) -> float:
    start = time.perf_counter()
    for path in sorted(folder.glob("*.toml")):
        tomllib.loads(path.read_text(encoding="utf-8"))
    return (time.perf_counter() - start) * 1000


def run(ctx: Context) -> list[Row]:
    parts: list[dict[str, float]] = []

    def app() -> float:
        parts.append(load_once(FOLDER))
        return parts[-1]["total"]

    warmup = max(3, ctx.warmup)
    totals, bare = alternate(WARM_RUNS, warmup, app, lambda: parse_only(FOLDER))
    # The breakdown of the median run, so that its parts add up to its total.
    middle = sorted(parts[warmup:], key=lambda p: p["total"])[len(totals) // 2]
    toml_ms, msgspec_ms = middle["toml"], middle["msgspec"]
    rest_ms = middle["total"] - toml_ms - msgspec_ms
    warm = Row("content", "load + validate shipped pack (warm)", median(totals), "ms", median(bare),
               f"<= {TARGET_MS:.0f} ms",
               note=f"TOML parse {toml_ms:.1f} ms, msgspec {msgspec_ms:.1f} ms, "
                    f"ketdesk checks and file reads {rest_ms:.1f} ms")
    warm.met = warm.value is not None and warm.value <= TARGET_MS
    warm.detail = {"toml_ms": toml_ms, "msgspec_ms": msgspec_ms, "rest_ms": rest_ms,
                   "runs": totals, "bare_runs": bare}

    env = probe_env("offscreen", None)
    cold_parts: list[dict[str, str]] = []

    def cold(kind: str) -> float:
        values = probe_values(run_probe(["-m", "benchmarks.probes.content", kind], env))
        if kind == "app":
            cold_parts.append(values)
        return float(values["total_ms"])

    cold_app, cold_bare = alternate(ctx.runs, ctx.warmup, lambda: cold("app"), lambda: cold("bare"))
    kept_cold = cold_parts[ctx.warmup:]
    import_ms = median([float(v["import_ms"]) for v in kept_cold])
    load_ms = median([float(v["load_ms"]) for v in kept_cold])
    first = Row("content", "first load in a fresh process (imports included)", median(cold_app), "ms",
                median(cold_bare), note=f"imports {import_ms:.0f} ms, first load {load_ms:.0f} ms")
    first.detail = {"runs": cold_app, "bare_runs": cold_bare, "import_ms": import_ms, "load_ms": load_ms}
    return [warm, first]
