"""Deciding where each of the timeline chart's words goes, before anything is moved.

The chart's words are of two kinds. Event words ("Improvement begins") sit in a strip
above the scale, beside a marker at the event's time; results' tags ("Pills: about 5 in
10") sit beside their marker. Each has three forms, tried in order:

1. on one line (``ONE``);
2. on two lines (``TWO``), when one line does not fit;
3. a letter on the chart and the words in the key beneath it (``LETTER``).

The strip takes the first form whose rows fit its height (all events share one form, so
the strip reads evenly). Each tag takes the nearest free place on the chart, first beside
its marker, then further away with a leader line; a tag with no free place at all goes
to the key. Geometry is in scene pixels; ``layout`` does the rectangle tests.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF

from ketdesk.content.schema.timeline import TimelinePoint, TimelineSeries
from ketdesk.ui.panels.timeline.layout import (
    Placement,
    assign_sided_rows,
    beside_spans,
    clamp_span,
    place_label,
)

ONE, TWO, LETTER = "one", "two", "letter"
LETTERS = string.ascii_uppercase
ROW_SPACING = 1.05  # strip row height / tallest word's height


@dataclass(eq=False)
class ChartLabel:
    """A word on the chart: for an event (in the strip) or beside a result.

    ``item`` shows the words, ``badge`` the letter when the words are in the key, ``leader``
    a line from a marker to words set apart from it, ``entry`` the words in the key.
    """

    series: TimelineSeries
    point: TimelinePoint
    item: Any  # pyqtgraph TextItem
    badge: Any  # pyqtgraph TextItem
    leader: Any  # pyqtgraph PlotCurveItem
    entry: Any  # key.KeyEntry
    x: float  # log10 hours: the event's middle, or the result's time
    y: float | None  # the result's value (or the middle of its range); None for events
    texts: dict[str, str] = field(default_factory=dict)  # ONE / TWO -> text
    sizes: dict[str, QSizeF] = field(default_factory=dict)  # ONE / TWO / LETTER -> pixels
    rect: QRectF = field(default_factory=QRectF)  # words (or letter) in scene pixels, after layout
    anchor: QPointF = field(default_factory=QPointF)  # a result's marker, scene pixels
    own: list[QPointF] = field(default_factory=list)  # this result's marker centres
    others: list[QPointF] = field(default_factory=list)  # every other marker's centre
    reach: float = 0.0  # how far from ``anchor`` words start
    max_leader: float = 0.0  # how far from ``anchor`` words may go, with a leader line
    in_key: bool = False
    letter: str = ""
    leader_line: QLineF | None = None


@dataclass(frozen=True)
class StripSpot:
    row: int
    form: str  # ONE, TWO or LETTER
    marker_x: float  # scene pixels
    text_left: float


@dataclass(frozen=True)
class StripPlan:
    rows: int
    row_height: float
    spots: list[StripSpot]

    @property
    def height(self) -> float:
        return self.rows * self.row_height


def _spans(lab: ChartLabel, form: str, from_x: Callable[[float], float], low: float, high: float,
           marker: float, pad: float) -> list[tuple[float, float]]:
    width = lab.sizes[form].width()
    x = from_x(lab.x)
    spans = beside_spans(x, marker, pad, width, low, high)
    if not spans and form == LETTER:  # a letter always fits: nudge it inside
        spans = [clamp_span(x + (pad + width) / 2, marker + pad + width, low, high)]
    return spans


def _spot(row: int, form: str, span: tuple[float, float], right_side: bool, marker: float,
          pad: float) -> StripSpot:
    left, right = span
    if right_side:  # marker, then words
        return StripSpot(row, form, left + marker / 2, left + marker + pad)
    return StripSpot(row, form, right - marker / 2, left)  # words, then marker


def plan_strip(events: Sequence[ChartLabel], from_x: Callable[[float], float], low: float, high: float,
               marker: float, gap: float, max_height: float) -> StripPlan:
    """Rows for the event words (sorted by time) that fit ``max_height``: every event's
    words on one line, else every event's on two lines, else words where they fit and a
    letter (words in the key) for the rest."""
    pad = gap * 0.4  # marker to words
    for form in (ONE, TWO):
        options = [_spans(lab, form, from_x, low, high, marker, pad) for lab in events]
        if any(not spans for spans in options):
            continue
        rows = assign_sided_rows(options, gap)
        count = max((row for row, _ in rows), default=-1) + 1
        row_height = max((lab.sizes[form].height() for lab in events), default=0.0) * ROW_SPACING
        if count * row_height <= max_height:
            spots = [_spot(row, form, spans[choice], _is_right(spans[choice], from_x(lab.x), marker),
                           marker, pad)
                     for lab, (row, choice), spans in zip(events, rows, options, strict=True)]
            return StripPlan(count, row_height, spots)
    mixed = _mixed_strip(events, from_x, low, high, marker, gap, max_height, (ONE, LETTER))
    if mixed.height <= max_height:
        return mixed
    return _mixed_strip(events, from_x, low, high, marker, gap, max_height, (LETTER,))


def _is_right(span: tuple[float, float], x: float, marker: float) -> bool:
    """Whether a span holds its words right of the marker at ``x`` (else left of it)."""
    return abs(span[1] - (x + marker / 2)) > 0.5


def _mixed_strip(events: Sequence[ChartLabel], from_x: Callable[[float], float], low: float, high: float,
                 marker: float, gap: float, max_height: float, forms: tuple[str, ...]) -> StripPlan:
    """Each event's words where they fit in the strip's rows, else its letter."""
    pad = gap * 0.4  # marker to words
    row_height = max((lab.sizes[form].height() for lab in events for form in (ONE, LETTER)),
                     default=0.0) * ROW_SPACING
    max_rows = max(1, int(max_height // row_height)) if row_height else 1
    rows: list[list[tuple[float, float]]] = []
    spots: list[StripSpot] = []
    for lab in events:
        spot = None
        for form in forms:
            spans = _spans(lab, form, from_x, low, high, marker, pad)
            for index in range(max_rows):
                row = rows[index] if index < len(rows) else []
                fits = [s for s in spans if all(s[1] + gap <= a or s[0] >= b + gap for a, b in row)]
                if fits:
                    # Words: the span that leaves most room for the next event. A letter
                    # always follows its marker, so it never seems to name the one before.
                    span = fits[0] if form == LETTER else min(fits, key=lambda s: s[1])
                    if index == len(rows):
                        rows.append([])
                    rows[index].append(span)
                    spot = _spot(index, form, span, _is_right(span, from_x(lab.x), marker), marker, pad)
                    break
            if spot is not None:
                break
        if spot is None:  # more rows than the strip has room for: a letter on a new row
            span = _spans(lab, LETTER, from_x, low, high, marker, pad)[0]
            rows.append([span])
            spot = _spot(len(rows) - 1, LETTER, span, _is_right(span, from_x(lab.x), marker), marker, pad)
        spots.append(spot)
    return StripPlan(len(rows), row_height, spots)


@dataclass
class TagPlan:
    """Where each tag's words went (by ``id`` of its label); missing ones go to the key."""

    words: dict[int, tuple[str, Placement]]
    taken: list[QRectF]
    lines: list[QLineF]


