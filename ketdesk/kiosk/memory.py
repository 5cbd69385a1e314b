"""Memory limits for a kiosk that runs for weeks: growth must stop, not just slow down.

Two things grew in the soak (``benchmarks/bench_kiosk_soak.py``) although nothing leaked:

* Qt's styles keep drawn button and frame pieces in ``QPixmapCache``, up to 10 MB by
  default; cycling text sizes and themes fills all of it with pieces rarely drawn again.
* glibc raises its mmap threshold each time a large block (an X11 window's image, a few
  MB) is freed, so the next blocks of that size come from the heap, which keeps its top
  after they are freed: a one-time step of ~3 MB on a real display. A fixed threshold
  returns such blocks to the system when they are freed.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtGui import QPixmapCache

log = logging.getLogger(__name__)

PIXMAP_CACHE_KB = 2048  # every piece one panel at one size needs
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's starting value, kept instead of raised
_M_MMAP_THRESHOLD = -3  # from glibc's <malloc.h>


def apply_kiosk_memory_limits() -> int:
    """Set both limits; return the pixmap-cache limit in force before, for ``stop`` to put
    back. (The mmap threshold stays fixed: it only matters to how memory is returned.)"""
    previous = QPixmapCache.cacheLimit()
    QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
    if fix_mmap_threshold():
        log.info("kiosk memory: pixmap cache %d KB, mmap threshold fixed at %d bytes",
                 PIXMAP_CACHE_KB, MMAP_THRESHOLD_BYTES)
    return previous


def fix_mmap_threshold() -> bool:
    """Stop glibc from raising its mmap threshold; False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the process already uses
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    ok = mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
    if not ok:
        log.info("kiosk memory: this C library does not take an mmap threshold (left as is)")
    return ok
