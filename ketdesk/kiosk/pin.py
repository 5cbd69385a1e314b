"""The staff PIN: a salted scrypt hash in the settings, checked with a lock-out.

The hash string carries its own parameters (``scrypt$n$r$p$salt$hash``, base64), so the
cost can be raised later without breaking PINs already set. ``--set-pin`` takes 6 to 12
digits and refuses trivial ones (one digit repeated, 123456-style runs); a 4- or 5-digit
PIN set by an older version still works. Five wrong tries lock the pad, for 1, 5, 15, then
60 minutes each time after, until a right PIN: at the longest that is 5 guesses an hour,
about 23 years for a 6-digit PIN. The count and the lock live in a state file
(``pin_state``), so a restart does not reset them.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import itertools
import logging
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ketdesk.kiosk.pin_state import LockState

log = logging.getLogger(__name__)

PIN_PATTERN = re.compile(r"^[0-9]{4,12}$")  # what a stored hash may be of (old kiosks: 4)
NEW_PIN_DIGITS = 6  # what --set-pin asks for
SCHEME = "scrypt"
# 16 MiB of memory and ~50 ms per check on a small PC: slow for a brute force of the file,
# quick enough that a tap on OK feels immediate.
N, R, P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32
MAX_TRIES = 5
LOCK_SECONDS = (60.0, 300.0, 900.0, 3600.0)  # the 1st, 2nd, 3rd and every later lock-out


def valid_pin(pin: str) -> bool:
    return bool(PIN_PATTERN.match(pin))


def new_pin_problem(pin: str) -> str:
    """Why ``--set-pin`` refuses ``pin`` (empty when it is fine)."""
    if not (valid_pin(pin) and len(pin) >= NEW_PIN_DIGITS):
        return f"a PIN is {NEW_PIN_DIGITS} to 12 digits (0-9)"
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if steps == {0}:
        return "a PIN of one digit repeated is the first thing anyone tries"
    if steps in ({1}, {9}):
        return "a PIN of digits in a row (like 123456 or 654321) is the first thing anyone tries"
    return ""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The string stored in ``settings.pin_hash`` for this PIN (a fresh salt each time)."""
    if not valid_pin(pin):
        raise ValueError("a PIN is 4 to 12 digits")
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=HASH_BYTES)
    return f"{SCHEME}${N}${R}${P}${_b64(salt)}${_b64(digest)}"


@dataclass(frozen=True)
class _Parsed:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def _parse(stored: str) -> _Parsed | None:
    parts = stored.strip().split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None
    # Refuse parameters that would hang the check or are not scrypt's (n a power of two).
    if not (2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
        return None
    if len(salt) < 8 or len(digest) < 16:
        return None
    return _Parsed(n, r, p, salt, digest)


def is_pin_hash(stored: str) -> bool:
    """True when ``stored`` is a well-formed hash this module can check."""
    return _parse(stored) is not None


def verify_pin(pin: str, stored: str) -> bool:
    parsed = _parse(stored)
    if parsed is None or not valid_pin(pin):
        return False
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=parsed.salt, n=parsed.n, r=parsed.r,
                            p=parsed.p, maxmem=256 * 1024 * 1024, dklen=len(parsed.digest))
    return hmac.compare_digest(digest, parsed.digest)


def salvage_pin_hash(path: Path | None) -> str:
    """The PIN hash from a settings file that failed to load, if that line survived.

    A corrupt settings file falls back to defaults, which would leave a kiosk without its
    PIN and so unable to start; the hash line checks itself, so it is safe to keep.
    """
    if path is None:
        return ""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""
    for match in re.finditer(r"^\s*pin_hash\s*=\s*(\S+)\s*$", text, flags=re.MULTILINE):
        if is_pin_hash(match.group(1)):
            return match.group(1)
    return ""


