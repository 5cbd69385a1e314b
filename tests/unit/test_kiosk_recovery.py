"""Crash recovery in kiosk mode: exit 75 under a supervisor, else re-execute (with a limit)."""

from __future__ import annotations

import sys

from ketdesk.cli import EXIT_OK, EXIT_RESTART
from ketdesk.kiosk.recovery import HISTORY_ENV, MAX_RESTARTS, SUPERVISED_ENV, Recovery


class Calls:
    def __init__(self) -> None:
        self.execs: list[list[str]] = []
        self.exits: list[int] = []
        self.quits: list[int] = []


def make(env: dict[str, str], now: float = 10_000.0) -> tuple[Recovery, Calls]:
    calls = Calls()
    recovery = Recovery(["--kiosk", "--screen", "1"], env=env, clock=lambda: now,
                        execv=lambda path, args: calls.execs.append(args),
                        hard_exit=calls.exits.append)
    return recovery, calls


def test_error_in_event_loop_leaves_it_asking_for_restart() -> None:
    recovery, calls = make({})
    recovery.quit_loop = calls.quits.append
    recovery.on_uncaught(RuntimeError("boom"))
    recovery.on_uncaught(RuntimeError("again"))  # once is enough
    assert calls.quits == [EXIT_RESTART]
    assert calls.execs == []


def test_supervised_exits_75() -> None:
    recovery, calls = make({SUPERVISED_ENV: "1"})
    released: list[str] = []
    recovery.cleanups.append(lambda: released.append("lock"))
    assert recovery.finish(EXIT_RESTART) == EXIT_RESTART
    assert calls.execs == []
    assert released == ["lock"]


def test_unsupervised_reexecutes_with_same_arguments() -> None:
    env: dict[str, str] = {}
    recovery, calls = make(env)
    released: list[str] = []
    recovery.cleanups.append(lambda: released.append("lock"))
    recovery.finish(EXIT_RESTART)
    assert released == ["lock"]  # the lock is free before the new process wants it
    assert calls.execs == [[sys.executable, "-m", "ketdesk", "--kiosk", "--screen", "1"]]
    assert env[HISTORY_ENV] == "10000"


def test_normal_exit_is_not_a_restart() -> None:
    recovery, calls = make({})
    assert recovery.finish(EXIT_OK) == EXIT_OK
    assert calls.execs == []


def test_crash_loop_gives_up() -> None:
    recent = ",".join(str(10_000 - i) for i in range(MAX_RESTARTS))
    recovery, calls = make({HISTORY_ENV: recent})
    assert recovery.finish(EXIT_RESTART) == EXIT_RESTART
    assert calls.execs == []
    # Old restarts do not count.
    old = ",".join(str(1_000 - i) for i in range(MAX_RESTARTS))
    recovery, calls = make({HISTORY_ENV: old})
    recovery.finish(EXIT_RESTART)
    assert len(calls.execs) == 1


def test_error_before_the_event_loop_exits_75_supervised() -> None:
    recovery, calls = make({SUPERVISED_ENV: "1"})
    recovery.on_uncaught(RuntimeError("start-up"))
    assert calls.exits == [EXIT_RESTART]
