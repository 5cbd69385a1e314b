"""A plain start imports no chart code before its first frame, and finds its parsed pack.

Run in fresh interpreters (``python -m ketdesk`` as a patient's start runs it, reporting and
quitting after the first paint): pyqtgraph and numpy cost more than a bare window's whole
start-up, so they must load only after the first frame; the second start of an unchanged
pack takes its parsed files from the cache, so it does not import ``tomllib`` at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# main() returns once the first paint is reported; what is imported by then is printed.
CHILD = r"""
import json, sys
from ketdesk.app import main
code = main([])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def start(tmp_path: Path) -> set[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KETDESK_")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "KETDESK_LOG_DIR": str(tmp_path / "log"),
                "KETDESK_CONFIG_DIR": str(tmp_path / "config"),
                "KETDESK_REPORT_FIRST_PAINT": "1", "KETDESK_EXIT_AFTER_FIRST_PAINT": "1"})
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("first-paint ")
    report = json.loads(lines[-1])
    assert report["code"] == 0
    return set(report["modules"])


def chart_modules(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in ("pyqtgraph", "numpy")
                  or m == "ketdesk.ui.charts")


def test_first_paint_imports_no_chart_code_and_the_second_start_no_toml_parser(tmp_path: Path) -> None:
    first = start(tmp_path)
    assert chart_modules(first) == []
    assert "tomllib" in first  # nothing cached yet: the pack was parsed
    second = start(tmp_path)
    assert chart_modules(second) == []
    assert "tomllib" not in second, "an unchanged pack was parsed again instead of read from its cache"
