"""Is speech-dispatcher answering? Asked before Qt connects to it (no Qt here).

Qt's speechd engine connects with ``spd_open`` inside the ``QTextToSpeech`` constructor, on
the GUI thread, with no time limit. Measured here: after a sentence was spoken on a machine
with no sound device, speech-dispatcher stopped answering, and the next app start hung in
that constructor. So before Qt connects, this opens the daemon's socket itself and waits at
most ``TIMEOUT_S`` for its greeting reply. No socket at all is fine: libspeechd starts a
fresh daemon on its own.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from pathlib import Path

TIMEOUT_S = 1.0


def socket_path(env: Mapping[str, str] = os.environ) -> Path | None:
    """Where libspeechd connects: ``SPEECHD_ADDRESS`` (unix_socket:PATH), then the runtime
    folder, then ``~/.cache`` (as libspeechd 0.11 does); None for a TCP address."""
    address = env.get("SPEECHD_ADDRESS", "")
    if address:
        method, _, rest = address.partition(":")
        return Path(rest) if method == "unix_socket" and rest else None
    runtime = env.get("XDG_RUNTIME_DIR", "")
    base = Path(runtime) if runtime else Path(env.get("HOME", str(Path.home()))) / ".cache"
    return base / "speech-dispatcher" / "speechd.sock"


def problem(path: Path | None, timeout: float = TIMEOUT_S) -> str:
    """Why speech-dispatcher at ``path`` cannot be used now (empty when it can)."""
    if path is None or not path.exists():
        return ""  # no daemon yet (or TCP): libspeechd starts or finds one itself
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(str(path))
            sock.sendall(b'SET SELF CLIENT_NAME "ketdesk:probe:main"\r\n')
            reply = sock.recv(256)
            sock.sendall(b"QUIT\r\n")
    except TimeoutError:
        return f"speech-dispatcher at {path} did not answer within {timeout:g} s"
    except OSError as exc:
        if isinstance(exc, ConnectionRefusedError | FileNotFoundError):
            return ""  # a stale socket file: libspeechd starts a new daemon
        return f"speech-dispatcher at {path}: {exc}"
    if not reply.startswith(b"2"):
        return f"speech-dispatcher at {path} refused the connection: {reply[:60]!r}"
    return ""
