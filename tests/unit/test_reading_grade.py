"""Plain language: every patient-facing block of both packs reads at grade 8 or below.

English: Flesch-Kincaid grade (CMU dictionary syllables). Spanish: Fernández-Huerta ease,
read by its published bands (see ketdesk/content/readability.py). The method is checked
against hand-counted samples in both languages. Texts are found by walking the packs
generically, so panels added later are covered.
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
    fernandez_huerta,
    fh_band,
    flesch_kincaid,
    grade,
    is_prose,
    iter_strings,
    score_units,
    sentences,
    smog,
    spanish_syllables,
    text_units,
)
from ketdesk.content.schema.core import Block
from ketdesk.content.schema.overview import OverviewContent
from ketdesk.content.schema.timeline import TimelineContent

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
        if is_prose(text):
            assert text in joined
    for source in pack.sources.sources:
        assert source.title == "" or source.title not in joined
        assert source.authors not in joined
    assert pack.content(OverviewContent).key_facts[0].label in joined
    assert pack.content(OverviewContent).session_steps[0].text in joined


@pytest.mark.parametrize("lang", LANGS)
def test_headings_ticks_buttons_and_legend_ids_are_not_prose(lang: str) -> None:
    pack = _pack(lang)
    units = text_units(pack)

    def as_sentence(label: str) -> str:  # how the old walk turned a label into a "sentence"
        return label if label[-1] in ".?!" else label + "."

    for panel_id in pack.panels:
        panel = pack.panel(panel_id)
        own = "\n".join(u.text for u in units if u.group == panel_id)
        for label in (panel.title, panel.tab, *(b.heading for b in panel.blocks if b.heading)):
            assert as_sentence(label) not in own, label
    timeline = pack.content(TimelineContent)
    for index, callout in enumerate(timeline.callouts):  # headline and legend id left out
        assert {u.text for u in units if u.path == f"timeline.callouts[{index}]"} == {callout.text}
    assert not any(u.path.startswith(("timeline.legend", "timeline.time_axis", "timeline.controls"))
                   for u in units)


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
                    steps=(_Step(id="s1", caption="The first caption.", sources=("x",)),))
    bigger = dataclasses.replace(pack, panels={**pack.panels, "newpanel": new})
    units = {u.path: u.text for u in text_units(bigger) if u.group == "newpanel"}
    assert units == {"newpanel.steps[0]": "The first caption."}  # a title is not prose
    assert list(iter_strings(new, "p")) == [("p.title", "A title"),
                                            ("p.steps[0].caption", "The first caption.")]
    assert ("p.newpanel.title", "A title") in list(iter_strings(bigger, "p"))


# Hand-counted: syllables as spoken, by the authors of this test.
ENGLISH_SYLLABLES = {
    "about": 2, "many": 2, "medicine": 3, "while": 1, "studies": 2, "families": 3, "people": 2,
    "table": 2, "sources": 2, "makes": 1, "helped": 1, "started": 2, "infusion": 3,
    "depression": 3, "the": 1, "you": 1, "anesthesia": 4, "dissociation": 5,
    # not in the pronouncing dictionary: the rule set, and letter by letter for capitals
    "ketamine": 3, "esketamine": 4, "midazolam": 4, "NMDA": 4, "FDA": 3, "ECT": 3, "GABA": 2,
}
SPANISH_SYLLABLES = {
    "medicamento": 5, "infusión": 3, "personas": 3, "día": 2, "después": 2, "aerosol": 4,
    "ketamina": 4, "guía": 2, "que": 1, "muy": 1, "ayuda": 3, "estudios": 3, "ansiedad": 3,
    "país": 2, "ahora": 3, "cuidado": 3, "vergüenza": 3, "y": 1, "hoy": 1, "leer": 2,
    "FDA": 4, "SDRC": 6, "TEC": 1,
}


def test_english_syllables_match_hand_counts() -> None:
    assert {w: english_syllables(w) for w in ENGLISH_SYLLABLES} == ENGLISH_SYLLABLES


def test_spanish_syllables_match_hand_counts() -> None:
    assert {w: spanish_syllables(w) for w in SPANISH_SYLLABLES} == SPANISH_SYLLABLES


def test_a_decimal_point_does_not_end_a_sentence() -> None:
    text = "Each dose is 0.5 mg for each kilogram. Some 46.9% responded! Was it chance? En EE. UU. sí."
    assert len(sentences(text)) == 4


def test_flesch_kincaid_and_smog_on_hand_counted_english() -> None:
    # 12 words, 15 syllables, 2 sentences: 0.39 x 6 + 11.8 x 15/12 - 15.59 = 1.50
    assert flesch_kincaid("The drip takes about forty minutes. Staff watch you the whole time.") \
        == pytest.approx(1.50, abs=0.01)
    # 3 words of 3+ syllables in 2 sentences: 1.0430 x sqrt(3 x 30 / 2) + 3.1291 = 10.13
    assert smog("Ketamine is a medicine. It can help depression.") == pytest.approx(10.13, abs=0.01)


def test_fernandez_huerta_on_hand_counted_spanish() -> None:
    # 12 words, 27 syllables, 2 sentences: 206.84 - 0.60 x 225 - 1.02 x 6 = 65.72
    text = "El goteo dura unos cuarenta minutos. El personal vigila cómo está usted."
    assert fernandez_huerta(text) == pytest.approx(65.72, abs=0.01)
    assert fh_band(fernandez_huerta(text)) == ("normal", "7th-8th grade", 8)
    assert grade(text, "es") == 8


def test_fernandez_huerta_bands() -> None:
    assert [fh_band(e)[0] for e in (95, 90, 85, 75, 60, 59.9, 40, 10)] == [
        "very easy", "very easy", "easy", "fairly easy", "normal", "fairly hard", "hard",
        "very hard"]
    assert fh_band(60)[2] == MAX_GRADE < fh_band(59.9)[2]


def test_prose_is_what_ends_as_a_sentence() -> None:
    assert is_prose("Staff watch you.") and is_prose("¿Qué es la ketamina?")
    assert not is_prose("Tell your care team if...") and not is_prose("40 min")
    assert not is_prose("Show as table")


def test_grade_scale_is_sane() -> None:
    easy = "The cat sat on the mat. It was a good day. We had fun."
    hard = ("Pharmacological interventions demonstrating antidepressant efficacy necessitate "
            "comprehensive neuropsychiatric evaluation preceding administration.")
    assert flesch_kincaid(easy) < 3 < MAX_GRADE < flesch_kincaid(hard)
    assert grade("El gato come. El perro duerme. La casa es azul.", "es") < 5
    assert grade("La administración intravenosa subanestésica demostró eficacia antidepresiva "
                 "estadísticamente significativa en comparación con el placebo activo.", "es") > MAX_GRADE


def test_names_are_scored_as_written() -> None:
    with_names = "Glutamate switches on the AMPA receptor and cells release BDNF."
    assert grade(with_names, "en") == flesch_kincaid(with_names)
    assert english_syllables("BDNF") == 4


def test_short_labels_are_not_scored() -> None:
    pack = _pack("en")
    short = [u for u in text_units(pack) if u.words < MIN_WORDS]
    scored_paths = {s.unit.path for s in score_units(pack, "en")}
    assert all(u.path not in scored_paths for u in short)
