"""Issue #16: the bad news beside the good, in both languages, checked on the shipped packs.

Each test names the correction it holds in place; the figures are those of
shared/content/evidence.md, the only allowed source of a figure.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
import pytest

from ketdesk.content import load_content
from ketdesk.content.readability import iter_strings
from ketdesk.content.registry import PANEL_IDS, SOURCES_PANEL_ID, TEXT_VIEW, panel_spec
from ketdesk.content.schema.core import Block, PanelContent
from ketdesk.content.schema.overview import OverviewContent
from ketdesk.content.schema.risks import RisksContent
from ketdesk.content.schema.timeline import TimelineContent

CONTENT = Path(__file__).resolve().parents[2] / "resources" / "content"
LANGS = ["en", "es"]
# What the approval note must say, in each language's words (item 13).
OFF_LABEL = {"en": "off-label", "es": "fuera de etiqueta"}
NOT_BIPOLAR = {"en": "not bipolar", "es": "no es bipolar"}


def _pack(lang: str):
    result = load_content(CONTENT / lang)
    assert result.ok, [str(p) for p in result.problems]
    return result.pack


def _claims(content: PanelContent) -> list:
    return [claim for block in content.blocks for claim in block.claims]


def _block(content: PanelContent, block_id: str) -> Block:
    return next(b for b in content.blocks if b.id == block_id)


@pytest.mark.parametrize("lang", LANGS)
def test_a_series_of_infusions_is_shown_beside_its_one_comparison_trial(lang: str) -> None:
    """Item 1: KARMA-Dep 2 (Jelovac 2025) is cited beside the 6-infusion figure."""
    timeline = _pack(lang).content(TimelineContent)
    six = next(s for s in timeline.series if s.id == "six-infusions").points[0]
    assert "jelovac2025" in six.all_sources
    assert "46.9%" in six.comparison and "33.3%" in six.comparison
    assert (six.low, six.high) == (5.5, 7.1)  # the studies' own range stays on the chart
    assert any("jelovac2025" in c.sources and "46.9%" in c.text and "33.3%" in c.text
               for c in _claims(timeline))
    # The first view keeps one message (one infusion, midazolam, pills); the series' trial
    # stands as 10 people beside what clinics report, its midazolam figure in its words.
    rows = [row for row in timeline.clinic_claim.rows if "jelovac2025" in row.sources]
    assert [row.value for row in rows] == [5.0] and "3" in rows[0].label


@pytest.mark.parametrize("lang", LANGS)
def test_the_clinic_study_shows_its_harms_beside_its_benefit(lang: str) -> None:
    """Item 2: McInnes 2022 reports 8.4% got worse and 6.0% more suicidal thoughts."""
    pack = _pack(lang)
    for panel_id in ("timeline", "risks"):
        cited = " ".join(c.text for c in _claims(pack.panel(panel_id)) if "mcinnes2022" in c.sources)
        assert "8.4%" in cited and "6.0%" in cited, panel_id
    timeline = " ".join(c.text for c in _claims(pack.panel("timeline")) if "mcinnes2022" in c.sources)
    assert "53.6%" in timeline


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_says_who_improved_on_what(lang: str) -> None:
    """Item 3: about 2 in 10 improved on midazolam, almost no one on salt water."""
    fact = _pack(lang).content(OverviewContent).key_facts[1]
    assert "midazolam" in fact.label
    assert "wilkinson2019" in fact.sources


@pytest.mark.parametrize("lang", LANGS)
def test_blood_pressure_says_how_many_had_a_big_rise(lang: str) -> None:
    """Item 4: not 'a little', not 'a few people'."""
    risks = _pack(lang).content(RisksContent)
    text = " ".join(c.text for c in _block(risks, "blood-pressure").claims)
    assert re.search(r"1 (to|a) 2 (out of|de cada) 10", text)
    assert "a little" not in text and "un poco" not in text
    assert "a few" not in risks.pressure.note and "unas pocas" not in risks.pressure.note


def test_psychosis_and_mania_are_not_cited_to_the_ketalar_label(pack) -> None:
    """Item 7: the Ketalar label lists neither."""
    items = pack.content(RisksContent).cautions.items
    for word in ("Psychosis", "Mania"):
        item = next(i for i in items if i.text.startswith(word))
        assert "ketalar-label" not in item.sources and "spravato-label" in item.sources


def test_every_source_is_cited_complete_and_identifiable(pack) -> None:
    """Item 8: no placeholder authors, no source listed but never cited."""
    cited = {sid for ids in pack.cited_by_panel().values() for sid in ids}
    assert [s.id for s in pack.sources.sources if s.id not in cited] == []
    for source in pack.sources.sources:
        assert "as listed" not in source.authors.lower(), source.id
        assert not re.fullmatch(r"n=\d+", source.details), source.id
    assert "jclinpathol2023" not in {s.id for s in pack.sources.sources}


@pytest.mark.parametrize("lang", LANGS)
def test_people_are_whole_people(lang: str) -> None:
    """Item 9: '5 to 7 in 10', never '5.5 people'; rows of 10 people fill whole figures."""
    timeline = _pack(lang).content(TimelineContent)
    for row in (*timeline.people.rows, *timeline.clinic_claim.rows):
        for value in (row.value, row.low, row.high):
            assert value is None or float(value).is_integer(), row.label
    fraction_of_people = re.compile(
        r"\b\d+\.\d+(?:\s+(?:to|a)\s+\d+(?:\.\d+)?)?\s+(?:in|out of|de cada|de)\s+10\b")
    for path, text in iter_strings(_pack(lang), "pack"):
        assert not fraction_of_people.search(text), f"{path}: {text}"


@pytest.mark.parametrize("lang", LANGS)
def test_ect_is_a_non_inferiority_comparison(lang: str) -> None:
    """Item 6: ELEKT-D: 'about as good as ECT in this trial', not 'ketamine beat ECT'."""
    timeline = _pack(lang).content(TimelineContent)
    six = next(s for s in timeline.series if s.id == "six-infusions").points[0]
    words = {"en": "about as good as ECT", "es": "más o menos igual que la TEC"}[lang]
    assert words in six.comparison
    assert any("anand2023" in c.sources and words in c.text for c in _claims(timeline))


@pytest.mark.parametrize("lang", LANGS)
def test_every_panel_about_treatment_says_what_is_approved(lang: str) -> None:
    """Item 13: the approved-versus-off-label note on every panel but Sources."""
    pack = _pack(lang)
    for panel_id in PANEL_IDS:
        if panel_id == SOURCES_PANEL_ID:
            continue
        note = _block(pack.panel(panel_id), "approval")
        text = " ".join(c.text for c in note.claims)
        assert OFF_LABEL[lang] in text and "Spravato" in text, panel_id
        assert NOT_BIPOLAR[lang] in text, panel_id
        assert {"fda2022", "fda2023", "spravato-label"} <= set(note.sources), panel_id
    assert NOT_BIPOLAR[lang] in pack.meta.off_label


def test_before_your_visit_is_a_text_panel_between_risks_and_sources() -> None:
    """Item 11: one registry line, the generic text view, placed where a visitor looks."""
    spec = panel_spec("before")
    assert spec.content is PanelContent and spec.view == TEXT_VIEW
    assert PANEL_IDS.index("risks") < PANEL_IDS.index("before") < PANEL_IDS.index(SOURCES_PANEL_ID)


@pytest.mark.parametrize("lang", LANGS)
def test_before_your_visit_has_a_crisis_line_and_what_to_tell_the_team(lang: str) -> None:
    before = _pack(lang).panel("before")
    ids = [b.id for b in before.blocks]
    assert ids[0] == "help"  # where to get help comes first
    assert {"not-for-everyone", "tell-team", "eating", "ride-home", "questions", "approval"} <= set(ids)
    help_text = " ".join(c.text for c in _block(before, "help").claims)
    assert "988" in help_text and "911" in help_text
    assert "samhsa988" in _block(before, "help").sources
    tell = " ".join(c.text for c in _block(before, "tell-team").claims)
    words = {"en": ("benzodiazepines", "opioid", "alcohol", "stimulants", "MAO inhibitors"),
             "es": ("benzodiacepinas", "opioides", "alcohol", "estimulantes", "IMAO")}[lang]
    for word in words:
        assert word in tell, word


@pytest.mark.parametrize("lang", LANGS)
def test_the_pack_names_who_reviewed_it(lang: str) -> None:
    """Item 14: a reviewer beside the last-reviewed date; no person is invented."""
    from ketdesk.ui.text import review_text, reviewed_by_text

    pack = _pack(lang)
    assert "ketdesk" in pack.meta.reviewer and pack.meta.reviewer_role == ""
    line = review_text(pack.meta, pack.ui)
    assert pack.meta.reviewer in line and str(pack.meta.last_reviewed.year) in line
    signed = msgspec.structs.replace(pack.meta, reviewer="A. Name", reviewer_role="Role")
    assert reviewed_by_text(signed, pack.ui) == pack.ui.reviewed_by_role.format(
        reviewer="A. Name", role="Role")
    assert reviewed_by_text(msgspec.structs.replace(pack.meta, reviewer=""), pack.ui) == ""
