"""The kiosk watchdog looks at the X window that is shown, not at a stale one.

Kiosk mode sets frameless, on-top window flags on a window that may already have a native
window; Qt then makes a new X window, while ``QWidget.winId()`` keeps naming the first one,
which is never mapped again. A watchdog asking the X server about that id found the kiosk
"unmapped" at every look and put it back about once a second, forever (found by
``benchmarks/kiosk_rss_soak.py`` on Xvfb, which shows the window before kiosk mode). Run
in a child process on a private Xvfb display, since the tests' own application is offscreen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

CHILD = """
import json
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from ketdesk.kiosk.watchdog import Watchdog
from ketdesk.kiosk.window_mode import KioskWindowMode

app = QApplication([])
window = QWidget()
window.show()  # a native window before the kiosk flags, as a window shown before kiosk mode
QTest.qWaitForWindowExposed(window)
mode = KioskWindowMode(window)
mode.enter()
QTest.qWaitForWindowExposed(window)
watchdog = Watchdog(window, mode.apply)
watchdog.start()
looks = [watchdog.problems() for _ in range(5)]
print(json.dumps({"x11": watchdog._x11 is not None, "looks": looks,
                  "stale_id": int(window.winId()) != int(window.windowHandle().winId())}))
watchdog.stop()
"""


@pytest.mark.xvfb
def test_the_watchdog_finds_a_kiosk_window_with_new_flags_in_front(xvfb_display: str) -> None:
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["x11"], "the watchdog did not open its X connection"
    # No window manager on this display: of the X server's facts only the mapping counts,
    # and the window is mapped. ("not active" is Qt's: nothing activates a window here.)
    assert [look for look in result["looks"] if "unmapped" in look] == []
    # What made the test necessary is still true of Qt here (else it proves nothing).
    assert result["stale_id"], "QWidget.winId() follows the new window now: revisit this test"
