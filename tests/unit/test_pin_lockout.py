"""The PIN lock-out that means it: growing lock-outs, a count that survives restarts, kept
in a 0600 file written atomically; and ``--set-pin`` refusing short and trivial PINs."""

from __future__ import annotations

import io
import json
import logging
import stat
from pathlib import Path

import pytest

from ketdesk import settings
from ketdesk.cli import EXIT_FAILED, EXIT_OK
from ketdesk.kiosk import pin_state
from ketdesk.kiosk.pin import Attempt, PinGuard, hash_pin, new_pin_problem, set_pin_command, verify_pin

PIN = "470183"


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0  # wall-clock seconds

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def stored() -> str:
    """A real scrypt hash of PIN, at the lowest cost the parser accepts: these tests make
    dozens of checks, and the lock-out, not the hash, is what they are about."""
    import base64
    import hashlib

    salt = b"lockout-test-salt"
    digest = hashlib.scrypt(PIN.encode(), salt=salt, n=16, r=1, p=1, dklen=32)
    return f"scrypt$16$1$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def five_wrong(guard: PinGuard) -> Attempt:
    result = Attempt.WRONG
    for _ in range(5):
        result = guard.check("000000")
    return result


def test_lockouts_grow_to_an_hour_and_stay_there(stored: str) -> None:
    clock = Clock()
    guard = PinGuard(stored, clock=clock)
    for minutes in (1, 5, 15, 60, 60, 60):
        assert five_wrong(guard) is Attempt.LOCKED
        assert guard.locked_for() == minutes * 60
        assert guard.check(PIN) is Attempt.LOCKED  # the right PIN is not even looked at
        clock.now += minutes * 60
        assert guard.locked_for() == 0
        assert guard.tries_left == 5


def test_only_a_right_pin_starts_the_lockouts_over(stored: str) -> None:
    clock = Clock()
    guard = PinGuard(stored, clock=clock)
    five_wrong(guard)
    clock.now += 60
    five_wrong(guard)
    clock.now += 300
    assert guard.check(PIN) is Attempt.OK
    assert guard.lockouts == 0
    five_wrong(guard)
    assert guard.locked_for() == 60


def test_the_count_and_the_lock_survive_a_restart(stored: str, tmp_path: Path) -> None:
    clock, path = Clock(), tmp_path / "pin-lockout.json"
    first = PinGuard(stored, clock=clock, state_file=path)
    for _ in range(3):
        first.check("000000")
    restarted = PinGuard(stored, clock=clock, state_file=path)
    assert restarted.tries_left == 2  # not "5 of 5" again
    restarted.check("000000")
    assert restarted.check("000000") is Attempt.LOCKED
    clock.now += 20
    again = PinGuard(stored, clock=clock, state_file=path)
    assert again.locked_for() == 40
    assert again.check(PIN) is Attempt.LOCKED
    clock.now += 40
    five_wrong(again)
    assert PinGuard(stored, clock=clock, state_file=path).locked_for() == 300  # the second lock-out


def test_the_state_file_is_private_and_written_whole(stored: str, tmp_path: Path) -> None:
    path = tmp_path / "state" / "pin-lockout.json"
    guard = PinGuard(stored, clock=Clock(), state_file=path)
    guard.check("000000")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8")) == {"wrong": 1, "lockouts": 0, "locked_until": 0.0}
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left behind
    assert PIN not in path.read_text(encoding="utf-8")


def test_a_clock_set_back_never_locks_for_longer_than_the_lockout(stored: str, tmp_path: Path) -> None:
    clock, path = Clock(), tmp_path / "pin-lockout.json"
    five_wrong(PinGuard(stored, clock=clock, state_file=path))
    clock.now -= 10 * 86400  # the battery died: the clock says ten days ago
    assert PinGuard(stored, clock=clock, state_file=path).locked_for() == 60


@pytest.mark.parametrize("content", ["", "{", "[]", '{"wrong": "x", "lockouts": 0, "locked_until": 0}',
                                     '{"wrong": -3, "lockouts": 0, "locked_until": 0}'])
def test_an_unreadable_state_file_is_a_fresh_count(stored: str, tmp_path: Path, content: str,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "pin-lockout.json"
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        guard = PinGuard(stored, clock=Clock(), state_file=path)
    assert guard.tries_left == 5 and guard.locked_for() == 0
    assert str(path) in caplog.text


def test_a_state_file_that_cannot_be_written_still_locks_in_memory(stored: str, tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("", encoding="utf-8")
    guard = PinGuard(stored, clock=Clock(), state_file=in_the_way / "pin-lockout.json")
    with caplog.at_level(logging.ERROR):
        assert five_wrong(guard) is Attempt.LOCKED
    assert guard.locked_for() == 60
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1  # once, not per try


def test_a_four_digit_pin_from_an_older_version_still_opens_the_pad() -> None:
    old = hash_pin("4711")
    assert PinGuard(old, clock=Clock()).check("4711") is Attempt.OK


@pytest.mark.parametrize(("pin", "refused"), [
    ("2468", True), ("24681", True), ("1234567890123", True), ("12a456", True),
    ("111111", True), ("000000000000", True), ("123456", True), ("654321", True),
    ("789012", True), ("210987", True),
    ("470183", False), ("135790", False), ("112233", False), ("123457", False),
])
def test_new_pins_are_6_to_12_digits_and_not_trivial(pin: str, refused: bool) -> None:
    assert bool(new_pin_problem(pin)) is refused


@pytest.mark.parametrize("pin", ["4711", "999999", "123456"])
def test_set_pin_refuses_short_and_trivial_pins(pin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path))
    assert set_pin_command(io.StringIO(f"{pin}\n{pin}\n"), io.StringIO()) == EXIT_FAILED
    assert "Nothing was changed" in capsys.readouterr().err
    assert not (tmp_path / "settings.ini").exists()


def test_set_pin_takes_a_good_six_digit_pin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path))
    assert set_pin_command(io.StringIO(f"{PIN}\n{PIN}\n"), io.StringIO()) == EXIT_OK
    assert verify_pin(PIN, settings.load().settings.pin_hash)


def test_the_kiosk_keeps_its_lockout_file_beside_the_settings(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path))
    from ketdesk.cli import parse_args
    from ketdesk.kiosk.config import KioskConfig

    config = KioskConfig.resolve(parse_args(["--kiosk"]), settings.load(), "hash")
    assert config.pin_state == tmp_path / pin_state.FILE_NAME


def test_setting_a_new_pin_ends_a_lockout(stored: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path))
    path = pin_state.default_path()
    clock = Clock()
    five_wrong(PinGuard(stored, clock=clock, state_file=path))
    assert PinGuard(stored, clock=clock, state_file=path).locked_for() == 60
    assert set_pin_command(io.StringIO(f"{PIN}\n{PIN}\n"), io.StringIO()) == EXIT_OK
    assert PinGuard(stored, clock=clock, state_file=path).locked_for() == 0
