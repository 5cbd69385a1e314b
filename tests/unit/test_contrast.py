"""Every colour pair of every theme meets WCAG 2.2 AA, computed from the theme itself.

Text: 4.5:1, or 3:1 for large text (WCAG 1.4.3). Chart lines and markers, focus rings and
control borders: 3:1 against what they sit on (WCAG 1.4.11). Luminance and ratio are
implemented here from the WCAG definitions rather than taken from a library.
"""

from __future__ import annotations

import re

import pytest

from ketdesk.ui.colour import contrast_ratio
from ketdesk.ui.theme import HIGH_CONTRAST, STANDARD, THEMES, Metrics, resolve_theme, stylesheet


def test_contrast_formula_matches_known_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # Reference values from the WCAG contrast checker.
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#0072B2", "#FFFFFF") == pytest.approx(5.19, abs=0.01)
    assert contrast_ratio("#E69F00", "#FFFFFF") == pytest.approx(2.25, abs=0.01)
    # A mistyped theme colour is an error, not black (which would pass on a light surface).
    with pytest.raises(ValueError, match="not a colour"):
        contrast_ratio("#1B1B1", "#FFFFFF")


TEXT_PAIRS = [(theme, name, fg, bg, large) for theme in THEMES.values()
              for name, (fg, bg, large) in theme.text_pairs().items()]
GRAPHIC_PAIRS = [(theme, name, fg, bg) for theme in THEMES.values()
                 for name, (fg, bg) in theme.graphic_pairs().items()]


@pytest.mark.parametrize(("theme", "name", "fg", "bg", "large"), TEXT_PAIRS,
                         ids=[f"{t.name}: {n}" for t, n, *_ in TEXT_PAIRS])
def test_text_contrast(theme, name: str, fg: str, bg: str, large: bool) -> None:
    needed = 3.0 if large else 4.5
    ratio = contrast_ratio(fg, bg)
    assert ratio >= needed, f"{theme.name} {name}: {fg} on {bg} is {ratio:.2f}:1, needs {needed}:1"


@pytest.mark.parametrize(("theme", "name", "fg", "bg"), GRAPHIC_PAIRS,
                         ids=[f"{t.name}: {n}" for t, n, *_ in GRAPHIC_PAIRS])
def test_graphics_contrast(theme, name: str, fg: str, bg: str) -> None:
    ratio = contrast_ratio(fg, bg)
    assert ratio >= 3.0, f"{theme.name} {name}: {fg} on {bg} is {ratio:.2f}:1, needs 3:1"


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_style_sheet_uses_only_tested_colours(theme) -> None:
    """A colour typed into the style sheet would escape the pair tests above."""
    tested = {c.upper() for pair in theme.text_pairs().values() for c in pair[:2]}
    tested |= {c.upper() for pair in theme.graphic_pairs().values() for c in pair}
    used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", stylesheet(theme, Metrics(em=16)))}
    assert used <= tested, f"untested colours in the {theme.name} style sheet: {used - tested}"


def test_resolve_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    from ketdesk.ui import theme

    assert resolve_theme("standard") is STANDARD
    assert resolve_theme("high-contrast") is HIGH_CONTRAST
    assert resolve_theme("no-such-theme") is STANDARD
    monkeypatch.setattr(theme, "system_prefers_high_contrast", lambda: True)
    assert resolve_theme("system") is HIGH_CONTRAST
    monkeypatch.setattr(theme, "system_prefers_high_contrast", lambda: False)
    assert resolve_theme("system") is STANDARD


def test_no_state_rule_changes_a_buttons_font() -> None:
    """Qt sizes a button for the font it was polished with; a rule that makes the text
    bold only when ``:checked`` (or hovered, pressed...) cuts the text off in that state."""
    import re

    for theme in THEMES.values():
        sheet = re.sub(r"/\*.*?\*/", "", stylesheet(theme, Metrics(em=24)), flags=re.S)
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
            for selector in selectors.split(","):
                stateful = re.search(r":(checked|hover|pressed|focus|disabled)", selector)
                always_bold = '[tab="true"]' in selector or '[tool="true"]' in selector
                if stateful and not always_bold:
                    assert "font" not in body, f"{selector.strip()} changes the font: {body.strip()}"
