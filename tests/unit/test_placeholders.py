"""Content text is never a template: only declared ``{name}`` placeholders are filled.

``{oops}``, ``{0:>999999999}`` and ``{0.__class__}`` once went through ``str.format``: a
KeyError at start-up, a gigabyte of padding, interpreter internals on screen. In a field
that declares placeholders they are now a ``file:line: key: message`` problem; in patient
text they are just characters, shown as typed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ketdesk.content import load_content
from ketdesk.content.placeholders import check_template, fill, template_problem
from ketdesk.content.schema.conditions import ConditionsContent
from ketdesk.content.schema.overview import OverviewContent
from ketdesk.content.schema.timeline import TimelineContent
from tests.unit.test_loader import problems_of, replace_in

HOSTILE = ["{oops}", "{0:>999999999}", "{0.__class__}", "{date.__class__}", "{date!r}", "{}",
           "{date:>{width}}", "{", "}"]


def test_fill_replaces_declared_names_once() -> None:
    assert fill("{count} in 10", count=3) == "3 in 10"
    assert fill("{a} and {a}", a=1) == "1 and 1"
    # A value holding braces is inserted as typed and never filled again.
    assert fill("By {authors}", authors="{0.__class__} {authors}") == "By {0.__class__} {authors}"
    assert fill("{{literal}} {n}", n=2) == "{literal} 2"


def test_fill_never_formats() -> None:
    # Attribute access, conversions and padding are text, not instructions.
    assert fill("{n.__class__} {n!r} {n:>999999999}", n=5) == "{n.__class__} {n!r} {n:>999999999}"


@pytest.mark.parametrize("pattern", HOSTILE)
def test_template_refuses_anything_but_its_names(pattern: str) -> None:
    problem = template_problem(f"Last reviewed: {{date}} {pattern}", ("date",))
    assert problem is not None
    assert "{date}" in problem  # names what the field may use


def test_template_accepts_its_names_in_any_order_and_escaped_braces() -> None:
    check_template("{total}: {current}", ("current", "total"), "x")
    check_template("Back", (), "x")
    check_template("{{ok}} {date}", ("date",), "x")
    with pytest.raises(ValueError, match=re.escape("x must contain {date}")):
        check_template("Last reviewed", ("date",), "x")


@pytest.mark.parametrize("pattern", ["{oops}", "{0:>999999999}", "{0.__class__}"])
@pytest.mark.parametrize(("name", "old", "key"), [
    ("ui.toml", '"Last reviewed: {date}"', "last_reviewed"),
    ("ui.toml", '"Text size {percent}%"', "access"),
    ("timeline.toml", '"Study size: {size}"', "controls"),
    ("risks.toml", '"{t} min"', "controls"),
    ("conditions.toml", '"{label}: {counts}"', "chart"),
    ("mechanism.toml", '"Step {current} of {total}"', "controls"),
])
def test_hostile_placeholder_in_a_ui_string_is_one_problem(pack_copy: Path, pattern: str, name: str,
                                                           old: str, key: str) -> None:
    path = pack_copy / name
    replace_in(path, old, old[:-1] + " " + pattern + '"')
    problems = problems_of(pack_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:")
    line = int(problems[0].split(":")[1])
    assert line > 1
    assert f": {key}" in problems[0] and "unknown placeholder " + pattern in problems[0]


@pytest.mark.parametrize("pattern", ["{oops}", "{0:>999999999}", "{0.__class__}", "{", "}}"])
def test_braces_in_patient_text_are_text(pack_copy: Path, pattern: str) -> None:
    replace_in(pack_copy / "overview.toml", '"Ketamine has been used to put people to sleep for surgery',
               f'"{pattern} Ketamine has been used to put people to sleep for surgery')
    replace_in(pack_copy / "conditions.toml", 'name = "Fibromyalgia"', f'name = "Fibromyalgia {pattern}"')
    replace_in(pack_copy / "sources.toml", 'authors = "Berman RM, et al."',
               f'authors = "Berman RM {pattern}"')
    replace_in(pack_copy / "timeline.toml", 'comparison = "midazolam', f'comparison = "{pattern} midazolam')
    result = load_content(pack_copy)
    assert result.ok, [str(p) for p in result.problems]
    pack = result.pack
    assert pack is not None
    assert pack.content(OverviewContent).blocks[0].claims[0].text.startswith(pattern + " Ketamine")
    card = next(c for c in pack.content(ConditionsContent).cards if c.name.startswith("Fibromyalgia"))
    details_name = pack.content(ConditionsContent).controls.details_name
    assert fill(details_name, name=card.name) == f"More about Fibromyalgia {pattern}"
    source = next(s for s in pack.sources.sources if s.authors.startswith("Berman"))
    citation = fill(pack.content(TimelineContent).controls.citation, authors=source.authors, year=source.year,
                    journal=source.journal)
    assert citation.startswith(f"Berman RM {pattern} {source.year}")
