"""Guard against Qt binding builds that leak or drop references to None and True/False.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call; a kiosk
repainting charts all day then aborts with "Fatal Python error: none_dealloc". Python 3.12+
makes None immortal, so the check only means something before 3.12.
"""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_keep_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    image = QImage(50, 50, QImage.Format.Format_ARGB32)
    before_none = sys.getrefcount(None)
    before_true = sys.getrefcount(True)
    for _ in range(500):
        widget.update()
        widget.resize(120, 80)
        painter = QPainter(image)
        painter.drawLine(0, 0, 10, 10)
        painter.end()
    # A few references may come and go with caches; hundreds lost means a binding bug.
    assert sys.getrefcount(None) - before_none > -50
    assert sys.getrefcount(True) - before_true > -50


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True is immortal from Python 3.12")
def test_python_signal_emits_keep_true_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        bare = Signal()
        text = Signal(str)

    emitter = Emitter()
    received: list[str] = []
    emitter.text.connect(received.append)
    before_true = sys.getrefcount(True)
    for _ in range(500):
        emitter.bare.emit()
        emitter.text.emit("x")
    assert len(received) == 500
    assert sys.getrefcount(True) - before_true > -50
