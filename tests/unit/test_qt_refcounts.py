"""The pinned PySide6 keeps None and True alive through void Qt calls and Python emits."""

from __future__ import annotations

from tests.refcounts import needs_mortal_singletons, references_kept


@needs_mortal_singletons
def test_void_qt_calls_keep_none_and_true_alive(qapp) -> None:
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QLabel, QWidget

    widget = QWidget()
    label = QLabel()
    image = QImage(50, 50, QImage.Format.Format_ARGB32)
    with references_kept(None, True):
        for _ in range(2000):
            widget.update()
            widget.resize(120, 80)
            label.setText("x")
            painter = QPainter(image)
            painter.drawLine(0, 0, 10, 10)
            painter.end()


@needs_mortal_singletons
def test_python_signal_emits_keep_true_alive(qapp) -> None:
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        bare = Signal()
        text = Signal(str)

    emitter = Emitter()
    received: list[str] = []
    emitter.text.connect(received.append)
    with references_kept(None, True):
        for _ in range(2000):
            emitter.bare.emit()
            emitter.text.emit("x")
    assert len(received) == 2000


@needs_mortal_singletons
def test_the_guard_sees_a_lost_reference() -> None:
    """The guard itself can fail: dropping references to True trips it."""
    import ctypes

    decref = ctypes.pythonapi.Py_DecRef
    decref.argtypes = [ctypes.py_object]
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    try:
        with __import__("pytest").raises(AssertionError, match="references to True lost"), \
                references_kept(True, slack=50):
            for _ in range(100):
                decref(True)
    finally:
        for _ in range(100):
            incref(True)
