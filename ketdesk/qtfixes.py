"""Work-arounds for bugs in the Qt bindings that a long-running app would hit.

PySide6 6.12.0 on Python 3.11 hands out ``None`` and ``True`` without the reference it
owes for them: every call of a method that returns nothing (``setText``, ``setChecked``,
``QTimer.start``, ...) drops one reference to ``None``, and every ``Signal.emit()`` drops
one to ``True``. The interpreter starts with a few thousand references to each, so after
some thousands of calls it aborts with "none_dealloc: deallocating None" (or
"bool_dealloc"). Building the window uses up hundreds; a kiosk rotating its panels every
20 s would die within a day. Found by ``benchmarks/bench_kiosk_soak.py``; 6.11.3 does not
drop the ``True`` reference.

Python 3.12 made ``None``/``True``/``False`` immortal (PEP 683), which makes the bug
harmless there. This module does the same on older Pythons, and only when the bug is
observed: it adds 2**40 to the three objects' reference counts, so the missing decrements
can never reach zero (35,000 years at 1,000 calls a second). Extra references to these
three cost nothing: they are never freed anyway.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_HEADROOM = 1 << 40
_PROBE_CALLS = 8


def bindings_drop_references() -> bool:
    """Whether calls into PySide6 lose references to ``None`` or ``True`` (the 6.12.0 bug)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        fired = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # returns nothing
        probe.fired.emit()  # returns a bool
    # Other threads may take or give back a few references meanwhile: look for a clear loss.
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    return lost_none >= _PROBE_CALLS or lost_true >= _PROBE_CALLS


def protect_singleton_refcounts() -> bool:
    """Make ``None``/``True``/``False`` effectively immortal if the bindings leak them.

    Returns True when the protection was applied.
    """
    if (sys.version_info >= (3, 12) or sys.implementation.name != "cpython"
            or hasattr(sys, "gettotalrefcount")):
        return False  # immortal already (PEP 683), or not the object layout assumed below
    if not bindings_drop_references():
        return False
    for value in (None, True, False):
        # ob_refcnt is the first field of every CPython object (non-debug builds).
        ctypes.c_ssize_t.from_address(id(value)).value += _HEADROOM
    log.info("PySide6 drops references to None/True; made them immortal as Python 3.12 does")
    return True
