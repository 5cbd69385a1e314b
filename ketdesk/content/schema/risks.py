"""``risks.toml``: side effects over a session, misuse, reasons to tell your care team, monitoring.

The panel draws four visuals from this file and nothing else:

* a session chart: one row ("lane") per effect or care step over the first hours, made of
  time spans (when an effect is there) and markers (its peak, a check, going home). The
  spans show *when*, never *how strong*: the papers give timings, not measured curves;
* two range-bar charts in real units (blood-pressure rise in mmHg, dose in mg);
* the list of reasons ketamine may not be right (the clinician decides);
* the steps of a visit with their durations.

Text blocks live in ``blocks`` as on every panel; each visual names the blocks shown with it,
and every block must be placed exactly once so that nothing written is silently dropped.
"""


from typing import Literal

from ketdesk.content.placeholders import check_template as _check_placeholders
from ketdesk.content.schema.bounds import Amount, PerKg, SessionMinutes, TickAt, WeightKg
from ketdesk.content.schema.core import Block, Claim, MarkRole, Model, PanelContent, Series, SourceIds


def _require(value: str, what: str) -> None:
    if not value.strip():
        raise ValueError(f"{what} must not be empty")


class Controls(Model, frozen=True, kw_only=True):
    """The words on the panel's own controls and in its tables."""

    show_table: str  # button: switch a chart to its table
    show_chart: str  # button: switch back
    time_headers: tuple[str, ...]  # session table: what, when, details, source
    bar_headers: tuple[str, ...]  # bar-chart tables: what, amount, details, source
    at_time: str  # "{t} min"
    time_span: str  # "{start} to {end} min"
    source_cell: str  # "{number}. {authors}, {year}"

    def __post_init__(self) -> None:
        for name in ("show_table", "show_chart"):
            _require(getattr(self, name), name)
        for name in ("time_headers", "bar_headers"):
            if len(getattr(self, name)) != 4:
                raise ValueError(f"{name} must list 4 column headings")
        _check_placeholders(self.at_time, ("t",), "at_time")
        _check_placeholders(self.time_span, ("start", "end"), "time_span")
        _check_placeholders(self.source_cell, ("number", "authors", "year"), "source_cell")


class Span(Model, frozen=True, kw_only=True):
    """A stretch of time on one lane, in minutes from the start of the drip.

    ``kind`` "on": the effect (or the care) is there for this whole stretch.
    ``kind`` "ending": it goes away at some point inside this stretch (studies differ).
    """

    start: SessionMinutes
    end: SessionMinutes
    kind: Literal["on", "ending"] = "on"
    detail: str  # the full sentence: shown on tap and in the table
    source: str

    def __post_init__(self) -> None:
        if self.start < 0:
            raise ValueError(f"start must not be negative (got {self.start})")
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be after start ({self.start})")
        _require(self.detail, "span detail")
        _require(self.source, "span source")


class Lane(Model, frozen=True, kw_only=True):
    """One row of the session chart: an effect, or what staff do, over time."""

    id: str
    label: str  # row name on the chart, a few words
    # What the row's bars stand for (the visual key's colour): a side effect is a "risk";
    # what staff do is "neutral".
    role: MarkRole = "risk"
    spans: tuple[Span, ...] = ()
    # Markers on this row. Each series' ``label`` is the short word drawn by its markers
    # ("strongest", "check"); each point's ``label`` is the full sentence.
    marks: tuple[Series, ...] = ()

    def __post_init__(self) -> None:
        _require(self.id, "lane id")
        _require(self.label, "lane label")
        if not self.spans and not self.marks:
            raise ValueError("a lane needs at least one span or mark")
        for series in self.marks:
            if series.style != "markers" or series.time_unit != "minutes":
                raise ValueError(f"marks {series.id!r} must be style 'markers' in minutes")
            for point in series.points:
                if point.y is not None or point.low is not None or point.high is not None:
                    raise ValueError(f"marks {series.id!r}: a mark has a time, not a value")
                _require(point.label, f"marks {series.id!r} point label")

    @property
    def sources(self) -> SourceIds:
        ids = [s.source for s in self.spans] + [p.source for m in self.marks for p in m.points]
        return tuple(dict.fromkeys(ids))


class LegendItem(Model, frozen=True, kw_only=True):
    """What a span kind means, in words, under the chart."""

    kind: Literal["on", "ending"]
    text: str


class Tick(Model, frozen=True, kw_only=True):
    at: TickAt
    label: str


class SessionChart(Model, frozen=True, kw_only=True):
    """During and after a session: effects and care over time, as lanes of spans and markers."""

    heading: str
    chart_name: str  # accessible name of the chart
    table_name: str  # accessible name of its table
    note: str  # what the chart is and is not (a timing sketch, not a measurement)
    time_label: str  # bottom axis title
    t_max: SessionMinutes  # minutes shown
    ticks: tuple[Tick, ...]
    drip: Span  # the infusion, shaded behind every lane
    drip_label: str
    legend: tuple[LegendItem, ...]
    lanes: tuple[Lane, ...]
    blocks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _require(self.heading, "heading")
        if not self.lanes:
            raise ValueError("the session chart needs at least one lane")
        ids = [lane.id for lane in self.lanes]
        if len(ids) != len(set(ids)):
            raise ValueError("lane ids must be unique")
        if not 0 < self.drip.end <= self.t_max:
            raise ValueError("the drip must end inside the chart")
        for tick in self.ticks:
            if not 0 <= tick.at <= self.t_max:
                raise ValueError(f"tick {tick.label!r} at {tick.at} is outside 0..t_max")
        for lane in self.lanes:
            for span in lane.spans:
                # A span may run past the chart's end (drawn with an arrow); it may not start there.
                if span.start >= self.t_max:
                    raise ValueError(f"lane {lane.id!r}: a span starts after the chart ends")
            for series in lane.marks:
                for point in series.points:
                    if point.t > self.t_max:
                        raise ValueError(f"lane {lane.id!r}: a mark is after the chart ends")
        kinds = {s.kind for lane in self.lanes for s in lane.spans}
        missing = kinds - {item.kind for item in self.legend}
        if missing:
            raise ValueError(f"the legend must explain span kind(s): {', '.join(sorted(missing))}")


