"""Colour maths for Qt colours: mixing two colours and their WCAG contrast.

Used wherever a colour is derived instead of picked from the theme (the synapse diagram's
fills and outlines, its dimmed words), and by the tests that check every theme's text
against WCAG 2.2. The contrast formula itself is Qt-free, in ``ketdesk.contrast``.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from ketdesk.contrast import luminance, ratio


def _colour(colour: QColor | str) -> QColor:
    result = QColor(colour)
    if not result.isValid():
        raise ValueError(f"not a colour: {colour!r}")
    return result


def mix(colour: QColor | str, other: QColor | str, amount: float) -> QColor:
    """``colour`` moved ``amount`` (0..1) of the way towards ``other``, channel by channel."""
    a, b = _colour(colour), _colour(other)
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                           a.greenF() + (b.greenF() - a.greenF()) * amount,
                           a.blueF() + (b.blueF() - a.blueF()) * amount)


def relative_luminance(colour: QColor | str) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour (0 black .. 1 white)."""
    rgb = _colour(colour)
    return luminance((rgb.redF(), rgb.greenF(), rgb.blueF()))


def contrast_ratio(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio of two colours, 1 (same) .. 21 (black on white)."""
    return ratio(relative_luminance(a), relative_luminance(b))
