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

from pathlib import Path
from ketdesk.startup import build_window, create_application, warm_up_charts
from ketdesk.cli import Options
from ketdesk.screenshot import take_screenshots

app = create_application()
window = build_window(Options())
written = take_screenshots(window, Path(sys.argv[1]), (1280, 800))
warm_up_charts()  # what the app does after its first frame
network_modules = sorted(m for m in sys.modules
                         if m.startswith(("PySide6.QtNetwork", "PySide6.QtWebEngine", "http.client",
                                          "urllib.request", "ftplib", "smtplib")))
print(json.dumps({"attempts": attempts, "screenshots": [str(p) for p in written],
                  "network_modules": network_modules,
                  "pyqtgraph": "pyqtgraph" in sys.modules}))
"""


def test_app_opens_no_socket_and_never_imports_qtnetwork(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KETDESK_LOG_DIR": str(tmp_path / "log"),
           "KETDESK_CONFIG_DIR": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "shots")], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["attempts"] == [], "the app tried to use the network"
    assert len(report["screenshots"]) == len(PANEL_IDS)
    # The charts' import happened too, so pyqtgraph and numpy were checked as well.
    assert report["pyqtgraph"] is True
    assert report["network_modules"] == []
