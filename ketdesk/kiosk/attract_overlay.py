"""What lies over the window while the attract loop runs: the hint and the pause control.

The overlay covers the whole window, so the tap that wakes the kiosk lands on it and does
not also press whatever button happened to be under the finger. Its band sits just above
the footer, so the "not medical advice" line stays readable. Moving content needs a way
to stop it (WCAG 2.2.2), hence the pause/play button; a tap anywhere else ends the loop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStyle, QWidget

from ketdesk.content.schema.ui import KioskStrings
from ketdesk.ui.theme import STANDARD, Metrics, Theme
from ketdesk.ui.widgets import button_text, make_label


class AttractOverlay(QWidget):
    pause_toggled = Signal(bool)  # True: the visitor paused the rotation

    def __init__(self, window: QWidget, words: KioskStrings, theme: Theme = STANDARD) -> None:
        super().__init__(window)
        self.setObjectName("attractOverlay")
        self._window = window
        self._words = words
        self._theme = theme
        self._paused = False
        self.band = QWidget(self)
        self.band.setObjectName("attractBand")
        self.band.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._row = row = QHBoxLayout(self.band)
        self.hint = make_label(words.touch_to_explore, "hint")
        self.hint.setObjectName("attractHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(False)
        self.pause_button = QPushButton()
        self.pause_button.setObjectName("attractPause")
        self.pause_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pause_button.clicked.connect(self._toggle)
        row.addStretch(1)
        row.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignCenter)
        row.addStretch(1)
        row.addWidget(self.pause_button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._metrics = Metrics(em=24)
        self._update_button()
        window.installEventFilter(self)
        self.hide()

    # --- state ----------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._paused

    def set_paused(self, paused: bool) -> None:
        self._paused = paused
        self._update_button()

    def set_pause_visible(self, visible: bool) -> None:
        """Hidden while staff paused the rotation: then nothing moves that needs pausing."""
        self.pause_button.setVisible(visible)

    def set_words(self, words: KioskStrings) -> None:
        self._words = words
        self.hint.setText(words.touch_to_explore)
        self._update_button()

    def _toggle(self) -> None:
        self.set_paused(not self._paused)
        self.pause_toggled.emit(self._paused)

    def _update_button(self) -> None:
        text = self._words.play if self._paused else self._words.pause
        icon = (QStyle.StandardPixmap.SP_MediaPlay if self._paused
                else QStyle.StandardPixmap.SP_MediaPause)
        self.pause_button.setText(button_text(text))
        self.pause_button.setAccessibleName(text)
        self.pause_button.setIcon(self.style().standardIcon(icon))
        self.hint.setAccessibleName(self._words.touch_to_explore)

    # --- size -----------------------------------------------------------------------
    def apply_metrics(self, m: Metrics) -> None:
        self._metrics = m
        t = self._theme
        pad = m.px(0.6)
        self._row.setContentsMargins(m.px(1), pad, m.px(1), pad)
        self.pause_button.setIconSize(QSize(m.px(1.2), m.px(1.2)))
        self.pause_button.setMinimumSize(max(m.touch, m.px(6)), m.touch)
        self.setStyleSheet(f"""
QWidget#attractBand {{ background: rgba(27, 27, 31, 235); }}
QLabel#attractHint {{ font-size: {m.h1}px; font-weight: bold; color: {t.accent_text};
    background: {t.accent}; border: 3px solid {t.accent_text}; border-radius: {m.px(1.4)}px;
    padding: {m.px(0.5)}px {m.px(1.6)}px; }}
QPushButton#attractPause {{ font-size: {m.lead}px; min-height: {m.touch}px; }}
""")
        self.relayout()

    def relayout(self) -> None:
        """Cover the window; put the band just above the footer, if the window has one."""
        parent = self._window
        self.setGeometry(parent.rect())
        footer = getattr(parent, "footer", None)
        bottom = parent.height()
        if isinstance(footer, QWidget) and footer.isVisible():
            bottom = footer.mapTo(parent, footer.rect().topLeft()).y()
        height = self.band.sizeHint().height()
        self.band.setGeometry(0, max(0, bottom - height), parent.width(), height)
        self.raise_()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.relayout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._window and event.type() == QEvent.Type.Resize and self.isVisible():
            self.relayout()
        return False

    def pause_contains(self, window_pos_x: float, window_pos_y: float) -> bool:
        """Whether a point in window coordinates is on the pause/play control."""
        button = self.pause_button
        if not (self.isVisible() and button.isVisible()):
            return False
        top_left = button.mapTo(self._window, button.rect().topLeft())
        return (top_left.x() <= window_pos_x < top_left.x() + button.width()
                and top_left.y() <= window_pos_y < top_left.y() + button.height())
