"""A pack at the edge of every limit in ``content/schema/bounds.py`` still draws every panel.

The limits exist so that drawing code never meets a value it cannot draw (10**18 people
once segfaulted the chart); this checks the other side: everything the limits allow, the
panels draw, in full, without an exception in the event loop.
"""

from __future__ import annotations

from pathlib import Path

from ketdesk.choices import installed_languages
from ketdesk.content import load_content
from ketdesk.content.registry import PANEL_IDS
from ketdesk.content.schema import bounds
from ketdesk.content_source import pack_for_language
from ketdesk.screenshot import is_blank, render_panel
from tests.unit.test_loader import replace_in

LONGEST_WORD = "W" * bounds.MAX_WORD_CHARS
LONGEST_TEXT = ("Ketamine " * bounds.MAX_TEXT_CHARS)[: bounds.MAX_TEXT_CHARS - 1] + "."

EDGES = [
    ("conditions.toml", "people = 49", "people = 10000000"),
    ("conditions.toml", "trials = 3", "trials = 10000"),
    ("timeline.toml", "n = 234", "n = 10000000"),
    ("timeline.toml", "end = 2016.0 ", "end = 87600.0 "),
    ("risks.toml", "t_max = 180", "t_max = 10080"),
    ("risks.toml", "x_max = 320", "x_max = 100000"),
    ("overview.toml", 'tab = "Overview"', f'tab = "{LONGEST_WORD}"'),
    ("overview.toml", 'lead = "Ketamine is a medicine that drips slowly into a vein. For some people with '
                      'hard-to-treat depression, it can ease symptoms within hours."',
     f'lead = "{LONGEST_TEXT}"'),
]


def test_a_pack_at_every_limit_draws_every_panel(qtbot, qapp_fonts, pack_copy: Path) -> None:
    from ketdesk.ui.main_window import MainWindow

    for name, old, new in EDGES:
        replace_in(pack_copy / name, old, new)
    result = load_content(pack_copy)
    assert result.ok, [str(p) for p in result.problems]
    assert result.pack is not None
    with qtbot.captureExceptions() as errors:
        window = MainWindow(result.pack, pack_loader=pack_for_language, languages=installed_languages())
        qtbot.addWidget(window)
        window.resize(1024, 600)
        window.show()
        qtbot.waitExposed(window)
        blank = [pid for pid in PANEL_IDS if is_blank(render_panel(window, pid))]
    assert not errors, [str(e[1]) for e in errors]
    assert blank == []
