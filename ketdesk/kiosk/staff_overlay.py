"""The staff layer over the kiosk window: a dimmed backdrop with the PIN pad, then the menu.

It is an ``Overlay`` (a child of the main window), not a dialog: a separate window can end
up behind a stays-on-top kiosk window, and with no window manager nobody would bring it back.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.pack import ContentPack
from ketdesk.kiosk.pin import Attempt, PinGuard
from ketdesk.kiosk.pin_pad import PinPad
from ketdesk.kiosk.staff_menu import StaffMenu
from ketdesk.ui.overlay import Overlay
from ketdesk.ui.theme import Metrics

log = logging.getLogger(__name__)


class StaffOverlay(Overlay):
    exit_requested = Signal()
    about_requested = Signal()  # staff asked for the About sheet; the menu stays beneath it
    rotation_paused = Signal(bool)
    print_requested = Signal()  # staff: print the take-home handout
    save_requested = Signal()  # staff: save it as a PDF

    def __init__(self, window: QWidget, pack: ContentPack, guard: PinGuard, *,
                 log_path: Path | None, settings_problem: str = "",
                 settings_backup: Path | None = None) -> None:
        super().__init__(window)
        self.setObjectName("staffOverlay")
        self._window = window
        self._pack = pack
        self._guard = guard
        self._log_path = log_path
        self._problem = settings_problem
        self._backup = settings_backup
        self._paused = False
        self._metrics = Metrics(em=24)
        self.pad = PinPad(pack.ui.kiosk)
        self.pad.submitted.connect(self._check)
        self.pad.cancelled.connect(self.close_all)
        self.menu: StaffMenu | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignCenter)
        self._layout = layout
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self.refresh_lock)

    # --- opening and closing ------------------------------------------------------------
    def open_pin_pad(self) -> None:
        log.info("staff: PIN pad opened")
        self._drop_menu()
        self.pad.clear()
        self.pad.set_status("")
        self.pad.show()
        self._fit()
        self.present()
        self.pad.setFocus()
        self.refresh_lock()

    def close_all(self) -> None:
        """Back to the kiosk (Cancel, Back, or the attract loop starting)."""
        if self.isVisible():
            log.info("staff: closed")
        self.pad.clear()
        self._drop_menu()
        self._lock_timer.stop()
        self.hide()

    def _drop_menu(self) -> None:
        if self.menu is not None:
            self._layout.removeWidget(self.menu)
            self.menu.deleteLater()
            self.menu = None

    # --- the PIN ------------------------------------------------------------------------
    def _check(self, pin: str) -> None:
        result = self._guard.check(pin)
        self.pad.clear()
        words = self._pack.ui.kiosk
        if result is Attempt.OK:
            log.info("staff: right PIN, menu opened")
            self._show_menu()
        elif result is Attempt.WRONG:
            self.pad.set_status(fill(words.pin_wrong, tries=self._guard.tries_left))
        else:
            self.refresh_lock()

    def refresh_lock(self) -> None:
        """Show the lock-out countdown, or unlock the keys once it is over."""
        seconds = self._guard.locked_for()
        if seconds > 0:
            self.pad.set_locked(True)
            self.pad.set_status(fill(self._pack.ui.kiosk.pin_locked, seconds=math.ceil(seconds)))
            if not self._lock_timer.isActive():
                self._lock_timer.start()
        else:
            if self._lock_timer.isActive():
                self._lock_timer.stop()
                self.pad.set_status("")
            self.pad.set_locked(False)
        self.pad._refresh()

    def _show_menu(self) -> None:
        self.pad.hide()
        menu = StaffMenu(self._pack, log_path=self._log_path, settings_backup=self._backup,
                         settings_problem=self._problem, rotation_paused=self._paused)
        menu.exit_requested.connect(self.exit_requested)
        menu.about_requested.connect(self.about_requested)
        menu.pause_toggled.connect(self._on_pause)
        menu.print_requested.connect(self.print_requested)
        menu.save_requested.connect(self.save_requested)
        menu.closed.connect(self.close_all)
        self.menu = menu
        self._layout.addWidget(menu, 0, Qt.AlignmentFlag.AlignCenter)
        self._fit()

    def _on_pause(self, paused: bool) -> None:
        self._paused = paused
        log.info("staff: rotation %s", "paused" if paused else "resumed")
        self.rotation_paused.emit(paused)

    # --- size -----------------------------------------------------------------------
    def apply_metrics(self, m: Metrics) -> None:
        self._metrics = m
        self._fit()

    def _fit(self) -> None:
        m = self._metrics
        window = self._window
        self.pad.apply_metrics(m, window.height())
        self.pad.setMaximumWidth(max(m.px(18), window.width() // 2))
        if self.menu is not None:
            self.menu.apply_metrics(m)
            self.menu.setFixedWidth(min(window.width() - 2 * m.px(1), max(m.px(30), window.width() * 2 // 3)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # the Overlay follows the window's size
        if self.isVisible():
            self._fit()
