"""``make soak``'s hostile packs: every pack of ``tests/hostile_packs.py`` through the real app.

Each pack runs twice as a subprocess, as staff and a kiosk would run it, under a time cap
(``--timeout``, 60 s) and an address-space cap (``--max-gib``, 4 GiB):

* ``ketdesk --check-content DIR`` must exit 1, every output line must name the damaged file,
  and stderr must hold no traceback;
* ``ketdesk --content DIR --screenshot OUT`` must exit 0 with all six panels written (the
  built-in pack, drawn) and no traceback.

It prints one line per pack with the peak resident memory of the worse of the two runs
(``wait4``'s rusage, per child) and exits 1 if any pack failed. The cheap packs also run
in-process in ``make test`` (tests/gui/test_hostile_packs.py); the expensive ones (links to
devices, 100,000 levels of nesting) only here.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.hostile_packs import HOSTILE, Hostile, hostile_pack  # noqa: E402 - needs REPO on the path


@dataclass(frozen=True)
class Run:
    code: int | None  # None: killed at the time cap
    stdout: str
    stderr: str
    peak_kb: int
    seconds: float


def run(args: list[str], timeout: float, max_bytes: int) -> Run:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "ketdesk", *args], stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, env=env, preexec_fn=limit, cwd=REPO)
        code: int | None = None
        usage = None
        while time.monotonic() - started < timeout:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            time.sleep(0.05)
        else:
            proc.kill()
            _pid, _status, usage = os.wait4(proc.pid, 0)
        proc.returncode = code if code is not None else -9  # reaped by wait4, not by Popen
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Run(code, out.read(), err.read(), usage.ru_maxrss if usage else 0, seconds)


def check(hostile: Hostile, timeout: float, max_bytes: int) -> tuple[list[str], int]:
    """(failures, peak kB) for one pack."""
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ketdesk-hostile-") as tmp:
        folder, target = hostile_pack(Path(tmp), hostile)
        checked = run(["--check-content", str(folder)], timeout, max_bytes)
        lines = checked.stdout.strip().splitlines()
        if checked.code != 1:
            failures.append(f"--check-content exit {checked.code}")
        if not lines or not all(line.startswith(f"{target}:") for line in lines):
            failures.append(f"--check-content does not name {target.name}: {lines[:2]}")
        shots = Path(tmp) / "shots"
        shown = run(["--content", str(folder), "--screenshot", str(shots), "--size", "1024x600"],
                    timeout, max_bytes)
        if shown.code != 0:
            failures.append(f"--content exit {shown.code}")
        if len(list(shots.glob("*.png"))) != 6:
            failures.append("--content did not draw all six panels")
        for name, result in (("--check-content", checked), ("--content", shown)):
            if "Traceback" in result.stderr or "MemoryError" in result.stderr:
                failures.append(f"{name} printed a traceback: {result.stderr.strip()[-300:]}")
        return failures, max(checked.peak_kb, shown.peak_kb)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run (60)")
    parser.add_argument("--max-gib", type=float, default=4.0, help="address-space cap per run (4)")
    args = parser.parse_args(argv)
    max_bytes = int(args.max_gib * 1024**3)
    failed = 0
    worst = (0, "")
    for hostile in HOSTILE:
        failures, peak_kb = check(hostile, args.timeout, max_bytes)
        label = f"{hostile.category}: {hostile.name}"
        worst = max(worst, (peak_kb, label))
        print(f"{'FAIL' if failures else 'ok  '} {peak_kb / 1024:7.1f} MB  {label}", flush=True)
        for failure in failures:
            print(f"       {failure}")
        failed += bool(failures)
    print(f"{len(HOSTILE)} hostile packs, {failed} failed; peak memory {worst[0] / 1024:.1f} MB "
          f"({worst[1]})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
