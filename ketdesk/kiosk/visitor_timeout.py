"""The warning before the kiosk starts over: "Still reading? Tap to stay" (WCAG 2.2.1).

For the last ``seconds`` of the idle time a large card over the page says how long is left,
counting down once a second, with one large button. Any tap anywhere (the button or not)
keeps the visitor's page: the attract loop's input watch sees it and calls ``dismiss``.
The card covers the window, so that tap never also presses what lies beneath it.
Nothing is reset while a page is read aloud: the attract loop asks ``busy`` first.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.ui import TimeoutStrings
from ketdesk.kiosk.config import ms
from ketdesk.ui.overlay import Overlay
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import Card, button_text, make_label

# WCAG 2.2.1 asks for at least 20 seconds to answer a time-out warning.
WARNING_SECONDS = 20.0


def warning_seconds(idle_timeout: float) -> float:
    """How long the warning shows: 20 s, or half the idle time when that is shorter (tests)."""
    return min(WARNING_SECONDS, idle_timeout / 2)


class TimeoutWarning(Overlay):
    expired = Signal()  # nobody tapped: time to get ready for the next visitor

    def __init__(self, window: QWidget, words: TimeoutStrings) -> None:
        super().__init__(window)
        self.setObjectName("timeoutWarning")
        self._words = words
        self._seconds = WARNING_SECONDS
        self.card = Card("warning", self)
        self.card.setObjectName("timeoutCard")
        self.title = make_label(words.still_reading, "h1")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = make_label("", "lead")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stay_button = QPushButton(button_text(words.stay))
        self.stay_button.setObjectName("timeoutStay")
        self.stay_button.setProperty("primary", True)
        self.stay_button.setAccessibleName(words.stay)
        self.stay_button.clicked.connect(self.dismiss)
        for part in (self.title, self.countdown):
            self.card.body.addWidget(part)
        self.card.body.addWidget(self.stay_button)
        self._clock = QElapsedTimer()
        self._expire = QTimer(self)
        self._expire.setSingleShot(True)
        self._expire.timeout.connect(self._on_expired)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)  # the count shown changes once a second, no faster
        self._tick.timeout.connect(self._show_left)
        self._metrics = Metrics(em=24)

    @property
    def counting(self) -> bool:
        return self._expire.isActive()

    def set_words(self, words: TimeoutStrings) -> None:
        self._words = words
        self.title.setText(words.still_reading)
        self.stay_button.setText(button_text(words.stay))
        self.stay_button.setAccessibleName(words.stay)

    def begin(self, seconds: float) -> None:
        """Show the warning and count ``seconds`` down to ``expired``."""
        self._seconds = seconds
        self._clock.start()
        self._expire.setInterval(ms(seconds))
        self._expire.start()
        self._tick.start()
        self._show_left()
        self.present()
        self._place()
        self.stay_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setAccessibleName(self._words.still_reading)

    def dismiss(self) -> None:
        self._expire.stop()
        self._tick.stop()
        self.hide()

    def seconds_left(self) -> int:
        return max(0, math.ceil(self._seconds - self._clock.elapsed() / 1000))

    def _show_left(self) -> None:
        text = fill(self._words.countdown, seconds=self.seconds_left())
        self.countdown.setText(text)
        self.stay_button.setAccessibleDescription(text)

    def _on_expired(self) -> None:
        self._tick.stop()
        self.hide()
        self.expired.emit()

    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self.card.set_padding(metrics.px(1.2))
        # Larger than any other control: it must be found and hit in a hurry.
        # In the style sheet, not setMinimumSize: the window's QSS min-height would win.
        self.stay_button.setStyleSheet(
            f"QPushButton#timeoutStay {{ font-size: {metrics.h2}px; "
            f"min-height: {metrics.touch * 2}px; min-width: {metrics.px(12)}px; }}")
        self._place()

    def _place(self) -> None:
        width = min(self.width() - 2 * self._metrics.px(1), self._metrics.px(28))
        self.card.setFixedWidth(max(1, width))
        self.card.adjustSize()
        self.card.move((self.width() - self.card.width()) // 2,
                       (self.height() - self.card.height()) // 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place()
