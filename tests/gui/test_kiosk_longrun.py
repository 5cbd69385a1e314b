"""A kiosk runs for weeks: its caches stay bounded.

(That many Qt calls and emits keep None and True alive: tests/unit/test_qt_refcounts.py.)
"""

from __future__ import annotations

import sys


def test_kiosk_caps_qts_pixmap_cache(qtbot, qapp_fonts, pack) -> None:
    """Qt keeps up to 10 MB of drawn button pieces; a month of rotating sizes and themes
    would fill all of it, so kiosk mode holds it to 2 MB, and gives the old limit back
    when it stops."""
    from PySide6.QtGui import QPixmapCache

    from ketdesk.kiosk.memory import PIXMAP_CACHE_KB
    from tests.gui.kiosk_support import make_kiosk

    qt_default_kb = 10240
    # Earlier tests' kiosks are stopped (tests/conftest.py checks), so Qt's default is back.
    assert QPixmapCache.cacheLimit() == qt_default_kb
    try:
        kiosk, _ = make_kiosk(qtbot, pack)
        assert QPixmapCache.cacheLimit() == PIXMAP_CACHE_KB < qt_default_kb
        kiosk.stop()
        assert QPixmapCache.cacheLimit() == qt_default_kb
    finally:
        QPixmapCache.setCacheLimit(qt_default_kb)


def test_glibc_keeps_a_fixed_mmap_threshold() -> None:
    """On glibc, kiosk mode stops the allocator from moving freed multi-MB image blocks
    into a heap that never shrinks (a one-time ~3 MB step on a real display)."""
    import platform

    from ketdesk.kiosk.memory import fix_mmap_threshold

    on_glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert fix_mmap_threshold() is on_glibc
