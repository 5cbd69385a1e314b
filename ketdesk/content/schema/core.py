"""Building blocks every content file shares: sources, claims, text blocks, chart series.

Each type is a frozen ``msgspec.Struct`` that refuses unknown keys, so a typo in a content
file is reported instead of silently ignored. Checks that span fields live in
``__post_init__``; msgspec turns their ``ValueError`` into a validation error with a path.
"""


import math
from typing import Literal

from ketdesk.content.schema.base import Model, SourceIds, _require_text
from ketdesk.content.schema.bounds import ChartValue, People, SeriesTime
from ketdesk.content.schema.poster import PosterContent

# What a mark on a chart or picture stands for; the one visual key (ketdesk/ui/visual_key.py)
# gives each its colour and pattern, the same on every panel.
MarkRole = Literal["ketamine", "ketamine_series", "pills", "comparison", "risk", "claim", "neutral"]


class Source(Model, frozen=True, kw_only=True):
    """One published source, cited by id from claims and chart points."""

    id: str
    authors: str
    year: int
    journal: str
    title: str = ""  # left empty where the exact title was not confirmed
    details: str = ""  # volume, issue and pages as printed in the citation
    doi: str = ""
    pmid: str = ""
    url: str = ""
    # "checked": the figure was read in the source; "secondary": seen through a summary.
    status: Literal["checked", "secondary"] = "checked"

    def __post_init__(self) -> None:
        _require_text(self.id, "source id")
        _require_text(self.authors, "authors")
        if not 1900 <= self.year <= 2100:
            raise ValueError(f"year {self.year} is not a plausible publication year")

    @property
    def link(self) -> str:
        """The most precise locator available, as a printable string."""
        if self.doi:
            return f"doi:{self.doi}"
        if self.pmid:
            return f"PMID {self.pmid}"
        return self.url  # empty where no locator was confirmed; the panel says so


class Claim(Model, frozen=True, kw_only=True):
    """One statement shown to a patient, with the sources that back it."""

    text: str
    sources: SourceIds = ()

    def __post_init__(self) -> None:
        _require_text(self.text, "claim text")


class Block(Model, frozen=True, kw_only=True):
    """A headed group of claims: the unit of text on every panel."""

    id: str
    heading: str = ""
    claims: tuple[Claim, ...]
    # "note" is quieter (uncertainty, caveats); "warning" is for safety messages.
    style: Literal["text", "note", "warning", "callout"] = "text"

    def __post_init__(self) -> None:
        if not self.claims:
            raise ValueError("a block needs at least one claim")

    @property
    def sources(self) -> SourceIds:
        seen: dict[str, None] = {}
        for claim in self.claims:
            seen.update(dict.fromkeys(claim.sources))
        return tuple(seen)


class Point(Model, frozen=True, kw_only=True):
    """One data point of a chart series.

    ``t`` is in the series' time unit. ``y`` is absent where no pooled number exists
    (for example "improvement begins"), in which case the point is drawn as a marker.
    """

    t: SeriesTime
    y: ChartValue | None = None
    low: ChartValue | None = None
    high: ChartValue | None = None
    label: str = ""
    comparison: str = ""
    n: People | None = None
    source: str

    def __post_init__(self) -> None:
        for name in ("t", "y", "low", "high"):
            value = getattr(self, name)
            if value is not None and not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number, not {value}")
        if self.t < 0:
            raise ValueError(f"time must not be negative (got {self.t})")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        if self.n is not None and self.n <= 0:
            raise ValueError("study size n must be positive")
        _require_text(self.source, "point source")


class Series(Model, frozen=True, kw_only=True):
    """A named line, band or set of markers on a chart, in one unit."""

    id: str
    label: str
    time_unit: Literal["minutes", "hours", "days", "weeks"] = "hours"
    value_unit: str = ""
    style: Literal["line", "dashed", "markers", "band"] = "line"
    points: tuple[Point, ...]

    def __post_init__(self) -> None:
        if not self.points:
            raise ValueError("a series needs at least one point")
        times = [p.t for p in self.points]
        if times != sorted(times):
            raise ValueError("points must be in time order")

    @property
    def sources(self) -> SourceIds:
        return tuple(dict.fromkeys(p.source for p in self.points))


class PanelContent(Model, frozen=True, kw_only=True):
    """What every panel has: its tab label, title, main message and text blocks."""

    tab: str
    title: str
    lead: str
    blocks: tuple[Block, ...] = ()
    # The panel's one message at a glance, shown first (ketdesk.ui.poster); None: no poster yet.
    poster: PosterContent | None = None

    def __post_init__(self) -> None:
        _require_text(self.tab, "tab label")
        _require_text(self.title, "title")
        _require_text(self.lead, "lead")
        if not self.blocks:
            raise ValueError("a panel needs at least one text block")
