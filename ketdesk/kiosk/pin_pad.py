"""A touch-friendly PIN pad: big digit keys, the PIN in a password field, a status line.

It only collects digits; checking them (and the lock-out) is ``pin.PinGuard``'s job, so
the pad is easy to test and to reuse. A hardware keyboard works too: digits, Backspace,
Enter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ketdesk.content.schema.ui import KioskStrings
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import Card, button_text, make_label

MAX_DIGITS = 12


class PinPad(Card):
    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, words: KioskStrings, parent: QWidget | None = None) -> None:
        super().__init__("true", parent)
        self.setObjectName("pinPad")
        self._words = words
        self._digits = ""
        self.title = make_label(words.pin_title, "h2")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt = make_label(words.pin_prompt, "body")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A password field, read-only (the pad types into it): screen readers then never
        # speak the digits (Orca's key echo is off in a password field), and it holds focus.
        self.display = QLineEdit()
        self.display.setObjectName("pinDisplay")
        self.display.setEchoMode(QLineEdit.EchoMode.Password)
        self.display.setReadOnly(True)
        self.display.setFrame(False)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setAccessibleName(words.pin_prompt)
        self.display.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setProperty("dialog", True)  # a dialog named by its title, to screen readers
        self.setProperty("escape_closes", True)  # the kiosk lets Escape through (lockdown)
        self.setAccessibleName(words.pin_title)
        self.status = make_label("", "body")
        self.status.setObjectName("pinStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        self.grid = grid
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "clear"]
        for index, key in enumerate(labels):
            text = {"del": words.pin_delete, "clear": words.pin_clear}.get(key, key)
            button = QPushButton(button_text(text))
            button.setObjectName(f"pinKey-{key}")
            button.setAccessibleName(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the pad keeps focus for typing
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            self.keys[key] = button
            grid.addWidget(button, index // 3, index % 3)
        self.cancel_button = QPushButton(button_text(words.pin_cancel))
        self.cancel_button.setObjectName("pinCancel")
        self.cancel_button.clicked.connect(self._cancel)
        self.ok_button = QPushButton(button_text(words.pin_ok))
        self.ok_button.setObjectName("pinOk")
        self.ok_button.setProperty("primary", True)
        self.ok_button.clicked.connect(self._submit)
        for button in (self.cancel_button, self.ok_button):
            button.setAccessibleName(button.text())
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        actions = QHBoxLayout()
        actions.addWidget(self.cancel_button, 1)
        actions.addWidget(self.ok_button, 1)
        self.action_row = actions

        self.body.addWidget(self.title)
        self.body.addWidget(self.prompt)
        self.body.addWidget(self.display)
        self.body.addLayout(grid)
        self.body.addLayout(actions)
        self.body.addWidget(self.status)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.display)  # focus on the pad is focus in the password field
        self._refresh()

    # --- state ----------------------------------------------------------------------
    @property
    def digits(self) -> str:
        return self._digits

    def clear(self) -> None:
        self._digits = ""
        self._refresh()

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)

    def set_locked(self, locked: bool) -> None:
        """While locked out, the keys do nothing (the status line says for how long)."""
        for button in (*self.keys.values(), self.ok_button):
            button.setEnabled(not locked)

    def _press(self, key: str) -> None:
        if key == "del":
            self._digits = self._digits[:-1]
        elif key == "clear":
            self._digits = ""
        elif len(self._digits) < MAX_DIGITS:
            self._digits += key
        self._refresh()

    def _submit(self) -> None:
        if self._digits:
            self.submitted.emit(self._digits)

    def _cancel(self) -> None:
        self.clear()
        self.set_status("")
        self.cancelled.emit()

    def _refresh(self) -> None:
        self.display.setText(self._digits)  # shown as dots: a password field
        self.ok_button.setEnabled(bool(self._digits) and self.keys["0"].isEnabled())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and self.keys["0"].isEnabled():
            self._press(chr(key))
        elif key == Qt.Key.Key_Backspace:
            self._press("del")
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        elif key == Qt.Key.Key_Escape:
            self._cancel()
        else:
            super().keyPressEvent(event)

    # --- size -----------------------------------------------------------------------
    def apply_metrics(self, m: Metrics, available_height: int) -> None:
        """Keys as big as the screen allows: at least the touch minimum, ideally 3 em."""
        self.set_padding(m.px(1))
        gap = m.px(0.5)
        self.grid.setSpacing(gap)
        self.action_row.setSpacing(gap)
        # Title, prompt, display, status and padding take about 9 em; 5 rows of keys share the rest.
        rows_space = available_height - m.px(9) - 6 * gap
        key_h = max(m.touch, min(m.px(3), rows_space // 5))
        key_w = max(key_h, m.px(4.5))
        for button in (*self.keys.values(), self.ok_button, self.cancel_button):
            button.setMinimumSize(key_w, key_h)
            button.setStyleSheet(f"font-size: {m.lead}px; min-height: {key_h}px;")
        self.display.setStyleSheet(f"font-size: {m.h1}px; min-height: {m.px(1.8)}px;")
