"""What a user, a setting or the command line can choose: text sizes, themes, languages.

One Qt-free place for the limits, so the command line, the settings file, the header's
buttons and the window agree on them (they were written out three times, in two units).
"""

from __future__ import annotations

import functools

from ketdesk import paths

# Text sizes A-/A+ step through, in percent (WCAG 1.4.4 asks for 200%).
SCALE_STEPS: tuple[int, ...] = (100, 125, 150, 175, 200)
MIN_PERCENT = SCALE_STEPS[0]
MAX_PERCENT = SCALE_STEPS[-1]
MIN_SCALE = MIN_PERCENT / 100
MAX_SCALE = MAX_PERCENT / 100

# Theme setting values: a theme's name, or "system" (high contrast when the OS asks for it).
STANDARD_THEME = "standard"
HIGH_CONTRAST_THEME = "high-contrast"
SYSTEM_THEME = "system"
THEME_NAMES: tuple[str, ...] = (STANDARD_THEME, HIGH_CONTRAST_THEME, SYSTEM_THEME)

DEFAULT_LANGUAGE = "en"


def clamp_scale(scale: float) -> float:
    """A text-size factor (1.0 = 100%) held to MIN_SCALE..MAX_SCALE."""
    return min(MAX_SCALE, max(MIN_SCALE, scale))


def percent_allowed(percent: float) -> bool:
    return MIN_PERCENT <= percent <= MAX_PERCENT


def step_scale(scale: float, direction: int) -> float:
    """The next text size up (direction > 0) or down from ``scale``, within the limits.

    A size between steps (``--text-scale 130``) moves to the nearest step in that direction.
    """
    percent = scale * 100
    if direction > 0:
        bigger = [s for s in SCALE_STEPS if s > percent + 0.5]
        return (bigger[0] if bigger else SCALE_STEPS[-1]) / 100
    smaller = [s for s in SCALE_STEPS if s < percent - 0.5]
    return (smaller[-1] if smaller else SCALE_STEPS[0]) / 100


@functools.cache
def installed_languages() -> tuple[str, ...]:
    """The languages with a built-in content pack, found in ``resources/content/*``.

    English first (the default), then the others in alphabetical order. Adding a language
    is adding its folder.
    """
    root = paths.builtin_content_dir(DEFAULT_LANGUAGE).parent
    found = sorted(p.name for p in root.iterdir() if (p / "meta.toml").is_file()) if root.is_dir() else []
    return tuple(sorted(found, key=lambda lang: lang != DEFAULT_LANGUAGE))
