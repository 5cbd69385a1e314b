"""Start-up floor: the least any start that shows the opening poster must do, timed as ketdesk is.

What the first-paint target is measured against is a bare window with one small label.
ketdesk's first frame is a poster: the bundled typeface and a headline and message big
enough to read from two metres. This probe does only that, with no content model, no
settings, no header or footer and no style sheet, so its ratio to the bare window is a
floor under any implementation of the opening poster in this stack:

``python -m benchmarks.probes.poster_floor``: the bundled fonts, then a window of the size
    ketdesk opens at, holding the overview poster's headline and message at the sizes
    ketdesk fits them to (59 and 44 px in a 1280x800 window, scaled with its height);
``python -m benchmarks.probes.poster_floor content``: the same after importing ketdesk's
    content model and loading the shipped English pack the way a start does (from the
    parse cache when the pack is unchanged), its words taken from the pack.

It reports ``first-paint <epoch>`` from a zero-delay callback queued by the first paint
event, with ``bare_window.py``'s own filter.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from benchmarks.probes.bare_window import FirstPaint  # the same report, the same way

# The overview poster's words in the shipped English pack (used without the content step).
HEADLINE = "For some people, ketamine eases depression within hours"
MESSAGE = "About 5 in 10 people were much better a day after one infusion."
# ketdesk's fitted sizes in a 1280x800 window, as fractions of the window's height.
HEADLINE_SHARE, MESSAGE_SHARE = 59 / 800, 44 / 800


def words_from_pack() -> tuple[str, str]:
    from ketdesk.content_source import choose_content

    pack = choose_content("en", None).pack
    poster = pack.panels["overview"].poster
    assert poster is not None
    return poster.headline, poster.message


def opening_size() -> tuple[int, int]:
    """ketdesk's rule (``ketdesk.startup.opening_size``), without importing it."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return (1280, 800)
    area = screen.availableGeometry()
    if area.width() < 1280 or area.height() < 760:
        return (area.width(), area.height())
    return (min(1800, round(area.width() * 0.85)), min(1100, round(area.height() * 0.85)))


def label(text: str, px: int, weight: QFont.Weight, parent: QWidget) -> QLabel:
    shown = QLabel(text, parent)
    font = QFont("Atkinson Hyperlegible")
    font.setPixelSize(px)
    font.setWeight(weight)
    shown.setFont(font)
    shown.setWordWrap(True)
    return shown


def main() -> int:
    app = QApplication(sys.argv[:1])
    from ketdesk.fonts import load_bundled_fonts

    load_bundled_fonts()
    headline, message = words_from_pack() if sys.argv[1:] == ["content"] else (HEADLINE, MESSAGE)
    width, height = opening_size()
    window = QMainWindow()
    central = QWidget()
    column = QVBoxLayout(central)
    column.addWidget(label(headline, round(height * HEADLINE_SHARE), QFont.Weight.Bold, central))
    column.addWidget(label(message, round(height * MESSAGE_SHARE), QFont.Weight.Normal, central))
    column.addStretch(1)
    window.setCentralWidget(central)
    window.resize(width, height)
    central.installEventFilter(FirstPaint(central))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
