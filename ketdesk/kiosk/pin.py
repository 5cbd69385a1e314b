"""The staff PIN: a salted scrypt hash in the settings, checked with a lock-out.

The hash string carries its own parameters (``scrypt$n$r$p$salt$hash``, base64), so the
cost can be raised later without breaking PINs already set. A PIN is 4 to 12 digits: it is
typed on a touch keypad, and the lock-out (5 wrong tries -> 60 s) is what makes short
PINs acceptable on a screen nobody can reach the files of.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import logging
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TextIO

log = logging.getLogger(__name__)

PIN_PATTERN = re.compile(r"^[0-9]{4,12}$")
SCHEME = "scrypt"
# 16 MiB of memory and ~50 ms per check on a small PC: slow for a brute force of the file,
# quick enough that a tap on OK feels immediate.
N, R, P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32
MAX_TRIES = 5
LOCK_SECONDS = 60.0


def valid_pin(pin: str) -> bool:
    return bool(PIN_PATTERN.match(pin))


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
    """Checks PINs; after ``MAX_TRIES`` wrong ones refuses every try for ``LOCK_SECONDS``.

    ``clock`` is injectable so tests step time instead of waiting.
    """

    def __init__(self, stored_hash: str, *, clock: Callable[[], float] = time.monotonic,
                 max_tries: int = MAX_TRIES, lock_seconds: float = LOCK_SECONDS) -> None:
        self._stored = stored_hash
        self._clock = clock
        self._max_tries = max_tries
        self._lock_seconds = lock_seconds
        self._wrong = 0
        self._locked_until = 0.0

    @property
    def tries_left(self) -> int:
        return self._max_tries - self._wrong

    def locked_for(self) -> float:
        """Seconds until the next try is accepted (0 when not locked)."""
        return max(0.0, self._locked_until - self._clock())

    def check(self, pin: str) -> Attempt:
        if self.locked_for() > 0:
            return Attempt.LOCKED
        if verify_pin(pin, self._stored):
            self._wrong = 0
            return Attempt.OK
        self._wrong += 1
        log.warning("wrong staff PIN (%d of %d)", self._wrong, self._max_tries)
        if self._wrong >= self._max_tries:
            self._wrong = 0
            self._locked_until = self._clock() + self._lock_seconds
            log.warning("staff PIN pad locked for %.0f s", self._lock_seconds)
            return Attempt.LOCKED
        return Attempt.WRONG


# --- ketdesk --set-pin ------------------------------------------------------------------

def _read_two(stdin: TextIO, stdout: TextIO, ask: Callable[[str], str]) -> tuple[str, str] | None:
    if stdin.isatty():
        return ask("New staff PIN (4 to 12 digits): "), ask("The same PIN again: ")
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
    if not valid_pin(first):
        print("ketdesk --set-pin: a PIN is 4 to 12 digits (0-9); nothing was changed", file=sys.stderr)
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
    print(f"Staff PIN saved in {path}.", file=stdout)
    return EXIT_OK
