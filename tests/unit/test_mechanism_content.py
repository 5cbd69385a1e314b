"""mechanism.toml: the shipped cascade is complete and cited; broken files are named precisely."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ketdesk.content import load_content
from ketdesk.content.placeholders import fill
from ketdesk.content.schema.mechanism import DIAGRAM_PARTS, MechanismContent, check_placeholders


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in load_content(folder).problems]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


# --- the shipped content -------------------------------------------------------------------
def test_the_five_steps_of_the_cascade_in_order(pack) -> None:
    steps = pack.content(MechanismContent).steps
    assert [s.id for s in steps] == ["brake", "glutamate", "ampa", "bdnf", "synapses"]
    assert "NMDA" in steps[0].caption and "GABA" in steps[0].caption and "brake" in steps[0].caption
    assert "glutamate" in steps[1].caption
    assert "AMPA" in steps[2].caption
    assert "BDNF" in steps[3].caption
    assert "synapses" in steps[4].caption
    for step in steps:
        assert "zanos2018" in step.sources, step.id


def test_captions_are_short_and_plain(pack) -> None:
    for step in pack.content(MechanismContent).steps:
        for text in (step.caption, step.for_you):
            parts = sentences(text)
            assert 1 <= len(parts) <= 2, (step.id, text)
            for sentence in parts:
                assert len(sentence.split()) <= 20, (step.id, sentence)
        assert len(step.title.split()) <= 5, step.title


def test_every_part_has_a_name_and_a_plain_gloss(pack) -> None:
    content = pack.content(MechanismContent)
    assert sorted(label.id for label in content.labels) == sorted(DIAGRAM_PARTS)
    assert content.label("nmda").name == "NMDA receptor"
    assert "glutamate receptor" in content.label("nmda").gloss
    for step in content.steps:
        for part in step.highlight:
            assert content.label(part).gloss


def test_contrast_and_certainty(pack) -> None:
    content = pack.content(MechanismContent)
    pills, ketamine = content.contrast.sides
    pills_text = " ".join(p.text for p in pills.points)
    assert "serotonin" in pills_text and "norepinephrine" in pills_text and "weeks" in pills_text
    assert "glutamate" in " ".join(p.text for p in ketamine.points)
    for side in content.contrast.sides:
        assert all(p.sources for p in side.points)
    certainty = next(b for b in content.blocks if b.id == "certainty")
    text = " ".join(c.text for c in certainty.claims)
    assert "leading explanation" in text and "animals" in text and "still" in text
    assert "zanos2018" in certainty.sources


def test_control_words(pack) -> None:
    controls = pack.content(MechanismContent).controls
    assert fill(controls.step_of, current=2, total=5) == "Step 2 of 5"
    assert controls.reduce_motion == "Reduce motion"


# --- broken content is reported with file, key and reason -----------------------------------
def test_unknown_highlight_part(pack_copy: Path) -> None:
    replace_in(pack_copy / "mechanism.toml", 'highlight = ["bdnf"]', 'highlight = ["bdnf", "serotonin"]')
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    assert "mechanism.toml" in problems[0] and "steps item 4" in problems[0]
    assert "unknown part(s) ['serotonin']" in problems[0]


def test_part_without_a_label(pack_copy: Path) -> None:
    replace_in(pack_copy / "mechanism.toml", '[[labels]]\nid = "bdnf"', '[[labels]]\nid = "ampa"')
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    assert "labelled twice: ampa" in problems[0]
    replace_in(pack_copy / "mechanism.toml",
               '[[labels]]\nid = "ampa"\nname = "BDNF"\ngloss = "a growth signal"\n', "")
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    assert "every diagram part needs a label; missing: bdnf" in problems[0]


def test_label_for_a_part_the_picture_does_not_have(pack_copy: Path) -> None:
    replace_in(pack_copy / "mechanism.toml", 'id = "bdnf"\nname = "BDNF"', 'id = "trkb"\nname = "BDNF"')
    problems = problems_of(pack_copy)
    assert any("labels item 9" in p and "unknown diagram part 'trkb'" in p for p in problems)


@pytest.mark.parametrize(("step_of", "message"), [
    ("Step {current}", "must contain {total}"),
    ("Step {current} of {totl}", "unknown placeholder {totl}; this text may use {current}, {total}"),
    ("Step {current} of {total} {extra}", "unknown placeholder {extra}"),
    ("Step {current of {total}", "a brace that is not part of a placeholder"),
])
def test_step_indicator_placeholders(pack_copy: Path, step_of: str, message: str) -> None:
    toml = pack_copy / "mechanism.toml"
    replace_in(toml, 'step_of = "Step {current} of {total}"', f'step_of = "{step_of}"')
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    assert "controls.step_of" in problems[0] and message in problems[0]


def test_braces_in_button_words_are_refused(pack_copy: Path) -> None:
    replace_in(pack_copy / "mechanism.toml", 'next = "Next"', 'next = "Next {step}"')
    assert any("controls.next" in p for p in problems_of(pack_copy))


def test_certainty_block_is_required(pack_copy: Path) -> None:
    replace_in(pack_copy / "mechanism.toml", 'id = "certainty"', 'id = "sure"')
    problems = problems_of(pack_copy)
    assert len(problems) == 1 and "id 'certainty'" in problems[0]


def test_step_needs_a_source_and_a_highlight(pack_copy: Path) -> None:
    replace_in(pack_copy / "mechanism.toml", 'sources = ["zanos2018", "kishimoto2016"]\n', "sources = []\n")
    replace_in(pack_copy / "mechanism.toml", 'highlight = ["bdnf"]', "highlight = []")
    problems = problems_of(pack_copy)
    assert len(problems) == 2
    assert any("steps item 2" in p and "cite at least one source" in p for p in problems)
    assert any("steps item 4" in p and "highlight at least one part" in p for p in problems)


def test_step_citing_an_unknown_source(pack_copy: Path) -> None:
    toml = pack_copy / "mechanism.toml"
    replace_in(toml, 'sources = ["zanos2018", "zarate2006"]', 'sources = ["zanos2019"]')
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    assert "cites source 'zanos2019', which sources.toml does not define" in problems[0]


def test_check_placeholders() -> None:
    check_placeholders("Step {current} of {total}", ("current", "total"), "x")
    check_placeholders("{total}: {current}", ("current", "total"), "x")  # any order
    check_placeholders("Back", (), "x")
    with pytest.raises(ValueError, match="must contain"):
        check_placeholders("Step", ("current",), "x")
    with pytest.raises(ValueError, match="unknown placeholder"):
        check_placeholders("{0}", (), "x")
    with pytest.raises(ValueError, match="a brace that is not part of a placeholder"):
        check_placeholders("Step }", (), "x")
