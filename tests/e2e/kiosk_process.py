"""``ketdesk --kiosk`` as a real process on an X display, for the end-to-end kiosk tests."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 90
PIN = "246813"


def need(*tools: str) -> None:
    """Fail (not skip) when an X tool is missing: `make test` installs them all."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed; run `make test` (it installs them) "
                    "or scripts/system-deps.sh test")


def x_tool(display: str, *args: str, check: bool = True) -> str:
    """Run an X client (xdotool, wmctrl, xprop...) on ``display``; its output, stripped."""
    result = subprocess.run(list(args), env={**os.environ, "DISPLAY": display},
                            capture_output=True, text=True, timeout=TIMEOUT, check=check)
    return result.stdout.strip()


def xdotool(display: str, *args: str) -> str:
    return x_tool(display, "xdotool", *args)


def viewable(display: str, window: str) -> bool:
    """Whether the X server draws ``window`` (mapped, and every parent mapped too)."""
    return "Map State: IsViewable" in x_tool(display, "xwininfo", "-id", window, check=False)


def wait_until_right(what_is_wrong: Callable[[], list[str]], timeout: float) -> None:
    """Poll until ``what_is_wrong`` says nothing; fail with what it still said at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        wrong = what_is_wrong()
        if not wrong:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"not right within {timeout} s: {wrong}")
        time.sleep(0.02)  # a pause between polls, not a wait for the result


class Lines:
    """A process's stdout read on a thread, so waiting for a line can time out."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []  # every line so far, also those wait_for skipped
        self._thread = threading.Thread(target=self._pump, args=(proc,), daemon=True)
        self._thread.start()

    def _pump(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.seen.append(line.strip())
            self._queue.put(line.strip())

    def last(self, prefix: str) -> str:
        """The latest line so far that starts with ``prefix`` ("" if none)."""
        return next((line for line in reversed(self.seen) if line.startswith(prefix)), "")

    def wait_for(self, prefix: str, timeout: float = TIMEOUT) -> str:
        while True:
            line = self._queue.get(timeout=timeout)
            if line.startswith(prefix):
                return line

    def join(self) -> None:
        self._thread.join(timeout=TIMEOUT)


@contextmanager
def running_openbox(display: str) -> Iterator[None]:
    """Openbox with its stock configuration on ``display``, and a second desktop."""
    need("openbox", "wmctrl", "xprop", "xwininfo", "xmessage")
    wm = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": display},
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while "Openbox" not in x_tool(display, "wmctrl", "-m", check=False):
            assert wm.poll() is None, "openbox did not start"
            assert time.monotonic() < deadline, "openbox did not take the display"
            time.sleep(0.05)
        x_tool(display, "wmctrl", "-n", "2")  # a second desktop to escape to
        yield
    finally:
        wm.terminate()
        wm.wait(timeout=30)


def kiosk_env(display: str, folder: Path) -> dict[str, str]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "KETDESK_CONFIG_DIR": str(folder), "KETDESK_LOG_DIR": str(folder),
           "KETDESK_REPORT_FIRST_PAINT": "1", "KETDESK_REPORT_KIOSK": "1"}
    env.pop("WAYLAND_DISPLAY", None)
    return env


@contextmanager
def running_kiosk(display: str, folder: Path, *, keeper: bool = True
                  ) -> Iterator[tuple[subprocess.Popen[str], Lines]]:
    """A kiosk with a PIN set, running until its first paint; terminated afterwards.

    With ``keeper`` the process is ``ketdesk --kiosk`` as installed (the keeper, the kiosk
    its child); without, it is the kiosk itself, so its exit is the process's exit.
    """
    need("xdotool")
    env = kiosk_env(display, folder)
    if not keeper:
        env["KETDESK_KEEPER"] = "0"
    set_pin = subprocess.run([sys.executable, "-m", "ketdesk", "--set-pin"], cwd=REPO, env=env,
                             input=f"{PIN}\n{PIN}\n", capture_output=True, text=True,
                             timeout=TIMEOUT, check=False)
    assert set_pin.returncode == 0, set_pin.stderr
    proc = subprocess.Popen([sys.executable, "-m", "ketdesk", "--kiosk"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, text=True)
    lines = Lines(proc)
    try:
        lines.wait_for("first-paint")
        yield proc, lines
    finally:
        proc.terminate()
        proc.wait(timeout=TIMEOUT)
        lines.join()
        assert proc.stdout is not None
        proc.stdout.close()
        # Killed by SIGKILL, a kiosk would leave its single-instance socket behind.
        from PySide6.QtNetwork import QLocalServer

        from ketdesk.kiosk.single_instance import instance_key, server_name

        QLocalServer.removeServer(server_name(instance_key(folder)))
