"""File-system failures are one plain line naming the path and what to do: never a traceback,
never logging's 24-line block per record.

The tests run as root on CI, where permission bits do not stop a write; a file standing
where a folder should be, and ``/dev/full``, fail for root too.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ketdesk.cli import EXIT_FAILED
from ketdesk.kiosk.pin import set_pin_command
from ketdesk.logs import QuietFileHandler

REPO = Path(__file__).resolve().parents[2]


def ketdesk_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("ketdesk")]


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "not-a-folder"
    path.write_text("in the way\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("target", ["", "inside"])
def test_screenshot_into_a_file_is_one_plain_line(tmp_path: Path, a_file: Path, target: str) -> None:
    folder = a_file / target if target else a_file
    env = {**os.environ, "KETDESK_LOG_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "ketdesk", "--screenshot", str(folder), "--size", "1024x600"]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == EXIT_FAILED
    assert "Traceback" not in result.stderr
    lines = ketdesk_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert str(folder) in lines[0] and "a folder you can write to" in lines[0]
    assert a_file.read_text(encoding="utf-8") == "in the way\n"


def test_set_pin_where_the_settings_cannot_go(a_file: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(a_file / "ketdesk"))
    assert set_pin_command(io.StringIO("271828\n271828\n"), io.StringIO()) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert str(a_file / "ketdesk" / "settings.ini") in err
    assert "nothing was changed" in err


def test_a_log_folder_that_cannot_be_made_is_one_line_at_start(tmp_path: Path, a_file: Path) -> None:
    env = {**os.environ, "KETDESK_LOG_DIR": str(a_file / "logs"), "KETDESK_CONFIG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "ketdesk", "--set-pin"], cwd=REPO, env=env,
                            input="", capture_output=True, text=True, timeout=60, check=False)
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr
    about_log = [line for line in ketdesk_lines(result.stderr) if "logs" in line]
    assert about_log == [f"ketdesk: cannot write to {a_file / 'logs'}: a part of that path is a file, "
                         "not a folder. Logging to the screen only. Make that folder writable (or point "
                         "KETDESK_LOG_DIR at one that is) and start ketdesk again."]


def test_a_full_disk_is_reported_once_not_per_record(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    log_path = tmp_path / "ketdesk.log"
    log_path.symlink_to("/dev/full")  # every write: ENOSPC, as on a full disk
    handler = QuietFileHandler(log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    logger = logging.getLogger("test.full-disk")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(50):
            logger.warning("record %d", number)
    finally:
        logger.removeHandler(handler)
        handler.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"ketdesk: cannot write to {log_path}: the disk is full.")
    assert handler.failing


def test_a_good_write_ends_the_failing_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    handler = QuietFileHandler(tmp_path / "ketdesk.log", encoding="utf-8")
    handler.failing = True  # as after a full disk
    handler.emit(logging.makeLogRecord({"msg": "space again"}))
    handler.close()
    assert not handler.failing
    assert "space again" in (tmp_path / "ketdesk.log").read_text(encoding="utf-8")
    assert capsys.readouterr().err == ""
