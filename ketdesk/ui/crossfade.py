"""A gentle change of screen: the old picture fades out over the new one.

Used by the kiosk's attract loop between posters. A snapshot of the area is laid over it,
the change happens underneath, and the snapshot's opacity goes from 1 to 0, so nothing
is rebuilt or repainted mid-fade but the snapshot itself. With reduced motion the change
is instant (WCAG 2.3.3); nothing else differs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QPoint, QPropertyAnimation, QRect
from PySide6.QtGui import QPixmap, QRegion
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QWidget

FADE_MS = 700


class Crossfade(QLabel):
    """Lies over ``host`` only while a fade runs."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("crossfade")
        self._host = host
        self._effect = QGraphicsOpacityEffect(self)
        self.setGraphicsEffect(self._effect)
        self._animation = QPropertyAnimation(self._effect, b"opacity", self)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._animation.finished.connect(self.hide)
        self.hide()

    @property
    def running(self) -> bool:
        return self._animation.state() == QPropertyAnimation.State.Running

    def change(self, apply: Callable[[], None], *, animate: bool, ms: int = FADE_MS) -> None:
        """Run ``apply`` (the change of screen), fading from the old picture if ``animate``."""
        self._animation.stop()
        self.hide()
        if not animate or not self._host.isVisible():
            apply()
            return
        snapshot = self._picture()
        apply()
        self.setPixmap(snapshot)
        self.setGeometry(self._host.rect())
        self._effect.setOpacity(1.0)
        self.show()
        self.raise_()
        self._animation.setDuration(ms)
        self._animation.setStartValue(1.0)
        self._animation.setEndValue(0.0)
        self._animation.start()

    def _picture(self) -> QPixmap:
        """The host as shown: the window's own background under it (the page's colour is
        painted by the window, the panels draw none), without what lies on top of it."""
        host, top = self._host, self._host.window()
        ratio = host.devicePixelRatioF()
        picture = QPixmap(host.size() * ratio)
        picture.setDevicePixelRatio(ratio)
        area = QRect(host.mapTo(top, QPoint(0, 0)), host.size())
        top.render(picture, QPoint(0, 0), QRegion(area), QWidget.RenderFlag.DrawWindowBackground)
        host.render(picture, QPoint(0, 0), QRegion(), QWidget.RenderFlag.DrawChildren)
        return picture

    def stop(self) -> None:
        """End a fade at once (a visitor touched the screen)."""
        self._animation.stop()
        self.hide()
