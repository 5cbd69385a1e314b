"""Kiosk start-up checks: PIN, display, corrupt settings, command line over settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketdesk import settings
from ketdesk.cli import EXIT_CONFIG, EXIT_RESTART, parse_args
from ketdesk.display import has_display
from ketdesk.kiosk.config import KioskConfig
from ketdesk.kiosk.launch import KioskPlan, plan_kiosk
from ketdesk.kiosk.pin import hash_pin

PIN_HASH = hash_pin("2468", salt=b"launch-test-salt")


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return tmp_path


def test_corrupt_settings_fall_back_and_keep_a_backup(config_dir: Path) -> None:
    path = config_dir / "settings.ini"
    path.write_bytes(b"[ketdesk]\nidle_timeout = soon\n\xff")
    loaded = settings.load()
    assert loaded.settings == settings.Settings()
    assert loaded.problem
    assert loaded.backup == config_dir / "settings.ini.bak"
    assert loaded.backup.read_bytes() == path.read_bytes()


def test_no_pin_refuses_with_how_to(config_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = plan_kiosk(parse_args(["--kiosk"]), settings.load(), ["--kiosk"])
    assert result == EXIT_CONFIG
    err = capsys.readouterr().err
    assert "ketdesk --set-pin" in err
    assert "staff PIN" in err


def test_pin_survives_a_corrupt_settings_file(config_dir: Path) -> None:
    (config_dir / "settings.ini").write_text(
        f"[ketdesk]\npin_hash = {PIN_HASH}\nreduce_motion = maybe\n", encoding="utf-8")
    loaded = settings.load()
    assert loaded.problem
    plan = plan_kiosk(parse_args(["--kiosk"]), loaded, ["--kiosk"])
    assert isinstance(plan, KioskPlan)
    assert plan.config.pin_hash == PIN_HASH
    assert plan.config.settings_problem == loaded.problem
    assert plan.config.settings_backup == config_dir / "settings.ini.bak"


def test_no_display_asks_for_a_retry(config_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    settings.save(settings.Settings(pin_hash=PIN_HASH))
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert plan_kiosk(parse_args(["--kiosk"]), settings.load(), []) == EXIT_RESTART
    assert "no display" in capsys.readouterr().err


@pytest.mark.parametrize(("env", "platform", "expected"), [
    ({}, "linux", False),
    ({"DISPLAY": ":0"}, "linux", True),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
    ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, "linux", True),
    ({"QT_QPA_PLATFORM": "eglfs"}, "linux", True),
    ({}, "win32", True),
])
def test_has_display(env: dict[str, str], platform: str, expected: bool) -> None:
    assert has_display(env, platform) is expected


def test_command_line_beats_settings() -> None:
    stored = settings.LoadedSettings(settings.Settings(screen=1, idle_timeout=120.0, rotate_interval=30.0,
                                                       lang="en"))
    from_settings = KioskConfig.resolve(parse_args(["--kiosk"]), stored, PIN_HASH)
    got = (from_settings.screen, from_settings.idle_timeout, from_settings.rotate_interval)
    assert got == (1, 120.0, 30.0)
    args = ["--kiosk", "--screen", "0", "--idle-timeout", "15", "--rotate-interval", "5", "--lang", "es"]
    from_cli = KioskConfig.resolve(parse_args(args), stored, PIN_HASH)
    assert (from_cli.screen, from_cli.idle_timeout, from_cli.rotate_interval) == (0, 15.0, 5.0)
    assert from_cli.default_lang == "es"
    assert from_cli.tick_interval <= from_cli.rotate_interval / 2


def test_defaults_are_90_and_20_seconds() -> None:
    defaults = settings.LoadedSettings(settings.Settings())
    config = KioskConfig.resolve(parse_args(["--kiosk"]), defaults, PIN_HASH)
    assert (config.idle_timeout, config.rotate_interval, config.cursor_hide, config.hold_seconds) == (
        90.0, 20.0, 3.0, 3.0)


@pytest.mark.parametrize(("environment", "expected"), [
    ({"QT_QPA_PLATFORM": "offscreen"}, "kiosk mode needs a staff PIN"),  # no PIN set
    ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": "", "WAYLAND_DISPLAY": ""}, "no display found"),
])
def test_a_refusal_is_said_once_on_the_terminal_and_kept_in_the_log(
        tmp_path: Path, environment: dict[str, str], expected: str) -> None:
    """The message used to appear twice: printed, then again by the log's console copy."""
    import os
    import subprocess
    import sys

    args = ["--kiosk"] if "PIN" in expected else []
    env = {**os.environ, "KETDESK_CONFIG_DIR": str(tmp_path / "config"),
           "KETDESK_LOG_DIR": str(tmp_path / "log"), "KETDESK_KEEPER": "0", **environment}
    result = subprocess.run([sys.executable, "-m", "ketdesk", *args], env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == EXIT_CONFIG, result.stderr
    assert result.stderr.count(expected) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in (tmp_path / "log" / "ketdesk.log").read_text("utf-8")
