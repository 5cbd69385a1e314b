"""``timeline.toml``: how fast ketamine and pills work, as one chart with one denominator.

The chart's x axis is time on a log scale (in hours), its y axis "people out of 10".
Everything the chart shows is declared here: axis words and ticks, the series and their
points (with the exact percentages in the point's words), the legend entries that show
or hide them, the two headline callouts, the "10 people" rows, the clinics' own claim and
the words of the controls. The panel code draws it and knows no medicine.
"""


from ketdesk.content.placeholders import check_template as _placeholders
from ketdesk.content.schema.bounds import AxisHours, Denominator, SeriesTime, TickAt, TickPriority, Zone
from ketdesk.content.schema.core import Claim, MarkRole, Model, PanelContent, Point, Series, SourceIds

# How many hours one unit of a series' time is: the chart's x axis is in hours.
HOURS_PER_UNIT: dict[str, float] = {"minutes": 1 / 60, "hours": 1.0, "days": 24.0, "weeks": 168.0}


def _require(value: str, what: str) -> None:
    if not value.strip():
        raise ValueError(f"{what} must not be empty")


class Tick(Model, frozen=True, kw_only=True):
    """One labelled tick. ``priority`` 1 is always shown; higher numbers give way first
    when the chart is too narrow for every label."""

    at: TickAt
    label: str
    priority: TickPriority = 1

    def __post_init__(self) -> None:
        _require(self.label, "tick label")
        if self.priority < 1:
            raise ValueError("tick priority starts at 1 (always shown)")


def _check_ticks(ticks: tuple[Tick, ...], low: float, high: float, what: str) -> None:
    if not ticks:
        raise ValueError(f"{what} needs at least one tick")
    values = [t.at for t in ticks]
    if values != sorted(values) or len(set(values)) != len(values):
        raise ValueError(f"{what} ticks must be in increasing order without repeats")
    outside = [t.label for t in ticks if not low <= t.at <= high]
    if outside:
        raise ValueError(f"{what} ticks outside the axis range {low}-{high}: {', '.join(outside)}")


class TimeAxis(Model, frozen=True, kw_only=True):
    """The x axis, in hours, drawn on a log scale."""

    label: str
    start: AxisHours
    end: AxisHours
    ticks: tuple[Tick, ...]

    def __post_init__(self) -> None:
        _require(self.label, "time axis label")
        if not 0 < self.start < self.end:
            raise ValueError("the time axis needs 0 < start < end (hours, log scale)")
        _check_ticks(self.ticks, self.start, self.end, "time axis")


class ValueAxis(Model, frozen=True, kw_only=True):
    """The y axis: people out of ``denominator``, the one denominator used throughout."""

    label: str
    denominator: Denominator = 10
    ticks: tuple[Tick, ...]

    def __post_init__(self) -> None:
        _require(self.label, "value axis label")
        if self.denominator <= 0:
            raise ValueError("the denominator must be positive")
        _check_ticks(self.ticks, 0, self.denominator, "value axis")


class LegendEntry(Model, frozen=True, kw_only=True):
    """One toggle of the legend; it shows or hides every series that names it.

    ``role`` says what its marks stand for; the visual key gives that its colour, marker
    and line, the same on every panel.
    """

    id: str
    label: str
    role: MarkRole

    def __post_init__(self) -> None:
        _require(self.id, "legend id")
        _require(self.label, "legend label")


class TimelinePoint(Point, frozen=True, kw_only=True):
    """A chart point with the words the panel shows around it.

    A point with ``y`` (or ``low`` and ``high``) is a result, in people out of 10; a
    point with neither is an event (for example "improvement begins") and is drawn as a
    mark above the scale, never as a number. ``t_end`` turns an event into a time span.
    """

    when: str  # the time in words, e.g. "1 day after the infusion"
    tag: str = ""  # a few words drawn on the chart beside the point
    t_end: SeriesTime | None = None  # same unit as ``t``; an event that spans time
    # Further sources when a point pools several studies (``source`` is the main one).
    sources: SourceIds = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        _require(self.when, "point time in words")
        _require(self.label, "point words (label)")
        if (self.low is None) != (self.high is None):
            raise ValueError("give both low and high, or neither")
        if self.t_end is not None:
            if self.t_end <= self.t:
                raise ValueError("t_end must come after t")
            if self.has_value:
                raise ValueError("a time span (t_end) is an event: it cannot carry a number")

    @property
    def has_value(self) -> bool:
        return self.y is not None or self.low is not None

    @property
    def all_sources(self) -> SourceIds:
        return tuple(dict.fromkeys((self.source, *self.sources)))