class Attempt(Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"


class PinGuard:
    """Checks PINs; after ``MAX_TRIES`` wrong ones refuses every try for a growing while.

    ``clock`` is wall-clock time (the lock outlives the process) and injectable so tests
    step it instead of waiting; ``state_file`` None keeps the count in memory only.
    """

    def __init__(self, stored_hash: str, *, clock: Callable[[], float] = time.time,
                 state_file: Path | None = None, max_tries: int = MAX_TRIES,
                 lock_seconds: tuple[float, ...] = LOCK_SECONDS) -> None:
        from ketdesk.kiosk.pin_state import StateFile

        self._stored = stored_hash
        self._clock = clock
        self._max_tries = max_tries
        self._lock_seconds = lock_seconds
        self._file = StateFile(state_file)
        self._state = self._file.load()

    @property
    def tries_left(self) -> int:
        return self._max_tries - self._state.wrong

    @property
    def lockouts(self) -> int:
        return self._state.lockouts

    def _lock_length(self, lockouts: int) -> float:
        return self._lock_seconds[min(lockouts, len(self._lock_seconds)) - 1] if lockouts else 0.0

    def locked_for(self) -> float:
        """Seconds until the next try is accepted (0 when not locked)."""
        left = self._state.locked_until - self._clock()
        # Never more than the lock-out itself: a clock set back (no battery, a bad time
        # server) must not lock staff out for days.
        return max(0.0, min(left, self._lock_length(self._state.lockouts)))

    def check(self, pin: str) -> Attempt:
        from ketdesk.kiosk.pin_state import LockState

        if self.locked_for() > 0:
            return Attempt.LOCKED
        if verify_pin(pin, self._stored):
            if self._state != LockState():
                self._set(LockState())
            return Attempt.OK
        wrong = self._state.wrong + 1
        log.warning("wrong staff PIN (%d of %d)", wrong, self._max_tries)
        if wrong < self._max_tries:
            self._set(LockState(wrong, self._state.lockouts, self._state.locked_until))
            return Attempt.WRONG
        lockouts = self._state.lockouts + 1
        seconds = self._lock_length(lockouts)
        self._set(LockState(0, lockouts, self._clock() + seconds))
        log.warning("staff PIN pad locked for %.0f s (lock-out %d since the last right PIN)",
                    seconds, lockouts)
        return Attempt.LOCKED

    def _set(self, state: LockState) -> None:
        self._state = state
        self._file.save(state)


# --- ketdesk --set-pin ------------------------------------------------------------------

def _read_two(stdin: TextIO, stdout: TextIO, ask: Callable[[str], str]) -> tuple[str, str] | None:
    if stdin.isatty():
        return (ask(f"New staff PIN ({NEW_PIN_DIGITS} to 12 digits): "),
                ask("The same PIN again: "))
    # Scripted set-up: two lines on standard input, no prompts.
    first, second = stdin.readline(), stdin.readline()
    if not first or not second:
        print("ketdesk --set-pin: expected the PIN on two lines of standard input", file=sys.stderr)
        return None
    return first.strip(), second.strip()


def set_pin_command(stdin: TextIO | None = None, stdout: TextIO | None = None,
                    ask: Callable[[str], str] = getpass.getpass) -> int:
    """Ask for the PIN twice, store its hash in the settings; return an exit code."""
    from ketdesk import settings as settings_mod
    from ketdesk.cli import EXIT_FAILED, EXIT_OK

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    answers = _read_two(stdin, stdout, ask)
    if answers is None:
        return EXIT_FAILED
    first, second = answers
    if first != second:
        print("ketdesk --set-pin: the two PINs differ; nothing was changed", file=sys.stderr)
        return EXIT_FAILED
    problem = new_pin_problem(first)
    if problem:
        print(f"ketdesk --set-pin: {problem}; choose another. Nothing was changed.", file=sys.stderr)
        return EXIT_FAILED
    loaded = settings_mod.load()
    if loaded.problem:
        print(f"ketdesk --set-pin: {loaded.problem}", file=sys.stderr)
    try:
        path = settings_mod.save(loaded.settings.replace(pin_hash=hash_pin(first)))
    except OSError as exc:
        from ketdesk.cli import file_problem

        target = settings_mod.settings_file()
        print("ketdesk --set-pin: " + file_problem(
            target, exc, "Make that folder writable for this user (or point KETDESK_CONFIG_DIR "
            "at one that is) and run ketdesk --set-pin again; nothing was changed."), file=sys.stderr)
        return EXIT_FAILED
    log.info("staff PIN set in %s", path)
    from ketdesk.kiosk import pin_state

    # Whoever may set a new PIN may also end a lock-out earned against the old one.
    try:
        pin_state.default_path().unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not clear the PIN lock-out file: %s", exc)
    print(f"Staff PIN saved in {path}.", file=stdout)
    return EXIT_OK
