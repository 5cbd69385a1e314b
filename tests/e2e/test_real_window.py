"""The real app in a real X window under Xvfb: it starts, paints and exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.xvfb
def test_app_paints_a_real_window(xvfb_display: str, tmp_path: Path) -> None:
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb",
           "KETDESK_REPORT_FIRST_PAINT": "1", "KETDESK_EXIT_AFTER_FIRST_PAINT": "1",
           "KETDESK_LOG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "ketdesk"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("first-paint ")
    assert "Traceback" not in result.stderr
