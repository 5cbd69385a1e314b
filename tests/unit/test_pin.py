"""The staff PIN: hashing, checking, lock-out, salvage, and ``--set-pin``."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ketdesk import settings
from ketdesk.cli import EXIT_FAILED, EXIT_OK
from ketdesk.kiosk.pin import (
    Attempt,
    PinGuard,
    hash_pin,
    is_pin_hash,
    salvage_pin_hash,
    set_pin_command,
    valid_pin,
    verify_pin,
)

REPO = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin("4321")


def test_hash_is_salted_scrypt_and_verifies(stored: str) -> None:
    assert stored.startswith("scrypt$16384$8$1$")
    assert "4321" not in stored
    assert is_pin_hash(stored)
    assert verify_pin("4321", stored)
    assert not verify_pin("4322", stored)
    assert not verify_pin("", stored)
    assert hash_pin("4321") != stored  # a fresh salt each time


@pytest.mark.parametrize("bad", ["", "plain", "scrypt$16384$8$1$!!$!!", "scrypt$3$8$1$AAAAAAAAAAA=$AAAA",
                                 "scrypt$1073741824$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA=="])
def test_malformed_hashes_never_verify(bad: str) -> None:
    assert not is_pin_hash(bad)
    assert not verify_pin("1234", bad)


@pytest.mark.parametrize(("pin", "ok"), [("1234", True), ("123456789012", True), ("123", False),
                                         ("12a4", False), ("1234567890123", False), (" 1234", False)])
def test_pin_format(pin: str, ok: bool) -> None:
    assert valid_pin(pin) is ok


def test_lockout_after_five_wrong_tries(stored: str) -> None:
    clock = Clock()
    guard = PinGuard(stored, clock=clock)
    for left in (4, 3, 2, 1):
        assert guard.check("0000") is Attempt.WRONG
        assert guard.tries_left == left
    assert guard.check("0000") is Attempt.LOCKED
    assert guard.locked_for() == 60
    assert guard.check("4321") is Attempt.LOCKED  # right PIN, still locked
    clock.now += 59.5
    assert guard.check("4321") is Attempt.LOCKED
    clock.now += 1
    assert guard.locked_for() == 0
    assert guard.check("4321") is Attempt.OK
    assert guard.tries_left == 5


def test_right_pin_resets_the_count(stored: str) -> None:
    guard = PinGuard(stored, clock=Clock())
    for _ in range(4):
        guard.check("0000")
    assert guard.check("4321") is Attempt.OK
    assert guard.check("0000") is Attempt.WRONG
    assert guard.tries_left == 4


def test_salvage_from_a_corrupt_file(tmp_path: Path, stored: str) -> None:
    broken = tmp_path / "settings.ini.bak"
    broken.write_bytes(b"[ketdesk\n\xff\xfe garbage\npin_hash = " + stored.encode() + b"\nscreen = x\n")
    assert salvage_pin_hash(broken) == stored
    broken.write_text("pin_hash = not-a-hash\n", encoding="utf-8")
    assert salvage_pin_hash(broken) == ""
    assert salvage_pin_hash(tmp_path / "missing") == ""
    assert salvage_pin_hash(None) == ""


def test_set_pin_from_piped_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path))
    out = io.StringIO()
    assert set_pin_command(io.StringIO("135790\n135790\n"), out) == EXIT_OK
    saved = settings.load().settings
    assert verify_pin("135790", saved.pin_hash)
    assert "Staff PIN saved" in out.getvalue()


@pytest.mark.parametrize("text", ["1234\n4321\n", "12\n12\n", "1234\n", ""])
def test_set_pin_refuses_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path))
    assert set_pin_command(io.StringIO(text), io.StringIO()) == EXIT_FAILED
    assert not (tmp_path / "settings.ini").exists()


def test_set_pin_on_a_terminal_asks_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path))

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return "864209"

    assert set_pin_command(Tty(), io.StringIO(), ask=ask) == EXIT_OK
    assert len(prompts) == 2
    assert verify_pin("864209", settings.load().settings.pin_hash)


def test_set_pin_keeps_other_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path))
    settings.save(settings.Settings(clinic_name="Lakeside Clinic", idle_timeout=45.0))
    assert set_pin_command(io.StringIO("258031\n258031\n"), io.StringIO()) == EXIT_OK
    saved = settings.load().settings
    assert saved.clinic_name == "Lakeside Clinic"
    assert saved.idle_timeout == 45.0


def test_cli_set_pin_reads_stdin(tmp_path: Path) -> None:
    env = {**os.environ, "KETDESK_CONFIG_DIR": str(tmp_path), "KETDESK_LOG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "ketdesk", "--set-pin"], cwd=REPO, env=env,
                            input="975310\n975310\n", capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == EXIT_OK, result.stderr
    stored = settings.load(tmp_path / "settings.ini").settings.pin_hash
    assert verify_pin("975310", stored)
    assert not verify_pin("97532", stored)
