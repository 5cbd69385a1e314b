"""Qt's messages go to the log: platform chatter at INFO (log file only), real warnings at
WARNING (also on a console). ketdesk/logs.py ``route_qt_messages``."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from ketdesk.logs import route_qt_messages


@pytest.fixture
def routed(qapp: object) -> Iterator[None]:
    previous = route_qt_messages()
    yield
    qInstallMessageHandler(previous)  # pytest-qt's own handler, which fails tests on warnings


def test_platform_chatter_goes_to_the_log_below_the_console_level(routed: None,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="qt"):
        qWarning("This plugin does not support propagateSizeHints()")
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("qt", logging.INFO, "This plugin does not support propagateSizeHints()")]


def test_a_real_qt_warning_stays_a_warning(routed: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="qt"):
        qWarning("QPainter::begin: Paint device returned engine == 0")
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, "QPainter::begin: Paint device returned engine == 0")]


def test_qt_messages_at_process_exit_do_not_crash(tmp_path: Path) -> None:
    # With QT_DEBUG_PLUGINS=1 (what staff are told to set when a plugin does not load) Qt's
    # plugin loaders log from their static destructors, after Python has finished.
    script = ("from ketdesk.logs import route_qt_messages, setup_logging\n"
              "setup_logging()\nroute_qt_messages()\n"
              "from PySide6.QtGui import QGuiApplication\napp = QGuiApplication([])\n")
    env = {**os.environ, "QT_DEBUG_PLUGINS": "1", "QT_QPA_PLATFORM": "offscreen",
           "KETDESK_LOG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-500:]
    assert "unloaded library" in result.stderr  # Qt's own handler printed the exit-time message