class TimelineSeries(Series, frozen=True, kw_only=True):
    """A series on the timeline; ``legend`` names the toggle that shows or hides it."""

    legend: str
    points: tuple[TimelinePoint, ...]


class Callout(Model, frozen=True, kw_only=True):
    """A headline the eye finds first ("Ketamine: hours"), in its legend entry's colour."""

    legend: str
    big: str
    text: str
    sources: SourceIds = ()

    def __post_init__(self) -> None:
        _require(self.big, "callout headline")
        _require(self.text, "callout text")


class IconRow(Model, frozen=True, kw_only=True):
    """One row of 10 people: ``value`` filled, or a ``low``-``high`` range (striped)."""

    label: str
    words: str  # the number in words, e.g. "About 5 in 10"
    value: float | None = None
    low: float | None = None
    high: float | None = None
    # Colour of this legend entry's series; empty draws the row in a neutral colour.
    legend: str = ""
    # A figure someone reports, not a study result: drawn outlined and striped, never filled.
    claim: bool = False
    sources: SourceIds = ()
    # In the "how fast" view: which time zone of ``PeopleView.zones`` the row stands in.
    zone: Zone | None = None

    def __post_init__(self) -> None:
        _require(self.label, "row label")
        _require(self.words, "row words")
        if (self.low is None) != (self.high is None):
            raise ValueError("give both low and high, or neither")
        if (self.value is None) == (self.low is None):
            raise ValueError("give either value, or low and high")
        for name in ("value", "low", "high"):
            v = getattr(self, name)
            if v is not None and not 0 <= v <= 10:
                raise ValueError(f"{name} must be between 0 and 10 people")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low is above high")


class IconKey(Model, frozen=True, kw_only=True):
    """What the figures mean: filled, striped (a range) and empty."""

    filled: str
    range: str
    empty: str


class PeopleView(Model, frozen=True, kw_only=True):
    """The panel's first view: 10 people per treatment, side by side on one time line.

    ``zones`` name the plain steps of that line ("Hours", "Days", "Weeks"); each row says
    in which one its result came (``zone``), so hours and weeks stand apart at a glance.
    ``note`` says what is uncertain about setting these numbers side by side.
    """

    heading: str
    zones: tuple[str, ...]
    rows: tuple[IconRow, ...]
    key: IconKey
    note: Claim

    def __post_init__(self) -> None:
        _require(self.heading, "people view heading")
        if not 2 <= len(self.zones) <= 4:
            raise ValueError("the time line has 2 to 4 zones")
        for zone in self.zones:
            _require(zone, "zone name")
        if not 1 <= len(self.rows) <= 6:
            raise ValueError("the people view shows 1 to 6 rows")
        zones = [row.zone for row in self.rows]
        if any(z is None or z >= len(self.zones) for z in zones):
            raise ValueError(f"every row needs a zone from 0 to {len(self.zones) - 1}")
        if zones != sorted(zones, key=lambda z: z or 0):
            raise ValueError("rows come in time order: zone by zone")


class ClinicClaim(Model, frozen=True, kw_only=True):
    """What some clinics say (the article's figure), set beside what trials found.

    ``rows`` draws the comparison with the same 10 figures; the clinics' own figure is
    the row marked ``claim``, drawn apart from the study results and never filled.
    """

    heading: str
    text: str
    sources: SourceIds = ()
    rows: tuple[IconRow, ...]

    def __post_init__(self) -> None:
        _require(self.heading, "clinic claim heading")
        _require(self.text, "clinic claim text")
        if sum(row.claim for row in self.rows) != 1:
            raise ValueError("exactly one row holds the clinics' own figure (claim = true)")
        if not any(row.sources for row in self.rows if not row.claim):
            raise ValueError("the clinics' figure needs study results beside it")


