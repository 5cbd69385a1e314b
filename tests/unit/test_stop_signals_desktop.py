"""SIGTERM and SIGINT end the desktop app with one line in the log saying so."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_stop_signal_is_logged_before_exit(tmp_path: Path, name: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KETDESK_LOG_DIR": str(tmp_path / "log"),
           "KETDESK_CONFIG_DIR": str(tmp_path / "config"), "KETDESK_REPORT_FIRST_PAINT": "1"}
    env.pop("KETDESK_EXIT_AFTER_FIRST_PAINT", None)
    number = getattr(signal, name)
    with subprocess.Popen([sys.executable, "-m", "ketdesk"], cwd=REPO, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as app:
        try:
            assert app.stdout is not None
            line = app.stdout.readline()  # "first-paint <time>": the event loop is running
            assert line.startswith("first-paint"), (line, app.stderr.read() if app.stderr else "")
            app.send_signal(number)
            code = app.wait(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
    assert code == 128 + number
    log = (tmp_path / "log" / "ketdesk.log").read_text("utf-8")
    assert log.count(f"stopped by {name}") == 1, log
