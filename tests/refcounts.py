"""The one guard against Qt binding builds that leak or drop references to None and True.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call, and one to
True on every ``Signal.emit()`` from Python; a kiosk repainting all day then aborts with
"Fatal Python error: none_dealloc". From Python 3.12 None and True are immortal, so the
check means something only before 3.12 and is skipped there.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

IMMORTAL_SINGLETONS = sys.version_info >= (3, 12)

needs_mortal_singletons = pytest.mark.skipif(
    IMMORTAL_SINGLETONS, reason="None and True are immortal from Python 3.12: nothing can drop them")


@contextmanager
def references_kept(*objects: object, slack: int = 50) -> Iterator[None]:
    """Fail if the block loses more than ``slack`` references to any of ``objects``.

    A few references come and go with caches; hundreds lost means a binding bug.
    """
    # Garbage from earlier tests, collected in the middle of the block, takes its references
    # to True with it (347 once, on CI): collect it first and hold the collector off.
    gc.collect()
    gc.disable()
    try:
        before = [sys.getrefcount(obj) for obj in objects]
        yield
        after = [sys.getrefcount(obj) for obj in objects]
    finally:
        gc.enable()
    for obj, count, now in zip(objects, before, after, strict=True):
        lost = count - now
        assert lost < slack, f"{lost} references to {obj!r} lost: a Qt binding bug (see tests/refcounts.py)"