def _try_tags(order: Sequence[ChartLabel], area: QRectF, taken: Sequence[QRectF],
              obstacles: Sequence[QRectF], lines: Sequence[QLineF], radius: float) -> TagPlan:
    plan = TagPlan({}, list(taken), list(lines))
    for lab in order:
        for far in (False, True):
            found = None
            for mode in (ONE, TWO):
                placement = place_label(lab.anchor, lab.sizes[mode], lab.reach, area, plan.taken,
                                        obstacles, plan.lines, radius=radius, far=far, own=lab.own,
                                        others=lab.others, max_leader=lab.max_leader)
                if placement is not None:
                    found = (mode, placement)
                    break
            if found is not None:
                plan.words[id(lab)] = found
                plan.taken.append(found[1].rect)
                if found[1].leader is not None:
                    plan.lines.append(found[1].leader)
                break
    return plan


def place_tags(tags: Sequence[ChartLabel], area: QRectF, taken: Sequence[QRectF],
               obstacles: Sequence[QRectF], lines: Sequence[QLineF], radius: float) -> TagPlan:
    """Tags in content order; if some found no place, once more with those first."""
    plan = _try_tags(tags, area, taken, obstacles, lines, radius)
    missing = [lab for lab in tags if id(lab) not in plan.words]
    if missing:
        again = _try_tags([*missing, *(lab for lab in tags if id(lab) in plan.words)],
                          area, taken, obstacles, lines, radius)
        if len(again.words) > len(plan.words):
            plan = again
    return plan


def place_badge(lab: ChartLabel, size: QSizeF, area: QRectF, plan: TagPlan,
                obstacles: Sequence[QRectF], radius: float) -> Placement | None:
    """A free place for a tag's letter: beside its marker, else nearby with a leader."""
    for far in (False, True):
        placement = place_label(lab.anchor, size, lab.reach, area, plan.taken, obstacles, plan.lines,
                                radius=radius, far=far, own=lab.own, others=lab.others,
                                max_leader=lab.max_leader)
        if placement is not None:
            plan.taken.append(placement.rect)
            if placement.leader is not None:
                plan.lines.append(placement.leader)
            return placement
    return None
