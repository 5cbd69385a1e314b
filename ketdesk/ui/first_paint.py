"""Run a callback once, right after a widget's first paint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaintFilter(QObject):
    def __init__(self, target: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(target)
        self._callback = callback
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            watched.removeEventFilter(self)
            # Queue the callback: the paint in progress must finish and reach the screen first.
            # (Given this filter as context: not called once the widget is gone.)
            QTimer.singleShot(0, self, self._callback)
        return False


def on_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once, after ``widget`` (a window, or any widget) has painted for the
    first time since this call."""
    central = widget.centralWidget() if hasattr(widget, "centralWidget") else None
    target = central or widget
    target.installEventFilter(_FirstPaintFilter(target, callback))
