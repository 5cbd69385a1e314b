"""Bounds on every number, text and list: a range a real study or clinic could need.

A people count of 10**18 segfaulted the chart, and a 10,000-character word in a tab label
asked for 4 GB. ``--check-content`` now refuses each with a message naming the allowed range.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import msgspec
import pytest

from ketdesk.content.registry import FILE_TYPES
from ketdesk.content.schema import bounds
from tests.unit.test_loader import problems_of, replace_in


def only_problem(folder: Path, name: str, old: str, new: str) -> tuple[str, int]:
    """Make one edit; return the pack's one problem and the line the edit is on."""
    path = folder / name
    replace_in(path, old, new)
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if new in text)
    return problems[0], line


@pytest.mark.parametrize(("name", "old", "new", "key", "allowed"), [
    ("conditions.toml", "people = 49", f"people = {10**18}", "cards item 1.people",
     "must be from 1 to 10,000,000 people, not 1,000,000,000,000,000,000"),
    ("conditions.toml", "trials = 3", "trials = 0", "cards item 1.trials", "must be from 1 to 10,000 trials"),
    ("timeline.toml", "end = 2016.0 ", "end = 1e12 ", "time_axis.end", "must be from 0.01 to 87,600 hours"),
    ("timeline.toml", "n = 234", "n = 99999999999", "series item 1.points item 1.n",
     "must be from 1 to 10,000,000 people"),
    ("risks.toml", "t_max = 180", "t_max = 1e300", "session.t_max", "must be from 0 to 10,080 minutes"),
    ("risks.toml", "end = 230", "end = -5", "session.lanes item 1.spans item 2.end",
     "must be from 0 to 10,080"),
])
def test_a_number_out_of_range_names_the_range(pack_copy: Path, name: str, old: str, new: str, key: str,
                                              allowed: str) -> None:
    problem, line = only_problem(pack_copy, name, old, new)
    assert problem.startswith(f"{pack_copy / name}:{line}: {key}: {allowed}"), problem


@pytest.mark.parametrize(("length", "message"), [
    (100, "has a word of 100 characters ('WWWW"),
    (10_000, "is 10,000 characters long, more than the 1,000 allowed"),
])
def test_a_huge_word_is_refused(pack_copy: Path, length: int, message: str) -> None:
    problem, line = only_problem(pack_copy, "overview.toml", 'tab = "Overview"', f'tab = "{"W" * length}"')
    assert f"overview.toml:{line}: tab: {message}" in problem


def test_a_huge_text_is_refused(pack_copy: Path) -> None:
    problem, line = only_problem(pack_copy, "overview.toml", 'tab = "Overview"',
                                 f'tab = "{"Overview " * 500}"')
    assert f"overview.toml:{line}: tab: is 4,500 characters long, more than the 1,000 allowed" in problem


def test_a_long_locator_is_allowed_but_not_a_huge_one(pack_copy: Path) -> None:
    path = pack_copy / "sources.toml"
    long_url = "https://example.org/" + "a" * 200
    replace_in(path, 'doi = "', f'url = "{long_url}"\ndoi = "')
    assert problems_of(pack_copy) == []
    replace_in(path, long_url, "https://example.org/" + "a" * 400)
    problems = problems_of(pack_copy)
    assert len(problems) == 1 and "more than the 300 allowed" in problems[0]


def test_twenty_thousand_source_ids_are_one_problem(pack_copy: Path) -> None:
    ids = ", ".join(f'"nobody{i}"' for i in range(20_000))
    problem, _line = only_problem(pack_copy, "overview.toml", 'sources = ["ketalar-label"]',
                                  f"sources = [{ids}]")
    # The line is the claim's block: claims are written inline, where lines are not indexed.
    assert "blocks item 1.claims item 1.sources: lists 20,000 items, more than the 200 allowed" in problem


@pytest.mark.parametrize("date", ["1900-01-01", "2999-12-31"])
def test_review_date_out_of_range(pack_copy: Path, date: str) -> None:
    problem, _line = only_problem(pack_copy, "meta.toml", "last_reviewed = 2026-11-27",
                                  f"last_reviewed = {date}")
    assert "last_reviewed must be a date from 2000 to 2100" in problem


# Numbers checked in the type's own __post_init__ rather than with a range on the field.
CHECKED_IN_POST_INIT = {("Source", "year"), ("IconRow", "value"), ("IconRow", "low"), ("IconRow", "high")}


def numeric_fields(tp: Any, seen: set[type]) -> typing.Iterator[tuple[str, str, Any]]:
    """(type name, field name, annotation) of every int or float field reachable from ``tp``."""
    origin = get_origin(tp)
    if origin is Annotated:
        return
    if origin in (tuple, list, Union, types.UnionType):
        for arg in get_args(tp):
            yield from numeric_fields(arg, seen)
        return
    if not (isinstance(tp, type) and issubclass(tp, msgspec.Struct)) or tp in seen:
        return
    seen.add(tp)
    for name, hint in typing.get_type_hints(tp, include_extras=True).items():
        plain = [a for a in (get_args(hint) if get_origin(hint) in (Union, types.UnionType) else (hint,))
                 if a is not type(None)]
        if any(a in (int, float) for a in plain):
            yield tp.__name__, name, hint
        yield from numeric_fields(hint, seen)


def test_every_number_in_the_schema_has_a_range() -> None:
    seen: set[type] = set()
    unbounded = [f"{owner}.{name}" for tp in FILE_TYPES.values()
                 for owner, name, _hint in numeric_fields(tp, seen)
                 if (owner, name) not in CHECKED_IN_POST_INIT]
    assert unbounded == []
    assert len(seen) > 30  # the walk reached the nested types


def test_range_words() -> None:
    meta = msgspec.Meta(ge=1, le=10, description="people")
    assert bounds.range_problem(5, meta) is None
    assert bounds.range_problem(11, meta) == "must be from 1 to 10 people, not 11"
    assert bounds.range_problem(float("nan"), meta) == "must be a finite number (nan and inf are not allowed)"
    assert bounds.range_problem(-1, msgspec.Meta(ge=0)) == "must be at least 0, not -1"
