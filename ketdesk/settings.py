"""User settings: one INI file in the user's config folder, read safely, written atomically.

A corrupt or unreadable file never stops the app: it is copied to ``settings.ini.bak``, the
defaults are used, and ``Settings.load`` reports the problem so staff can be told. A number
that reads but is out of range or not finite (``idle_timeout = 1e12``) costs only itself:
it is logged and its default used, and every other setting is kept.
Writes go to a temporary file that is flushed, synced and renamed over the old one, so a
crash or power cut mid-write leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import configparser
import dataclasses
import logging
import math
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ketdesk import choices, paths

log = logging.getLogger(__name__)

SECTION = "ketdesk"

# The numbers a setting (or the same option on the command line) may take, inclusive. Past
# these a Qt timer overflows (1e12 s), the attract loop spins, or the layout breaks.
LIMITS: dict[str, tuple[float, float]] = {
    "screen": (0, 63),
    "idle_timeout": (5.0, 86_400.0),  # seconds: at most a day
    "rotate_interval": (2.0, 3_600.0),  # seconds: at most an hour
    # The screen's diagonal in inches, for type sized in millimetres (ketdesk.ui.physical);
    # 0 means not set: the screen's own report, else 96 dpi, is used.
    "screen_diagonal_in": (7.0, 100.0),
}
# Settings for which 0 means "not set" rather than a value outside the range.
UNSET_ZERO = frozenset({"screen_diagonal_in"})


def out_of_range(name: str, value: float) -> str:
    """Why ``value`` cannot be setting ``name`` (empty when it can): range and finiteness."""
    low, high = LIMITS[name]
    if name in UNSET_ZERO and value == 0:
        return ""
    if not math.isfinite(value) or not low <= value <= high:
        unset = " (or 0 for not set)" if name in UNSET_ZERO else ""
        return f"must be a number from {low:g} to {high:g}{unset}, not {value:g}"
    return ""


@dataclass(frozen=True)
class Settings:
    lang: str = choices.DEFAULT_LANGUAGE
    text_scale: int = choices.MIN_PERCENT  # percent
    theme: str = choices.STANDARD_THEME
    reduce_motion: bool = False
    clinic_name: str = ""
    content_dir: str = ""  # a custom content pack staff installed; empty for built-in
    kiosk: bool = False
    pin_hash: str = ""  # scrypt, see ketdesk.kiosk.pin
    screen: int = 0
    idle_timeout: float = 90.0
    rotate_interval: float = 20.0
    # Show patients a quiet note when the content's review date has passed (off: only staff
    # and the log are told). The clinic opts in.
    stale_notice: bool = False
    # Watch the custom content folder and show a new, fully valid pack between visitors.
    watch_content: bool = False
    read_aloud: bool = True  # the Listen control, where the device has a voice
    usage_counts: bool = True  # hourly counts for the clinic (docs/privacy.md)
    # Kiosk opening hours, "HH:MM" each; both empty: always open. Outside them the kiosk
    # shows a dark, still screen (closes before opens: open over midnight).
    opens: str = ""
    closes: str = ""
    screen_diagonal_in: float = 0.0  # inches; 0: ask the screen (see ketdesk.ui.physical)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    problem: str = ""  # empty when the file was fine or absent
    backup: Path | None = None


def settings_file() -> Path:
    return paths.settings_file()


def _convert(field_type: str, raw: str) -> Any:
    if field_type == "bool":
        lowered = raw.strip().lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"expected true or false, got {raw!r}")
    if field_type == "int":
        return int(raw)
    if field_type == "float":
        value = float(raw)
        if not math.isfinite(value):
            raise ValueError(f"expected a finite number, got {raw!r}")
        return value
    return raw


def _validate(settings: Settings) -> None:
    languages = choices.installed_languages()
    if settings.lang not in languages:
        raise ValueError(f"lang must be one of {', '.join(languages)}, not {settings.lang!r}")
    if not choices.percent_allowed(settings.text_scale):
        raise ValueError(f"text_scale must be {choices.MIN_PERCENT}..{choices.MAX_PERCENT}, "
                         f"not {settings.text_scale}")
    if settings.theme not in choices.THEME_NAMES:
        raise ValueError(f"theme must be one of {', '.join(choices.THEME_NAMES)}, not {settings.theme!r}")
    if settings.idle_timeout <= 0 or settings.rotate_interval <= 0:
        raise ValueError("idle_timeout and rotate_interval must be more than 0")
    if settings.screen < 0:
        raise ValueError("screen must be 0 or more")
    if bool(settings.opens) != bool(settings.closes):
        raise ValueError("opens and closes must both be set (HH:MM) or both be empty")
    if settings.opens:
        from ketdesk.kiosk.quiet_hours import parse_clock

        if parse_clock(settings.opens) == parse_clock(settings.closes):
            raise ValueError("opens and closes must not be the same time")
    # Range and finiteness of every number (the checks above are the older, looser ones).
    for name in LIMITS:
        problem = out_of_range(name, getattr(settings, name))
        if problem:
            raise ValueError(f"{name} {problem}")


def _number(path: Path, name: str, field_type: str, raw: str) -> Any:
    """A numeric setting, or None (use the default) when it is not a number in range."""
    try:
        value = int(raw) if field_type == "int" else float(raw)
    except ValueError:
        problem = f"must be a number, not {raw.strip()!r}"
    else:
        problem = out_of_range(name, value)
        if not problem:
            return value
    default = getattr(Settings(), name)
    log.warning("settings %s: %s %s; using the default %s", path, name, problem, default)
    return None


def load(path: Path | None = None) -> LoadedSettings:
    """Read settings; on any problem keep a .bak copy and return the defaults with the reason."""
    path = path or settings_file()
    if not path.exists():
        return LoadedSettings(Settings())
    try:
        parser = configparser.ConfigParser(interpolation=None)
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
        values: dict[str, Any] = {}
        section = parser[SECTION] if parser.has_section(SECTION) else {}
        for field in fields(Settings):
            if field.name not in section:
                continue
            raw = section[field.name]
            if field.name in LIMITS:
                number = _number(path, field.name, str(field.type), raw)
                if number is not None:
                    values[field.name] = number
            else:
                values[field.name] = _convert(str(field.type), raw)
        settings = Settings(**values)
        _validate(settings)
        return LoadedSettings(settings)
    except (OSError, UnicodeDecodeError, configparser.Error, ValueError, TypeError) as exc:
        import shutil  # only on this rare path: it is not worth its import at every start

        backup = path.with_name(path.name + ".bak")
        try:
            shutil.copy2(path, backup)
        except OSError:
            backup = None  # type: ignore[assignment]
        message = (f"The settings file {path} could not be read ({exc}). "
                   f"Defaults are in use; the old file was kept as {backup}.")
        log.warning(message)
        return LoadedSettings(Settings(), message, backup)


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write settings atomically (temp file, fsync, rename)."""
    _validate(settings)
    path = path or settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    parser = configparser.ConfigParser(interpolation=None)
    parser[SECTION] = {f.name: str(getattr(settings, f.name)).lower()
                       if isinstance(getattr(settings, f.name), bool)
                       else str(getattr(settings, f.name)) for f in fields(Settings)}
    import tempfile  # saving is rare (staff set-up); starting is not

    fd, tmp_name = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            parser.write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):
        # Sync the folder too, so the rename itself survives a power cut.
        dir_fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return path
