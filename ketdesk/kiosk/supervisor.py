"""The kiosk's keeper: a small parent process that starts the kiosk again after any end but
a staff exit, for as long as it takes.

Recovery inside the app covers Python exceptions only; after ``kill -9``, a segfault or the
OOM killer there is nobody left to restart it, and the screen stays empty. So an unsupervised
``ketdesk --kiosk`` (XDG autostart, ``.xinitrc``, a terminal) runs this loop instead of the
window: it starts ``ketdesk --kiosk`` as a child (marked ``KETDESK_SUPERVISED=1``, so the
child exits 75 on an error instead of re-executing itself) and waits.

- Exit code 0 is a staff exit (or another kiosk already running): the keeper ends too.
- Anything else (an exit code, a signal, a segfault, ``kill -9``) starts the child again
  after a pause that grows 1, 2, 5, 10, 20, 40, 60 s and stays at a minute; a child that ran
  for ``STABLE_SECONDS`` starts the count over. A crash loop is logged, never given up on.
- During the pause a calm full-screen notice (``ketdesk.kiosk.notice``, a process of its
  own) covers the screen, so neither a dead screen nor a desktop shows; it goes once the new
  kiosk reports its window is in front (a line on ``READY_FD_ENV``'s pipe).
- When the X display itself is gone (the session ended), the keeper ends with 75 instead of
  trying a display that will not come back.
- SIGTERM, SIGHUP or SIGINT to the keeper go to the child too, and then the keeper ends by
  the same signal. The child dies with its keeper (``PR_SET_PDEATHSIG``), so a killed
  keeper never leaves a kiosk nobody watches.

No Qt here: the keeper must not share the fate of whatever made the kiosk crash.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import select
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from types import FrameType

from ketdesk.cli import EXIT_OK, EXIT_RESTART
from ketdesk.kiosk.notice import NOTICE_ENV
from ketdesk.kiosk.recovery import SUPERVISED_ENV, restart_argv

log = logging.getLogger(__name__)

KEEPER_ENV = "KETDESK_KEEPER"  # "0": no keeper (the app's own re-exec recovery instead)
READY_FD_ENV = "KETDESK_READY_FD"  # the child writes a line here once its window is in front
BACKOFF_SECONDS = (1.0, 2.0, 5.0, 10.0, 20.0, 40.0, 60.0)
STABLE_SECONDS = 120.0  # a run this long was not part of a crash loop
LOOP_REPORT = 3  # from this many quick ends in a row, the log calls it a crash loop
NOTICE_GRACE_SECONDS = 30.0  # the notice goes even without a ready line (an old child)
_PR_SET_PDEATHSIG = 1


def wanted(env: Mapping[str, str] | None = None) -> bool:
    """Whether this ``--kiosk`` start should be the keeper rather than the kiosk."""
    env = os.environ if env is None else env
    return (os.name == "posix" and env.get(SUPERVISED_ENV) != "1"
            and env.get(KEEPER_ENV, "1") != "0")


def pause_after(quick_ends: int) -> float:
    """Seconds to wait before the next start, after ``quick_ends`` quick ends in a row."""
    return BACKOFF_SECONDS[min(max(quick_ends, 1), len(BACKOFF_SECONDS)) - 1]


def describe(returncode: int) -> str:
    if returncode < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-returncode).name}"
        return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


def display_gone(env: Mapping[str, str] | None = None) -> bool:
    """True when the X display the kiosk runs on no longer answers: the session has ended.

    Only then does the keeper stop on its own (with 75): retrying a minute at a time for a
    display that is gone would leave a process behind every log-out.
    """
    env = os.environ if env is None else env
    if not env.get("DISPLAY") or env.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        return False  # Wayland, offscreen, Windows: nothing to ask
    from ketdesk.kiosk.x11 import X11

    x11 = X11.open(env["DISPLAY"])
    if x11 is None:
        return True
    x11.close()
    return False


def _die_with_parent() -> None:
    """In the child, before exec: end with SIGTERM when the keeper goes (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


class _StopError(Exception):
    """A stop signal arrived: leave whatever we were waiting in."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


class Keeper:
    """The loop; every side effect can be replaced for tests."""

    def __init__(self, argv: Sequence[str], *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 notice_command: Sequence[str] | None = None,
                 display_gone: Callable[[], bool] = display_gone) -> None:
        self.command = restart_argv(argv)
        self._display_gone = display_gone
        # The same program (frozen or not), told by the environment to draw only the notice.
        self.notice_command = list(notice_command or restart_argv([]))
        self._clock = clock
        self._sleep = sleep
        self._child: subprocess.Popen[bytes] | None = None
        self._notice: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.events: list[str] = []  # what happened, in order: for the log's reader and tests

    # --- the child --------------------------------------------------------------------
    def _start_child(self) -> tuple[subprocess.Popen[bytes], int]:
        read_fd, write_fd = os.pipe()
        env = {**os.environ, SUPERVISED_ENV: "1", READY_FD_ENV: str(write_fd)}
        # preexec_fn is safe here: the keeper runs no threads.
        child = subprocess.Popen(self.command, env=env, pass_fds=(write_fd,),
                                 preexec_fn=_die_with_parent)
        os.close(write_fd)
        self.starts += 1
        self.events.append("started")
        log.info("keeper: kiosk started (pid %d, start %d)", child.pid, self.starts)
        return child, read_fd

    def _wait(self, child: subprocess.Popen[bytes], ready_fd: int) -> int:
        """Wait for the child to end; take the notice away once its window is in front."""
        try:
            if self._notice is not None:
                readable, _, _ = select.select([ready_fd], [], [], NOTICE_GRACE_SECONDS)
                ready = bool(readable) and bool(os.read(ready_fd, 64))  # b"": the child is gone
                if ready or child.poll() is None:
                    self._hide_notice()  # the kiosk is in front, or has been silent too long
            return child.wait()
        finally:
            os.close(ready_fd)  # only now: the child may still write its line into the pipe

    # --- the notice -------------------------------------------------------------------
    def _show_notice(self) -> None:
        if self._notice is not None and self._notice.poll() is None:
            return
        env = {**os.environ, NOTICE_ENV: "1"}
        env.pop(SUPERVISED_ENV, None)
        try:
            self._notice = subprocess.Popen(self.notice_command, env=env, preexec_fn=_die_with_parent)
        except OSError as exc:
            log.error("keeper: could not show the restarting notice: %s", exc)
            self._notice = None
        else:
            self.events.append("notice shown")

    def _hide_notice(self) -> None:
        notice, self._notice = self._notice, None
        if notice is not None:
            self.events.append("notice hidden")
        if notice is not None and notice.poll() is None:
            notice.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                notice.wait(timeout=5)
            if notice.poll() is None:
                notice.kill()
                notice.wait()

    # --- the loop ---------------------------------------------------------------------
    def _on_signal(self, number: int, _frame: FrameType | None) -> None:
        raise _StopError(number)

    def run(self) -> int:
        """Keep the kiosk running; return 0 after a staff exit (or end by a stop signal)."""
        previous = {n: signal.signal(n, self._on_signal)
                    for n in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
        quick_ends = 0
        try:
            while True:
                started = self._clock()
                child, ready_fd = self._start_child()
                self._child = child
                code = self._wait(child, ready_fd)
                self._child = None
                self.events.append(f"ended: {describe(code)}")
                ran = self._clock() - started
                if code == EXIT_OK:
                    log.info("keeper: the kiosk ended with a staff exit; so does the keeper")
                    return EXIT_OK
                if self._display_gone():
                    log.warning("keeper: the display %s is gone (the session ended); the "
                                "keeper ends too", os.environ.get("DISPLAY"))
                    return EXIT_RESTART
                quick_ends = 1 if ran >= STABLE_SECONDS else quick_ends + 1
                pause = pause_after(quick_ends)
                if quick_ends >= LOOP_REPORT:
                    log.error("keeper: crash loop: the kiosk ended %d times in a row within "
                              "%.0f s of its start (last: %s); next start in %.0f s, and it "
                              "keeps trying", quick_ends, STABLE_SECONDS, describe(code), pause)
                else:
                    log.error("keeper: the kiosk ended (%s) after %.0f s; starting it again "
                              "in %.0f s", describe(code), ran, pause)
                self._show_notice()
                self.events.append(f"pause {pause:g} s")
                self._sleep(pause)
        except _StopError as stop:
            log.info("keeper: %s received; stopping the kiosk", signal.Signals(stop.number).name)
            self._stop_child(stop.number)
            self._hide_notice()
            for number, earlier in previous.items():
                signal.signal(number, earlier)
            for handler in logging.getLogger().handlers:
                handler.flush()
            signal.signal(stop.number, signal.SIG_DFL)
            os.kill(os.getpid(), stop.number)
            return 128 + stop.number  # only reached if the signal is blocked
        finally:
            self._hide_notice()

    def _stop_child(self, number: int) -> None:
        child = self._child
        if child is None or child.poll() is not None:
            return
        child.send_signal(number)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def run_keeper(argv: Sequence[str]) -> int:
    return Keeper(argv).run()
