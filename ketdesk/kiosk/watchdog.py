"""Keep the kiosk window in front, whatever the window manager or another X client does.

Events alone are not enough: Qt tells us when its window is minimised or leaves
fullscreen, but a desktop switch, "show desktop", "send to desktop", a layer change or
another client unmapping the window only change X properties Qt does not report. So a
timer looks a few times a second; anything wrong for longer than ``GRACE_SECONDS`` (our own
restore takes a moment to settle, and a visitor never sees that long) is put back:
un-iconify, fullscreen, on every desktop, out of "show desktop", above, mapped, raised,
active.

On X11 the window also holds a keyboard grab (an active ``XGrabKeyboard`` through
``QWindow.setKeyboardGrabEnabled``) so the window manager's key bindings (Ctrl+Alt+Right,
Super+D, Alt+Space) never reach it. An unmap ends a grab, and so does a Qt popup closing, so
the grab is taken again on each look. The staff PIN pad is part of the same window, so it
types through the grab and nothing needs releasing around it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from ketdesk.kiosk.config import ms
from ketdesk.kiosk.x11 import ALL_DESKTOPS, X11, WindowFacts

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 0.25
GRACE_SECONDS = 0.5


def qt_problems(window: QWidget) -> list[str]:
    """What is wrong with the window as far as Qt knows (any platform)."""
    problems = []
    state = window.windowState()
    handle = window.windowHandle()
    if not window.isVisible():
        problems.append("hidden")
    elif handle is not None and not handle.isExposed():
        problems.append("not exposed")
    if state & Qt.WindowState.WindowMinimized:
        problems.append("minimised")
    if not state & Qt.WindowState.WindowFullScreen:
        problems.append("not fullscreen")
    if QGuiApplication.focusWindow() is None:
        problems.append("not active")
    return problems


def x11_problems(facts: WindowFacts, ours: set[int], managed: bool) -> list[str]:
    """What is wrong as the X server and the window manager (if ``managed``) see it."""
    problems = []
    if not facts.viewable:
        problems.append("unmapped")
    if not managed:
        return problems
    if facts.desktop != ALL_DESKTOPS:
        problems.append("not on every desktop" if facts.on_current_desktop
                        else "not on the current desktop")
    if facts.showing_desktop:
        problems.append("show desktop is on")
    if "FULLSCREEN" not in facts.states:
        problems.append("not fullscreen for the window manager")
    if "ABOVE" not in facts.states or "BELOW" in facts.states:
        problems.append("not in the top layer")
    if facts.top_client is not None and facts.top_client not in ours:
        problems.append("another window is on top")
    if facts.active is not None and facts.active not in ours:
        problems.append("another window is active")
    return problems


class Watchdog(QObject):
    """Looks at the kiosk window every ``interval`` seconds while kiosk mode runs."""

    restored = Signal(str)  # what was wrong, e.g. "unmapped, not on the current desktop"
    grab_changed = Signal(bool)  # the keyboard grab was taken (True) or lost (False)
    settled = Signal()  # the first look that found the window in front, after start

    def __init__(self, window: QWidget, put_back: Callable[[], None], *,
                 interval: float = INTERVAL_SECONDS, grace: float = GRACE_SECONDS,
                 clock: Callable[[], float] = time.monotonic,
                 open_x11: Callable[[], X11 | None] = X11.open) -> None:
        super().__init__(window)
        self._window = window
        self._put_back = put_back  # the Qt side: KioskWindowMode.apply
        self._grace = grace
        self._clock = clock
        self._open_x11 = open_x11
        self._x11: X11 | None = None
        self._wrong_since: float | None = None
        self._grabbed = False
        self._last_what = ""
        self._settled = False
        self._timer = QTimer(self)
        self._timer.setInterval(ms(interval))
        self._timer.timeout.connect(self.check)
        self.restores = 0

    @property
    def grabbing(self) -> bool:
        return self._grabbed

    @property
    def watching(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        if QGuiApplication.platformName() == "xcb":
            self._x11 = self._open_x11()
        self._timer.start()
        # The X server ends a grab without a word when its window stops being viewable (an
        # unmap, another desktop): taken back the moment the window is back, not at the next
        # look a second later, in which a window-manager key would still work.
        self._window.installEventFilter(self)

    _REGRAB_ON = (QEvent.Type.WindowActivate, QEvent.Type.Show)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._window and event.type() in self._REGRAB_ON and self.watching:
            self._keep_grab()
        return False

    def set_interval(self, seconds: float) -> None:
        """Check less often (quiet hours: once a minute) or as usual again; the grab stays."""
        self._timer.setInterval(ms(seconds))

    def stop(self) -> None:
        self._window.removeEventFilter(self)
        self._timer.stop()
        self._set_grab(False)
        if self._x11 is not None:
            self._x11.close()
            self._x11 = None
        self._wrong_since = None

    # --- the look ---------------------------------------------------------------------
    def _ours(self) -> set[int]:
        return {int(w.winId()) for w in QGuiApplication.topLevelWindows() if w.isVisible()}

    def _native_id(self) -> int:
        """The X window shown now. Not ``QWidget.winId()``: after ``setWindowFlags`` (kiosk
        mode's frameless, on-top flags) that still names the first native window, which is
        never mapped, so every look found the window "unmapped" and put it back, about
        once a second for as long as the kiosk ran. (``ketdesk --kiosk`` sets the flags
        before the first show, so its ids agree; a window shown first, as in the soak
        benchmarks, hit this.)"""
        handle = self._window.windowHandle()
        return int(handle.winId()) if handle is not None else int(self._window.winId())

    def problems(self) -> list[str]:
        problems = qt_problems(self._window)
        if self._x11 is not None and self._window.windowHandle() is not None:
            facts = self._x11.facts(self._native_id())
            problems += x11_problems(facts, self._ours(), self._x11.window_manager_running())
        return problems

    def check(self) -> None:
        if not self.watching:
            return  # staff exit: the window may go now
        problems = self.problems()
        # At every look, not only once all is well: the window manager's bindings work for
        # as long as nobody holds the keyboard, so it is taken back as soon as the X server
        # lets us (it refuses while the window is not viewable).
        self._keep_grab()
        if not problems:
            if self._wrong_since is not None or self._last_what:
                log.info("kiosk window is back in front")
            self._wrong_since = None
            self._last_what = ""
            if not self._settled:
                self._settled = True
                self.settled.emit()
            return
        now = self._clock()
        if self._wrong_since is None:
            self._wrong_since = now
        if now - self._wrong_since < self._grace:
            return
        what = ", ".join(problems)
        # Once per kind of escape, not at every look: a WM that keeps undoing us must not
        # fill the log.
        if what != self._last_what:
            log.warning("kiosk window %s; putting it back", what)
            self._last_what = what
        self.restores += 1
        self._restore(problems)
        self._wrong_since = None
        self.restored.emit(what)

    def _restore(self, problems: list[str]) -> None:
        if {"hidden", "minimised", "not fullscreen"} & set(problems):
            self._put_back()
        x11 = self._x11
        if x11 is not None:
            window = self._native_id()
            if x11.window_manager_running():
                # A window another client unmapped is withdrawn: the WM forgets its state,
                # so every state is asked for again after the map below (messages keep order).
                x11.map_raise_activate(window)
                x11.leave_show_desktop()
                x11.to_all_desktops(window)
                x11.set_states(window, add=("FULLSCREEN", "ABOVE"), remove=("BELOW", "HIDDEN"))
            else:
                x11.map_raise_activate(window)
            x11.flush()
        self._window.activateWindow()
        self._set_grab(True)  # an unmap ended it

    # --- the keyboard grab ------------------------------------------------------------
    def _keep_grab(self) -> None:
        # A Qt popup holds its own grab while it is open; it gives it up when it closes.
        if self._x11 is not None and QApplication.activePopupWidget() is None:
            self._set_grab(True)

    def _set_grab(self, on: bool) -> None:
        handle = self._window.windowHandle()
        if handle is None or QGuiApplication.platformName() != "xcb":
            return
        was = self._grabbed
        self._grabbed = bool(handle.setKeyboardGrabEnabled(on)) and on
        if self._grabbed != was:
            log.info("kiosk: keyboard grab %s", "taken" if self._grabbed else "released or lost")
            self.grab_changed.emit(self._grabbed)
