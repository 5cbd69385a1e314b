"""How big a pixel is on the real screen, so type can be sized for a viewing distance.

Pixel counts say nothing about what a visitor two metres away can read: 24 px is 7 mm on a
43-inch 1080p screen and 3 mm on a 13-inch laptop. The poster's type and the touch targets
are therefore sized in millimetres, turned into pixels here.

Where the size comes from, best first:

1. ``screen_diagonal_in`` in the kiosk settings (staff measured the screen), spread over
   the window's screen resolution;
2. the size the screen reports (EDID via Qt's ``QScreen.physicalSize``), when it is sane:
   many panels report 0, or the size of a projector's box, or a TV's "160 x 90 mm";
3. 96 pixels per inch, the desktop convention.

Only ``from_qscreen`` touches Qt (and only the screen object it is given); the rest is
arithmetic, tested without a display.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

MM_PER_INCH = 25.4
FALLBACK_DPI = 96.0
# Pixel densities real screens have: a 100-inch 1080p wall (22 dpi) is the rare floor for
# signage, but a report below 50 dpi or above 400 dpi is nearly always a wrong EDID.
SANE_DPI = (50.0, 400.0)
# The diagonal a clinic may configure, in inches: a 7-inch tablet to a 100-inch wall.
DIAGONAL_RANGE = (7.0, 100.0)
# Atkinson Hyperlegible's capital letters are this share of its pixel size; Qt measures the
# real font (QFontMetricsF.capHeight) where it can, this is the fallback before fonts load.
CAP_RATIO = 0.70


@dataclass(frozen=True)
class Physical:
    """Pixels per millimetre on the screen the window is on, and where that number came from."""

    px_per_mm: float
    origin: str  # "configured", "reported" or "fallback": logged, and shown to staff

    @property
    def dpi(self) -> float:
        return self.px_per_mm * MM_PER_INCH

    def px_for_mm(self, mm: float) -> int:
        """Whole pixels covering at least ``mm`` millimetres (never less: a target stays big enough)."""
        return max(1, math.ceil(mm * self.px_per_mm - 1e-9))

    def mm_for_px(self, px: float) -> float:
        return px / self.px_per_mm

    def font_px_for_cap(self, cap_mm: float, cap_ratio: float = CAP_RATIO) -> int:
        """The font pixel size whose capital letters are at least ``cap_mm`` tall."""
        return max(1, math.ceil(cap_mm * self.px_per_mm / cap_ratio - 1e-9))


FALLBACK = Physical(FALLBACK_DPI / MM_PER_INCH, "fallback")


def diagonal_allowed(inches: float) -> bool:
    low, high = DIAGONAL_RANGE
    return math.isfinite(inches) and low <= inches <= high


def from_diagonal(inches: float, width_px: int, height_px: int) -> Physical | None:
    """A screen of ``inches`` diagonal showing ``width_px`` x ``height_px``; None if implausible."""
    if not diagonal_allowed(inches) or width_px <= 0 or height_px <= 0:
        return None
    # No density check: staff measured this screen, and a 55-inch 1080p TV really is 40 dpi.
    return Physical(math.hypot(width_px, height_px) / (inches * MM_PER_INCH), "configured")


def from_reported(width_mm: float, height_mm: float, width_px: int, height_px: int) -> Physical | None:
    """The screen's own report of its size, if believable; None otherwise."""
    if not all(math.isfinite(v) and v > 0 for v in (width_mm, height_mm, width_px, height_px)):
        return None
    horizontal, vertical = width_px / width_mm, height_px / height_mm
    # Square pixels: two densities far apart mean one of the numbers is made up.
    if not 0.8 <= horizontal / vertical <= 1.25:
        return None
    physical = Physical((horizontal + vertical) / 2, "reported")
    return physical if _sane(physical.dpi) else None


def _sane(dpi: float) -> bool:
    low, high = SANE_DPI
    return low <= dpi <= high


def resolve(diagonal_in: float, reported_mm: tuple[float, float],
            resolution_px: tuple[int, int]) -> Physical:
    """The best of: configured diagonal, the screen's report, 96 dpi."""
    width_px, height_px = resolution_px
    if diagonal_in:
        configured = from_diagonal(diagonal_in, width_px, height_px)
        if configured is not None:
            return configured
    reported = from_reported(*reported_mm, width_px, height_px)
    return reported if reported is not None else FALLBACK


class _Size(Protocol):
    def width(self) -> float: ...
    def height(self) -> float: ...


class ScreenLike(Protocol):
    """The two QScreen methods used here (a fake in tests)."""

    def physicalSize(self) -> _Size: ...  # noqa: N802 - Qt's name
    def size(self) -> _Size: ...


def from_qscreen(screen: ScreenLike | None, diagonal_in: float = 0.0,
                 drawn_for: tuple[int, int] | None = None) -> Physical:
    """The physical metrics of a QScreen (its native pixels), or the fallback without one.

    ``drawn_for``: the resolution of a screen being drawn for that is not this one (a
    screenshot of a 1024x600 kiosk taken anywhere): its diagonal is the configured one, and
    this screen's own report of its size says nothing about it.
    """
    if drawn_for is not None:
        return resolve(diagonal_in, (0.0, 0.0), drawn_for)
    if screen is None:
        return FALLBACK
    physical, pixels = screen.physicalSize(), screen.size()
    return resolve(diagonal_in, (physical.width(), physical.height()),
                   (round(pixels.width()), round(pixels.height())))
