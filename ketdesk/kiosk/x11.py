"""What the X server and its window manager say about one window, and requests to put it back.

Qt knows whether its window is exposed and active, but not which virtual desktop it is on,
whether "show desktop" is on, or whether another client is stacked above it: those live in
EWMH properties (``_NET_WM_DESKTOP``, ``_NET_SHOWING_DESKTOP``, ``_NET_CLIENT_LIST_STACKING``).
This module reads them, and sends the EWMH client messages that undo each escape, over an
Xlib connection of its own (``libX11`` is already loaded by Qt's xcb platform plugin), so
Qt's event queue is never touched. No Qt import: ``ketdesk.kiosk.watchdog`` decides when.

Every call tolerates a window that has just gone away: X errors are ignored, not fatal.
"""

from __future__ import annotations

import ctypes
import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

ALL_DESKTOPS = 0xFFFFFFFF
_IS_VIEWABLE = 2  # XWindowAttributes.map_state
_CLIENT_MESSAGE = 33
_SUBSTRUCTURE_MASK = (1 << 19) | (1 << 20)  # SubstructureNotify | SubstructureRedirect
_SOURCE_PAGER = 2  # EWMH source indication: like a pager, so no focus-stealing prevention
_XA_CARDINAL, _XA_WINDOW, _XA_ATOM = 6, 33, 4
_ADD, _REMOVE = 1, 0


class _ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                ("message_type", ctypes.c_ulong), ("format", ctypes.c_int),
                ("data", ctypes.c_long * 5)]


class _XEvent(ctypes.Union):
    # XEvent is a union padded to 24 longs; XSendEvent copies that many bytes.
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


class _WindowAttributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("border_width", ctypes.c_int), ("depth", ctypes.c_int),
                ("visual", ctypes.c_void_p), ("root", ctypes.c_ulong), ("c_class", ctypes.c_int),
                ("bit_gravity", ctypes.c_int), ("win_gravity", ctypes.c_int),
                ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int),
                ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
                ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
                ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
                ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
# Xlib's default handler ends the process on any error (a window destroyed between two
# calls is enough). Qt's xcb plugin installs a handler that ignores errors too; this one
# does the same and stays referenced for the life of the process.
_ignore_errors = _ERROR_HANDLER(lambda _display, _error: 0)


def _load_xlib() -> Any | None:
    for name in ("libX11.so.6", "libX11.so"):
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        lib.XOpenDisplay.restype = ctypes.c_void_p
        lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        lib.XDefaultRootWindow.restype = ctypes.c_ulong
        lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        lib.XInternAtom.restype = ctypes.c_ulong
        lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        lib.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
        lib.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                             ctypes.POINTER(_WindowAttributes)]
        lib.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                                   ctypes.POINTER(_XEvent)]
        for name_ in ("XMapRaised", "XRaiseWindow"):
            getattr(lib, name_).argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        for name_ in ("XFlush", "XCloseDisplay"):
            getattr(lib, name_).argtypes = [ctypes.c_void_p]
        lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.XFree.argtypes = [ctypes.c_void_p]
        lib.XSetErrorHandler.argtypes = [_ERROR_HANDLER]
        lib.XSetErrorHandler.restype = ctypes.c_void_p
        return lib
    return None


@dataclass(frozen=True)
class WindowFacts:
    """One look at the window; ``None`` where the window manager does not say."""

    viewable: bool
    desktop: int | None  # _NET_WM_DESKTOP (ALL_DESKTOPS = sticky)
    current_desktop: int | None
    showing_desktop: bool
    states: frozenset[str]  # _NET_WM_STATE_* names without the prefix: "FULLSCREEN", "ABOVE"...
    top_client: int | None  # the topmost managed window, from _NET_CLIENT_LIST_STACKING
    active: int | None  # _NET_ACTIVE_WINDOW

    @property
    def on_current_desktop(self) -> bool:
        return self.desktop is None or self.desktop in (ALL_DESKTOPS, self.current_desktop)


