"""The benchmark harness's own logic (no timings here): optional hooks, the table, the docs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import extras, report
from benchmarks.common import Row, percentile
from benchmarks.context import Context


def test_missing_hook_module_gives_a_not_available_row() -> None:
    hook = extras.Hook("frozen build", "benchmarks.bench_no_such_module", "frozen numbers")
    rows, result = extras.run_hook(hook, Context())
    assert result is None
    assert [(r.group, r.value, r.met) for r in rows] == [("frozen build", None, None)]
    assert rows[0].note.startswith("not available: benchmarks/bench_no_such_module.py")


def test_present_hook_module_is_run_and_its_figures_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    result = {"rows": [{"name": "frame 1080p", "value": 4.2, "unit": "ms", "target": "<= 8 ms", "met": True}],
              "frames": 120, "1920x1080": {"p95_ms": 5.0, "window": "1920x1080"}, "where": "xcb"}
    calls: list[list[str]] = []

    def fake_probe(args: list[str], env: dict[str, str], timeout: float) -> list[str]:
        calls.append(args)
        return ["some output", "RESULT " + json.dumps(result)]

    monkeypatch.setattr(extras, "available", lambda module: True)
    monkeypatch.setattr(extras, "run_probe", fake_probe)
    hook = extras.Hook("kiosk soak", "benchmarks.bench_fake", "soak", "{kiosk_rotations}")
    rows, raw = extras.run_hook(hook, Context(kiosk_rotations=77))
    assert raw == result
    assert "import benchmarks.bench_fake as module" in calls[0][1]
    assert "module.run(77)" in calls[0][1]
    assert [(r.name, r.value, r.met) for r in rows] == [
        ("frame 1080p", 4.2, True), ("frames", 120.0, None), ("1920x1080: p95_ms", 5.0, None),
        ("1920x1080: window", None, None), ("where", None, None)]


def test_failing_hook_is_a_failed_row_not_a_crash() -> None:
    """A real child process: this module exists but has no run(), so the child fails."""
    hook = extras.Hook("frozen build", "benchmarks.context", "frozen numbers")
    rows, raw = extras.run_hook(hook, Context())
    assert [(r.group, r.value, r.met) for r in rows] == [("frozen build", None, False)]
    assert "AttributeError" in rows[0].note
    assert "Traceback" in raw["error"]


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


def test_soak_trend_ignores_one_outlier() -> None:
    from benchmarks.soak import theil_sen_slope

    steady = [(float(t), 150.0 + 0.5 * t) for t in range(10)]
    assert theil_sen_slope(steady) == pytest.approx(0.5)
    # A sample where the allocator had just handed memory back does not hide the trend.
    steady[4] = (4.0, 140.0)
    assert theil_sen_slope(steady) == pytest.approx(0.5)
    assert theil_sen_slope([(0.0, 150.0), (1.0, 150.0)]) == 0.0


def test_poster_floor_shows_the_opening_posters_own_words() -> None:
    """The floor's built-in words are the shipped overview poster's, so both variants draw alike."""
    from benchmarks.probes import poster_floor

    assert poster_floor.words_from_pack() == (poster_floor.HEADLINE, poster_floor.MESSAGE)


@pytest.mark.parametrize("args", [[], ["content"]])
def test_poster_floor_reports_its_first_paint(args: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KETDESK_CONFIG_DIR": str(tmp_path / "c"),
           "KETDESK_LOG_DIR": str(tmp_path / "l")}
    done = subprocess.run([sys.executable, "-m", "benchmarks.probes.poster_floor", *args],
                          env=env, capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.startswith("first-paint ")
