"""Whether Qt will find a screen to open a window on, decided before Qt starts.

Its own small module: a plain desktop start asks it before its first frame, and the
kiosk's launcher, which also asks, imports much more than this needs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

# The environment variables each Linux platform plugin needs to find its display server.
_NEEDS = {"xcb": ("DISPLAY",), "wayland": ("WAYLAND_DISPLAY",), "": ("DISPLAY", "WAYLAND_DISPLAY")}


def has_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt will find a screen (Qt aborts the process when it does not)."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if not platform.startswith("linux"):
        return True  # Windows and macOS always have their one display server
    for name in (env.get("QT_QPA_PLATFORM", "") or "").split(";"):
        name = name.split(":")[0].strip()
        needs = _NEEDS.get(name)
        if needs is None:
            return True  # offscreen, eglfs, linuxfb, vnc: no display variable needed
        if any(env.get(var) for var in needs):
            return True
    return False
