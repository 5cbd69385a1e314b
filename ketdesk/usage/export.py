"""``ketdesk --export-usage OUT.csv``: the hourly counts as a spreadsheet, for staff."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from ketdesk import paths
from ketdesk.cli import EXIT_FAILED, EXIT_OK
from ketdesk.usage.store import UsageStore


def run_export(target: Path, source: Path | None = None) -> int:
    source = source or paths.usage_file()
    if not source.exists():
        print(f"ketdesk: no usage counts yet ({source} does not exist)", file=sys.stderr)
        return EXIT_FAILED
    try:
        store = UsageStore(source)
        try:
            rows = store.export_csv(target)
        finally:
            store.close()
    except (OSError, sqlite3.Error) as exc:
        print(f"ketdesk: could not export usage counts to {target}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{rows} hourly counts written to {target}")
    return EXIT_OK
