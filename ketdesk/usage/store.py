"""The usage counts file: one SQLite table of counts per hour, nothing else (no Qt here).

What is stored is exactly what docs/privacy.md says: for each whole hour (UTC), each kind
of event and each item (a panel id, a language code, a condition card id), how many times
it happened. No time finer than the hour, no order of events, no visitor, no typed text:
an item must be one of a small set of ids the app itself defines, never free text.

The file is SQLite in WAL mode with ``synchronous=NORMAL``: each count is one short
transaction, so a crash or ``kill -9`` loses at most the count being written, never the file.
Its size is capped twice: counts older than ``KEEP_DAYS`` are dropped on opening, and
``max_page_count`` stops the file at ``MAX_BYTES`` (a count that does not fit is dropped
and logged once). Any database error turns counting off for the session; it never stops
the app.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# The kinds of event counted. Add a kind here and in docs/privacy.md, never elsewhere.
EVENTS = ("panel_shown", "language_chosen", "details_opened", "read_aloud_used",
          "handout_requested")
# Items are the app's own ids ("overview", "es", "depression"): short, lower case.
_ITEM = re.compile(r"[a-z0-9_-]{0,40}")
KEEP_DAYS = 400  # a year and a month of counts: enough to compare seasons
MAX_BYTES = 8 * 1024 * 1024  # a year at every event every hour is under 2 MB
_PAGE_SIZE = 4096

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    hour INTEGER NOT NULL,   -- whole hours since 1970-01-01 00:00 UTC
    event TEXT NOT NULL,
    item TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (hour, event, item)
) WITHOUT ROWID
"""


def current_hour(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // 3600)


def hour_text(hour: int) -> str:
    """An hour number as "2026-12-03T11:00Z"."""
    return dt.datetime.fromtimestamp(hour * 3600, dt.UTC).strftime("%Y-%m-%dT%H:00Z")


@dataclass(frozen=True)
class Row:
    hour: int
    event: str
    item: str
    n: int


class UsageStore:
    """Counts per hour in ``path``; ``count`` is the only way in."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._full_logged = False
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: each statement commits on its own unless in BEGIN.
        self._db: sqlite3.Connection | None = sqlite3.connect(path, isolation_level=None,
                                                               timeout=2.0)
        db = self._db
        db.execute(f"PRAGMA page_size={_PAGE_SIZE}")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(f"PRAGMA max_page_count={MAX_BYTES // _PAGE_SIZE}")
        # The WAL is folded back into the file every ~100 pages, so it stays small too.
        db.execute("PRAGMA wal_autocheckpoint=100")
        db.execute(_SCHEMA)
        db.execute("DELETE FROM counts WHERE hour < ?", (current_hour() - KEEP_DAYS * 24,))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def count(self, event: str, item: str = "", now: float | None = None) -> bool:
        """Add one to this hour's count of ``event`` for ``item``; False when not counted."""
        if event not in EVENTS:
            raise ValueError(f"unknown usage event {event!r}")
        if not _ITEM.fullmatch(item):
            raise ValueError(f"usage item must be an app id, not {item!r}")
        if self._db is None:
            return False
        try:
            self._db.execute(
                "INSERT INTO counts (hour, event, item, n) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (hour, event, item) DO UPDATE SET n = n + 1",
                (current_hour(now), event, item))
        except sqlite3.OperationalError as exc:
            if "full" in str(exc):
                if not self._full_logged:
                    log.warning("usage counts: %s is full (%d bytes); counts are dropped",
                                self.path, MAX_BYTES)
                    self._full_logged = True
                return False
            log.warning("usage counts off for this session: %s", exc)
            self.close()
            return False
        except sqlite3.Error as exc:
            log.warning("usage counts off for this session: %s", exc)
            self.close()
            return False
        return True

    def rows(self, since_hour: int = 0) -> Iterator[Row]:
        if self._db is None:
            return
        for hour, event, item, n in self._db.execute(
                "SELECT hour, event, item, n FROM counts WHERE hour >= ? "
                "ORDER BY hour, event, item", (since_hour,)):
            yield Row(hour, event, item, n)

    def daily_totals(self, days: int, now: float | None = None) -> dict[str, list[int]]:
        """Per event, the total of each of the last ``days`` days (UTC), oldest first."""
        today = current_hour(now) // 24
        totals = {event: [0] * days for event in EVENTS}
        for row in self.rows((today - days + 1) * 24):
            totals[row.event][row.hour // 24 - today + days - 1] += row.n
        return totals

    def export_csv(self, target: Path) -> int:
        """Every count as CSV (hour_utc, event, item, count); returns the number of rows."""
        written = 0
        with target.open("w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(["hour_utc", "event", "item", "count"])
            for row in self.rows():
                out.writerow([hour_text(row.hour), row.event, row.item, row.n])
                written += 1
        return written


def open_store(path: Path) -> UsageStore | None:
    """The store at ``path``, or None (counting off, logged) when the file cannot be used."""
    try:
        return UsageStore(path)
    except sqlite3.Error as exc:
        log.warning("usage counts off: %s cannot be opened (%s)", path, exc)
        return None
