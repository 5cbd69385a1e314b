"""CPU and memory of the kiosk while idle in quiet hours (the dark screen).

    python3 -m benchmarks.bench_quiet [SECONDS]      (offscreen, or under Xvfb via DISPLAY)

Starts a real kiosk window with opening hours that make "now" closed, lets it settle,
then measures this process's CPU time (utime + stime from /proc/self/stat) and RSS over
SECONDS of event loop with nobody touching it. The target is "near zero": under 0.5 % of
one core.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

TARGET_PERCENT = 0.5


def _cpu_seconds() -> float:
    fields = Path("/proc/self/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(seconds: float = 60.0) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from ketdesk.choices import installed_languages
    from ketdesk.content_source import pack_for_language
    from ketdesk.kiosk.config import KioskConfig
    from ketdesk.kiosk.controller import Kiosk
    from ketdesk.kiosk.pin import hash_pin
    from ketdesk.kiosk.quiet_hours import OpeningHours
    from ketdesk.startup import create_application
    from ketdesk.ui.main_window import MainWindow

    app = create_application()
    now = dt.datetime.now()
    # Open for one minute, twelve hours from now: closed for the whole measurement.
    opens = (now + dt.timedelta(hours=12)).strftime("%H:%M")
    closes = (now + dt.timedelta(hours=12, minutes=1)).strftime("%H:%M")
    window = MainWindow(pack_for_language("en", None), pack_loader=lambda c: pack_for_language(c, None),
                        languages=installed_languages(), size=(1920, 1080))
    config = KioskConfig(pin_hash=hash_pin("0000", salt=b"bench-quiet-salt"),
                         opening_hours=OpeningHours.from_settings(opens, closes))
    kiosk = Kiosk(window, config, quit_app=lambda code: None)
    kiosk.start()
    kiosk.attract.begin_now()  # idle at night: the screen goes dark as the kiosk starts over
    loop = QEventLoop()
    QTimer.singleShot(2000, loop.quit)  # settle: first paint, layout
    loop.exec()
    assert kiosk.quiet is not None and kiosk.quiet.dark
    cpu0, rss0 = _cpu_seconds(), _rss_mb()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()
    cpu = _cpu_seconds() - cpu0
    rss = _rss_mb()
    kiosk.stop()
    window.close()
    app.processEvents()
    percent = 100 * cpu / seconds
    return {"rows": [
        {"name": f"CPU over {seconds:g} s, dark screen", "value": round(percent, 3), "unit": "% of a core",
         "target": f"<= {TARGET_PERCENT} %", "met": percent <= TARGET_PERCENT},
        {"name": "CPU time used", "value": round(cpu * 1000, 1), "unit": "ms"},
        {"name": "RSS at start of quiet", "value": round(rss0, 1), "unit": "MB"},
        {"name": "RSS at end of quiet", "value": round(rss, 1), "unit": "MB"},
    ]}


if __name__ == "__main__":
    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0), indent=1))
