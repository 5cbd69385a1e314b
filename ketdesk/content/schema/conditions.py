"""``conditions.toml``: the other conditions ketamine was studied for, card by card.

Each card carries its evidence level, its trial and people counts (the chart draws these
same numbers, so card and chart cannot disagree), its key finding, an approval note and
the longer facts its details view shows. Every word a widget shows is here; the widgets
only arrange it.
"""


from dataclasses import dataclass
from typing import Literal

from ketdesk.content.placeholders import check_template, fill
from ketdesk.content.schema.bounds import People, Trials
from ketdesk.content.schema.core import Block, Claim, Model, PanelContent, SourceIds, _require_text

# Weakest first: a level's position + 1 is how many segments of the meter are filled.
StrengthLevel = Literal["weak", "limited", "moderate", "strong"]
STRENGTH_ORDER: tuple[StrengthLevel, ...] = ("weak", "limited", "moderate", "strong")


def _check_template(text: str, names: tuple[str, ...], what: str) -> None:
    """``text`` must use every placeholder in ``names`` and no other."""
    _require_text(text, what)
    check_template(text, names, what)


class StrengthWord(Model, frozen=True, kw_only=True):
    """What one evidence level is called and what it means, for the meter and its legend."""

    level: StrengthLevel
    word: str  # shown beside the meter: "Moderate"
    meaning: str  # the legend's one-line explanation

    def __post_init__(self) -> None:
        _require_text(self.word, "word")
        _require_text(self.meaning, "meaning")


class ConditionCard(Model, frozen=True, kw_only=True):
    """One condition: summary, evidence meter, counts, key finding, approval and details."""

    id: str
    name: str  # card heading
    chart_label: str  # short name on the chart's axis
    summary: str  # one plain line
    strength: StrengthLevel
    strength_basis: Claim  # why this level
    trials: Trials  # controlled trials
    people: People  # people in them whose numbers are confirmed: the chart's bar
    counts: str  # how the card says it: "{trials} small trials, {people} people in all"
    value_label: str = "{people}"  # the number printed at the end of the chart's bar
    sources: SourceIds  # where the counts come from
    finding: Claim  # the key finding, with its number
    approval: Claim | None = None  # "not approved for this", where true
    details: tuple[Block, ...]

    def __post_init__(self) -> None:
        for name in ("id", "name", "chart_label", "summary"):
            _require_text(getattr(self, name), name)
        if self.trials <= 0 or self.people <= 0:
            raise ValueError("trials and people must be positive whole numbers")
        _check_template(self.counts, ("trials", "people"), "counts")
        _check_template(self.value_label, ("people",), "value_label")
        if not self.sources:
            raise ValueError("a card needs at least one source for its counts")
        if not self.details:
            raise ValueError("a card needs at least one details block")

    @property
    def counts_text(self) -> str:
        return fill(self.counts, trials=self.trials, people=self.people)

    @property
    def value_text(self) -> str:
        return fill(self.value_label, people=self.people)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim the card and its details show, in reading order."""
        out = [self.strength_basis, self.finding]
        if self.approval is not None:
            out.append(self.approval)
        for block in self.details:
            out.extend(block.claims)
        return tuple(out)

    @property
    def all_sources(self) -> SourceIds:
        """The card's full source list: counts first, then each claim's, without repeats."""
        seen: dict[str, None] = dict.fromkeys(self.sources)
        for claim in self.claims:
            seen.update(dict.fromkeys(claim.sources))
        return tuple(seen)


class ComparisonBar(Model, frozen=True, kw_only=True):
    """A context bar on the chart (depression), drawn apart from the condition bars."""

    label: str
    trials: Trials
    people: People
    counts: str
    value_label: str = "{people}"
    sources: SourceIds

    def __post_init__(self) -> None:
        _require_text(self.label, "label")
        if self.trials <= 0 or self.people <= 0:
            raise ValueError("trials and people must be positive whole numbers")
        _check_template(self.counts, ("trials", "people"), "counts")
        _check_template(self.value_label, ("people",), "value_label")
        if not self.sources:
            raise ValueError("the comparison bar needs a source")


class ConditionsChart(Model, frozen=True, kw_only=True):
    """The bar chart comparing people studied, and its table alternative."""

    title: str
    axis: str  # the value axis' words
    tip: str  # tap/hover text of a bar: "{label}: {counts}"
    table_name: str  # accessible name of the table alternative
    table_headers: tuple[str, str, str, str]  # condition, people, trials, sources
    comparison: ComparisonBar | None = None
    note: Claim  # the caveat under the chart

    def __post_init__(self) -> None:
        _require_text(self.title, "title")
        _require_text(self.axis, "axis")
        _require_text(self.table_name, "table_name")
        _check_template(self.tip, ("label", "counts"), "tip")
        for header in self.table_headers:
            _require_text(header, "table header")


class ConditionsControls(Model, frozen=True, kw_only=True):
    """Words on this panel's own controls."""

    more_details: str
    close: str
    show_table: str
    show_chart: str
    meter_label: str  # words before the meter: "Strength of proof"
    meter_name: str  # accessible name: "Strength of proof: {word}, {filled} of {total}"
    details_name: str  # accessible name of the details view: "More about {name}"
    legend_heading: str
    ladder_heading: str  # over the four conditions ranked by strength of proof

    def __post_init__(self) -> None:
        for name in ("more_details", "close", "show_table", "show_chart", "meter_label",
                     "legend_heading", "ladder_heading"):
            _require_text(getattr(self, name), name)
        _check_template(self.meter_name, ("word", "filled", "total"), "meter_name")
        _check_template(self.details_name, ("name",), "details_name")


