"""The usage counts file: hourly counts only, capped, and whole after a kill -9."""

from __future__ import annotations

import csv
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ketdesk.usage import store
from ketdesk.usage.store import UsageStore, current_hour

HOUR = 3600.0
T0 = 1_796_000_000.0  # a fixed moment, so counts fall in known hours


def test_counts_add_up_per_hour_and_never_finer(tmp_path: Path) -> None:
    db = UsageStore(tmp_path / "u.sqlite3")
    db.count("panel_shown", "overview", now=T0)
    db.count("panel_shown", "overview", now=T0 + 60)  # same hour: one row, two counts
    db.count("panel_shown", "overview", now=T0 + HOUR)
    db.count("language_chosen", "es", now=T0)
    rows = list(db.rows())
    assert [(r.event, r.item, r.n) for r in rows] == [
        ("language_chosen", "es", 1), ("panel_shown", "overview", 2), ("panel_shown", "overview", 1)]
    # Only whole hours are stored: the columns hold nothing else.
    columns = [c[1] for c in sqlite3.connect(tmp_path / "u.sqlite3").execute(
        "PRAGMA table_info(counts)")]
    assert columns == ["hour", "event", "item", "n"]
    assert all(r.hour == current_hour(T0) or r.hour == current_hour(T0) + 1 for r in rows)


@pytest.mark.parametrize("item", ["Hello there", "x" * 41, "Ana@example", "../etc"])
def test_free_text_is_refused(tmp_path: Path, item: str) -> None:
    db = UsageStore(tmp_path / "u.sqlite3")
    with pytest.raises(ValueError):
        db.count("panel_shown", item)
    with pytest.raises(ValueError):
        db.count("typed_text", "overview")
    assert list(db.rows()) == []


def test_file_is_wal_and_old_counts_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    db = UsageStore(path)
    db.count("panel_shown", "overview", now=0.0)  # 1970: older than KEEP_DAYS
    db.count("panel_shown", "overview")
    db.close()
    again = UsageStore(path)
    assert [r.n for r in again.rows()] == [1]
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_full_file_drops_counts_and_keeps_going(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(store, "MAX_BYTES", 4 * 4096)  # four pages
    db = UsageStore(tmp_path / "u.sqlite3")
    results = [db.count("details_opened", f"c{i}", now=T0) for i in range(2000)]
    assert results[0] and not results[-1]
    assert (tmp_path / "u.sqlite3").stat().st_size <= 4 * 4096


def test_export_csv(tmp_path: Path) -> None:
    db = UsageStore(tmp_path / "u.sqlite3")
    db.count("read_aloud_used", "overview", now=T0)
    assert db.export_csv(tmp_path / "out.csv") == 1
    with (tmp_path / "out.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["hour_utc", "event", "item", "count"]
    assert rows[1][1:] == ["read_aloud_used", "overview", "1"]
    assert rows[1][0].endswith(":00Z")


def test_daily_totals_for_the_chart(tmp_path: Path) -> None:
    db = UsageStore(tmp_path / "u.sqlite3")
    db.count("panel_shown", "overview", now=T0)
    db.count("panel_shown", "risks", now=T0 - 24 * HOUR)
    totals = db.daily_totals(7, now=T0)
    assert totals["panel_shown"][-1] == 1 and totals["panel_shown"][-2] == 1
    assert sum(totals["language_chosen"]) == 0


def test_survives_kill_9_mid_writing(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    writer = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from ketdesk.usage.store import UsageStore
        db = UsageStore(Path({str(path)!r}))
        i = 0
        while True:
            db.count("panel_shown", f"p{{i % 50}}", now=1_796_000_000.0 + (i // 50) * 3600)
            i += 1
            if i == 200:
                print("writing", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"writing"  # well into its writes
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT SUM(n) FROM counts").fetchone()[0] >= 200
    con.close()
    db = UsageStore(path)  # and the app opens it and counts on
    assert db.count("panel_shown", "overview")


def test_export_usage_command(tmp_path: Path, capsys) -> None:
    from ketdesk.app import main

    assert main(["--export-usage", str(tmp_path / "out.csv")]) == 1  # nothing counted yet
    assert "no usage counts yet" in capsys.readouterr().err
    from ketdesk import paths

    db = UsageStore(paths.usage_file())
    db.count("language_chosen", "es", now=T0)
    db.close()
    assert main(["--export-usage", str(tmp_path / "out.csv")]) == 0
    assert "1 hourly counts written" in capsys.readouterr().out
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[1].endswith(
        ",language_chosen,es,1")
