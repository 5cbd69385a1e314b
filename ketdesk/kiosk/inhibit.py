"""Keep the screen saver and display sleep away while the kiosk runs.

- Linux desktops: ``org.freedesktop.ScreenSaver.Inhibit`` on the session bus, over QtDBus
  (imported only here, only on Linux). The inhibition ends by itself if the app dies,
  because it is tied to the bus connection.
- A bare X session has no such service; there ``xset s off -dpms`` turns off the X
  server's own blanking, if ``xset`` is installed.
- Windows: ``SetThreadExecutionState`` (display and system required) through ctypes.

Anything else (no bus, no service, macOS) is logged once and otherwise ignored: a kiosk
that may blank is still better than one that does not start.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from typing import Any

log = logging.getLogger(__name__)

REASON = "ketdesk kiosk mode is showing patient information"
_SERVICES = (("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
             ("org.freedesktop.ScreenSaver", "/ScreenSaver"))

# winbase.h
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


class Inhibitor:
    """``inhibit()`` once at kiosk start, ``release()`` at exit; ``method`` says what worked."""

    def __init__(self, *, platform: str | None = None, kernel32: Any = None,
                 bus: Any = None, run: Any = subprocess.run) -> None:
        self._platform = platform or sys.platform
        self._kernel32 = kernel32
        self._bus = bus
        self._run = run
        self._cookie: int | None = None
        self._interface: Any = None
        self.method = ""

    def inhibit(self) -> str:
        """Try each way that fits the platform; return the one that worked ("" if none)."""
        try:
            if self._platform == "win32":
                self.method = self._windows()
            elif self._platform.startswith("linux"):
                self.method = self._dbus() or self._xset()
        except Exception:  # never let this stop the kiosk
            log.exception("screen saver inhibit failed")
            self.method = ""
        if self.method:
            log.info("screen saver and display sleep inhibited via %s", self.method)
        else:
            log.warning("could not inhibit the screen saver on %s; the screen may blank "
                        "(turn blanking off in the system settings)", self._platform)
        return self.method

    def release(self) -> None:
        try:
            if self.method == "SetThreadExecutionState" and self._kernel32 is not None:
                self._kernel32.SetThreadExecutionState(ES_CONTINUOUS)
            elif self.method.startswith("D-Bus") and self._interface is not None:
                self._interface.call("UnInhibit", self._cookie)
        except Exception:
            log.exception("releasing the screen saver inhibit failed")
        self.method = ""

    # --- back ends --------------------------------------------------------------------
    def _windows(self) -> str:
        if self._kernel32 is None:
            import ctypes

            self._kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        flags = ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED
        if not self._kernel32.SetThreadExecutionState(flags):
            log.info("SetThreadExecutionState refused")
            return ""
        return "SetThreadExecutionState"

    def _dbus(self) -> str:
        from PySide6.QtCore import QCoreApplication

        if QCoreApplication.instance() is None:
            return ""
        from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

        bus = self._bus if self._bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info("no D-Bus session bus: %s", bus.lastError().message())
            return ""
        for service, path in _SERVICES:
            interface = QDBusInterface(service, path, "org.freedesktop.ScreenSaver", bus)
            if not interface.isValid():
                continue
            reply = interface.call("Inhibit", "ketdesk", REASON)
            if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
                self._interface = interface
                self._cookie = int(reply.arguments()[0])
                return f"D-Bus {service} {path}"
            log.info("%s %s refused to inhibit: %s", service, path, reply.errorMessage())
        log.info("no org.freedesktop.ScreenSaver service on the session bus")
        return ""

    def _xset(self) -> str:
        if not os.environ.get("DISPLAY") or shutil.which("xset") is None:
            return ""
        result = self._run(["xset", "s", "off", "-dpms"], capture_output=True, timeout=5, check=False)
        if result.returncode != 0:
            log.info("xset failed: %s", (result.stderr or b"").decode(errors="replace").strip())
            return ""
        return "xset s off -dpms"
