"""``python -m ketdesk`` and the ``ketdesk`` launcher."""

from __future__ import annotations

import contextlib
import os
import sys


def main() -> int:
    from ketdesk.app import main as app_main

    try:
        return app_main(sys.argv[1:])
    except BrokenPipeError:
        # The reader went away (``ketdesk --screenshot DIR | head``): nothing is wrong here.
        # Point stdout at nothing so the final flush at exit cannot raise again.
        quiet_stdout()
        return 0


def quiet_stdout() -> None:
    devnull = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
    with contextlib.suppress(OSError, ValueError, AttributeError):  # stdout was no real file
        os.dup2(devnull.fileno(), sys.stdout.fileno())
    sys.stdout = devnull


if __name__ == "__main__":
    sys.exit(main())
