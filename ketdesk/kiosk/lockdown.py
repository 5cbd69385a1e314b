"""Lock the app down for unattended use.

- The window refuses to close (window manager close, Alt+F4 through the WM, ``close()``).
- Escape, Alt+F4, Ctrl+F4, Ctrl+Q and Ctrl+W are swallowed before any shortcut sees them.
- No context menus and no hover tooltips; a tap on something that has a tooltip shows it
  instead (a finger cannot hover).

Only the staff menu, after the right PIN, ``release()``s the lock.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QToolTip, QWidget
from shiboken6 import isValid

from ketdesk.kiosk.app_events import unwatch_app, watch_app

log = logging.getLogger(__name__)

# What the lockdown's filter acts on (eventFilter below); no other event reaches it.
_LOCKED_EVENTS = (QEvent.Type.Close, QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride,
                  QEvent.Type.ContextMenu, QEvent.Type.ToolTip, QEvent.Type.WhatsThis,
                  QEvent.Type.MouseButtonRelease)

_MODS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
         | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.MetaModifier)


def refused_key(event: QKeyEvent) -> str:
    """The name of the exit key this event is, or "" if it is an ordinary key."""
    key = event.key()
    mods = event.modifiers() & _MODS
    ctrl, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
    if key == Qt.Key.Key_Escape:
        return "Escape"
    if key == Qt.Key.Key_F4 and mods & (alt | ctrl):
        return "Alt+F4" if mods & alt else "Ctrl+F4"
    if mods == ctrl and key in (Qt.Key.Key_Q, Qt.Key.Key_W):
        return "Ctrl+Q" if key == Qt.Key.Key_Q else "Ctrl+W"
    for standard in (QKeySequence.StandardKey.Quit, QKeySequence.StandardKey.Close):
        if event.matches(standard):
            return QKeySequence(standard).toString()
    return ""


def _inside_escapable() -> bool:
    """Whether keyboard focus is inside a layer Escape closes (the PIN pad)."""
    widget = QApplication.focusWidget()
    while widget is not None:
        if widget.property("escape_closes"):
            return True
        widget = widget.parentWidget()
    return False


def tooltip_at(global_pos: QPoint) -> tuple[str, QWidget | None]:
    """The tooltip a hover would show at this point: a widget's, or a chart item's."""
    widget = QApplication.widgetAt(global_pos)
    node = widget
    while node is not None:
        parent = node.parentWidget()
        if isinstance(parent, QGraphicsView) and node is parent.viewport():
            item = parent.itemAt(node.mapFromGlobal(global_pos))
            while item is not None:
                if item.toolTip():
                    return item.toolTip(), node
                item = item.parentItem()
        if node.toolTip():
            return node.toolTip(), node
        if node.isWindow():
            break
        node = parent
    return "", None


class Lockdown(QObject):
    """Application-wide event filter that also guards the window's close."""

    refused = Signal(str)  # what was refused: "Escape", "Alt+F4", "close", ...

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self._locked = False

    @property
    def locked(self) -> bool:
        return self._locked

    def engage(self) -> None:
        self._locked = True
        # One application filter sees the window's own events too (its close event).
        watch_app(self, _LOCKED_EVENTS)

    def release(self) -> None:
        """Let the window close again (staff exit)."""
        self._locked = False
        unwatch_app(self)

    def _refuse(self, what: str) -> None:
        log.info("kiosk: refused %s", what)
        self.refused.emit(what)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self._locked:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self._window:
            event.ignore()  # a close event is accepted by default: say no explicitly
            self._refuse("close")
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            name = refused_key(event)
            if name == "Escape" and _inside_escapable():
                return False  # Escape closes the PIN pad: it never leaves the app
            if name:
                # Accepting the override keeps any shortcut from firing; the press is eaten.
                event.accept()
                if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
                    self._refuse(name)
                return True
            return False
        if kind in (QEvent.Type.ContextMenu, QEvent.Type.ToolTip, QEvent.Type.WhatsThis):
            return True
        if kind == QEvent.Type.MouseButtonRelease and watched.isWindowType():
            assert isinstance(event, QMouseEvent)
            self._tap_tooltip(event)
        return False

    def _tap_tooltip(self, event: QMouseEvent) -> None:
        global_pos = event.globalPosition().toPoint()
        text, widget = tooltip_at(global_pos)
        if text and widget is not None:
            # After this release has been delivered: a tooltip hides itself on any click.
            QTimer.singleShot(0, lambda: QToolTip.showText(global_pos, text, widget)
                              if isValid(widget) else None)
