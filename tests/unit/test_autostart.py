"""``--install-autostart`` / ``--remove-autostart`` write and remove files in the XDG config dir."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from ketdesk.kiosk import autostart


class Systemctl:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, args: Sequence[str]) -> int:
        self.calls.append(list(args))
        return 0


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    return tmp_path


def test_systemd_unit_written_enabled_and_removed(xdg: Path) -> None:
    run = Systemctl()
    path = autostart.install(use_systemd=True, run=run)
    assert path == xdg / "systemd" / "user" / "ketdesk-kiosk.service"
    text = path.read_text(encoding="utf-8")
    assert "Restart=always" in text
    assert f"ExecStart={sys.executable} -m ketdesk --kiosk" in text
    assert "Environment=KETDESK_SUPERVISED=1" in text
    assert "RestartPreventExitStatus=0 3" in text
    assert ["systemctl", "--user", "enable", "ketdesk-kiosk.service"] in run.calls
    assert not autostart.desktop_path().exists()

    assert autostart.remove(run=run) == [path]
    assert not path.exists()
    assert ["systemctl", "--user", "disable", "ketdesk-kiosk.service"] in run.calls


def test_xdg_autostart_entry_without_systemd(xdg: Path) -> None:
    path = autostart.install(use_systemd=False)
    assert path == xdg / "autostart" / "ketdesk-kiosk.desktop"
    text = path.read_text(encoding="utf-8")
    assert "[Desktop Entry]" in text
    assert "Type=Application" in text
    assert f"Exec={sys.executable} -m ketdesk --kiosk" in text
    assert autostart.remove() == [path]
    assert autostart.remove() == []


def test_frozen_build_runs_its_own_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/ketdesk/ketdesk")
    assert autostart.command() == ["/opt/ketdesk/ketdesk", "--kiosk"]


def test_paths_with_spaces_are_quoted(xdg: Path) -> None:
    cmd = ["/opt/Ketdesk App/ketdesk", "--kiosk"]
    assert 'ExecStart="/opt/Ketdesk App/ketdesk" --kiosk' in autostart.unit_text(cmd)
    assert 'Exec="/opt/Ketdesk App/ketdesk" --kiosk' in autostart.desktop_text(cmd)


def test_systemd_detection_uses_systemctl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/systemctl")
    assert autostart.systemd_user_available(lambda args: 0) is True
    assert autostart.systemd_user_available(lambda args: 1) is False
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert autostart.systemd_user_available(lambda args: 0) is False


def test_command_warns_without_pin(xdg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert autostart.autostart_command(True, pin_set=False, use_systemd=False) == 0
    out = capsys.readouterr().out
    assert "ketdesk --set-pin" in out
    assert autostart.autostart_command(False, pin_set=False) == 0
    assert "Removed" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_unit_passes_systemd_analyze(tmp_path: Path) -> None:
    unit = tmp_path / "ketdesk-kiosk.service"
    unit.write_text(autostart.unit_text([sys.executable, "-m", "ketdesk", "--kiosk"]), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "--user", "verify", str(unit)], capture_output=True,
                            text=True, timeout=60, check=False)
    problems = [line for line in result.stderr.splitlines() if "ketdesk-kiosk.service" in line]
    assert problems == [], result.stderr
