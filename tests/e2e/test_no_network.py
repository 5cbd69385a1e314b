"""No network: starting the app, visiting every panel and taking screenshots opens no socket.

A waiting-room kiosk must work with the cable pulled and must never phone home. The run
happens in a fresh interpreter (a subprocess), so imports made by other tests cannot hide
an import of ``PySide6.QtNetwork``. Every way Python code opens a network connection is
replaced before ketdesk is imported; each call is recorded and refused. CI also runs
``--self-test`` in a process without any network (``unshare -n`` in ``.ci/run``), which
catches connections made below Python, in Qt's own C++.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ketdesk.content.registry import PANEL_IDS

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, socket, sys

attempts = []

def refuse(name):
    def call(*args, **kwargs):
        attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
        raise OSError(f"ketdesk must not use the network ({name})")
    return call

socket.socket.connect = refuse("socket.connect")
socket.socket.connect_ex = refuse("socket.connect_ex")
socket.socket.sendto = refuse("socket.sendto")
socket.create_connection = refuse("create_connection")
socket.getaddrinfo = refuse("getaddrinfo")

import os
from pathlib import Path
from ketdesk.startup import build_window, create_application, warm_up_charts
from ketdesk.cli import Options
from ketdesk.screenshot import take_screenshots

def inet_sockets():
    # Inodes of this process's TCP, UDP or raw sockets (IPv4 or IPv6); Linux only.
    mine = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    inet = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        try:
            rows = open(f"/proc/net/{table}").read().splitlines()[1:]
        except OSError:
            continue
        inet.update(row.split()[9] for row in rows if len(row.split()) > 9)
    return sorted(mine & inet)

app = create_application()
window = build_window(Options())
kiosk_mode = sys.argv[2] == "kiosk"
if kiosk_mode:
    from ketdesk.kiosk.config import KioskConfig
    from ketdesk.kiosk.controller import Kiosk
    from ketdesk.kiosk.launch import claim_single_instance
    from ketdesk.kiosk.pin import hash_pin

    instance = claim_single_instance()  # the kiosk's one local (AF_UNIX) socket
    assert instance is not None
    kiosk = Kiosk(window, KioskConfig(pin_hash=hash_pin("2468", salt=b"no-network")),
                  quit_app=lambda code: None)
    kiosk.start()
    for _ in range(len(window.tab_buttons)):
        kiosk.attract.begin_now()
        kiosk.attract._step()  # the attract loop's rotation, once round every panel
    kiosk.stop()
written = take_screenshots(window, Path(sys.argv[1]), (1280, 800))
warm_up_charts()  # what the app does after its first frame
network_modules = sorted(m for m in sys.modules
                         if m.startswith(("PySide6.QtNetwork", "PySide6.QtWebEngine", "http.client",
                                          "urllib.request", "ftplib", "smtplib")))
print(json.dumps({"attempts": attempts, "screenshots": [str(p) for p in written],
                  "network_modules": network_modules, "inet_sockets": inet_sockets(),
                  "pyqtgraph": "pyqtgraph" in sys.modules}))
"""


def run_child(tmp_path: Path, mode: str) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KETDESK_LOG_DIR": str(tmp_path / "log"),
           "KETDESK_CONFIG_DIR": str(tmp_path / "config"), "XDG_RUNTIME_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "shots"), mode], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["attempts"] == [], "the app tried to use the network"
    assert report["inet_sockets"] == [], "the app holds a TCP, UDP or raw socket"
    assert len(report["screenshots"]) == len(PANEL_IDS)
    # The charts' import happened too, so pyqtgraph and numpy were checked as well.
    assert report["pyqtgraph"] is True
    return report


def test_app_opens_no_socket_and_never_imports_qtnetwork(tmp_path: Path) -> None:
    assert run_child(tmp_path, "window")["network_modules"] == []


def test_kiosk_mode_uses_qtnetwork_only_for_its_local_socket(tmp_path: Path) -> None:
    """Kiosk mode imports QtNetwork for QLocalServer (single instance): a local socket, no port."""
    assert run_child(tmp_path, "kiosk")["network_modules"] == ["PySide6.QtNetwork"]
