"""``Kiosk``: turns a built main window into an unattended kiosk, and back.

Everything works from the outside of ``MainWindow`` (event filters, child overlays, the
panels' ``reset``/``attract_tick`` hooks), so the window itself knows nothing of kiosks.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QPixmapCache

from ketdesk.cli import EXIT_OK
from ketdesk.content.placeholders import fill
from ketdesk.kiosk.attract_overlay import AttractOverlay
from ketdesk.kiosk.config import KioskConfig
from ketdesk.kiosk.cursor import CursorHider
from ketdesk.kiosk.idle import AttractLoop
from ketdesk.kiosk.lockdown import Lockdown
from ketdesk.kiosk.memory import apply_kiosk_memory_limits
from ketdesk.kiosk.pin import PinGuard
from ketdesk.kiosk.quiet_screen import QUIET_WATCHDOG_SECONDS, QuietHours
from ketdesk.kiosk.staff_exit import StaffExitTrigger
from ketdesk.kiosk.staff_overlay import StaffOverlay
from ketdesk.kiosk.touch import TouchNavigation
from ketdesk.kiosk.visitor_timeout import TimeoutWarning
from ketdesk.kiosk.watchdog import INTERVAL_SECONDS, Watchdog
from ketdesk.kiosk.window_mode import KioskWindowMode, raise_window
from ketdesk.ui.main_window import MainWindow
from ketdesk.ui.theme import Metrics

log = logging.getLogger(__name__)

# Test hook: print a line per refused exit and per raise request to stdout, for the
# end-to-end tests to wait on instead of sleeping.
REPORT_ENV = "KETDESK_REPORT_KIOSK"


def _quit_app(code: int) -> None:
    app = QGuiApplication.instance()
    if app is not None:
        app.exit(code)


class Kiosk(QObject):
    exited = Signal()  # staff left kiosk mode through the menu

    def __init__(self, window: MainWindow, config: KioskConfig, *,
                 clock: Callable[[], float] | None = None, log_path: Path | None = None,
                 quit_app: Callable[[int], None] = _quit_app,
                 wall_clock: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        super().__init__(window)
        self.window = window
        self.config = config
        self._quit_app = quit_app
        words = window.pack.ui.kiosk
        guard = (PinGuard(config.pin_hash, clock=clock, state_file=config.pin_state) if clock
                 else PinGuard(config.pin_hash, state_file=config.pin_state))
        self.guard = guard
        self.window_mode = KioskWindowMode(window, config.screen)
        self.watchdog = Watchdog(window, self.window_mode.apply)
        self.lockdown = Lockdown(window, self)
        self.cursor = CursorHider(config.cursor_hide, self)
        self.overlay = AttractOverlay(window, words)
        self.staff = StaffOverlay(window, window.pack, guard, log_path=log_path,
                                  settings_problem=config.settings_problem,
                                  settings_backup=config.settings_backup)
        self.warning = TimeoutWarning(window, window.pack.ui.timeout)
        self.attract = AttractLoop(window, self.overlay, idle_timeout=config.idle_timeout,
                                   rotate_interval=config.rotate_interval,
                                   tick_interval=config.tick_interval,
                                   default_lang=config.default_lang,
                                   on_reset=[self.staff.close_all],
                                   warning=self.warning, busy=self._listening)
        self.staff_exit = StaffExitTrigger(window, config.hold_seconds)
        self.touch = TouchNavigation(window)
        self.staff_exit.requested.connect(self.open_staff)
        self.staff.exit_requested.connect(self.exit_kiosk)
        self.staff.about_requested.connect(window.show_about)
        self.staff.rotation_paused.connect(self.attract.set_staff_paused)
        self.staff.print_requested.connect(self._print_handout)
        self.staff.save_requested.connect(self._save_handout)
        self.lockdown.refused.connect(self._report_refusal)
        self.watchdog.restored.connect(lambda what: self._report(f"restored {what}"))
        self.watchdog.grab_changed.connect(lambda on: self._report(f"grab {'on' if on else 'off'}"))
        window.metrics_changed.connect(self._apply_metrics)
        self.quiet = (QuietHours(window, config.opening_hours, sleep=self._sleep, wake=self._wake,
                                 idle=lambda: self.attract.active, now=wall_clock)
                      if config.opening_hours is not None else None)
        if self.quiet is not None:
            self.attract.started.connect(self.quiet.visitor_left)
        if window.reader is not None:
            # Someone is listening: each sentence read aloud counts as activity (no reset
            # for the next visitor mid-read).
            window.reader.sentence_started.connect(self._on_listening)
        self._running = False
        self._pixmap_cache_kb = QPixmapCache.cacheLimit()

    # --- life cycle -----------------------------------------------------------------------
    def start(self) -> None:
        """Show the window as a kiosk and start watching (instead of ``window.show()``)."""
        log.info("kiosk mode: idle %.1f s, rotate %.1f s, screen %d", self.config.idle_timeout,
                 self.config.rotate_interval, self.config.screen)
        self._running = True
        self._pixmap_cache_kb = apply_kiosk_memory_limits()
        self.lockdown.engage()
        self.window_mode.enter()
        self.watchdog.start()
        self.window.set_about_public(False)  # the staff menu still opens it
        # A patient's "Take this home" calls staff (PIN pad); no print dialog for the public.
        self.window.set_take_home(self.take_home)
        self._apply_metrics(self.window.metrics)
        self.cursor.start()
        self.attract.start()
        self.staff_exit.start()
        self.touch.start()
        if self.quiet is not None:
            self.quiet.start()

    def stop(self) -> None:
        """Undo everything ``start`` did (the window can close again)."""
        self._running = False
        if self.quiet is not None:
            self.quiet.stop()
        for part in (self.watchdog, self.touch, self.staff_exit, self.attract, self.cursor):
            part.stop()
        self.window_mode.leave()
        self.window.set_about_public(True)
        self.window.set_take_home(None)
        self.lockdown.release()
        self.staff.close_all()
        self.overlay.hide()
        QPixmapCache.setCacheLimit(self._pixmap_cache_kb)

    @property
    def running(self) -> bool:
        return self._running

    # --- staff ------------------------------------------------------------------------
    def open_staff(self) -> None:
        if self._running:
            self.attract.input_seen()
            self.staff.open_pin_pad()

    def take_home(self) -> bool:
        """A patient asked for the handout: open the staff layer (PIN) to print it."""
        log.info("kiosk: a visitor asked for the take-home handout; staff PIN pad opened")
        self.open_staff()
        return self._running

    def _print_handout(self) -> None:
        from ketdesk.handout.actions import print_to_default

        pack = self.window.pack
        printer = print_to_default(pack)
        words = pack.ui.clinic
        self._staff_status(fill(words.staff_printed, printer=printer) if printer
                           else words.staff_no_printer)

    def _save_handout(self) -> None:
        from ketdesk import paths
        from ketdesk.handout.actions import save_to

        pack = self.window.pack
        written = save_to(pack, paths.handout_file(pack.meta.lang))
        if written is not None:
            self._staff_status(fill(pack.ui.clinic.staff_saved, path=written))

    def _staff_status(self, text: str) -> None:
        if self.staff.menu is not None:
            self.staff.menu.show_status(text)

    def exit_kiosk(self) -> None:
        log.info("staff: exit from kiosk mode")
        self.stop()
        self.exited.emit()
        self.window.close()
        self._quit_app(EXIT_OK)

    def bring_to_front(self) -> None:
        """A second start asked for us: back to fullscreen, in front."""
        self._report("raised")
        if self._running:
            self.window_mode.apply()
        else:
            raise_window(self.window)

    # --- helpers ------------------------------------------------------------------------
    def _sleep(self) -> None:
        """Quiet hours began: nothing moves, nothing polls faster than once a minute."""
        self.attract.stop()
        if self.window.reader is not None:
            self.window.reader.stop()
        self.watchdog.set_interval(QUIET_WATCHDOG_SECONDS)

    def _wake(self) -> None:
        self.watchdog.set_interval(INTERVAL_SECONDS)
        self.attract.start()
        self.attract.input_seen()  # ends the attract loop's state: the visitor sees a page

    def _listening(self) -> bool:
        return self.window.reader is not None and self.window.reader.reading

    def _on_listening(self, _index: int, _sentence: str) -> None:
        if self._running:
            self.attract.input_seen()

    def _apply_metrics(self, metrics: Metrics) -> None:
        self.overlay.apply_metrics(metrics)
        self.warning.apply_metrics(metrics)
        self.staff.apply_metrics(metrics)
        self.staff_exit.corner_px = max(96, metrics.px(4))

    def _report_refusal(self, what: str) -> None:
        self._report(f"refused {what}")

    def _report(self, what: str) -> None:
        if os.environ.get(REPORT_ENV):
            print(f"kiosk-{what}", flush=True)
