"""Process-wide workarounds for bugs in the Qt binding we ship with.

PySide6 6.12.0 (the cp310-abi3 wheel) on CPython 3.11 returns ``None`` from every wrapped
C++ method that returns ``void`` without taking a new reference to it. Each such call
(``label.setText``, ``painter.setPen``, ``rect.translate`` ...) lowers ``None``'s reference
count by one; CPython 3.11 starts with about 5,000, so after a few thousand calls (a few
seconds of animation, or hours of a kiosk's timers) the process aborts with
"Fatal Python error: none_dealloc: deallocating None". CPython 3.12 made ``None`` immortal
(PEP 683), so it is unaffected. Reproduce: ``for _ in range(6000): QLabel().setText("x")``.
"""

from __future__ import annotations

import ctypes
import sys

# Python 3.12+ gives immortal objects a count of about 2**32 and never changes it; here a
# count of 2**48 would take a program making 10,000 void calls a second 890 years to drain.
_IMMORTAL = 1 << 48


def protect_none_refcount() -> None:
    """Give ``None`` a reference count no refcount bug can drain (no-op on 3.12+). Idempotent."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # ob_refcnt is the first field of every object in a release build of CPython 3.11.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _IMMORTAL // 2:
        refcount.value += _IMMORTAL
