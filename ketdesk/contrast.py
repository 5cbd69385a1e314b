"""WCAG 2.2 contrast of sRGB colours written as ``#RRGGBB``, with no Qt.

The one copy of the maths: the clinic file's accent colour is checked with it when a pack
is checked (no display, no Qt), and ``ketdesk.ui.colour`` uses it for ``QColor`` values.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"#([0-9a-fA-F]{6})")
# WCAG 2.2 AA: normal text 4.5:1; large text and graphics 3:1.
AA_TEXT = 4.5
AA_LARGE = 3.0


def parse_hex(colour: str) -> tuple[float, float, float]:
    """``#RRGGBB`` as three channels 0..1; ValueError for anything else."""
    match = _HEX.fullmatch(colour.strip())
    if not match:
        raise ValueError(f"not a colour: {colour!r}")
    digits = match.group(1)
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.2 relative luminance of sRGB channels 0..1 (0 black .. 1 white)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def ratio(luminance_a: float, luminance_b: float) -> float:
    """WCAG contrast ratio of two luminances, 1 (same) .. 21 (black on white)."""
    high, low = sorted((luminance_a, luminance_b), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_contrast(a: str, b: str) -> float:
    """Contrast ratio of two ``#RRGGBB`` colours."""
    return ratio(luminance(parse_hex(a)), luminance(parse_hex(b)))
