"""The kiosk's keeper: it starts the kiosk again after every end but a staff exit (exit
codes, signals, segfaults, kill -9), with a growing pause, a notice over the pause, and it
never gives up. Real child processes stand in for the kiosk; only the pauses are skipped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ketdesk.kiosk import supervisor
from ketdesk.kiosk.supervisor import Keeper, describe, pause_after, wanted

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60

# A stand-in kiosk (sh: it starts in a millisecond, where Python takes a tenth of a second):
# the n-th start does the n-th thing in the comma-separated list, the last one from then on.
CHILD = r"""
n=$(cat "$1" 2>/dev/null || echo 0)
echo $((n + 1)) > "$1"
end=$(echo "$2" | cut -d, -f$((n + 1)))
[ -n "$end" ] || end=$(echo "$2" | tr , '\n' | tail -n 1)
case "$end" in
  ready) echo ready > "/dev/fd/$KETDESK_READY_FD"; exit 0 ;;  # in front, then a staff exit
  SIG*) kill -s "${end#SIG}" $$ ;;
  *) exit "$end" ;;
esac
"""
NOTICE = ["sleep", "600"]


def keeper(tmp_path: Path, ends: str) -> tuple[Keeper, list[float]]:
    pauses: list[float] = []
    kept = Keeper([], sleep=pauses.append, notice_command=NOTICE)
    kept.command = ["sh", "-c", CHILD, "child", str(tmp_path / "count"), ends]
    return kept, pauses


def test_every_end_but_a_staff_exit_starts_the_kiosk_again(tmp_path: Path) -> None:
    kept, pauses = keeper(tmp_path, "75,1,SIGSEGV,SIGKILL,SIGABRT,2,3,ready")
    assert kept.run() == 0
    assert kept.starts == 8
    assert pauses == [1, 2, 5, 10, 20, 40, 60]  # growing, to a minute at most
    ends = [e for e in kept.events if e.startswith("ended")]
    assert ends == ["ended: exit code 75", "ended: exit code 1", "ended: killed by SIGSEGV",
                    "ended: killed by SIGKILL", "ended: killed by SIGABRT", "ended: exit code 2",
                    "ended: exit code 3", "ended: exit code 0"]


def test_the_notice_covers_the_pause_until_the_kiosk_is_in_front(tmp_path: Path) -> None:
    kept, _ = keeper(tmp_path, "SIGKILL,ready")
    assert kept.run() == 0
    assert kept.events == ["started", "ended: killed by SIGKILL", "notice shown", "pause 1 s",
                           "started", "notice hidden", "ended: exit code 0"]


def test_a_crash_loop_is_logged_and_never_ends(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    kept, pauses = keeper(tmp_path, ",".join(["75"] * 9 + ["ready"]))
    assert kept.run() == 0
    assert kept.starts == 10
    assert pauses[-3:] == [60] * 3
    assert "crash loop: the kiosk ended 9 times in a row" in caplog.text


def test_a_long_run_starts_the_pauses_over(tmp_path: Path) -> None:
    now = [0.0]

    def clock() -> float:
        now[0] += 200.0  # each look at the clock: 200 s later, so each run lasts 200 s
        return now[0]

    pauses: list[float] = []
    kept = Keeper([], clock=clock, sleep=pauses.append, notice_command=NOTICE)
    kept.command = ["sh", "-c", CHILD, "child", str(tmp_path / "count"), "75,75,75,ready"]
    assert kept.run() == 0
    assert pauses == [1, 1, 1]  # every run was longer than STABLE_SECONDS


@pytest.mark.parametrize(("quick_ends", "pause"), [(0, 1), (1, 1), (2, 2), (3, 5), (7, 60), (500, 60)])
def test_pauses(quick_ends: int, pause: float) -> None:
    assert pause_after(quick_ends) == pause


def test_describe() -> None:
    assert describe(75) == "exit code 75"
    assert describe(-signal.SIGKILL) == "killed by SIGKILL"


@pytest.mark.parametrize(("env", "expected"), [
    ({}, True), ({"KETDESK_SUPERVISED": "1"}, False), ({"KETDESK_KEEPER": "0"}, False),
])
def test_who_keeps(env: dict[str, str], expected: bool) -> None:
    assert wanted(env) is expected


KEEPER_WITH_A_SLEEPING_KIOSK = textwrap.dedent("""
    import sys
    from ketdesk.kiosk.supervisor import Keeper
    kept = Keeper([], notice_command=[sys.executable, "-c", "pass"])
    kept.command = [sys.executable, "-c",
                    "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(600)",
                    sys.argv[1]]
    sys.exit(kept.run())
""")


def _start_keeper(tmp_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    pid_file = tmp_path / "kiosk.pid"
    proc = subprocess.Popen([sys.executable, "-c", KEEPER_WITH_A_SLEEPING_KIOSK, str(pid_file)], cwd=REPO)
    child = supervisor_child_pid(pid_file, proc)
    return proc, child


def supervisor_child_pid(pid_file: Path, proc: subprocess.Popen[bytes]) -> int:
    import time

    deadline = time.monotonic() + TIMEOUT
    while not pid_file.exists() or not pid_file.read_text():
        assert proc.poll() is None and time.monotonic() < deadline, "the stand-in kiosk never started"
        time.sleep(0.02)  # polling a file the child writes
    return int(pid_file.read_text())


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie of a reaped-later parent still answers; it no longer runs.
    return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"


def test_sigterm_to_the_keeper_stops_the_kiosk_and_ends_by_sigterm(tmp_path: Path) -> None:
    proc, child = _start_keeper(tmp_path)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=TIMEOUT) == -signal.SIGTERM
    assert _gone(child)


def test_a_killed_keeper_takes_its_kiosk_along(tmp_path: Path) -> None:
    import time

    proc, child = _start_keeper(tmp_path)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while not _gone(child):  # PR_SET_PDEATHSIG: the kernel sends it SIGTERM
        assert time.monotonic() < deadline, "the kiosk outlived its keeper"
        time.sleep(0.02)


def test_the_module_needs_no_qt() -> None:
    result = subprocess.run([sys.executable, "-c", "import sys, ketdesk.kiosk.supervisor; "
                             "sys.exit('PySide6' in ' '.join(sys.modules))"], cwd=REPO, timeout=TIMEOUT,
                            check=False)
    assert result.returncode == 0
    assert supervisor.BACKOFF_SECONDS[-1] == 60


def test_a_gone_display_ends_the_keeper_instead_of_a_retry_a_minute_forever(tmp_path: Path) -> None:
    from ketdesk.cli import EXIT_RESTART

    pauses: list[float] = []
    kept = Keeper([], sleep=pauses.append, notice_command=NOTICE, display_gone=lambda: True)
    kept.command = ["sh", "-c", CHILD, "child", str(tmp_path / "count"), "SIGABRT,ready"]
    assert kept.run() == EXIT_RESTART
    assert kept.starts == 1 and pauses == []


def test_a_display_nobody_serves_is_gone() -> None:
    from ketdesk.kiosk.supervisor import display_gone

    assert display_gone({"DISPLAY": ":987", "QT_QPA_PLATFORM": "xcb"})
    assert not display_gone({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":987"})
    assert not display_gone({})