class TimelineControls(Model, frozen=True, kw_only=True):
    """Words of the panel's own controls, tooltips and table."""

    show_chart: str
    show_table: str
    legend_name: str  # accessible name of the group of legend toggles
    chart_name: str  # accessible name of the chart
    chart_description: str
    people_name: str
    table_name: str
    table_headers: tuple[str, ...]  # treatment, when, result, comparison, study size, source
    study_size: str  # "{n} people"
    no_comparison: str
    no_study_size: str
    tip_comparison: str  # "Compared with: {comparison}"
    tip_study_size: str  # "Study size: {size}"
    tip_source: str  # "Source {number}: {citation}"
    citation: str  # "{authors} {year}, {journal}"
    scale_note: str  # why the time line stretches (log scale, in words)

    def __post_init__(self) -> None:
        if len(self.table_headers) != 6:
            raise ValueError("table_headers lists 6 column names")
        _placeholders(self.study_size, ("n",), "study_size")
        _placeholders(self.tip_comparison, ("comparison",), "tip_comparison")
        _placeholders(self.tip_study_size, ("size",), "tip_study_size")
        _placeholders(self.tip_source, ("number", "citation"), "tip_source")
        _placeholders(self.citation, ("authors", "year", "journal"), "citation")


class TimelineContent(PanelContent, frozen=True, kw_only=True):
    """The timeline panel: text blocks plus everything its chart and views draw."""

    time_axis: TimeAxis
    value_axis: ValueAxis
    legend: tuple[LegendEntry, ...]
    series: tuple[TimelineSeries, ...]
    callouts: tuple[Callout, ...]
    people: PeopleView
    clinic_claim: ClinicClaim
    controls: TimelineControls

    def __post_init__(self) -> None:
        super().__post_init__()
        legend_ids = [e.id for e in self.legend]
        if len(set(legend_ids)) != len(legend_ids):
            raise ValueError("legend ids must be unique")
        series_ids = [s.id for s in self.series]
        if len(set(series_ids)) != len(series_ids):
            raise ValueError("series ids must be unique")
        known = set(legend_ids)
        for series in self.series:
            if series.legend not in known:
                raise ValueError(f"series {series.id!r} names unknown legend entry {series.legend!r}")
            self._check_points(series)
        for callout in self.callouts:
            if callout.legend not in known:
                raise ValueError(f"callout {callout.big!r} names unknown legend entry {callout.legend!r}")
        for row in (*self.people.rows, *self.clinic_claim.rows):
            if row.legend and row.legend not in known:
                raise ValueError(f"row {row.label!r} names unknown legend entry {row.legend!r}")
        for entry in self.legend:
            if not any(s.legend == entry.id for s in self.series):
                raise ValueError(f"legend entry {entry.id!r} shows no series")

    def _check_points(self, series: TimelineSeries) -> None:
        axis = self.time_axis
        top = self.value_axis.denominator
        for point in series.points:
            for t in (point.t, point.t_end):
                if t is None:
                    continue
                hours = t * HOURS_PER_UNIT[series.time_unit]
                if not axis.start <= hours <= axis.end:
                    raise ValueError(f"series {series.id!r}: time {t} {series.time_unit} is outside "
                                     f"the time axis ({axis.start}-{axis.end} hours)")
            for name in ("y", "low", "high"):
                v = getattr(point, name)
                if v is not None and not 0 <= v <= top:
                    raise ValueError(f"series {series.id!r}: {name} {v} is outside 0-{top}")

    def hours(self, series: TimelineSeries, t: float) -> float:
        """A series' time value on the chart's axis (hours)."""
        return t * HOURS_PER_UNIT[series.time_unit]

    def legend_index(self, legend_id: str) -> int:
        return [e.id for e in self.legend].index(legend_id)

    def role(self, legend_id: str) -> MarkRole:
        """What a legend entry's marks stand for; no entry is "neutral"."""
        for entry in self.legend:
            if entry.id == legend_id:
                return entry.role
        return "neutral"
