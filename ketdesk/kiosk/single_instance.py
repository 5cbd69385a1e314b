"""One kiosk at a time: a second start asks the first to come to the front, then exits 0.

A ``QLockFile`` decides who is first (it notices a lock left by a crashed process from the
process id); a ``QLocalServer`` in the first instance listens for the second's message.
The lock never goes stale by age: a kiosk runs for weeks.

The socket lives in the user's runtime folder (``XDG_RUNTIME_DIR``: private to the user and
emptied at log-out), the shared temporary folder only where there is none; it is removed on
every exit the process sees (``release``), and one left by ``kill -9`` is replaced by the
next start that holds the lock. The lock file is 0600: it names the machine and the boot.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE = b"raise\n"
TIMEOUT_MS = 2000
# The lock files this process image holds. A lock file naming our process id that is not in
# here was left by this process before it re-executed itself (``os.execv`` keeps the id).
_HELD: set[str] = set()


def server_name(key: str) -> str:
    """Where the socket goes: a full path in the runtime folder, or the bare key (Qt then
    uses the temporary folder on Unix, and a named pipe on Windows)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.name == "posix":
        try:
            info = os.stat(runtime)
        except OSError:
            info = None
        # Only a folder of our own that nobody else can enter, as the spec promises.
        if info is not None and info.st_uid == os.getuid() and not info.st_mode & 0o077:
            return os.path.join(runtime, key)
        log.warning("XDG_RUNTIME_DIR %s is not a private folder of this user; using the "
                    "temporary folder for the single-instance socket", runtime)
    return key


def instance_key(config_dir: Path) -> str:
    """A server name per user and settings folder (tests and staff can run side by side)."""
    import getpass

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    digest = hashlib.sha1(f"{user}|{config_dir.resolve()}".encode()).hexdigest()[:12]
    return f"ketdesk-kiosk-{digest}"


class SingleInstance(QObject):
    raise_requested = Signal()

    def __init__(self, key: str, lock_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.name = server_name(key)
        lock_dir.mkdir(parents=True, exist_ok=True)
        self._lock_path = str(lock_dir / f"{key}.lock")
        self._lock = QLockFile(self._lock_path)
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True: we are the only instance and now listen. False: another one was told to raise."""
        if not self._try_lock() and not self._take_own_lock():
            log.info("another kiosk instance holds the lock; asking it to come to the front")
            self._notify_first()
            return False
        _HELD.add(self._lock_path)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket left by a crash: we hold the lock
        if not server.listen(self.name):
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _try_lock(self) -> bool:
        # Created 0600 from the start (a umask, not a chmod after, leaves no readable moment).
        old_mask = os.umask(0o077) if os.name == "posix" else None
        try:
            return self._lock.tryLock(100)
        finally:
            if old_mask is not None:
                os.umask(old_mask)

    def _take_own_lock(self) -> bool:
        """A lock this very process left before it re-executed itself (``os.execv`` keeps
        the process id): it is ours, not another kiosk's, so take it over."""
        info = self._lock.getLockInfo()  # (pid, host, app); empty or False when unreadable
        if not info or info[0] != os.getpid() or self._lock_path in _HELD:
            return False
        log.info("single instance: taking over the lock this process held before its restart")
        return self._lock.removeStaleLockFile() and self._try_lock()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()
            _HELD.discard(self._lock_path)

    def _notify_first(self) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            log.warning("single instance: the first instance did not answer: %s", socket.errorString())
            return
        socket.write(RAISE)
        socket.waitForBytesWritten(TIMEOUT_MS)
        socket.disconnectFromServer()

    def _on_connection(self) -> None:
        # Only this user can connect (UserAccessOption), and the only thing a second start
        # ever asks is to come to the front: any connection is that request.
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.abort()
            socket.deleteLater()
            log.info("a second start asked this kiosk to come to the front")
            self.raise_requested.emit()
