"""A kiosk runs for weeks: thousands of signal emits must not crash the interpreter."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from ketdesk.qtfixes import protect_bool_refcounts


class Emitter(QObject):
    changed = Signal(str)


def test_many_emits_do_not_exhaust_true(qapp_fonts) -> None:  # type: ignore[no-untyped-def]
    protect_bool_refcounts()  # idempotent in effect: only adds headroom
    emitter = Emitter()
    seen: list[str] = []
    emitter.changed.connect(seen.append)
    for _ in range(20_000):  # without the guard PySide6 6.12.0 aborts after a few hundred
        emitter.changed.emit("x")
    assert len(seen) == 20_000
    assert sys.getrefcount(True) > 1000
