"""Logging to a file in the user's log folder, and to stderr only when there is a console.

Windowed PyInstaller builds set ``sys.stdout``/``sys.stderr`` to ``None``; they are pointed
at the log file here before anything prints. Qt's own messages go through the same log
(``route_qt_messages``), so its platform chatter reaches the log file, not the user.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


# Qt messages that are platform chatter, not faults: logged at INFO, so they reach the log
# file but not the terminal (the console handler above shows WARNING and worse). Each with
# its reason; compared with the whole message.
QT_CHATTER: dict[str, str] = {
    "This plugin does not support propagateSizeHints()":
        "the offscreen platform (--self-test, --screenshot) cannot resize native windows",
}

_qt_handler: Callable[..., None] | None = None  # kept alive: Qt holds only a C pointer to it


def route_qt_messages() -> Any:
    """Send Qt's messages to the ``qt`` logger instead of straight to stderr.

    Qt prints warnings itself unless a message handler is installed; with this one they go
    to the log file like everything else, and only real warnings (not ``QT_CHATTER``) are
    also shown on a console. Returns the previous handler, for tests to put back.
    """
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        level = levels.get(kind, logging.WARNING)
        if message.strip() in QT_CHATTER:
            level = min(level, logging.INFO)
        qt_log.log(level, "%s", message)

    global _qt_handler
    _qt_handler = handler
    return qInstallMessageHandler(handler)
