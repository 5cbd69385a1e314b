"""A horizontal swipe recogniser for touch screens (and mouse drags), as an event filter.

QSwipeGesture needs three fingers on most platforms and never fires for a one-finger
flick, which is what a waiting-room visitor does. This filter watches one-finger touch
(and left-button drags, which is also what a touch screen without touch events sends)
and reports a swipe when the finger travels far enough sideways and mostly sideways.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

# A swipe must travel this share of the widget's width (or MIN_PX, whichever is larger)
# and be at least this many times wider than tall, so vertical scrolls and taps never step.
MIN_SHARE = 0.12
MIN_PX = 40.0
MIN_RATIO = 1.5


class SwipeRecognizer(QObject):
    """Emits ``swiped(+1)`` for a swipe to the left (next) and ``swiped(-1)`` to the right."""

    swiped = Signal(int)

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self._target = target
        self._start: QPointF | None = None
        target.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        target.installEventFilter(self)

    def classify(self, start: QPointF, end: QPointF) -> int:
        """+1, -1, or 0 when the movement is not a horizontal swipe."""
        dx = end.x() - start.x()
        dy = end.y() - start.y()
        needed = max(MIN_PX, self._target.width() * MIN_SHARE)
        if abs(dx) < needed or abs(dx) < MIN_RATIO * abs(dy):
            return 0
        return 1 if dx < 0 else -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent):
            points = event.points()
            self._start = points[0].position() if len(points) == 1 else None
            event.accept()  # accepted touch is not turned into mouse events: no double step
            return True
        if kind == QEvent.Type.TouchUpdate and isinstance(event, QTouchEvent):
            if len(event.points()) != 1:
                self._start = None  # a pinch or two-finger scroll is not a swipe
            return True
        if kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel) and isinstance(event, QTouchEvent):
            start, self._start = self._start, None
            points = event.points()
            if kind == QEvent.Type.TouchEnd and start is not None and points:
                self._finish(start, points[0].position())
            return True
        if isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.LeftButton:
            if kind == QEvent.Type.MouseButtonPress:
                self._start = event.position()
            elif kind == QEvent.Type.MouseButtonRelease and self._start is not None:
                start, self._start = self._start, None
                self._finish(start, event.position())
        return False

    def _finish(self, start: QPointF, end: QPointF) -> None:
        direction = self.classify(start, end)
        if direction:
            self.swiped.emit(direction)
