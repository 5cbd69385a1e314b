"""timeline.toml: the shipped chart content is consistent, and bad chart content is refused."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import msgspec
import pytest

from ketdesk.content.schema.timeline import HOURS_PER_UNIT, TimelineContent
from tests.conftest import BUILTIN_EN

WORDS = ["40 min", "4 hours", "1 day", "3 days", "1 week", "2 weeks", "4 weeks", "8 weeks", "12 weeks"]
PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


def raw() -> dict[str, Any]:
    with open(BUILTIN_EN / "timeline.toml", "rb") as fh:
        return tomllib.load(fh)


def convert(data: dict[str, Any]) -> TimelineContent:
    return msgspec.convert(data, TimelineContent)


def test_time_axis_is_30_minutes_to_12_weeks_ticked_in_words(pack) -> None:
    axis = pack.content(TimelineContent).time_axis
    assert axis.start == 0.5 and axis.end == 12 * 168
    assert [t.label for t in axis.ticks] == WORDS
    assert all(axis.start <= t.at <= axis.end for t in axis.ticks)
    assert pack.content(TimelineContent).value_axis.denominator == 10
    assert "out of 10" in pack.content(TimelineContent).value_axis.label


def test_every_result_is_its_percentage_out_of_10(pack) -> None:
    """One denominator: a plotted value is a percentage in the point's own words, divided by 10."""
    for series in pack.content(TimelineContent).series:
        for point in series.points:
            values = [v for v in (point.y, point.low, point.high) if v is not None]
            percents = [float(p) / 10 for p in PERCENT.findall(point.label)]
            for value in values:
                assert any(abs(value - p) <= 0.06 for p in percents), (series.id, point.when, value)


def test_events_carry_no_numbers(pack) -> None:
    for series in pack.content(TimelineContent).series:
        for point in series.points:
            if not point.has_value:
                assert not PERCENT.search(point.tag), point.tag


def test_one_infusion_about_half_with_comparison(pack) -> None:
    one = next(s for s in pack.content(TimelineContent).series if s.id == "ketamine-one")
    day1 = one.points[0]
    assert pack.content(TimelineContent).hours(one, day1.t) == 24
    assert day1.y == 5.2 and "52%" in day1.label and "18%" in day1.comparison
    # No pooled percentage exists before 24 h: the first hours are an event, not a number.
    onset = next(s for s in pack.content(TimelineContent).series if s.id == "ketamine-onset").points[0]
    assert not onset.has_value and onset.t_end == 4.0


def test_every_point_in_range_and_cited(pack) -> None:
    known = {s.id for s in pack.sources.sources}
    axis = pack.content(TimelineContent).time_axis
    for series in pack.content(TimelineContent).series:
        for point in series.points:
            hours = point.t * HOURS_PER_UNIT[series.time_unit]
            assert axis.start <= hours <= axis.end
            assert set(point.all_sources) <= known


def test_clinic_claim_sits_beside_study_ranges(pack) -> None:
    claim = pack.content(TimelineContent).clinic_claim
    claimed = [r for r in claim.rows if r.claim]
    assert len(claimed) == 1 and (claimed[0].low, claimed[0].high) == (6.0, 8.0)
    assert not claimed[0].sources
    assert all(r.sources for r in claim.rows if not r.claim)


def test_unsorted_ticks_are_refused() -> None:
    data = raw()
    ticks = data["time_axis"]["ticks"]
    ticks[0], ticks[1] = ticks[1], ticks[0]
    with pytest.raises(msgspec.ValidationError, match="increasing order"):
        convert(data)


def test_tick_outside_the_axis_is_refused() -> None:
    data = raw()
    data["time_axis"]["ticks"].append({"at": 5000.0, "label": "30 weeks"})
    with pytest.raises(msgspec.ValidationError, match="outside the axis range"):
        convert(data)


def test_point_outside_the_axis_is_refused() -> None:
    data = raw()
    pills = next(s for s in data["series"] if s["id"] == "pills")
    pills["points"][-1]["t"] = 14.0  # weeks: past the 12-week axis
    with pytest.raises(msgspec.ValidationError, match="outside the time axis"):
        convert(data)


def test_value_above_the_denominator_is_refused() -> None:
    data = raw()
    one = next(s for s in data["series"] if s["id"] == "ketamine-one")
    one["points"][1]["y"] = 47.9  # a percentage where people out of 10 belong
    with pytest.raises(msgspec.ValidationError, match="outside 0-10"):
        convert(data)


def test_unknown_legend_is_refused() -> None:
    data = raw()
    data["series"][0]["legend"] = "nope"
    with pytest.raises(msgspec.ValidationError, match="unknown legend entry"):
        convert(data)


def test_time_span_cannot_carry_a_number() -> None:
    data = raw()
    data["series"][0]["points"][0]["y"] = 3.0
    with pytest.raises(msgspec.ValidationError, match="event"):
        convert(data)


def test_clinic_claim_needs_its_claim_row() -> None:
    data = raw()
    for row in data["clinic_claim"]["rows"]:
        row.pop("claim", None)
    with pytest.raises(msgspec.ValidationError, match="claim = true"):
        convert(data)


def test_controls_patterns_need_their_placeholders() -> None:
    data = raw()
    data["controls"]["tip_source"] = "Source: {citation}"
    with pytest.raises(msgspec.ValidationError, match="number"):
        convert(data)