@dataclass(frozen=True)
class ChartRow:
    """One bar as drawn: derived from the cards so chart and cards show the same numbers."""

    label: str
    people: int
    value_text: str
    counts_text: str
    sources: SourceIds
    comparison: bool


class ConditionsContent(PanelContent, frozen=True, kw_only=True):
    """Intro text, the strength words, one card per condition, the chart and control words."""

    levels: tuple[StrengthWord, ...]
    cards: tuple[ConditionCard, ...]
    chart: ConditionsChart
    controls: ConditionsControls

    def __post_init__(self) -> None:
        super().__post_init__()
        named = [w.level for w in self.levels]
        if sorted(named, key=STRENGTH_ORDER.index) != list(STRENGTH_ORDER):
            raise ValueError(f"levels must name each of {', '.join(STRENGTH_ORDER)} exactly once")
        if not self.cards:
            raise ValueError("the panel needs at least one condition card")
        ids = [c.id for c in self.cards]
        if len(ids) != len(set(ids)):
            raise ValueError("card ids must be unique")

    def level(self, level: StrengthLevel) -> StrengthWord:
        return next(w for w in self.levels if w.level == level)

    @property
    def levels_strongest_first(self) -> tuple[StrengthWord, ...]:
        return tuple(sorted(self.levels, key=lambda w: -STRENGTH_ORDER.index(w.level)))

    def chart_rows(self) -> tuple[ChartRow, ...]:
        """The bars top to bottom: each card, then the comparison bar if there is one."""
        rows = [ChartRow(c.chart_label, c.people, c.value_text, c.counts_text, c.sources, False)
                for c in self.cards]
        comp = self.chart.comparison
        if comp is not None:
            rows.append(ChartRow(comp.label, comp.people, fill(comp.value_label, people=comp.people),
                                 fill(comp.counts, trials=comp.trials, people=comp.people),
                                 comp.sources, True))
        return tuple(rows)


def meter_fill(level: StrengthLevel) -> tuple[int, int]:
    """(filled, total) segments of the evidence meter for a level."""
    return STRENGTH_ORDER.index(level) + 1, len(STRENGTH_ORDER)
