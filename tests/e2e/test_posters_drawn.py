"""Every poster's headline is drawn: its big type reaches the pixels, in a fresh process
started the way the app starts (its environment, fonts and style), at three sizes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


HEADLINES_DRAWN = """
import sys
from PySide6.QtGui import QColor
from ketdesk.cli import Options
from ketdesk.screenshot import render_panel
from ketdesk.startup import build_window, create_application

width, height = (int(v) for v in sys.argv[2].split("x"))
app = create_application()  # the app's own start: environment, fonts, style
window = build_window(Options(lang=sys.argv[1]), size=(width, height))
window.resize(width, height)
window.show()
page = QColor(window.theme.window)
for panel_id in window.panel_ids:
    image = render_panel(window, panel_id)
    poster = window.panel(panel_id).poster()
    if poster is None or poster.headline is None:
        continue
    headline = poster.headline
    box = headline.rect().translated(headline.mapTo(window, headline.rect().topLeft()))
    ratio = image.devicePixelRatio()
    ink = total = 0
    for y in range(box.top(), box.bottom(), 3):
        for x in range(box.left(), box.right(), 3):
            total += 1
            pixel = image.pixelColor(int(x * ratio), int(y * ratio))
            ink += abs(pixel.lightness() - page.lightness()) > 100
    print(panel_id, round(ink / max(total, 1), 3))
"""


@pytest.mark.parametrize(("lang", "size"), [("en", "1024x600"), ("es", "1080x1920"), ("en", "3840x2160")])
def test_every_posters_headline_is_drawn(lang: str, size: str) -> None:
    """The big type really reaches the screen, in a fresh process started as the app starts.
    Qt 6.11's FreeType engine drew nothing for cached glyphs over 64 px (QT_MAX_CACHED_GLYPH_SIZE
    raised to speed up switches): every headline but the first panel's was blank."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_MAX_CACHED_GLYPH_SIZE", None)
    result = subprocess.run([sys.executable, "-c", HEADLINES_DRAWN, lang, size], cwd=REPO,
                            capture_output=True, text=True, timeout=180, check=False, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    ink = {line.split()[0]: float(line.split()[1]) for line in result.stdout.splitlines() if line.strip()}
    assert len(ink) >= 6, result.stdout
    blank = {panel_id: share for panel_id, share in ink.items() if share < 0.03}
    assert not blank, f"headlines with no type drawn: {blank}"
