"""Kiosk start-up, called from ``ketdesk.app.main``: the checks, then the run.

``plan_kiosk`` runs before Qt starts: no PIN means no kiosk (``EXIT_CONFIG``), and no display
means "try again later" (``EXIT_RESTART``, so the systemd unit retries until the X session
is up) instead of Qt aborting. ``run_kiosk`` owns the event loop while the kiosk runs.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ketdesk import paths
from ketdesk.cli import EXIT_CONFIG, EXIT_RESTART, Options
from ketdesk.display import has_display
from ketdesk.kiosk.config import KioskConfig
from ketdesk.kiosk.pin import is_pin_hash, salvage_pin_hash
from ketdesk.kiosk.recovery import Recovery
from ketdesk.logs import FILE_ONLY
from ketdesk.settings import LoadedSettings, settings_file

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ketdesk.kiosk.single_instance import SingleInstance
    from ketdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

NO_PIN = ("kiosk mode needs a staff PIN, and none is set (settings: {path}).\n"
          "Set one with:  ketdesk --set-pin\n"
          "(it asks twice; in a script, pipe the PIN on two lines into it), then start "
          "ketdesk --kiosk again.")
NO_DISPLAY = ("kiosk mode needs a screen, and no display was found (DISPLAY and WAYLAND_DISPLAY "
              "are not set). Exiting with code {code} so a supervisor retries once the "
              "graphical session is up.")


@dataclass(frozen=True)
class KioskPlan:
    config: KioskConfig
    recovery: Recovery


def plan_kiosk(options: Options, loaded: LoadedSettings, argv: Sequence[str]) -> KioskPlan | int:
    """The kiosk's configuration, or the exit code (with a message) when it cannot run."""
    pin_hash = loaded.settings.pin_hash
    if not pin_hash and loaded.problem:
        pin_hash = salvage_pin_hash(loaded.backup)
        if pin_hash:
            log.warning("kept the staff PIN from the unreadable settings file %s", loaded.backup)
    if not is_pin_hash(pin_hash):
        message = NO_PIN.format(path=settings_file())
        if loaded.problem:
            message = f"{loaded.problem}\n{message}"
        log.error("%s", message, extra=FILE_ONLY)
        print(f"ketdesk: {message}", file=sys.stderr)
        return EXIT_CONFIG
    if not has_display():
        message = NO_DISPLAY.format(code=EXIT_RESTART)
        log.error("%s", message, extra=FILE_ONLY)
        print(f"ketdesk: {message}", file=sys.stderr)
        return EXIT_RESTART
    if (sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ
            and os.environ.get("WAYLAND_DISPLAY") and os.environ.get("DISPLAY")):
        # Native Wayland lets no client stay on top or pick its screen; XWayland does.
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        log.info("kiosk mode: using XWayland (QT_QPA_PLATFORM=xcb) for fullscreen on top")
    return KioskPlan(KioskConfig.resolve(options, loaded, pin_hash), Recovery(argv))


def claim_single_instance() -> SingleInstance | None:
    """The instance lock, or None when another kiosk runs (it has been asked to raise)."""
    from ketdesk.kiosk.single_instance import SingleInstance, instance_key

    config_dir = paths.user_config_dir()
    instance = SingleInstance(instance_key(config_dir), config_dir)
    return instance if instance.acquire() else None


def run_kiosk(plan: KioskPlan, app: QApplication, window: MainWindow,
              instance: SingleInstance | None) -> int:
    """Show ``window`` as a kiosk and run the event loop; return the process exit code."""
    from ketdesk.kiosk.controller import Kiosk
    from ketdesk.kiosk.inhibit import Inhibitor
    from ketdesk.kiosk.stop_signals import StopSignals

    recovery = plan.recovery
    if instance is not None:
        # Before anything else can fail: a restart must find the lock free, not held by
        # the very process it restarts in (that one would take itself for another kiosk).
        recovery.cleanups.append(instance.release)
    kiosk = Kiosk(window, plan.config, log_path=paths.log_file())
    if plan.config.usage_counts:
        from ketdesk.usage.hooks import attach
        from ketdesk.usage.store import open_store

        store = open_store(paths.usage_file())
        if store is not None:
            # The attract loop's own turns are not a visitor looking: not counted.
            attach(window, store, unattended=lambda: kiosk.attract.active)
    inhibitor = Inhibitor()
    if instance is not None:
        instance.raise_requested.connect(kiosk.bring_to_front)
    recovery.cleanups.append(inhibitor.release)
    kiosk.watchdog.settled.connect(_tell_keeper_ready)
    kiosk.start()
    inhibitor.inhibit()
    recovery.quit_loop = app.exit
    stop = StopSignals(app.exit)
    stop.install()
    try:
        code = app.exec()
    finally:
        recovery.quit_loop = None
        stop.uninstall()
    log.info("kiosk event loop ended with code %d", code)
    code = recovery.finish(code)
    stop.die()  # a kill ends the process by its signal, now that the socket is gone
    return code


def _tell_keeper_ready() -> None:
    """Tell the keeper (``supervisor``) the window is in front: its notice can go."""
    from ketdesk.kiosk.supervisor import READY_FD_ENV

    fd = os.environ.pop(READY_FD_ENV, "")
    if fd.isdigit():
        try:
            os.write(int(fd), b"ready\n")
            os.close(int(fd))
        except OSError as exc:  # the keeper went away: nothing to tell
            log.info("could not tell the keeper the kiosk is ready: %s", exc)


def run_command(options: Options) -> int:
    """``--set-pin``, ``--install-autostart``, ``--remove-autostart``: no Qt, no window."""
    from ketdesk import settings as settings_mod
    from ketdesk.cli import EXIT_USAGE
    from ketdesk.kiosk import autostart
    from ketdesk.kiosk.pin import set_pin_command

    if options.set_pin:
        return set_pin_command()
    if options.install_autostart and options.remove_autostart:
        print("ketdesk: use --install-autostart or --remove-autostart, not both", file=sys.stderr)
        return EXIT_USAGE
    pin_set = is_pin_hash(settings_mod.load().settings.pin_hash)
    return autostart.autostart_command(options.install_autostart, pin_set=pin_set)
