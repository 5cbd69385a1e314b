"""The command line: --version, --check-content, --screenshot, --self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ketdesk import __version__
from ketdesk.app import main
from ketdesk.content.registry import PANEL_IDS

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run([sys.executable, "-m", "ketdesk", *args], cwd=REPO, env=environment,
                          capture_output=True, text=True, timeout=120, check=False)


def test_version() -> None:
    import PySide6
    from PySide6 import QtCore

    result = run_cli("--version")
    assert result.returncode == 0
    line = result.stdout.strip()
    assert line.startswith(f"ketdesk {__version__} (")
    assert f"Qt {QtCore.qVersion()}" in line
    assert f"PySide6 {PySide6.__version__}" in line
    assert "Python 3." in line


def test_help_names_the_log_and_settings_and_their_variables(tmp_path: Path) -> None:
    logs, config = tmp_path / "my-logs", tmp_path / "my-config"
    result = run_cli("--help", KETDESK_LOG_DIR=str(logs), KETDESK_CONFIG_DIR=str(config))
    assert result.returncode == 0
    assert str(logs / "ketdesk.log") in result.stdout
    assert str(config / "settings.ini") in result.stdout
    assert "KETDESK_LOG_DIR" in result.stdout and "KETDESK_CONFIG_DIR" in result.stdout


def test_help_and_version_option_load_no_qt_until_asked() -> None:
    """--help answers without Qt; only --version imports PySide6.QtCore, itself."""
    probe = ("import sys\n"
             "from ketdesk.app import main\n"
             "try:\n"
             "    main(['--help'])\n"
             "except SystemExit:\n"
             "    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_help_lists_every_option() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for option in ("--content", "--check-content", "--panel", "--screenshot", "--size", "--self-test"):
        assert option in result.stdout


def test_check_content_clean_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check-content", str(REPO / "resources/content/en")]) == 0
    assert "content is valid" in capsys.readouterr().out


def test_check_content_lists_problems_and_exits_one(
        pack_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (pack_copy / "meta.toml").read_text()
    (pack_copy / "meta.toml").write_text(text.replace("lang = ", "language = "))
    code = main(["--check-content", str(pack_copy)])
    out = capsys.readouterr()
    assert code == 1
    lines = out.out.strip().splitlines()
    assert any(line.startswith(f"{pack_copy / 'meta.toml'}:") and "language: unknown key" in line
               for line in lines)
    # One typo, one problem: the unknown key is the missing one, misspelt.
    assert any("language: unknown key; did you mean lang?" in line for line in lines)
    assert not any("missing required key" in line for line in lines)
    assert "problem(s)" in out.err


def test_bad_size_is_a_usage_error() -> None:
    result = run_cli("--screenshot", "/tmp/x", "--size", "huge")
    assert result.returncode == 2
    assert "size must look like" in result.stderr


def test_screenshot_writes_one_nonblank_png_per_panel(tmp_path: Path, qapp) -> None:
    from PySide6.QtGui import QImage

    from ketdesk.screenshot import is_blank

    result = run_cli("--screenshot", str(tmp_path), "--size", "1024x600")
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in tmp_path.glob("*.png"))
    assert files == [f"{number:02d}-{pid}.png" for number, pid in enumerate(PANEL_IDS, start=1)]
    assert files[0] == "01-overview.png"  # the numbering starts at 1, in the declared order
    for name in files:
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == (1024, 600)
        assert not is_blank(image), name


def test_self_test_passes() -> None:
    result = run_cli("--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert "self-test:" in result.stdout and " 0 failed" in result.stdout


def test_broken_custom_content_falls_back(pack_copy: Path, tmp_path: Path) -> None:
    (pack_copy / "ui.toml").write_bytes(b"\xff\xfe not text")
    result = run_cli("--content", str(pack_copy), "--screenshot", str(tmp_path / "shots"),
                     "--size", "1024x600", KETDESK_LOG_DIR=str(tmp_path / "log"))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert len(list((tmp_path / "shots").glob("*.png"))) == len(PANEL_IDS)
    log_text = (tmp_path / "log" / "ketdesk.log").read_text()
    assert "ui.toml" in log_text and "is not UTF-8" in log_text
