"""``--install-autostart`` / ``--remove-autostart``: start the kiosk when this user logs in.

Where ``systemd --user`` runs, a user unit with ``Restart=always`` (it also brings the
kiosk back after a crash: the app exits with ``EXIT_RESTART`` = 75 under the unit);
otherwise an XDG autostart entry, which desktop sessions start at log-in (the app then
restarts itself after a crash). Both run ``ketdesk --kiosk``: the frozen executable when
frozen, else ``python -m ketdesk`` with this interpreter.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

UNIT_NAME = "ketdesk-kiosk.service"
DESKTOP_NAME = "ketdesk-kiosk.desktop"
SUPERVISED_ENV = "KETDESK_SUPERVISED"

Runner = Callable[[Sequence[str]], int]


def _run(args: Sequence[str]) -> int:
    try:
        return subprocess.run(list(args), capture_output=True, timeout=15, check=False).returncode
    except (OSError, subprocess.TimeoutExpired):
        return 1


def command() -> list[str]:
    """How to start this ketdesk in kiosk mode."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--kiosk"]
    return [sys.executable, "-m", "ketdesk", "--kiosk"]


def config_home() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME")
    return Path(base) if base else Path.home() / ".config"


def unit_path() -> Path:
    return config_home() / "systemd" / "user" / UNIT_NAME


def desktop_path() -> Path:
    return config_home() / "autostart" / DESKTOP_NAME


def systemd_user_available(run: Runner = _run) -> bool:
    return shutil.which("systemctl") is not None and run(["systemctl", "--user", "show-environment"]) == 0


def _quote_systemd(arg: str) -> str:
    if arg and not any(c in arg for c in " \t\"'\\$%;"):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$").replace("%", "%%") + '"'


def _quote_desktop(arg: str) -> str:
    # Desktop Entry spec: quote arguments with reserved characters; escape " ` $ \ inside.
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg.replace("%", "%%")
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg).replace("%", "%%")
    return f'"{escaped}"'


def unit_text(cmd: Sequence[str]) -> str:
    exec_start = " ".join(_quote_systemd(a) for a in cmd)
    return f"""# Written by `ketdesk --install-autostart`; remove with `ketdesk --remove-autostart`.
[Unit]
Description=ketdesk waiting-room kiosk
PartOf=graphical-session.target
After=graphical-session.target
# Keep trying for as long as it takes: a kiosk has nobody to press "retry".
StartLimitIntervalSec=0

[Service]
ExecStart={exec_start}
Environment={SUPERVISED_ENV}=1
Restart=always
RestartSec=5
# 0 is a staff exit from the staff menu and 3 is "not configured" (no PIN):
# restarting would undo the first and repeat the second forever.
RestartPreventExitStatus=0 3

[Install]
WantedBy=graphical-session.target
"""


def desktop_text(cmd: Sequence[str]) -> str:
    exec_line = " ".join(_quote_desktop(a) for a in cmd)
    return f"""# Written by `ketdesk --install-autostart`; remove with `ketdesk --remove-autostart`.
[Desktop Entry]
Type=Application
Name=ketdesk kiosk
Comment=Ketamine infusion treatment information for the waiting room
Exec={exec_line}
Terminal=false
NoDisplay=true
X-GNOME-Autostart-enabled=true
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def install(*, use_systemd: bool | None = None, run: Runner = _run,
            cmd: Sequence[str] | None = None) -> Path:
    """Write (and with systemd, enable) the autostart entry; return its path."""
    cmd = list(cmd or command())
    if use_systemd is None:
        use_systemd = systemd_user_available(run)
    if use_systemd:
        path = unit_path()
        _write(path, unit_text(cmd))
        run(["systemctl", "--user", "daemon-reload"])
        if run(["systemctl", "--user", "enable", UNIT_NAME]) != 0:
            log.warning("systemctl --user enable %s failed", UNIT_NAME)
    else:
        path = desktop_path()
        _write(path, desktop_text(cmd))
    log.info("autostart installed: %s", path)
    return path


def remove(*, run: Runner = _run) -> list[Path]:
    """Remove whichever autostart entries exist; return the files removed."""
    removed: list[Path] = []
    unit = unit_path()
    if unit.exists():
        run(["systemctl", "--user", "disable", UNIT_NAME])
        unit.unlink()
        run(["systemctl", "--user", "daemon-reload"])
        removed.append(unit)
    desktop = desktop_path()
    if desktop.exists():
        desktop.unlink()
        removed.append(desktop)
    log.info("autostart removed: %s", [str(p) for p in removed])
    return removed


def autostart_command(install_it: bool, *, pin_set: bool, use_systemd: bool | None = None,
                      run: Runner = _run) -> int:
    """The CLI action; returns an exit code."""
    from ketdesk.cli import EXIT_OK

    if install_it:
        path = install(use_systemd=use_systemd, run=run)
        print(f"Kiosk autostart installed: {path}")
        if path.suffix == ".service":
            print(f"Start it now with: systemctl --user start {UNIT_NAME}")
        if not pin_set:
            print("No staff PIN is set yet, so the kiosk will not start: run `ketdesk --set-pin` first.")
        return EXIT_OK
    removed = remove(run=run)
    if removed:
        for path in removed:
            print(f"Removed {path}")
    else:
        print("No kiosk autostart entry was installed.")
    return EXIT_OK
