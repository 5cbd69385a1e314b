"""The one visual key: every colour means one thing, in both themes, and passes WCAG AA.

What is checked here is the key itself (``ketdesk/ui/visual_key.py``); that the charts,
pictograms and diagrams take their colours from it is checked by scanning the drawing code
for colour literals and by the panel tests (``tests/gui/test_visual_key_use.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ketdesk.choices import HIGH_CONTRAST_THEME, STANDARD_THEME
from ketdesk.ui.colour import contrast_ratio
from ketdesk.ui.theme import THEMES
from ketdesk.ui.visual_key import KEYS, ROLES, key_for

ROOT = Path(__file__).resolve().parents[2]
PAIRS = [(key.theme, name, fg, bg, need) for key in KEYS.values()
         for name, (fg, bg, need) in key.pairs().items()]


def test_both_themes_have_a_key() -> None:
    assert set(KEYS) == {STANDARD_THEME, HIGH_CONTRAST_THEME} == set(THEMES)
    assert key_for("no such theme") is KEYS[STANDARD_THEME]


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_key_grounds_are_the_themes(theme) -> None:
    """The key is checked against the very grounds the theme paints charts and cards on."""
    key = key_for(theme.name)
    assert (key.background, key.page, key.note, key.ink) == (
        theme.surface, theme.window, theme.note_bg, theme.text)


@pytest.mark.parametrize(("theme", "name", "fg", "bg", "need"), PAIRS,
                         ids=[f"{t}: {n}" for t, n, *_ in PAIRS])
def test_every_pairing_meets_wcag_aa(theme: str, name: str, fg: str, bg: str, need: float) -> None:
    ratio = contrast_ratio(fg, bg)
    assert ratio >= need, f"{theme} {name}: {fg} on {bg} is {ratio:.2f}:1, needs {need}:1"


@pytest.mark.parametrize("key", KEYS.values(), ids=lambda k: k.theme)
def test_every_meaning_is_in_the_pairs_on_every_ground(key) -> None:
    pairs = key.pairs()
    for role in ROLES:
        for ground in ("chart", "page", "note"):
            assert pairs[f"{role} on {ground}"][0] == key.colour(role)


@pytest.mark.parametrize("key", KEYS.values(), ids=lambda k: k.theme)
def test_one_colour_one_meaning(key) -> None:
    """Ketamine (one infusion or a series) shares a hue; no other two meanings do."""
    colours = {role: key.colour(role) for role in ROLES if role != "ketamine_series"}
    assert len(set(colours.values())) == len(colours)
    assert key.colour("ketamine_series") == key.colour("ketamine")
    # ... and a series is still told apart from one infusion without colour.
    one, series = key.mark("ketamine"), key.mark("ketamine_series")
    assert (one.marker, one.dash) != (series.marker, series.dash)
    assert len({key.mark(r).marker for r in ROLES if r != "neutral"}) == len(ROLES) - 1


@pytest.mark.parametrize("key", KEYS.values(), ids=lambda k: k.theme)
def test_filled_and_empty_figures_differ(key) -> None:
    """An empty figure is the ground inside an ink outline; a filled one must not look the
    same, in either theme (in high contrast a faint claim tint looked empty)."""
    for role in ROLES:
        assert contrast_ratio(key.colour(role), key.background) >= 3.0, role
    assert contrast_ratio(key.evidence_fill, key.evidence_empty) >= 3.0


def test_high_contrast_leader_over_the_pale_cell() -> None:
    """The issue's case: a white leader over the pale receiver cell was about 1.3:1."""
    key = KEYS[HIGH_CONTRAST_THEME]
    cell = key.diagram["receiver"].fill
    assert contrast_ratio(key.ink, cell) < 3.0  # the line alone would still fail ...
    assert contrast_ratio(key.casing, cell) >= 3.0  # ... its casing carries it
    assert contrast_ratio(key.ink, key.casing) >= 4.5


# Files that draw charts, pictograms and diagrams: none may name a colour of its own.
DRAWING = [*sorted((ROOT / "ketdesk/ui/panels").glob("*/*.py")), ROOT / "ketdesk/ui/charts.py"]
COLOUR_LITERAL = re.compile(r"#[0-9A-Fa-f]{6}\b|\bQt\.GlobalColor\.\w+|QColor\(\s*\d")


@pytest.mark.parametrize("path", DRAWING, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_colour_literals_outside_the_key(path: Path) -> None:
    found = [m.group(0) for m in COLOUR_LITERAL.finditer(path.read_text(encoding="utf-8"))]
    # Transparent, and the black of an alpha mask, mean nothing: they only clear or fade.
    found = [f for f in found if f not in ("QColor(0", "Qt.GlobalColor.transparent")]
    assert not found, f"{path.name} names colours of its own: {found}; take them from visual_key"


def test_no_palette_by_position() -> None:
    """Colour by series index (the old ``series_style``) let one colour mean four things."""
    for path in DRAWING:
        text = path.read_text(encoding="utf-8")
        assert "series_style(" not in text and "theme.series" not in text, path.name
        assert "OKABE_ITO" not in text, path.name
