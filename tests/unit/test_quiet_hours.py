"""Opening hours: parsed strictly, open across midnight, and the wait until opening."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ketdesk import settings as settings_mod
from ketdesk.kiosk.quiet_hours import OpeningHours, parse_clock

DAY = dt.datetime(2026, 12, 3)


@pytest.mark.parametrize("bad", ["7:30", "24:00", "12:60", "noon", "", "07:30:00"])
def test_clock_times_are_strict(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_clock(bad)


def test_day_hours() -> None:
    hours = OpeningHours.from_settings("08:00", "18:00")
    assert hours is not None
    assert hours.is_open(DAY.replace(hour=8))
    assert not hours.is_open(DAY.replace(hour=18))
    assert hours.seconds_until_open(DAY.replace(hour=20)) == 12 * 3600
    assert hours.seconds_until_open(DAY.replace(hour=7, minute=59)) == 60
    assert hours.seconds_until_close(DAY.replace(hour=17)) == 3600


def test_open_across_midnight() -> None:
    hours = OpeningHours.from_settings("20:00", "06:00")
    assert hours is not None
    assert hours.is_open(DAY.replace(hour=23)) and hours.is_open(DAY.replace(hour=1))
    assert not hours.is_open(DAY.replace(hour=12))
    assert OpeningHours.from_settings("", "") is None


@pytest.mark.parametrize(("opens", "closes"), [("08:00", ""), ("08:00", "08:00"), ("8", "18:00")])
def test_settings_refuse_bad_hours(tmp_path: Path, opens: str, closes: str) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(f"[ketdesk]\nopens = {opens}\ncloses = {closes}\n", encoding="utf-8")
    loaded = settings_mod.load(path)
    assert loaded.problem and loaded.settings.opens == ""
