"""Touch-first navigation: swipe left or right to change panel, drag a page to scroll it.

Swipes are read from the kiosk window's own events (a finger's touch events, or a real
mouse's presses; mouse events Qt makes up from a finger are skipped so one swipe does not
count twice). Scrolling by dragging uses ``QScroller`` on each panel's viewport, added
as panels are built.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF
from PySide6.QtWidgets import QScroller, QScrollerProperties

from ketdesk.kiosk.app_events import event_position, on_window, unwatch_app, watch_app
from ketdesk.ui.main_window import MainWindow

MAX_SWIPE_MS = 800  # longer than this is a slow drag (reading, scrolling), not a swipe


class TouchNavigation(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._start: QPointF | None = None
        self._clock = QElapsedTimer()
        self._scrolled: set[int] = set()
        self.enabled = True
        window.stack.currentChanged.connect(lambda _index: self.enable_drag_scroll())

    def start(self) -> None:
        watch_app(self, (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.MouseButtonRelease,
                         QEvent.Type.TouchEnd, QEvent.Type.TouchCancel))
        self.enable_drag_scroll()

    def stop(self) -> None:
        unwatch_app(self)

    def enable_drag_scroll(self) -> None:
        """Let a finger drag every built panel's page up and down."""
        for panel in self._window.built_panels().values():
            viewport = panel.viewport()
            key = id(viewport)
            if key in self._scrolled:
                continue
            self._scrolled.add(key)
            viewport.destroyed.connect(lambda _obj=None, k=key: self._scrolled.discard(k))
            QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
            scroller = QScroller.scroller(viewport)
            props = scroller.scrollerProperties()
            props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
                                  QScrollerProperties.OvershootPolicy.OvershootAlwaysOff)
            scroller.setScrollerProperties(props)

    def swipe_threshold(self) -> float:
        return max(80.0, self._window.width() * 0.12)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not on_window(watched, self._window):
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._start = event_position(event, finger_mice=False)
            self._clock.start()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd) and self._start is not None:
            end = event_position(event, finger_mice=False)
            start, self._start = self._start, None
            if end is not None and self.enabled and self._clock.elapsed() <= MAX_SWIPE_MS:
                self._maybe_swipe(end.x() - start.x(), end.y() - start.y())
        elif kind == QEvent.Type.TouchCancel:
            self._start = None
        return False

    def _maybe_swipe(self, dx: float, dy: float) -> None:
        if abs(dx) >= self.swipe_threshold() and abs(dy) <= abs(dx) / 2:
            # Finger moves left: the next panel comes in from the right.
            self._window.step_panel(1 if dx < 0 else -1)
