"""One kiosk at a time: a second start raises the first and exits 0; no PIN, no kiosk."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ketdesk.cli import EXIT_CONFIG, EXIT_OK, EXIT_RESTART
from ketdesk.kiosk.single_instance import SingleInstance, instance_key, server_name
from tests.gui.kiosk_support import make_kiosk, pin_hash

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 90


def test_second_instance_is_refused_and_first_is_raised(qtbot, tmp_path: Path) -> None:
    key = instance_key(tmp_path)  # unique per test: the folder is
    first = SingleInstance(key, tmp_path)
    assert first.acquire()
    try:
        second = SingleInstance(key, tmp_path)
        with qtbot.waitSignal(first.raise_requested, timeout=5000):
            assert second.acquire() is False
    finally:
        first.release()
    # Once the first is gone, the next start is first again.
    third = SingleInstance(key, tmp_path)
    assert third.acquire()
    third.release()


def test_raise_request_brings_the_kiosk_back(qtbot, qapp_fonts, pack) -> None:
    from PySide6.QtCore import Qt

    kiosk, _ = make_kiosk(qtbot, pack)
    kiosk.window.showMinimized()
    kiosk.bring_to_front()
    qtbot.waitUntil(lambda: bool(kiosk.window.windowState() & Qt.WindowState.WindowFullScreen))


def _env(config: Path) -> dict[str, str]:
    return {**os.environ, "KETDESK_CONFIG_DIR": str(config), "KETDESK_LOG_DIR": str(config),
            "QT_QPA_PLATFORM": "offscreen", "KETDESK_REPORT_FIRST_PAINT": "1",
            "KETDESK_REPORT_KIOSK": "1"}


def _unkept(config: Path) -> dict[str, str]:
    """The environment of a kiosk with no keeper (the app's own re-exec recovery instead)."""
    return {**_env(config), "KETDESK_KEEPER": "0"}


def _lines(proc: subprocess.Popen[str]) -> tuple[queue.Queue[str], threading.Thread]:
    """The process's stdout, line by line, read on a thread so the test can time out."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.strip())

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return lines, thread


def wait_for_line(lines: queue.Queue[str], prefix: str) -> str:
    while True:
        line = lines.get(timeout=TIMEOUT)
        if line.startswith(prefix):
            return line


@pytest.fixture
def kiosk_config(tmp_path: Path) -> Iterator[Path]:
    from PySide6.QtNetwork import QLocalServer

    from ketdesk import settings

    settings.save(settings.Settings(pin_hash=pin_hash()), tmp_path / "settings.ini")
    yield tmp_path
    # A kiosk killed with SIGKILL leaves its socket behind; it is per folder, so tidy it.
    QLocalServer.removeServer(server_name(instance_key(tmp_path)))


@contextmanager
def painted_kiosk(config: Path, *args: str, env: dict[str, str] | None = None
                  ) -> Iterator[tuple[subprocess.Popen[str], queue.Queue[str]]]:
    """``python ARGS`` (a kiosk start) running until it has painted; terminated after."""
    proc = subprocess.Popen([sys.executable, *args], cwd=REPO, env=env or _env(config),
                            stdout=subprocess.PIPE, text=True)
    lines, reader = _lines(proc)
    try:
        wait_for_line(lines, "first-paint")
        assert proc.poll() is None
        yield proc, lines
    finally:
        proc.terminate()
        proc.wait(timeout=TIMEOUT)
        reader.join(timeout=TIMEOUT)
        assert proc.stdout is not None
        proc.stdout.close()


@pytest.fixture
def running_kiosk(kiosk_config: Path) -> Iterator[tuple[subprocess.Popen[str], queue.Queue[str]]]:
    with painted_kiosk(kiosk_config, "-m", "ketdesk", "--kiosk") as running:
        yield running


def test_second_start_exits_0_and_raises_the_first(running_kiosk, kiosk_config: Path) -> None:
    first, lines = running_kiosk
    second = subprocess.run([sys.executable, "-m", "ketdesk", "--kiosk"], cwd=REPO,
                            env=_env(kiosk_config), capture_output=True, text=True,
                            timeout=TIMEOUT, check=False)
    assert second.returncode == EXIT_OK, second.stderr
    assert "first-paint" not in second.stdout  # it never opened a window
    assert wait_for_line(lines, "kiosk-raised") == "kiosk-raised"
    assert first.poll() is None


def test_kiosk_without_pin_refuses_to_start(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "ketdesk", "--kiosk"], cwd=REPO, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert result.returncode == EXIT_CONFIG
    assert "ketdesk --set-pin" in result.stderr
    assert "first-paint" not in result.stdout


CRASH_AFTER_START = """
import sys
from PySide6.QtCore import QTimer
from ketdesk.kiosk import controller

start = controller.Kiosk.start

def start_then_fail(self):
    start(self)
    def fail():
        raise RuntimeError("simulated fault in a slot")
    QTimer.singleShot(0, fail)

controller.Kiosk.start = start_then_fail
from ketdesk.app import main
sys.exit(main(["--kiosk"]))
"""


def test_uncaught_error_in_kiosk_exits_75_under_supervisor(kiosk_config: Path) -> None:
    env = {**_env(kiosk_config), "KETDESK_SUPERVISED": "1"}
    result = subprocess.run([sys.executable, "-c", CRASH_AFTER_START], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert result.returncode == EXIT_RESTART, result.stderr
    log = (kiosk_config / "ketdesk.log").read_text(encoding="utf-8")
    assert "uncaught exception" in log
    assert "RuntimeError: simulated fault in a slot" in log
    assert "Traceback" in log


def test_kiosk_without_display_exits_for_a_retry(kiosk_config: Path) -> None:
    env = _env(kiosk_config)
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)
    result = subprocess.run([sys.executable, "-m", "ketdesk", "--kiosk"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert result.returncode == EXIT_RESTART
    assert "no display was found" in result.stderr
    assert "Traceback" not in result.stderr


def test_uncaught_error_without_supervisor_restarts_in_place(kiosk_config: Path) -> None:
    # The first start fails before its first paint; the same process then runs ketdesk
    # again (os.execv). That one paints: it got the single-instance lock back.
    with painted_kiosk(kiosk_config, "-c", CRASH_AFTER_START, env=_unkept(kiosk_config)):
        pass
    log = (kiosk_config / "ketdesk.log").read_text(encoding="utf-8")
    assert "RuntimeError: simulated fault in a slot" in log
    assert log.index("kiosk: re-executing") < log.index("first paint after")


CRASH_AT_START = """
import sys
from ketdesk.kiosk import controller

def fail(self, *args, **kwargs):
    raise RuntimeError("simulated fault while building the kiosk")

controller.Kiosk.__init__ = fail
from ketdesk.app import main
sys.exit(main(["--kiosk"]))
"""


def test_an_error_at_start_up_restarts_instead_of_exiting_0(kiosk_config: Path) -> None:
    """The restarted process (same process id) must not take its own lock for another kiosk."""
    # The app's own recovery, with no keeper: the re-executed, unpatched kiosk paints.
    with painted_kiosk(kiosk_config, "-c", CRASH_AT_START, env=_unkept(kiosk_config)):
        pass
    log = (kiosk_config / "ketdesk.log").read_text(encoding="utf-8")
    assert "simulated fault while building the kiosk" in log
    assert "another kiosk instance holds the lock" not in log


def test_out_of_range_settings_fall_back_and_the_kiosk_runs(kiosk_config: Path) -> None:
    path = kiosk_config / "settings.ini"
    path.write_text(path.read_text(encoding="utf-8").replace("idle_timeout = 90.0", "idle_timeout = 1e12")
                    .replace("rotate_interval = 20.0", "rotate_interval = nan"), encoding="utf-8")
    with painted_kiosk(kiosk_config, "-m", "ketdesk", "--kiosk"):
        pass
    log = (kiosk_config / "ketdesk.log").read_text(encoding="utf-8")
    assert "idle_timeout must be a number from 5 to 86400, not 1e+12; using the default 90.0" in log
    assert "kiosk mode: idle 90.0 s, rotate 20.0 s" in log


@pytest.fixture
def runtime_dir(tmp_path: Path, kiosk_config: Path) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    return folder


def test_socket_lives_in_the_runtime_folder_and_goes_on_sigterm(kiosk_config: Path,
                                                                runtime_dir: Path) -> None:
    import signal
    import stat
    import tempfile

    key = instance_key(kiosk_config)
    env = {**_env(kiosk_config), "XDG_RUNTIME_DIR": str(runtime_dir)}
    with painted_kiosk(kiosk_config, "-m", "ketdesk", "--kiosk", env=env) as (proc, _lines):
        socket = runtime_dir / key
        assert stat.S_ISSOCK(socket.stat().st_mode)
        assert not (Path(tempfile.gettempdir()) / key).exists()
        lock = kiosk_config / f"{key}.lock"
        assert stat.S_IMODE(lock.stat().st_mode) == 0o600
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=TIMEOUT) == -signal.SIGTERM  # still ends by the signal
        assert not socket.exists()
        assert not lock.exists()
    log = (kiosk_config / "ketdesk.log").read_text(encoding="utf-8")
    assert "SIGTERM received; cleaning up before exiting" in log


def test_a_socket_left_by_kill_9_is_replaced(kiosk_config: Path, runtime_dir: Path) -> None:
    import signal

    # The kiosk itself, with no keeper: killing a keeper would let its kiosk clean up.
    env = {**_env(kiosk_config), "XDG_RUNTIME_DIR": str(runtime_dir), "KETDESK_KEEPER": "0"}
    with painted_kiosk(kiosk_config, "-m", "ketdesk", "--kiosk", env=env) as (proc, _lines):
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=TIMEOUT)
    assert (runtime_dir / instance_key(kiosk_config)).exists()  # stale
    with painted_kiosk(kiosk_config, "-m", "ketdesk", "--kiosk", env=env) as (first, lines):
        second = subprocess.run([sys.executable, "-m", "ketdesk", "--kiosk"], cwd=REPO, env=env,
                                capture_output=True, text=True, timeout=TIMEOUT, check=False)
        assert second.returncode == EXIT_OK, second.stderr
        assert wait_for_line(lines, "kiosk-raised") == "kiosk-raised"
        assert first.poll() is None


@pytest.mark.parametrize("mode", [0o755, 0o750])
def test_a_runtime_folder_others_can_enter_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       mode: int) -> None:
    shared = tmp_path / "run"
    shared.mkdir()
    shared.chmod(mode)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    assert server_name("k") == "k"  # Qt's temporary-folder fallback
    shared.chmod(0o700)
    assert server_name("k") == str(shared / "k")
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert server_name("k") == "k"


def test_a_lock_left_by_this_process_before_a_restart_is_taken_over(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QLockFile

    key = instance_key(tmp_path)
    # What os.execv leaves: a lock file naming this process, held by no one in this image
    # (the old image's file descriptor, and its native lock, closed with the exec).
    lock_path = tmp_path / f"{key}.lock"
    left = QLockFile(str(lock_path))
    assert left.tryLock(100)
    contents = lock_path.read_bytes()
    left.unlock()
    lock_path.write_bytes(contents)
    restarted = SingleInstance(key, tmp_path)
    try:
        assert restarted.acquire()
        # ... but a lock this image really holds is still refused.
        assert SingleInstance(key, tmp_path).acquire() is False
    finally:
        restarted.release()
