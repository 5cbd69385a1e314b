"""The risks content: shipped numbers match the evidence, and bad content is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from ketdesk.content import load_content
from ketdesk.content.schema.pack import iter_source_refs
from ketdesk.content.schema.risks import BarChart, Lane, RisksContent, SessionChart, Span


def _raw(pack_copy: Path) -> dict[str, Any]:
    import tomllib

    return tomllib.loads((pack_copy / "risks.toml").read_text(encoding="utf-8"))


def _convert(data: dict[str, Any], tp: type) -> Any:
    return msgspec.convert(data, tp)


def all_claim_text(risks: RisksContent) -> list[tuple[str, tuple[str, ...]]]:
    """Every sentence a patient can read on the panel, with the sources it cites."""
    out = [(c.text, c.sources) for b in risks.blocks for c in b.claims]
    out += [(item.text, item.sources) for item in risks.cautions.items]
    out.append((risks.cautions.intro.text, risks.cautions.intro.sources))
    return out


# Each risk the article's "Side Effects and Risks" names, and words that show it on the panel.
ARTICLE_RISKS = {
    "dissociation": ("detached",),
    "hallucinations": ("see or hear things that are not there",),
    "perception changes": ("look, sound or feel different",),
    "blood pressure": ("blood pressure goes up",),
    "heart rate": ("heart may beat a little faster",),
    "abuse": ("misused",),
    "dependence": ("depend",),
    "repeated use": ("repeated treatments",),
}


@pytest.mark.parametrize("risk", sorted(ARTICLE_RISKS))
def test_every_article_risk_is_stated_with_a_source(pack, risk: str) -> None:
    words = ARTICLE_RISKS[risk]
    hits = [(text, sources) for text, sources in all_claim_text(pack.content(RisksContent))
            if any(w in text for w in words)]
    assert hits, f"no sentence on the risks panel covers {risk!r}"
    assert all(sources for _text, sources in hits)


def test_session_numbers_follow_the_evidence(pack) -> None:
    session = pack.content(RisksContent).session
    assert (session.drip.start, session.drip.end) == (0, 40)
    lanes = {lane.id: lane for lane in session.lanes}
    odd = lanes["dissociation"]
    # Strongest at the end of the 40-minute drip; gone by 80 to 230 minutes (Luckenbaugh 2014).
    assert [p.t for m in odd.marks for p in m.points] == [40]
    ending = [s for s in odd.spans if s.kind == "ending"]
    assert [(s.start, s.end, s.source) for s in ending] == [(40, 230, "luckenbaugh2014")]
    pressure = lanes["blood-pressure"]
    # Peak at 30 (Riva-Posse) to 40 minutes (Spravato label); back to normal by 1.5 h (Szarmach).
    assert sorted(p.t for m in pressure.marks for p in m.points) == [30, 40]
    assert max(s.end for s in pressure.spans) == 90
    assert {s.source for s in pressure.spans if s.end == 90} == {"szarmach2020"}
    # Going home: not before 2 hours (esketamine REMS).
    home = [p for m in lanes["home"].marks for p in m.points]
    assert [(p.t, p.source) for p in home] == [(120, "spravato-label")]
    staff_times = sorted(p.t for m in lanes["staff"].marks for p in m.points)
    assert staff_times[0] == 0 and staff_times[-1] == 120  # checked before and before leaving


def test_pressure_bars_are_the_papers_figures(pack) -> None:
    bars = {bar.id: bar for bar in pack.content(RisksContent).pressure.bars}
    assert (bars["one-clinic"].low, bars["one-clinic"].source) == (3.3, "rivaposse2018")
    assert (bars["pooled"].low, bars["pooled"].source) == (12.6, "vankawala2021")
    assert bars["big-rise"].low == 40 and bars["big-rise"].open_high
    assert bars["big-rise"].source == "spravato-label"


def test_dose_bars_and_no_street_dose_in_any_chart(pack) -> None:
    doses = pack.content(RisksContent).doses
    bars = {bar.id: bar for bar in doses.bars}
    assert set(bars) == {"drip", "anesthesia"}
    assert (bars["drip"].low, bars["drip"].per_kg_low) == (35, 0.5)
    assert (bars["anesthesia"].low, bars["anesthesia"].high) == (70, 315)
    # No recreational dose is charted or compared: no identifiable source gives one.
    charted = set(iter_source_refs(doses.bars)) | set(iter_source_refs(pack.content(RisksContent).session))
    charted |= set(iter_source_refs(pack.content(RisksContent).pressure.bars))
    assert "jclinpathol2023" not in charted
    assert "jclinpathol2023" not in {s.id for s in pack.sources.sources}
    claims = [c.text.lower() for b in pack.content(RisksContent).blocks for c in b.claims]
    assert not any("street" in text for text in claims)


def test_cautions_cover_the_listed_reasons(pack) -> None:
    text = " ".join(item.text.lower() for item in pack.content(RisksContent).cautions.items)
    for words in ("blood pressure", "aneurysm", "bleeding in the brain", "psychosis", "mania",
                  "pregnant", "breastfeeding", "eye", "inside the head", "alcohol or drug"):
        assert words in text, words
    assert "clinician decides" in pack.content(RisksContent).cautions.intro.text


def test_visit_steps_have_the_drip_and_the_ride_home(pack) -> None:
    from ketdesk.content.schema.overview import OverviewContent

    steps = pack.content(OverviewContent).session_steps  # one list, shown on Risks too
    assert steps[0].title == "Check in"
    assert any(s.duration == "about 40 minutes" for s in steps)
    assert "drives you home" in steps[-1].text


# --- refusing bad content -----------------------------------------------------------------

def test_a_span_must_end_after_it_starts() -> None:
    with pytest.raises(msgspec.ValidationError, match="must be after start"):
        _convert({"start": 40, "end": 40, "detail": "x", "source": "s"}, Span)


def test_a_mark_has_a_time_not_a_value() -> None:
    lane = {"id": "a", "label": "A", "marks": [{
        "id": "m", "label": "peak", "time_unit": "minutes", "style": "markers",
        "points": [{"t": 40, "y": 1.0, "label": "x", "source": "s"}]}]}
    with pytest.raises(msgspec.ValidationError, match="a mark has a time, not a value"):
        _convert(lane, Lane)


def test_marks_must_be_markers_in_minutes() -> None:
    lane = {"id": "a", "label": "A", "marks": [{
        "id": "m", "label": "peak", "time_unit": "hours", "style": "markers",
        "points": [{"t": 1, "label": "x", "source": "s"}]}]}
    with pytest.raises(msgspec.ValidationError, match="markers' in minutes"):
        _convert(lane, Lane)


def test_the_legend_must_explain_every_span_kind(pack_copy: Path) -> None:
    data = _raw(pack_copy)["session"]
    data["legend"] = [item for item in data["legend"] if item["kind"] != "ending"]
    with pytest.raises(msgspec.ValidationError, match="legend must explain span kind"):
        _convert(data, SessionChart)


def test_dose_mg_must_match_mg_per_kg_times_weight(pack_copy: Path) -> None:
    data = _raw(pack_copy)["doses"]
    data["bars"][0]["low"] = 50  # 0.5 mg/kg x 70 kg is 35 mg, not 50
    with pytest.raises(msgspec.ValidationError, match=r"is not 0\.5 mg/kg x 70"):
        _convert(data, BarChart)


def test_a_bar_cannot_pass_the_axis(pack_copy: Path) -> None:
    data = _raw(pack_copy)["pressure"]
    data["x_max"] = 30
    with pytest.raises(msgspec.ValidationError, match="beyond x_max"):
        _convert(data, BarChart)


def test_every_block_is_placed_exactly_once(pack_copy: Path) -> None:
    text = (pack_copy / "risks.toml").read_text(encoding="utf-8")
    visit = 'blocks = ["feeling-worse", "why-monitor", "approval"]'
    (pack_copy / "risks.toml").write_text(
        text.replace(visit, visit[:-1] + ', "heart-rate"]'), encoding="utf-8")
    problems = [str(p) for p in load_content(pack_copy).problems]
    assert len(problems) == 1 and "block(s) placed twice: heart-rate" in problems[0]


def test_an_unplaced_block_is_reported_with_file_and_line(pack_copy: Path) -> None:
    text = (pack_copy / "risks.toml").read_text(encoding="utf-8")
    visit = 'blocks = ["feeling-worse", "why-monitor", "approval"]'
    (pack_copy / "risks.toml").write_text(text.replace(visit, "blocks = []"), encoding="utf-8")
    problems = [str(p) for p in load_content(pack_copy).problems]
    assert len(problems) == 1
    assert "risks.toml:" in problems[0]
    assert "not placed in any section: feeling-worse, why-monitor, approval" in problems[0]


def test_a_span_citing_an_unknown_source_is_reported(pack_copy: Path) -> None:
    text = (pack_copy / "risks.toml").read_text(encoding="utf-8")
    (pack_copy / "risks.toml").write_text(text.replace('source = "szarmach2020"', 'source = "nobody2020"'),
                                          encoding="utf-8")
    problems = [str(p) for p in load_content(pack_copy).problems]
    assert any("cites source 'nobody2020'" in p for p in problems)
