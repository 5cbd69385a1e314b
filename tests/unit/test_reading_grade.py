"""Plain language: every patient-facing text of both packs reads at grade 8 or below.

English: Flesch-Kincaid grade. Spanish: Fernández-Huerta ease mapped to a grade-like
number (see ketdesk/content/readability.py for the mapping and the medical-name list).
Texts are found by walking the packs generically, so panels added later are covered.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import msgspec
import pytest

from ketdesk.content import load_content
from ketdesk.content.readability import (
    MAX_GRADE,
    MIN_WORDS,
    english_syllables,
    flesch_kincaid,
    grade,
    iter_strings,
    score_units,
    strip_medical_terms,
    text_units,
)
from ketdesk.content.schema.core import Block
from ketdesk.content.schema.overview import OverviewContent

CONTENT = Path(__file__).resolve().parents[2] / "resources" / "content"
LANGS = ["en", "es"]


def _pack(lang: str):
    result = load_content(CONTENT / lang)
    assert result.pack is not None, [str(p) for p in result.problems]
    return result.pack


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_block_is_grade_8_or_below(lang: str) -> None:
    scored = score_units(_pack(lang), lang)
    assert len(scored) >= 20  # the walk found the packs' prose
    too_hard = [f"{s.unit.path}: grade {s.grade:.1f}: {s.unit.text}" for s in scored
                if s.grade > MAX_GRADE]
    assert not too_hard, "rewrite in plainer words:\n" + "\n".join(too_hard)


@pytest.mark.parametrize("lang", LANGS)
def test_walk_covers_every_claim_and_skips_citations(lang: str) -> None:
    pack = _pack(lang)
    joined = "\n".join(u.text for u in text_units(pack))
    claims: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, Block):
            claims.extend(c.text for c in value.claims)
        elif isinstance(value, msgspec.Struct):
            for field in msgspec.structs.fields(value):
                collect(getattr(value, field.name))
        elif isinstance(value, tuple):
            for item in value:
                collect(item)

    collect(tuple(pack.parts().values()))
    assert claims
    for text in claims:
        assert text in joined
    for source in pack.sources.sources:
        assert source.title == "" or source.title not in joined
        assert source.authors not in joined
    assert pack.content(OverviewContent).key_facts[0].label in joined
    assert pack.content(OverviewContent).session_steps[0].text in joined


class _Step(msgspec.Struct, frozen=True):
    id: str
    caption: str
    sources: tuple[str, ...] = ()


class _NewPanel(msgspec.Struct, frozen=True):
    title: str
    steps: tuple[_Step, ...]
    url: str = ""


def test_walk_finds_text_in_a_panel_it_has_never_seen(pack) -> None:
    new = _NewPanel(title="A title", url="https://example.org",
                    steps=(_Step(id="s1", caption="First caption", sources=("x",)),))
    bigger = dataclasses.replace(pack, panels={**pack.panels, "newpanel": new})
    units = {u.path: u.text for u in text_units(bigger) if u.group == "newpanel"}
    assert units == {"newpanel.steps[0]": "First caption.", "newpanel": "A title."}
    assert list(iter_strings(new, "p")) == [("p.title", "A title"), ("p.steps[0].caption", "First caption")]
    assert ("p.newpanel.title", "A title") in list(iter_strings(bigger, "p"))


def test_syllable_counts() -> None:
    counts = {"about": 2, "many": 2, "medicine": 3, "while": 1, "studies": 2, "families": 3,
              "people": 2, "table": 2, "sources": 2, "makes": 1, "helped": 1, "started": 2,
              "infusion": 3, "depression": 3, "every": 3, "the": 1, "you": 1}
    assert {w: english_syllables(w) for w in counts} == counts


def test_grade_scale_is_sane() -> None:
    easy = "The cat sat on the mat. It was a good day. We had fun."
    hard = ("Pharmacological interventions demonstrating antidepressant efficacy necessitate "
            "comprehensive neuropsychiatric evaluation preceding administration.")
    assert flesch_kincaid(easy) < 3 < MAX_GRADE < flesch_kincaid(hard)
    assert grade("El gato come. El perro duerme. La casa es azul.", "es") < 5
    assert grade("La administración intravenosa subanestésica demostró eficacia antidepresiva "
                 "estadísticamente significativa en comparación con el placebo activo.", "es") > MAX_GRADE


def test_medical_names_are_neutral() -> None:
    assert strip_medical_terms("Ketamine blocks the NMDA receptor.") == "drug blocks the drug receptor."
    with_names = "Glutamate switches on the AMPA receptor and cells release BDNF."
    assert grade(with_names, "en") < flesch_kincaid(with_names)


def test_short_labels_are_not_scored() -> None:
    pack = _pack("en")
    short = [u for u in text_units(pack) if u.words < MIN_WORDS]
    scored_paths = {s.unit.path for s in score_units(pack, "en")}
    assert all(u.path not in scored_paths for u in short)
