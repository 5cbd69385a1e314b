"""Opening hours: when the kiosk is closed, and how long until it opens (no Qt here).

Settings ``opens`` and ``closes`` are clock times "HH:MM"; both empty means always open.
``closes`` before ``opens`` means open across midnight (a night clinic).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def parse_clock(text: str) -> dt.time:
    """``"07:30"`` as a time; anything else (``"7:30"``, ``"24:00"``) is a ValueError."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"opening hours must be HH:MM from 00:00 to 23:59, not {text!r}")
    return dt.time(int(match[1]), int(match[2]))


@dataclass(frozen=True)
class OpeningHours:
    opens: dt.time
    closes: dt.time

    @staticmethod
    def from_settings(opens: str, closes: str) -> OpeningHours | None:
        """None when no hours are set (always open)."""
        if not opens and not closes:
            return None
        return OpeningHours(parse_clock(opens), parse_clock(closes))

    def is_open(self, now: dt.datetime) -> bool:
        clock = now.time()
        if self.opens < self.closes:
            return self.opens <= clock < self.closes
        return clock >= self.opens or clock < self.closes  # open across midnight

    def seconds_until_open(self, now: dt.datetime) -> float:
        """From ``now`` to the next opening time (0 when open now)."""
        if self.is_open(now):
            return 0.0
        opening = dt.datetime.combine(now.date(), self.opens, tzinfo=now.tzinfo)
        if opening <= now:
            opening += dt.timedelta(days=1)
        return (opening - now).total_seconds()

    def seconds_until_close(self, now: dt.datetime) -> float:
        """From ``now`` to the next closing time (0 when closed now)."""
        if not self.is_open(now):
            return 0.0
        closing = dt.datetime.combine(now.date(), self.closes, tzinfo=now.tzinfo)
        if closing <= now:
            closing += dt.timedelta(days=1)
        return (closing - now).total_seconds()
