"""Screenshots of kiosk mode on a real X display: the attract loop, the PIN pad, the staff menu.

Run it on an X server whose screen has the size to review, for example under Xvfb:

    Xvfb :77 -screen 0 1024x600x24 &
    DISPLAY=:77 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/kiosk_screenshots.py build/kiosk/1024x600

It drives the real kiosk classes in one process and grabs the whole X screen (what a
patient would see), not just the window, so anything left outside the window shows too.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(folder: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from ketdesk.cli import Options
    from ketdesk.kiosk.config import KioskConfig
    from ketdesk.kiosk.controller import Kiosk
    from ketdesk.kiosk.pin import hash_pin
    from ketdesk.screenshot import settle
    from ketdesk.startup import build_window, create_application

    folder.mkdir(parents=True, exist_ok=True)
    app = create_application()
    window = build_window(Options(kiosk=True))
    config = KioskConfig(pin_hash=hash_pin("2468"), idle_timeout=600, rotate_interval=600,
                         settings_problem="File contains no section headers. line: 1 'garbage'",
                         settings_backup=Path("/home/kiosk/.config/ketdesk/settings.ini.bak"))
    kiosk = Kiosk(window, config, quit_app=lambda code: None,
                  log_path=Path("/home/kiosk/.local/state/ketdesk/ketdesk.log"))
    kiosk.start()

    def shot(name: str) -> None:
        for _ in range(5):
            settle()
        screen = QApplication.primaryScreen()
        image = screen.grabWindow(0).toImage()
        path = folder / f"{name}.png"
        if not image.save(str(path)):
            raise OSError(f"could not write {path}")
        print(path, f"{image.width()}x{image.height()}")

    shot("0-kiosk")
    kiosk.attract.begin_now()
    shot("1-attract-overview")
    kiosk.attract._step()  # the loop's next turn, without waiting for it
    shot("2-attract-mechanism")
    kiosk.attract.input_seen()
    kiosk.open_staff()
    for digit in "13":
        kiosk.staff.pad.keys[digit].click()
    kiosk.staff.pad.set_status(window.pack.ui.kiosk.pin_wrong.format(tries=4))
    shot("3-pin-pad")
    kiosk.staff.pad.clear()
    for digit in "2468":
        kiosk.staff.pad.keys[digit].click()
    kiosk.staff.pad.ok_button.click()
    shot("4-staff-menu")
    kiosk.stop()
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/kiosk")))
