"""Screen saver inhibit: each back end, and quiet degradation when none is there."""

from __future__ import annotations

import logging
import subprocess

import pytest

from ketdesk.kiosk.inhibit import ES_CONTINUOUS, ES_DISPLAY_REQUIRED, ES_SYSTEM_REQUIRED, Inhibitor


class Kernel32:
    def __init__(self, result: int = 1) -> None:
        self.calls: list[int] = []
        self.result = result

    def SetThreadExecutionState(self, flags: int) -> int:  # noqa: N802 - the Windows name
        self.calls.append(flags)
        return self.result


def test_windows_sets_and_clears_execution_state() -> None:
    kernel32 = Kernel32()
    inhibitor = Inhibitor(platform="win32", kernel32=kernel32)
    assert inhibitor.inhibit() == "SetThreadExecutionState"
    inhibitor.release()
    assert kernel32.calls == [ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED, ES_CONTINUOUS]


def test_windows_refusal_degrades_quietly(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert Inhibitor(platform="win32", kernel32=Kernel32(result=0)).inhibit() == ""
    assert "could not inhibit" in caplog.text


class NoBus:
    """A session bus connection that failed, as QDBusConnection reports it."""

    def isConnected(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def lastError(self) -> NoBus:  # noqa: N802 - Qt's name
        return self

    def message(self) -> str:
        return "no session bus"


def test_linux_without_bus_or_xset_degrades_quietly(monkeypatch: pytest.MonkeyPatch,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    with caplog.at_level(logging.INFO):
        inhibitor = Inhibitor(platform="linux", bus=NoBus())
        assert inhibitor.inhibit() == ""
    inhibitor.release()
    assert "could not inhibit" in caplog.text


def test_bare_x_falls_back_to_xset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":5")
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    ran: list[list[str]] = []

    def run(args: list[str], **_kw: object) -> subprocess.CompletedProcess[bytes]:
        ran.append(args)
        return subprocess.CompletedProcess(args, 0, b"", b"")

    assert Inhibitor(platform="linux", run=run).inhibit() == "xset s off -dpms"
    assert ran == [["xset", "s", "off", "-dpms"]]


def test_other_platforms_do_nothing() -> None:
    assert Inhibitor(platform="darwin").inhibit() == ""
