"""Render the About sheet at kiosk and desktop sizes in every language, for a look by eye.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/about_screenshots.py build/screenshots/about

Writes DIR/about-<lang>-<W>x<H>.png and prints each path. Not part of the test suite: the
tests check the words and that nothing is cut off; this is for a person to look at.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from ketdesk.cli import Options
    from ketdesk.screenshot import settle
    from ketdesk.startup import build_window, create_application

    out = Path(argv[0] if argv else "build/screenshots/about")
    out.mkdir(parents=True, exist_ok=True)
    create_application()
    for lang in ("en", "es"):
        for size in ((1024, 600), (1920, 1080)):
            window = build_window(Options(lang=lang), clinic_name="Riverside Clinic", size=size)
            window.resize(*size)
            window.show()
            settle()
            window.show_about()
            settle()
            path = out / f"about-{lang}-{size[0]}x{size[1]}.png"
            window.grab().save(str(path))
            print(path)
            window.close()
            window.deleteLater()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
