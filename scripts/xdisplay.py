"""A private X server (Xvfb) for one run: the tests, the benchmarks and the frozen smoke test.

``-displayfd`` lets Xvfb pick a free display number and tell us, so parallel runs never
fight over ``:99``; ``-nolisten tcp`` keeps it off the network (its socket is a file).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


class XvfbError(RuntimeError):
    """Xvfb is not installed, or it did not start."""


@contextmanager
def private_display(size: str = "1920x1080x24") -> Iterator[str]:
    """Start Xvfb with one screen of ``size`` and yield its display (":N"); stop it after."""
    if shutil.which("Xvfb") is None:
        raise XvfbError("Xvfb is not installed: run `make test` (it installs it) "
                              "or `apt-get install xvfb`")
    read_fd, write_fd = os.pipe()
    # -noreset: the server survives its last client, so one display serves many app runs.
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size,
                             "-nolisten", "tcp", "-noreset"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as reader:
            number = reader.readline().strip()
        if not number:
            raise XvfbError(f"Xvfb did not start (exit code {proc.poll()})")
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
