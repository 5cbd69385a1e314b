"""One kiosk at a time: a second start asks the first to come to the front, then exits 0.

A ``QLockFile`` decides who is first (it notices a lock left by a crashed process from the
process id); a ``QLocalServer`` in the first instance listens for the second's message.
The lock never goes stale by age: a kiosk runs for weeks.
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
        lock_dir.mkdir(parents=True, exist_ok=True)
        self._lock_path = str(lock_dir / f"{key}.lock")
        self._lock = QLockFile(self._lock_path)
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True: we are the only instance and now listen. False: another one was told to raise."""
        if not self._lock.tryLock(100) and not self._take_own_lock():
            log.info("another kiosk instance holds the lock; asking it to come to the front")
            self._notify_first()
            return False
        _HELD.add(self._lock_path)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.key)  # a socket left by a crash
        if not server.listen(self.key):
            log.warning("single instance: cannot listen on %s: %s", self.key, server.errorString())
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _take_own_lock(self) -> bool:
        """A lock this very process left before it re-executed itself (``os.execv`` keeps
        the process id): it is ours, not another kiosk's, so take it over."""
        info = self._lock.getLockInfo()  # (pid, host, app); empty or False when unreadable
        if not info or info[0] != os.getpid() or self._lock_path in _HELD:
            return False
        log.info("single instance: taking over the lock this process held before its restart")
        return self._lock.removeStaleLockFile() and self._lock.tryLock(100)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()
            _HELD.discard(self._lock_path)

    def _notify_first(self) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self.key)
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
