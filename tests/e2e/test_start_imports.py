"""A plain start's first frame: no chart code imported, the pack from its cache, the poster
alone; the page below the poster right after.

Run in fresh interpreters (``ketdesk.app.main`` as ``python -m ketdesk`` runs it), watched at
the first paint and at the chart import that follows it: pyqtgraph and numpy cost more
than a bare window's whole start-up, so they must load only after the first frame; the
second start of an unchanged pack takes its parsed files from the cache, so it does not
import ``tomllib`` at all; the opening panel's page below its poster is shown by then.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
import ketdesk.app
import ketdesk.ui.first_paint as first_paint
from PySide6.QtWidgets import QApplication

seen = {}

def page(window):
    panel = window.panel(window.current_panel_id)
    return {"poster": panel.poster().isVisible(), "title": panel.title_label.isVisible()}

watch = first_paint.on_first_paint

def on_first_paint(window, callback):
    def painted():
        seen["first_paint"] = {"modules": sorted(sys.modules), **page(window)}
        callback()
    watch(window, painted)
    seen["window"] = window

def warm_up(window):  # what the app does next, 50 ms after its first frame: look, and stop
    seen["after"] = page(seen.pop("window"))
    QApplication.quit()

first_paint.on_first_paint = on_first_paint
ketdesk.app.warm_up = warm_up
code = ketdesk.app.main([])
print(json.dumps({"code": code, **seen}))
"""


def start(tmp_path: Path) -> dict[str, Any]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KETDESK_")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "KETDESK_LOG_DIR": str(tmp_path / "log"),
                "KETDESK_CONFIG_DIR": str(tmp_path / "config")})
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    return report


def chart_modules(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in ("pyqtgraph", "numpy") or m == "ketdesk.ui.charts"]


def test_first_frame_poster_alone_without_charts_and_the_second_start_without_a_toml_parser(
        tmp_path: Path) -> None:
    first = start(tmp_path)
    painted = first["first_paint"]
    assert chart_modules(painted["modules"]) == []
    assert "tomllib" in painted["modules"]  # nothing cached yet: the pack was parsed
    assert painted["poster"] and not painted["title"], "the page below the poster was in the first frame"
    assert first["after"] == {"poster": True, "title": True}, "the page below the poster never came"
    second = start(tmp_path)["first_paint"]
    assert chart_modules(second["modules"]) == []
    assert "tomllib" not in second["modules"], "an unchanged pack was parsed again, not read from its cache"
