"""Logging to a file in the user's log folder, and to stderr only when there is a console.

Windowed PyInstaller builds set ``sys.stdout``/``sys.stderr`` to ``None``; they are pointed
at the log file here before anything prints.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from ketdesk import paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(*, console: bool = True) -> Path | None:
    """Log to the user's log file (rotated); return its path, or None if it can't be written."""
    root = logging.getLogger()
    if getattr(root, "_ketdesk_configured", False):
        return paths.log_file()
    root.setLevel(logging.INFO)
    target: Path | None = paths.log_file()
    try:
        assert target is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    except OSError:
        target = None  # a read-only home must not stop the app; we log to stderr only
    if sys.stdout is None or sys.stderr is None:
        stream = open(target, "a", encoding="utf-8") if target else open(  # noqa: SIM115
            "nul" if sys.platform == "win32" else "/dev/null", "w", encoding="utf-8")
        sys.stdout = sys.stdout or stream
        sys.stderr = sys.stderr or stream
    elif console:
        err = logging.StreamHandler(sys.stderr)
        err.setLevel(logging.WARNING)
        err.setFormatter(logging.Formatter("ketdesk: %(message)s"))
        root.addHandler(err)
    root._ketdesk_configured = True  # type: ignore[attr-defined]
    return target
