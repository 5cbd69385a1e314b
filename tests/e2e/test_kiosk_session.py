"""packaging/kiosk-session.sh, the X session with nothing behind the kiosk, on a bare Xvfb:
blanking off, the real kiosk up, and only a staff exit (code 0) ends the session."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.kiosk_process import PIN, REPO, TIMEOUT, Lines, kiosk_env, need, x_tool

SESSION = REPO / "packaging" / "kiosk-session.sh"


def session(display: str, folder: Path, ketdesk: str) -> subprocess.Popen[str]:
    env = {**kiosk_env(display, folder), "KETDESK": ketdesk, "KETDESK_SESSION_PAUSE": "0"}
    # Its own process group, as a display manager starts a session: stopped as a whole.
    return subprocess.Popen(["sh", str(SESSION)], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


@pytest.mark.xvfb
def test_the_session_turns_blanking_off_and_runs_the_kiosk(xvfb_display: str, tmp_path: Path) -> None:
    from ketdesk.kiosk.supervisor import display_gone

    need("xset")
    set_pin = subprocess.run([sys.executable, "-m", "ketdesk", "--set-pin"], cwd=REPO,
                             env=kiosk_env(xvfb_display, tmp_path), input=f"{PIN}\n{PIN}\n",
                             capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert set_pin.returncode == 0, set_pin.stderr
    x_tool(xvfb_display, "xset", "s", "on", "s", "600")  # as a fresh X server starts
    proc = session(xvfb_display, tmp_path, f"{sys.executable} -m ketdesk")
    lines = Lines(proc)
    try:
        lines.wait_for("first-paint")
        saver = x_tool(xvfb_display, "xset", "q")
        assert "timeout:  0" in saver and "prefer blanking:  no" in saver, saver
        assert not display_gone({"DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb"})
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=TIMEOUT)
        lines.join()
        for stream in (proc.stdout, proc.stderr):
            assert stream is not None
            stream.close()


@pytest.mark.xvfb
def test_only_a_staff_exit_ends_the_session(xvfb_display: str, tmp_path: Path) -> None:
    # A stand-in for ketdesk: ends badly twice (a code, then a signal), then a staff exit.
    runs = tmp_path / "runs"
    stub = tmp_path / "ketdesk"
    stub.write_text(f'#!/bin/sh\necho "$@" >> "{runs}"\nn=$(wc -l < "{runs}")\n'
                    '[ "$n" -eq 1 ] && exit 75\n[ "$n" -eq 2 ] && kill -9 $$\nexit 0\n', encoding="utf-8")
    stub.chmod(0o755)
    proc = session(xvfb_display, tmp_path, str(stub))
    _out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0
    assert runs.read_text(encoding="utf-8").splitlines() == ["--kiosk"] * 3
    assert "ketdesk ended with code 75" in err and "ketdesk ended with code 137" in err
    assert "staff exit: ending the kiosk session" in err
