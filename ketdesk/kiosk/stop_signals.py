"""SIGTERM, SIGHUP and SIGINT in kiosk mode: clean up first, then end by that same signal.

By default Python dies of SIGTERM on the spot, leaving the single-instance socket and the
screen-saver inhibit behind. Here the signal only asks the event loop to end; the kiosk's
clean-ups run as after any exit, and then the process ends by the signal after all, so a
supervisor sees what it always saw (systemd's ``RestartPreventExitStatus=0`` must never
mistake a ``kill`` for a staff exit).

Python runs a signal handler only between bytecodes; while Qt's event loop waits in C++ that
happens at the next Python slot, which the kiosk watchdog's timer provides a few times a
second.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable
from types import FrameType

log = logging.getLogger(__name__)

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
                     if hasattr(signal, name))


class StopSignals:
    """While installed, a stop signal calls ``quit_loop``; ``die`` then re-raises it."""

    def __init__(self, quit_loop: Callable[[int], None]) -> None:
        self._quit_loop = quit_loop
        self.received: int | None = None
        self._previous: dict[int, object] = {}

    def install(self) -> None:
        for number in STOP_SIGNALS:
            self._previous[number] = signal.signal(number, self._on_signal)

    def uninstall(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        self._previous.clear()

    def _on_signal(self, number: int, _frame: FrameType | None) -> None:
        if self.received is None:
            self.received = number
            log.info("kiosk: %s received; cleaning up before exiting", signal.Signals(number).name)
            self._quit_loop(128 + number)

    def die(self) -> None:
        """End the process by the signal that was received (after the clean-ups ran)."""
        if self.received is None:
            return
        for handler in logging.getLogger().handlers:
            handler.flush()
        signal.signal(self.received, signal.SIG_DFL)
        os.kill(os.getpid(), self.received)
