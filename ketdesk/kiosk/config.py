"""The kiosk's options as one frozen value: the command line beats the settings file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ketdesk.cli import Options
from ketdesk.kiosk.quiet_hours import OpeningHours
from ketdesk.settings import LoadedSettings

CURSOR_HIDE_SECONDS = 3.0
HOLD_SECONDS = 3.0
# How often the shown panel steps its animation while the attract loop runs.
TICK_SECONDS = 4.0


@dataclass(frozen=True)
class KioskConfig:
    pin_hash: str
    screen: int = 0
    idle_timeout: float = 90.0
    rotate_interval: float = 20.0
    tick_interval: float = TICK_SECONDS
    cursor_hide: float = CURSOR_HIDE_SECONDS
    hold_seconds: float = HOLD_SECONDS
    default_lang: str = "en"
    settings_problem: str = ""  # shown in the staff menu
    settings_backup: Path | None = None
    pin_state: Path | None = None  # the PIN lock-out file; None keeps it in memory (tests)
    opening_hours: OpeningHours | None = None  # None: always open (no quiet hours)
    usage_counts: bool = False  # hourly counts of use (docs/privacy.md); on in real runs

    @staticmethod
    def resolve(options: Options, loaded: LoadedSettings, pin_hash: str) -> KioskConfig:
        from ketdesk.kiosk import pin_state

        settings = loaded.settings
        rotate = options.rotate_interval or settings.rotate_interval
        return KioskConfig(
            pin_hash=pin_hash,
            screen=options.screen if options.screen is not None else settings.screen,
            idle_timeout=options.idle_timeout or settings.idle_timeout,
            rotate_interval=rotate,
            # Never more ticks than fit in a panel's turn: at least two steps per panel.
            tick_interval=min(TICK_SECONDS, rotate / 2),
            default_lang=options.lang or settings.lang,
            settings_problem=loaded.problem,
            settings_backup=loaded.backup,
            pin_state=pin_state.default_path(),
            opening_hours=OpeningHours.from_settings(settings.opens, settings.closes),
            usage_counts=settings.usage_counts,
        )


def ms(seconds: float) -> int:
    """Qt timers take whole milliseconds; never 0, which would spin the event loop."""
    return max(1, round(seconds * 1000))
