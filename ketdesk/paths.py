"""The one place that resolves bundled resources and the user's directories.

Frozen (PyInstaller) builds unpack data under ``sys._MEIPASS``; a source checkout keeps
``resources/`` beside the package. Both are looked up the same way, never through the
current directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath

from ketdesk import APP_NAME


def resources_root() -> Path:
    """Return the folder that holds ``content/``, ``fonts/`` and ``icons/``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(relative: str) -> Path:
    """Resolve a resource by its relative POSIX path, refusing absolute paths and ``..``."""
    parts = PurePosixPath(relative)
    if parts.is_absolute() or ".." in parts.parts or not parts.parts:
        raise ValueError(f"resource path must be relative and inside resources/: {relative!r}")
    return resources_root().joinpath(*parts.parts)


def builtin_content_dir(lang: str = "en") -> Path:
    """The content pack shipped with the app for one language."""
    return resource(f"content/{lang}")


def _xdg_dir(env_name: str, fallback: str) -> Path:
    base = os.environ.get(env_name)
    return Path(base) if base else Path.home() / fallback


def user_config_dir() -> Path:
    """Where the settings file lives (``KETDESK_CONFIG_DIR`` overrides, for tests and kiosks)."""
    override = os.environ.get("KETDESK_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return _xdg_dir("APPDATA", "AppData/Roaming") / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library/Application Support" / APP_NAME
    return _xdg_dir("XDG_CONFIG_HOME", ".config") / APP_NAME


def user_log_dir() -> Path:
    """Where the log file lives (``KETDESK_LOG_DIR`` overrides)."""
    override = os.environ.get("KETDESK_LOG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return _xdg_dir("LOCALAPPDATA", "AppData/Local") / APP_NAME / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library/Logs" / APP_NAME
    return _xdg_dir("XDG_STATE_HOME", ".local/state") / APP_NAME


def cache_dir() -> Path:
    """What may be thrown away at any time (the parsed content packs): in the state folder
    beside the log, so that ``KETDESK_LOG_DIR``, which tests and kiosks set, moves it too."""
    return user_log_dir() / "cache"


def usage_file() -> Path:
    """The hourly usage counts (docs/privacy.md), in the state folder beside the log."""
    return user_log_dir() / "usage.sqlite3"


def log_file() -> Path:
    return user_log_dir() / "ketdesk.log"


def settings_file() -> Path:
    return user_config_dir() / "settings.ini"


def handout_file(lang: str) -> Path:
    """Where the kiosk's staff menu saves the take-home handout (no file dialog there)."""
    return user_config_dir() / "handouts" / f"handout-{lang}.pdf"


NOTICES_NAME = "THIRD-PARTY-NOTICES.txt"


def app_folder() -> Path | None:
    """The folder of a built app (the one holding the executable), None in a source checkout."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def notices_file() -> Path | None:
    """``THIRD-PARTY-NOTICES.txt`` at the top of a built app's folder (written at build time
    by ``packaging/notices.py``); None in a source checkout, which has no such file."""
    folder = app_folder()
    return folder / NOTICES_NAME if folder is not None else None
