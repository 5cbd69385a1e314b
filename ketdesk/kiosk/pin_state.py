"""The PIN pad's lock-out, kept in a small file so a restart does not reset it.

Without it, killing the kiosk (or waiting for a crash) in the middle of a lock-out gave a
fresh set of tries. The file holds three numbers: wrong tries in this round, lock-outs since
the last right PIN, and when the current lock-out ends (wall-clock seconds, since a
monotonic clock starts again with the process). It is written atomically (a temporary file,
synced, renamed over the old one) and readable by this user only (0600).

A file that cannot be read counts as a fresh start (logged); one that cannot be written
leaves the count in memory for this run (logged once). Neither ever stops the kiosk.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "pin-lockout.json"


@dataclass(frozen=True)
class LockState:
    wrong: int = 0  # wrong tries since the last lock-out or right PIN
    lockouts: int = 0  # lock-outs since the last right PIN (how long the next one is)
    locked_until: float = 0.0  # wall-clock time the current lock-out ends


def default_path() -> Path:
    from ketdesk import paths

    return paths.user_config_dir() / FILE_NAME


def load(path: Path) -> LockState:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state = LockState(wrong=int(data["wrong"]), lockouts=int(data["lockouts"]),
                          locked_until=float(data["locked_until"]))
    except FileNotFoundError:
        return LockState()
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("PIN lock-out file %s could not be read (%s); starting a fresh count", path, exc)
        return LockState()
    if state.wrong < 0 or state.lockouts < 0 or state.locked_until != state.locked_until:
        log.warning("PIN lock-out file %s holds impossible values; starting a fresh count", path)
        return LockState()
    return state


def save(path: Path, state: LockState) -> None:
    """Write ``state`` atomically, readable by this user only. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file 0600, and the rename keeps that mode.
    fd, tmp_name = tempfile.mkstemp(prefix=".pin-lockout-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(state), handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


class StateFile:
    """``load``/``save`` for one path, with a failing disk logged once, not per try."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._save_failed = False

    def load(self) -> LockState:
        return load(self.path) if self.path is not None else LockState()

    def save(self, state: LockState) -> None:
        if self.path is None:
            return
        try:
            save(self.path, state)
        except OSError as exc:
            if not self._save_failed:
                log.error("PIN lock-out could not be saved in %s (%s); it holds until the "
                          "kiosk restarts only", self.path, exc)
            self._save_failed = True
        else:
            self._save_failed = False
