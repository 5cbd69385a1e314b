"""Logging to a file in the user's log folder, and to stderr only when there is a console.

Windowed PyInstaller builds set ``sys.stdout``/``sys.stderr`` to ``None``; they are pointed
at the log file here before anything prints. Qt's own messages go through the same log
(``route_qt_messages``), so its platform chatter reaches the log file, not the user.

A log folder that cannot be written (read-only, full, in the way of a file) never stops the
app and never floods the console: one plain line says so when the file cannot be opened,
and a write that fails later is reported once, not with logging's 24-line block per record.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import logging.handlers
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ketdesk import paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# ``log.error(..., extra=FILE_ONLY)``: for a message the code has already printed to the
# terminal in its own words; the console handler leaves it out, so it is not said twice.
FILE_ONLY = {"file_only": True}


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, "file_only", False)
WHAT_TO_DO = ("Logging to the screen only. Make that folder writable (or point KETDESK_LOG_DIR "
              "at one that is) and start ketdesk again.")
LOST = ("Log records are lost until there is space again or the folder is writable "
        "(KETDESK_LOG_DIR can point elsewhere).")


def _say(line: str) -> None:
    """A line on stderr, if there is one (a windowed build may have none)."""
    stream = sys.stderr
    if stream is not None:
        try:
            stream.write(f"ketdesk: {line}\n")
            stream.flush()
        except (OSError, ValueError):
            pass  # stderr itself is gone: nothing left to tell


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file whose write failures are reported once per run of failures."""

    failing = False  # while writes fail; a good write ends the run
    _failed_now = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_now = False
        super().emit(record)  # calls handleError on any failure
        if not self._failed_now:
            self.failing = False

    def close(self) -> None:
        # The unwritable buffer of a full disk: handleError has already said so.
        with contextlib.suppress(OSError):
            super().close()

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        self._failed_now = True
        if self.failing:
            return
        self.failing = True
        error = sys.exc_info()[1]
        path = Path(self.baseFilename)
        if isinstance(error, OSError):
            from ketdesk.cli import file_problem

            _say(file_problem(path, error, LOST))
        else:
            _say(f"cannot write the log {path} ({error}). {LOST}")


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
        handler: logging.Handler = QuietFileHandler(
            target, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    except OSError as exc:
        # A read-only home must not stop the app: say so once, then log to stderr only.
        from ketdesk.cli import file_problem

        _say(file_problem(target.parent if target else Path("."), exc, WHAT_TO_DO))
        target = None
    if sys.stdout is None or sys.stderr is None:
        stream = open(target, "a", encoding="utf-8") if target else open(  # noqa: SIM115
            "nul" if sys.platform == "win32" else "/dev/null", "w", encoding="utf-8")
        sys.stdout = sys.stdout or stream
        sys.stderr = sys.stderr or stream
    elif console:
        err = logging.StreamHandler(sys.stderr)
        err.setLevel(logging.WARNING)
        err.addFilter(_not_file_only)
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
    # Read-aloud: Qt Text to Speech links Qt Multimedia, which looks for PipeWire's library
    # when it loads. Speech is played by speech-dispatcher, never by Qt Multimedia, so a
    # system without PipeWire reads aloud all the same.
    "Couldn't load pipewire-0.3 library": "Qt Multimedia, loaded with Qt Text to Speech, unused",
    "Couldn't resolve pipewire-0.3 symbols": "Qt Multimedia, loaded with Qt Text to Speech, unused",
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
    previous = qInstallMessageHandler(handler)
    # Qt still talks after Python has finished: the plugin loaders' static destructors log
    # (with QT_DEBUG_PLUGINS=1 always) when the process exits, and a Python handler called
    # then crashes the process with SIGSEGV (shiboken finds no Python thread state). So
    # Qt's own handler is put back while Python still runs.
    atexit.register(qInstallMessageHandler, None)
    return previous
