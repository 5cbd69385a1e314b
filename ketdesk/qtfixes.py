"""Work-arounds for bugs in the Qt bindings that a long-running app would hit.

PySide6 6.12.0 on Python 3.11: every ``SignalInstance.emit()`` called from Python drops one
reference to ``True`` (its return value is handed out without the reference it owes).
``True`` starts with a few hundred references, so after some hundreds of emits the
interpreter aborts with "bool_dealloc: deallocating True or False". A kiosk rotating
panels emits several signals a turn: it would crash within hours. Found by
``benchmarks/bench_kiosk_soak.py``.

Python 3.12 made ``True``/``False`` immortal, which makes the bug harmless there. This
module does the same on older Pythons, only when the bug is actually observed: it adds a
very large count to the two objects' reference counts, so the missing decrements can never
reach zero (2**40 emits is ~35,000 years at 1,000 emits a second). Extra references to
``True`` and ``False`` cost nothing: they are never freed anyway.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_HEADROOM = 1 << 40


def emit_drops_true() -> bool:
    """Whether a Python-side ``Signal.emit`` loses a reference to ``True`` (the 6.12.0 bug)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        fired = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def protect_bool_refcounts() -> bool:
    """Make ``True``/``False`` effectively immortal if the bindings leak them; True if applied."""
    if (sys.version_info >= (3, 12) or sys.implementation.name != "cpython"
            or hasattr(sys, "gettotalrefcount")):
        return False  # immortal already (PEP 683), or not the object layout assumed below
    if not emit_drops_true():
        return False
    for value in (True, False):
        # ob_refcnt is the first field of every CPython object (non-debug builds).
        ctypes.c_ssize_t.from_address(id(value)).value += _HEADROOM
    log.info("PySide6 Signal.emit drops references to True; True/False made immortal")
    return True