class Bar(Model, frozen=True, kw_only=True):
    """One bar in real units: a value, a range (``low`` to ``high``) or "``low`` or more"."""

    id: str
    label: str  # words above the bar
    role: MarkRole = "risk"  # what the bar stands for: its colour in the visual key
    low: Amount
    high: Amount | None = None
    open_high: bool = False  # "or more": drawn with an arrow past the bar's end
    value_text: str  # words at the bar's end: "about 35 mg", "70 to 315 mg"
    detail: str  # full sentence: shown on tap and in the table
    source: str
    # Doses only: the amount per kilogram the bar was worked out from (checked below).
    per_kg_low: PerKg | None = None
    per_kg_high: PerKg | None = None

    def __post_init__(self) -> None:
        _require(self.id, "bar id")
        _require(self.label, "bar label")
        _require(self.value_text, "value_text")
        _require(self.detail, "bar detail")
        _require(self.source, "bar source")
        if self.low < 0:
            raise ValueError(f"low must not be negative (got {self.low})")
        if self.high is not None and self.high <= self.low:
            raise ValueError(f"high ({self.high}) must be above low ({self.low})")
        if self.open_high and self.high is not None:
            raise ValueError("a bar is either a range (high) or open-ended (open_high), not both")
        if (self.per_kg_high is not None) != (self.high is not None and self.per_kg_low is not None):
            raise ValueError("per_kg_high goes with high and per_kg_low")


class BarChart(Model, frozen=True, kw_only=True):
    """Horizontal bars on one axis in one unit, starting at zero."""

    heading: str
    chart_name: str
    table_name: str
    axis_label: str
    x_max: Amount
    ticks: tuple[Tick, ...]
    note: str = ""
    weight_kg: WeightKg | None = None  # doses: the body weight the mg figures are for
    bars: tuple[Bar, ...]
    blocks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _require(self.heading, "heading")
        if not self.bars:
            raise ValueError("a bar chart needs at least one bar")
        for bar in self.bars:
            top = bar.high if bar.high is not None else bar.low
            if top > self.x_max:
                raise ValueError(f"bar {bar.id!r} ({top}) is beyond x_max ({self.x_max})")
            if bar.per_kg_low is not None:
                if self.weight_kg is None:
                    raise ValueError(f"bar {bar.id!r} gives mg/kg: the chart needs weight_kg")
                self._check_dose(bar.id, bar.low, bar.per_kg_low)
                if bar.high is not None and bar.per_kg_high is not None:
                    self._check_dose(bar.id, bar.high, bar.per_kg_high)
        for tick in self.ticks:
            if not 0 <= tick.at <= self.x_max:
                raise ValueError(f"tick {tick.label!r} at {tick.at} is outside 0..x_max")

    def _check_dose(self, bar_id: str, mg: float, per_kg: float) -> None:
        # The mg shown must be the mg/kg dose times the stated weight (to the nearest mg).
        assert self.weight_kg is not None
        expected = per_kg * self.weight_kg
        if abs(mg - expected) > 0.5:
            raise ValueError(f"bar {bar_id!r}: {mg} mg is not {per_kg} mg/kg x {self.weight_kg} kg "
                             f"({expected:g} mg)")


class Cautions(Model, frozen=True, kw_only=True):
    """Reasons ketamine may not be right, framed as "tell your care team; they decide"."""

    heading: str
    intro: Claim
    items: tuple[Claim, ...]

    def __post_init__(self) -> None:
        _require(self.heading, "heading")
        if not self.items:
            raise ValueError("list at least one reason")
        for item in self.items:
            if not item.sources:
                raise ValueError(f"{item.text!r} needs a source")


class Visit(Model, frozen=True, kw_only=True):
    """What monitoring looks like. The steps themselves are the Overview's ``session_steps``:
    one visit, with the same steps and names wherever it is shown."""

    heading: str
    name: str  # accessible name of the step list
    blocks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _require(self.heading, "heading")


class RisksContent(PanelContent, frozen=True, kw_only=True):
    controls: Controls
    session: SessionChart
    pressure: BarChart
    misuse_heading: str  # the section that holds the dose chart
    doses: BarChart
    cautions: Cautions
    visit: Visit

    def __post_init__(self) -> None:
        super().__post_init__()
        known = [b.id for b in self.blocks]
        if len(known) != len(set(known)):
            raise ValueError("block ids must be unique")
        placed = [*self.session.blocks, *self.pressure.blocks, *self.doses.blocks, *self.visit.blocks]
        unknown = [b for b in placed if b not in known]
        if unknown:
            raise ValueError(f"unknown block id(s): {', '.join(unknown)}")
        twice = sorted({b for b in placed if placed.count(b) > 1})
        if twice:
            raise ValueError(f"block(s) placed twice: {', '.join(twice)}")
        unplaced = [b for b in known if b not in placed]
        if unplaced:
            raise ValueError(f"block(s) not placed in any section: {', '.join(unplaced)}")

    def block(self, block_id: str) -> Block:
        return next(b for b in self.blocks if b.id == block_id)
