"""``ketdesk --kiosk`` in a real X session with no window manager: it fills the screen and
refuses Alt+F4, Escape, Ctrl+Q and Ctrl+W sent by xdotool, and keeps running."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 90


def xdotool(display: str, *args: str) -> str:
    result = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display},
                            capture_output=True, text=True, timeout=TIMEOUT, check=True)
    return result.stdout.strip()


class Lines:
    """A process's stdout read on a thread, so waiting for a line can time out."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, args=(proc,), daemon=True)
        self._thread.start()

    def _pump(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self._queue.put(line.strip())

    def wait_for(self, prefix: str) -> str:
        while True:
            line = self._queue.get(timeout=TIMEOUT)
            if line.startswith(prefix):
                return line

    def join(self) -> None:
        self._thread.join(timeout=TIMEOUT)


@pytest.fixture
def kiosk(xvfb_display: str, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Lines]]:
    if shutil.which("xdotool") is None:
        pytest.fail("xdotool is not installed; run `make test` (it installs it) or apt-get install xdotool")
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb",
           "KETDESK_CONFIG_DIR": str(tmp_path), "KETDESK_LOG_DIR": str(tmp_path),
           "KETDESK_REPORT_FIRST_PAINT": "1", "KETDESK_REPORT_KIOSK": "1"}
    env.pop("WAYLAND_DISPLAY", None)
    set_pin = subprocess.run([sys.executable, "-m", "ketdesk", "--set-pin"], cwd=REPO, env=env,
                             input="4711\n4711\n", capture_output=True, text=True, timeout=TIMEOUT,
                             check=False)
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
        # Stopped by a signal, the kiosk leaves its single-instance socket behind.
        from PySide6.QtNetwork import QLocalServer

        from ketdesk.kiosk.single_instance import instance_key

        QLocalServer.removeServer(instance_key(tmp_path))


@pytest.mark.xvfb
def test_kiosk_refuses_exit_keys_and_keeps_running(xvfb_display: str, kiosk) -> None:
    proc, lines = kiosk
    window = xdotool(xvfb_display, "search", "--sync", "--onlyvisible", "--name", "Ketamine").split()[0]
    # No window manager here: the app must have sized itself to the whole screen.
    geometry = xdotool(xvfb_display, "getwindowgeometry", window)
    assert "Geometry: 1920x1080" in geometry
    xdotool(xvfb_display, "windowfocus", "--sync", window)
    for keys, refused in (("alt+F4", "Alt+F4"), ("Escape", "Escape"), ("ctrl+q", "Ctrl+Q"),
                          ("ctrl+w", "Ctrl+W")):
        xdotool(xvfb_display, "key", keys)
        assert lines.wait_for("kiosk-refused") == f"kiosk-refused {refused}"
        assert proc.poll() is None, f"the kiosk exited after {keys}"
    assert proc.poll() is None
