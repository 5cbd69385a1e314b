"""After an uncaught exception in kiosk mode: restart cleanly instead of showing a dialog.

The exception is already logged with its traceback by ``ketdesk.app``'s excepthook. Then:

- under a supervisor (the systemd unit sets ``KETDESK_SUPERVISED=1``) the app leaves its
  event loop and exits with ``EXIT_RESTART`` (75); ``Restart=always`` starts it again;
- otherwise (XDG autostart, a shell script) it re-executes itself with the same
  arguments, after releasing its single-instance lock and screen saver inhibit.

A crash that repeats right after every start would loop; after ``MAX_RESTARTS`` restarts
within ``WINDOW_SECONDS`` the app exits with 75 instead, so a supervisor or a person can
step in.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, MutableMapping, Sequence

from ketdesk.cli import EXIT_RESTART

log = logging.getLogger(__name__)

SUPERVISED_ENV = "KETDESK_SUPERVISED"
HISTORY_ENV = "KETDESK_RESTARTS"  # start times of recent self-restarts, comma separated
MAX_RESTARTS = 5
WINDOW_SECONDS = 300.0


def restart_argv(argv: Sequence[str]) -> list[str]:
    """The command line that starts this app again with the same arguments."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *argv]
    return [sys.executable, "-m", "ketdesk", *argv]


class Recovery:
    """Decides how to come back from a crash; every side effect is injectable for tests."""

    def __init__(self, argv: Sequence[str], *, env: MutableMapping[str, str] | None = None,
                 clock: Callable[[], float] = time.time,
                 execv: Callable[[str, list[str]], object] = os.execv,
                 hard_exit: Callable[[int], object] = os._exit) -> None:
        self.argv = list(argv)
        self._env: MutableMapping[str, str] = env if env is not None else os.environ
        self._clock = clock
        self._execv = execv
        self._hard_exit = hard_exit
        self.cleanups: list[Callable[[], None]] = []
        self.quit_loop: Callable[[int], None] | None = None  # set while the event loop runs
        self.restart_requested = False

    @property
    def supervised(self) -> bool:
        return self._env.get(SUPERVISED_ENV) == "1"

    def on_uncaught(self, _error: BaseException) -> None:
        """The excepthook's callback: leave the event loop asking for a restart."""
        if self.restart_requested:
            return
        self.restart_requested = True
        if self.quit_loop is not None:
            log.error("kiosk: restarting after an uncaught exception")
            self.quit_loop(EXIT_RESTART)
        else:
            # Outside the event loop (start-up): nothing to unwind, come back right away.
            self.finish(EXIT_RESTART)
            self._hard_exit(EXIT_RESTART)

    def _recent_restarts(self) -> list[float]:
        now = self._clock()
        times = []
        for part in self._env.get(HISTORY_ENV, "").split(","):
            try:
                stamp = float(part)
            except ValueError:
                continue
            if now - stamp <= WINDOW_SECONDS:
                times.append(stamp)
        return times

    def finish(self, code: int) -> int:
        """Called with the event loop's exit code; re-executes when that is the right thing."""
        for cleanup in self.cleanups:
            try:
                cleanup()
            except Exception:
                log.exception("kiosk clean-up failed")
        self.cleanups.clear()
        if code != EXIT_RESTART or self.supervised:
            return code
        recent = self._recent_restarts()
        if len(recent) >= MAX_RESTARTS:
            log.error("kiosk: %d restarts in %.0f s; giving up with exit code %d",
                      len(recent), WINDOW_SECONDS, EXIT_RESTART)
            return code
        self._env[HISTORY_ENV] = ",".join(f"{t:.0f}" for t in [*recent, self._clock()])
        args = restart_argv(self.argv)
        log.info("kiosk: re-executing %s", args)
        for handler in logging.getLogger().handlers:
            handler.flush()
        self._execv(args[0], args)
        return code  # only reached when execv is replaced in tests
