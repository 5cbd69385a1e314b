"""The idle timer and the attract loop.

Any touch, click, key or wheel turn anywhere in the app restarts the idle timer. When it
runs out the kiosk gets ready for the next visitor (Overview, every built panel reset, the
default language, nothing left open) and starts rotating through the panels' posters, full
screen, one gentle cross-fade to the next (an instant change with reduced motion). Panels
without a poster are left out of the rotation (all panels rotate if none has one). Input
stops the loop at once and lands the visitor on the Overview, in the default language, at
its top, whatever poster was showing; the idle timer starts the loop again.

Mouse motion alone does not count: a mouse nudged on a table must not keep the kiosk
from resetting for the next person.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QToolTip
from shiboken6 import isValid

from ketdesk.content.registry import PANEL_IDS
from ketdesk.kiosk.app_events import event_position, unwatch_app, watch_app
from ketdesk.kiosk.attract_overlay import AttractOverlay
from ketdesk.kiosk.config import ms
from ketdesk.kiosk.visitor_timeout import TimeoutWarning, warning_seconds
from ketdesk.ui.crossfade import Crossfade
from ketdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

INPUT_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.TabletPress,
})


class AttractLoop(QObject):
    started = Signal()  # the attract loop began (idle timeout)
    stopped = Signal()  # input ended it
    rotated = Signal(str)  # the loop showed this panel

    def __init__(self, window: MainWindow, overlay: AttractOverlay, *, idle_timeout: float,
                 rotate_interval: float, tick_interval: float, default_lang: str = "",
                 on_reset: Iterable[Callable[[], None]] = (),
                 warning: TimeoutWarning | None = None,
                 busy: Callable[[], bool] = lambda: False) -> None:
        super().__init__(window)
        self._window = window
        self._overlay = overlay
        self._default_lang = default_lang
        self._on_reset = list(on_reset)
        self._active = False
        self._staff_paused = False
        # The last seconds of the idle time show "Still reading?"; the reset comes after them.
        self._warning = warning
        self._busy = busy
        self._warn_seconds = warning_seconds(idle_timeout) if warning is not None else 0.0
        self._idle = self._timer(idle_timeout - self._warn_seconds, self._idle_ran_out,
                                 single=True)
        if warning is not None:
            warning.expired.connect(self._begin)
        self._rotate = self._timer(rotate_interval, self._step)
        self._tick = self._timer(tick_interval, self._tick_panel)
        self.fade = Crossfade(window.stack)
        overlay.pause_toggled.connect(self._on_visitor_pause)

    def _timer(self, seconds: float, slot: Callable[[], None], single: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(ms(seconds))
        timer.timeout.connect(slot)
        return timer

    # --- public -----------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self._active

    @property
    def rotating(self) -> bool:
        return self._rotate.isActive()

    @property
    def staff_paused(self) -> bool:
        return self._staff_paused

    def start(self) -> None:
        """Watch for input and start counting idle time."""
        watch_app(self, INPUT_EVENTS)
        self._idle.start()

    def stop(self) -> None:
        unwatch_app(self)
        for timer in (self._idle, self._rotate, self._tick):
            timer.stop()
        self._dismiss_warning()

    def begin_now(self) -> None:
        """Start the attract loop without waiting (what the idle timer calls)."""
        self._begin()

    def time_out_now(self) -> None:
        """What the idle timer calls when it runs out: the warning, then the reset."""
        self._idle.stop()
        self._idle_ran_out()

    def set_staff_paused(self, paused: bool) -> None:
        """Staff menu: no rotation until resumed (the reset on idle still happens)."""
        self._staff_paused = paused
        self._overlay.set_pause_visible(not paused)
        self._apply_rotation()

    def input_seen(self) -> None:
        self._idle.start()
        # On the next turn, like the attract overlay: the tap that answered the warning
        # lands on it, not on the page beneath.
        if self._warning is not None and self._warning.counting:
            QTimer.singleShot(0, self._dismiss_warning)
        if self._active:
            self._end()

    @property
    def warning_shown(self) -> bool:
        return self._warning is not None and self._warning.counting

    def _idle_ran_out(self) -> None:
        if self._busy():
            self._idle.start()  # a page is being read aloud: never a reset mid-read
            return
        if self._warning is None or self._active:
            self._begin()
            return
        self._warning.set_words(self._window.pack.ui.timeout)  # the language may have changed
        self._warning.begin(self._warn_seconds)

    def _dismiss_warning(self) -> None:
        if self._warning is not None and isValid(self._warning):
            self._warning.dismiss()

    # --- the loop -----------------------------------------------------------------------
    def _begin(self) -> None:
        log.info("idle: attract loop starts")
        self._dismiss_warning()
        self.reset_for_next_visitor()
        self._overlay.set_words(self._window.pack.ui.kiosk)  # the language may have changed
        self._active = True
        self._overlay.set_paused(False)
        self._overlay.set_pause_visible(not self._staff_paused)
        self._overlay.show()
        self._overlay.raise_()
        self._show_posters()
        self._apply_rotation()
        self.started.emit()

    def _rotation(self) -> tuple[str, ...]:
        window = self._window
        posters = window.poster_panel_ids()
        return posters or PANEL_IDS

    def _show_posters(self) -> None:
        """Full-screen posters, the hint kept clear below them, starting at the first."""
        window = self._window
        window.set_poster_mode(True, self._overlay.band.height())
        self._overlay.relayout()  # the header is gone: the band keeps its place above the footer
        first = self._rotation()[0]
        if window.current_panel_id != first:
            window.show_panel(first)
        window.panel(first).reset()

    def _end(self) -> None:
        log.info("input: attract loop stops")
        self._active = False
        self._rotate.stop()
        self._tick.stop()
        self.fade.stop()
        self._land_on_overview()
        # Hidden on the next turn of the event loop: the tap that woke the kiosk still lands
        # on the overlay and does not also press the button beneath it.
        QTimer.singleShot(0, self._hide_overlay)
        self.stopped.emit()

    def _hide_overlay(self) -> None:
        if not self._active and isValid(self._overlay):
            self._overlay.hide()

    def _apply_rotation(self) -> None:
        if self._active and not self._staff_paused and not self._overlay.paused:
            self._rotate.start()
            self._tick.start()
        else:
            self._rotate.stop()
            self._tick.stop()

    def _on_visitor_pause(self, _paused: bool) -> None:
        self._apply_rotation()

    def reset_for_next_visitor(self) -> None:
        """Overview, default language, every built panel reset, nothing left open."""
        QToolTip.hideText()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        for callback in self._on_reset:
            callback()
        # The next visitor gets the clinic's defaults: text size, theme and language.
        self._window.reset_for_next_visitor()
        if self._default_lang and self._window.language != self._default_lang:
            try:
                self._window.set_language(self._default_lang)
            except Exception:  # a missing translation must not stop the loop
                log.exception("could not return to the default language %r", self._default_lang)
        self._drop_focus()

    def _land_on_overview(self) -> None:
        """Whatever poster was up, a touch starts the visit at the Overview's top, in the
        default language, with the header back."""
        window = self._window
        try:
            window.reset_for_next_visitor()
            if self._default_lang and window.language != self._default_lang:
                window.set_language(self._default_lang)
        except Exception:  # the visitor must get a working screen whatever failed here
            log.exception("could not return to the Overview after the attract loop")
            window.set_poster_mode(False)
        self._drop_focus()

    def _drop_focus(self) -> None:
        """No focus ring left on a tab the loop has moved away from (it reads as "selected")."""
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self._window:
            focus.clearFocus()

    def _step(self) -> None:
        window = self._window
        rotation = self._rotation()
        current = window.current_panel_id
        next_id = rotation[(rotation.index(current) + 1) % len(rotation)] if current in rotation \
            else rotation[0]

        def show() -> None:
            window.show_panel(next_id)
            window.panel(next_id).reset()

        self.fade.change(show, animate=not window.reduce_motion)
        self._drop_focus()
        self._tick.start()  # a full tick interval on the new panel before its first step
        self.rotated.emit(next_id)

    def _tick_panel(self) -> None:
        self._window.panel(self._window.current_panel_id).attract_tick()

    # --- input --------------------------------------------------------------------------
    def _on_pause_control(self, watched: QObject, event: QEvent) -> bool:
        """A press on the pause/play control pauses the loop instead of ending it."""
        overlay = self._overlay
        if watched is overlay.pause_button:
            return True
        if not watched.isWindowType():
            return False
        pos = event_position(event)
        return pos is not None and overlay.pause_contains(pos.x(), pos.y())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS:
            if self._active and isValid(self._overlay) and self._on_pause_control(watched, event):
                self._idle.start()
            else:
                self.input_seen()
        return False
