"""Register the bundled fonts, so text looks the same on a bare kiosk with no fonts installed."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from ketdesk import paths

log = logging.getLogger(__name__)

FAMILY = "Atkinson Hyperlegible"


def load_bundled_fonts() -> list[str]:
    """Add every TTF in resources/fonts; return the families Qt now knows from them."""
    families: list[str] = []
    folder = paths.resource("fonts")
    for font_file in sorted(folder.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id < 0:
            log.warning("could not load font %s; text falls back to a system font", font_file)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))
