"""The benchmark harness's own logic (no timings here): optional hooks, the table, the docs."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from benchmarks import extras, report
from benchmarks.common import Row, percentile
from benchmarks.context import Context


def test_missing_hook_module_gives_a_not_available_row() -> None:
    hook = extras.Hook("frozen build", "benchmarks.bench_no_such_module", "frozen numbers",
                       lambda module, ctx: module.run())
    rows, result = extras.run_hook(hook, Context())
    assert result is None
    assert [(r.group, r.value, r.met) for r in rows] == [("frozen build", None, None)]
    assert rows[0].note.startswith("not available: benchmarks/bench_no_such_module.py")


def test_present_hook_module_is_run_and_its_figures_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("benchmarks.bench_fake")
    module.run = lambda: {"rows": [{"name": "frame 1080p", "value": 4.2, "unit": "ms",  # type: ignore[attr-defined]
                                    "target": "<= 8 ms", "met": True}], "frames": 120, "where": "xcb"}
    monkeypatch.setitem(sys.modules, "benchmarks.bench_fake", module)
    hook = extras.Hook("mechanism", "benchmarks.bench_fake", "frames", lambda m, ctx: m.run())
    rows, result = extras.run_hook(hook, Context())
    assert result["frames"] == 120
    assert [(r.name, r.value, r.met) for r in rows] == [("frame 1080p", 4.2, True), ("frames", 120.0, None),
                                                         ("where", None, None)]


def test_failing_hook_is_a_failed_row_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("benchmarks.bench_broken")
    module.run = lambda rotations: 1 / 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "benchmarks.bench_broken", module)
    hook = extras.Hook("kiosk soak", "benchmarks.bench_broken", "soak",
                       lambda m, ctx: m.run(ctx.kiosk_rotations))
    rows, result = extras.run_hook(hook, Context())
    assert rows[0].met is False and "ZeroDivisionError" in rows[0].note
    assert "Traceback" in result["error"]


def test_ratio_and_table() -> None:
    row = Row("start-up", "cold start", 0.5, "s", 0.4, "<= 1.25x bare", met=True)
    assert row.ratio == pytest.approx(1.25)
    table = report.text_table([row, Row("x", "absent", None, note="not available: y")])
    assert "0.500 s" in table and "1.25x" in table and "met" in table and "n/a" in table
    assert "not available: y" in table


def test_percentile_is_nearest_rank() -> None:
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile([3.0], 95) == 3.0


def test_docs_keep_text_outside_the_markers(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Performance\n\nintro\n\n{report.BEGIN}\nold table\n{report.END}\n\n## Notes\nmine\n")
    report.write_docs(doc, f"{report.BEGIN}\nnew table\n{report.END}")
    text = doc.read_text()
    assert "old table" not in text and "new table" in text
    assert text.startswith("# Performance\n\nintro") and text.endswith("## Notes\nmine\n")