class X11:
    """A private Xlib connection to the display Qt uses (``DISPLAY``)."""

    def __init__(self, lib: Any, display: int) -> None:
        self._lib = lib
        self._display = display
        self._root = lib.XDefaultRootWindow(display)
        self._atoms: dict[str, int] = {}
        self._names: dict[int, str] = {}

    @classmethod
    def open(cls, name: str | None = None) -> X11 | None:
        """The connection (to ``name``, by default ``DISPLAY``), or None when there is no X
        server or no libX11."""
        lib = _load_xlib()
        if lib is None:
            log.warning("kiosk: libX11 not found; window-manager checks are off")
            return None
        display = lib.XOpenDisplay(name.encode() if name else None)
        if not display:
            log.warning("kiosk: cannot open the X display; window-manager checks are off")
            return None
        lib.XSetErrorHandler(_ignore_errors)
        return cls(lib, display)

    def close(self) -> None:
        if self._display:
            self._lib.XCloseDisplay(self._display)
            self._display = 0

    # --- reading ----------------------------------------------------------------------
    def atom(self, name: str) -> int:
        if name not in self._atoms:
            value = int(self._lib.XInternAtom(self._display, name.encode("ascii"), 0))
            self._atoms[name] = value
            self._names[value] = name
        return self._atoms[name]

    def _longs(self, window: int, prop: str, kind: int) -> list[int] | None:
        """A 32-bit-format property as a list (Xlib hands those back as C longs)."""
        actual_type, actual_format = ctypes.c_ulong(), ctypes.c_int()
        count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self._lib.XGetWindowProperty(
            self._display, window, self.atom(prop), 0, 4096, 0, kind, ctypes.byref(actual_type),
            ctypes.byref(actual_format), ctypes.byref(count), ctypes.byref(after),
            ctypes.byref(data))
        if status != 0 or not data.value:
            return None
        try:
            if actual_format.value != 32:
                return None
            values = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
            return [values[i] & 0xFFFFFFFF for i in range(count.value)]
        finally:
            self._lib.XFree(data)

    def _one(self, window: int, prop: str, kind: int) -> int | None:
        values = self._longs(window, prop, kind)
        return values[0] if values else None

    def window_manager_running(self) -> bool:
        return self._one(self._root, "_NET_SUPPORTING_WM_CHECK", _XA_WINDOW) is not None

    def facts(self, window: int) -> WindowFacts:
        attributes = _WindowAttributes()
        ok = self._lib.XGetWindowAttributes(self._display, window, ctypes.byref(attributes))
        prefix = "_NET_WM_STATE_"
        states = frozenset(
            self._names.get(a, "").removeprefix(prefix)
            for a in self._longs(window, "_NET_WM_STATE", _XA_ATOM) or [] if self._known(a))
        stacking = self._longs(self._root, "_NET_CLIENT_LIST_STACKING", _XA_WINDOW)
        return WindowFacts(
            viewable=bool(ok) and attributes.map_state == _IS_VIEWABLE,
            desktop=self._one(window, "_NET_WM_DESKTOP", _XA_CARDINAL),
            current_desktop=self._one(self._root, "_NET_CURRENT_DESKTOP", _XA_CARDINAL),
            showing_desktop=bool(self._one(self._root, "_NET_SHOWING_DESKTOP", _XA_CARDINAL)),
            states=states,
            top_client=stacking[-1] if stacking else None,
            active=self._one(self._root, "_NET_ACTIVE_WINDOW", _XA_WINDOW),
        )

    def _known(self, atom: int) -> bool:
        """Whether ``atom`` has a name here (the state atoms are interned up front)."""
        if atom not in self._names:
            for name in ("FULLSCREEN", "ABOVE", "BELOW", "HIDDEN", "STICKY", "SHADED"):
                self.atom(f"_NET_WM_STATE_{name}")
        return atom in self._names

    # --- putting it back --------------------------------------------------------------
    def _send(self, window: int, message: str, *data: int) -> None:
        event = _XEvent()
        event.xclient.type = _CLIENT_MESSAGE
        event.xclient.send_event = 1
        event.xclient.window = window
        event.xclient.message_type = self.atom(message)
        event.xclient.format = 32
        for index, value in enumerate(data):
            event.xclient.data[index] = value
        self._lib.XSendEvent(self._display, self._root, 0, _SUBSTRUCTURE_MASK, ctypes.byref(event))

    def to_all_desktops(self, window: int) -> None:
        self._send(window, "_NET_WM_DESKTOP", ALL_DESKTOPS, _SOURCE_PAGER)

    def leave_show_desktop(self) -> None:
        self._send(self._root, "_NET_SHOWING_DESKTOP", 0)

    def set_states(self, window: int, add: tuple[str, ...], remove: tuple[str, ...]) -> None:
        for action, names in ((_REMOVE, remove), (_ADD, add)):
            for name in names:
                self._send(window, "_NET_WM_STATE", action, self.atom(f"_NET_WM_STATE_{name}"), 0,
                           _SOURCE_PAGER)

    def map_raise_activate(self, window: int) -> None:
        self._lib.XMapRaised(self._display, window)
        self._send(window, "_NET_ACTIVE_WINDOW", _SOURCE_PAGER, 0, 0)

    def flush(self) -> None:
        self._lib.XFlush(self._display)
