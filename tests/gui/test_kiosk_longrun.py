"""A kiosk runs for weeks: many Qt calls and signal emits must not crash the interpreter."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal(str)


def test_many_calls_and_emits_do_not_exhaust_none_or_true(qapp_fonts) -> None:  # type: ignore[no-untyped-def]
    emitter = Emitter()
    seen: list[str] = []
    emitter.changed.connect(seen.append)
    # PySide6 6.12.0 on Python 3.11 aborted after a few thousand of these (hence the 6.11 pin).
    for _ in range(20_000):
        emitter.setObjectName("emitter")
        emitter.changed.emit("x")
    assert len(seen) == 20_000
    assert sys.getrefcount(None) > 1000
    assert sys.getrefcount(True) > 1000


def test_kiosk_caps_qts_pixmap_cache(qtbot, qapp_fonts, pack) -> None:  # type: ignore[no-untyped-def]
    """Qt keeps up to 10 MB of drawn button pieces; a month of rotating sizes and themes
    would fill all of it, so kiosk mode holds it to 2 MB, and gives the old limit back
    when it stops."""
    from PySide6.QtGui import QPixmapCache

    from ketdesk.kiosk.memory import PIXMAP_CACHE_KB
    from tests.gui.kiosk_support import make_kiosk

    qt_default_kb = 10240
    QPixmapCache.setCacheLimit(qt_default_kb)  # kiosks of earlier tests, never stopped
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
