"""The speech-dispatcher check before Qt connects: a daemon that never answers is refused."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

from ketdesk.speech.speechd_probe import problem, socket_path


def serve(path: Path, reply: bytes | None) -> tuple[socket.socket, threading.Thread]:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def answer() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(256)
            if reply is not None:
                conn.sendall(reply)
                conn.recv(256)
            else:
                conn.settimeout(2)
                with contextlib.suppress(OSError):
                    conn.recv(256)  # says nothing until the client gives up

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    return server, thread


def test_a_daemon_that_answers_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server, thread = serve(path, b"208 OK CLIENT NAME SET\r\n")
    try:
        assert problem(path) == ""
    finally:
        thread.join(3)
        server.close()


def test_a_daemon_that_hangs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server, thread = serve(path, None)
    try:
        assert "did not answer" in problem(path, timeout=0.2)
    finally:
        thread.join(3)
        server.close()


def test_no_socket_or_a_stale_one_is_left_to_libspeechd(tmp_path: Path) -> None:
    assert problem(tmp_path / "none.sock") == ""
    stale = tmp_path / "stale.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(stale))
    sock.close()  # the file stays, nobody listens
    assert problem(stale) == ""


def test_socket_path_follows_libspeechd() -> None:
    assert socket_path({"SPEECHD_ADDRESS": "unix_socket:/x/s.sock"}) == Path("/x/s.sock")
    assert socket_path({"SPEECHD_ADDRESS": "inet_socket:127.0.0.1:6560"}) is None
    assert socket_path({"XDG_RUNTIME_DIR": "/run/user/1"}) == Path(
        "/run/user/1/speech-dispatcher/speechd.sock")
    assert socket_path({"HOME": "/home/a"}) == Path("/home/a/.cache/speech-dispatcher/speechd.sock")
