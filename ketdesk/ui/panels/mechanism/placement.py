"""Where the synapse diagram's word labels go: candidate spots, hard rules, a price on each.

Pure geometry in widget pixels (float tuples, no Qt), so it is quick enough to run on a
resize and easy to reason about. Labels are placed one at a time, in the caller's order.
Each has a preferred spot (its slot in the design) and a leader line to the part it
names. A spot is *allowed* only when the label there

* stays inside the field and keeps a gap to every label already placed;
* covers no key part of the drawing (molecules, receptors, the brake bar, ...) and no
  other label's leader end (where its dot is drawn);
* is crossed by no leader already placed, and its own leader crosses no placed label.

These rules are never bent. Among allowed spots the cheapest wins: distance from the
slot, plus a price for growing the diagram beyond the picture (the widget gets taller
when words need room, and the page scrolls), plus small prices for leaders that cross
other leaders or drawing parts, or run long. A label with no allowed spot pushes the
labels in its way elsewhere; if that fails too, the result says so (``ok``) and the caller
lays the labels out another way (``labels``), instead of drawing a clash, which
is all a nudging loop that gives up after some rounds can promise.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ketdesk.ui.geometry import (
    Point,
    Rect,
    Segment,
    contains,
    grow,
    intersects,
    nearest_on_rect,
    point_rect,
    segment_hits,
    segments_cross,
)

# Prices, in text lines (em) of distance from the slot.
GROW_PRICE = 2.5  # per em the diagram grows taller: a label moved 2.5 em costs the same
CROSS_LEADER_PRICE = 6.0  # per crossing of two leader lines
CROSS_PART_PRICE = 1.0  # per drawing part a leader passes over
LEADER_PRICE = 0.25  # per em of leader length
MAX_TRIED = 30  # allowed spots priced per label before taking the best (bounds the time)
ROUNDS = 2  # placement orders tried while some label finds no spot (see place_labels)
IMPROVE_STEPS = 5  # ripple moves tried (see _Placer.improve)
REPAIR_DEPTH = 2  # how far a label with no spot may push others about (see _Placer.place)
SLACK = 0.5  # pixels kept between things that would otherwise just touch
FAILED_PRICE = 1000.0  # a label with no allowed spot: any order that places it is better


@dataclass(frozen=True)
class LabelRequest:
    """One label to place: its size, where the design wants it and what it points at."""

    part: str
    size: tuple[float, float]
    slot: Point  # the preferred top-left corner
    anchors: tuple[Point, ...]  # leader ends (several when the part moves between steps)
    body: Rect | None = None  # a label touching this (a big cell) needs no leader


@dataclass(frozen=True)
class Field:
    """The space labels are placed in, and what they must keep clear of."""

    bounds: Rect  # where labels may go: the widget's width, the picture's height plus bands
    free: Rect  # labels within this do not make the diagram taller
    keys: tuple[tuple[str, Rect], ...]  # (part, area) of drawing no label may cover
    gap: float  # between two labels
    clearance: float  # kept clear around leader ends and along leader lines
    step: float  # spacing of the candidate grid
    unit: float  # one em in pixels: prices are counted in text lines


@dataclass(frozen=True)
class Placed:
    rect: Rect
    leaders: tuple[Segment, ...]
    cost: float = 0.0  # what this spot was priced at (see the module docstring)


@dataclass(frozen=True)
class Placement:
    placed: dict[str, Placed]
    ok: bool  # every label found an allowed spot
    top: float  # the extent used: the free area united with every label
    bottom: float
    total: float = 0.0  # the sum of every label's price


def place_labels(requests: Sequence[LabelRequest], field: Field) -> Placement:
    """Place ``requests`` one by one, each in its cheapest allowed spot, then improve.

    Placing one at a time can box a later label in: its part ringed by labels placed
    before it. Such a label takes the spot it would have alone and the labels in its way
    are placed again around it (``_Placer.place``); if labels are still left without a
    spot, they go first in another round. A label that found a spot, but a poor one (far
    off, long leader), is dealt with by ``_improve`` (measured better, and cheaper, than
    trying more orders).
    """
    placer = _Placer(requests, field)
    order = [req.part for req in requests]
    best: Placement | None = None
    for _ in range(ROUNDS):
        placement = placer.run(order)
        if best is None or _better(placement, best):
            best = placement
        failed = [part for part, spot in placement.placed.items() if spot.cost >= FAILED_PRICE]
        if not failed:
            break
        order = failed + [part for part in order if part not in failed]
    assert best is not None
    return placer.improve(best) if best.ok else best


class _Placer:
    """Places labels for one set of requests in one field."""

    def __init__(self, requests: Sequence[LabelRequest], field: Field) -> None:
        self.field = field
        self.requests = {req.part: req for req in requests}
        # Where the other labels' leaders end: no label may cover another's leader end. A
        # label that may sit on its cell instead (``body``) only has a leader if it is placed
        # off it, and then its leader, end and all, is checked against the labels there.
        dots = {req.part: [grow(point_rect(a), field.clearance) for a in req.anchors]
                for req in requests if req.body is None}
        self.dots = {req.part: [dot for other, rects in dots.items() if other != req.part for dot in rects]
                     for req in requests}

    def run(self, order: Sequence[str], kept: dict[str, Placed] | None = None) -> Placement:
        """Place ``order``'s labels in turn, around any labels ``kept`` in place."""
        placed = dict(kept or {})
        ok = True
        for part in order:
            if not self.place(part, placed, REPAIR_DEPTH):
                ok = False
                placed[part] = _fallback(self.requests[part], self.field)
        top, bottom = self._extent(placed)
        return Placement(placed, ok, top, bottom, sum(spot.cost for spot in placed.values()))

    def place(self, part: str, placed: dict[str, Placed], depth: int) -> bool:
        """Put ``part``'s label in its cheapest allowed spot; if it has none, give it the
        spot it would have alone and place the labels in that spot's way again, around it
        (``depth`` levels deep). Leaves ``placed`` as it was when that fails."""
        spot = self._best(part, placed)
        if spot is not None:
            placed[part] = spot
            return True
        if depth == 0:
            return False
        ideal = self._best(part, {})
        if ideal is None:
            return False
        blockers = sorted((other for other, spot in placed.items() if _conflict(ideal, spot, self.field)),
                          key=lambda other: -placed[other].cost)
        before = dict(placed)
        for other in blockers:
            del placed[other]
        spot = self._best(part, placed)
        if spot is not None:
            placed[part] = spot
            if all(self.place(other, placed, depth - 1) for other in blockers):
                return True
        placed.clear()
        placed.update(before)
        return False

    def improve(self, placement: Placement) -> Placement:
        """Ripple moves: the label priced highest takes the spot it would have if it were
        alone, the labels in that spot's way are placed again around it; kept if cheaper."""
        requests = self.requests

        def moved(part: str) -> float:  # how far from its slot, in em
            x, y = placement.placed[part].rect[:2]
            sx, sy = requests[part].slot
            return math.hypot(x - sx, y - sy) / self.field.unit

        # A label at its slot already has the spot it would have alone: nothing to gain.
        tried = {part for part in placement.placed if moved(part) <= 1.0}
        for _ in range(IMPROVE_STEPS):
            left = [part for part in placement.placed if part not in tried]
            if not left:
                break
            worst = max(left, key=lambda part: placement.placed[part].cost)
            tried.add(worst)
            ideal = self._best(worst, {})
            if ideal is None:
                continue
            blockers = sorted((part for part, spot in placement.placed.items()
                               if part != worst and _conflict(ideal, spot, self.field)),
                              key=lambda part: -placement.placed[part].cost)
            kept = {part: spot for part, spot in placement.placed.items()
                    if part != worst and part not in blockers}
            trial = self.run([worst, *blockers], kept)
            if trial.ok and trial.total < placement.total - 0.01:
                placement = trial
        return placement

    def _best(self, part: str, placed: dict[str, Placed]) -> Placed | None:
        top, bottom = self._extent(placed)
        return _best_spot(self.requests[part], self.field, placed, self.dots[part], top, bottom)

    def _extent(self, placed: dict[str, Placed]) -> tuple[float, float]:
        return (min([self.field.free[1], *(spot.rect[1] for spot in placed.values())]),
                max([self.field.free[3], *(spot.rect[3] for spot in placed.values())]))


def _conflict(a: Placed, b: Placed, field: Field) -> bool:
    """Whether two placed labels cannot both stay: boxes too close, or a leader across a box."""
    return (intersects(grow(a.rect, field.gap), b.rect)
            or any(segment_hits(seg, grow(b.rect, field.clearance)) for seg in a.leaders)
            or any(segment_hits(seg, grow(a.rect, field.clearance)) for seg in b.leaders))


def _better(a: Placement, b: Placement) -> bool:
    return (not a.ok, a.total) < (not b.ok, b.total)


def leaders_for(req: LabelRequest, rect: Rect) -> tuple[Segment, ...]:
    """The leader lines drawn for a label at ``rect``: from its nearest edge to each anchor
    it does not already cover (none when it sits on its part's body)."""
    if req.body is not None and intersects(rect, req.body):
        return ()
    return tuple((nearest_on_rect(rect, a), a) for a in req.anchors if not contains(rect, a))


def _best_spot(req: LabelRequest, field: Field, placed: dict[str, Placed], dots: list[Rect],
               top: float, bottom: float) -> Placed | None:
    w, h = req.size
    unit = field.unit
    sx, sy = req.slot
    clear = field.clearance
    # Everything a label's box may not overlap (labels, key drawing, leader ends, leaders),
    # gathered per column: a spot is then only ever made where the box itself is free.
    solid = [grow(p.rect, field.gap) for p in placed.values()] + [rect for _, rect in field.keys] + dots
    # A new leader keeps clear of labels by the same margin as leaders keep clear of labels.
    padded = [grow(p.rect, clear) for p in placed.values()]
    placed_leaders = [seg for p in placed.values() for seg in p.leaders]
    aims = [sy, field.free[1], field.free[3] - h]  # where a box would most like its top
    for _, ay in {req.anchors[0], req.anchors[-1]}:  # a moving part: where it starts and ends
        aims += [ay - h / 2, ay + clear, ay - clear - h]
    # Columns nearest the slot first; a column's spots cost at least its distance, so once
    # the best spot found is cheaper than the next column's distance, the search is over.
    lefts = sorted(_lefts(req, field, placed), key=lambda x: abs(x - sx))
    queue: list[tuple[float, float, float]] = []
    best: tuple[float, Placed] | None = None
    tried = 0
    for index in range(len(lefts) + 1):
        bound = abs(lefts[index] - sx) / unit if index < len(lefts) else math.inf
        while queue and queue[0][0] <= bound:
            cost, x, y = heapq.heappop(queue)
            if best is not None and (best[0] <= cost or tried >= MAX_TRIED):
                return best[1]  # the extra prices are never negative: nothing further can win
            rect = (x, y, x + w, y + h)
            leaders = leaders_for(req, rect)
            if any(segment_hits(seg, other) for seg in leaders for other in padded):
                continue
            tried += 1
            total = cost + _leader_price(req, leaders, field, placed_leaders, dots)
            if best is None or total < best[0]:
                best = (total, Placed(rect, leaders, total))
        if best is not None and best[0] <= bound:
            break
        if index < len(lefts):
            for spot in _column_spots(lefts[index], req, field, solid, placed_leaders, aims, top, bottom):
                heapq.heappush(queue, spot)
    return None if best is None else best[1]


def _column_spots(x: float, req: LabelRequest, field: Field, solid: list[Rect], leaders: list[Segment],
                  aims: list[float], top: float, bottom: float) -> list[tuple[float, float, float]]:
    """Priced spots for a box with its left edge at ``x``, each where the box is free:
    in every free gap of the column, its ends, the tops the box aims for, and a few between
    (so a leader can find a way past other labels)."""
    w, h = req.size
    sx, sy = req.slot
    unit = field.unit
    starts, ends = _column(x, x + w, solid, leaders, field.clearance)
    low_y, high_y = field.bounds[1], field.bounds[3] - h
    spots = []
    gap_top = low_y
    for i in range(len(starts) + 1):
        gap_bottom = min(high_y, starts[i] - h) if i < len(starts) else high_y
        if gap_bottom >= gap_top:
            ys = {gap_top, gap_bottom}
            ys.update(min(max(a, gap_top), gap_bottom) for a in aims)
            count = int((gap_bottom - gap_top) / (2 * field.step))
            ys.update(gap_top + (k + 1) * (gap_bottom - gap_top) / (count + 1) for k in range(count))
            for y in ys:
                growth = max(0.0, top - y) + max(0.0, y + h - bottom)
                spots.append((math.hypot(x - sx, y - sy) / unit + GROW_PRICE * growth / unit, x, y))
        if i < len(starts):
            gap_top = max(gap_top, ends[i])
    return spots


def _column(left: float, right: float, solid: list[Rect], leaders: list[Segment],
            clear: float) -> tuple[list[float], list[float]]:
    """The vertical spans a box from ``left`` to ``right`` may not overlap (the solid
    rectangles in that column, and each leader's stretch through it, with clearance),
    merged and sorted: (starts, ends), so a box is checked with one binary search."""
    # Flush is not enough: half a pixel apart, so rounding never makes two things touch.
    left, right = left - SLACK, right + SLACK
    spans = [(r[1] - SLACK, r[3] + SLACK) for r in solid if r[0] < right and left < r[2]]
    lo, hi = left - clear, right + clear
    for (x0, y0), (x1, y1) in leaders:
        if x0 > x1:
            x0, y0, x1, y1 = x1, y1, x0, y0
        a, b = max(lo, x0), min(hi, x1)
        if a > b:
            continue
        if x1 == x0:
            ya, yb = y0, y1
        else:
            slope = (y1 - y0) / (x1 - x0)
            ya, yb = y0 + slope * (a - x0), y0 + slope * (b - x0)
        spans.append((min(ya, yb) - clear, max(ya, yb) + clear))
    starts: list[float] = []
    ends: list[float] = []
    for start, end in sorted(spans):
        if starts and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _leader_price(req: LabelRequest, leaders: tuple[Segment, ...], field: Field,
                  placed_leaders: list[Segment], dots: list[Rect]) -> float:
    """Length, and what a leader crosses; averaged over a moving part's leader positions."""
    if not leaders:
        return 0.0
    price = 0.0
    keys = [key for part, key in field.keys if part != req.part]
    for seg in leaders:
        (x0, y0), (x1, y1) = seg
        price += LEADER_PRICE * math.hypot(x1 - x0, y1 - y0) / field.unit
        price += CROSS_LEADER_PRICE * sum(segments_cross(seg, other) for other in placed_leaders)
        price += CROSS_PART_PRICE * sum(segment_hits(seg, key) for key in keys)
        price += CROSS_LEADER_PRICE * sum(segment_hits(seg, dot) for dot in dots)
    return price / len(leaders)


def _lefts(req: LabelRequest, field: Field, placed: dict[str, Placed]) -> list[float]:
    """Candidate left edges: a regular grid, plus spots flush with what is around."""
    w = req.size[0]
    lo, hi = field.bounds[0], field.bounds[2] - w
    if hi < lo:
        return [lo]
    count = int((hi - lo) / field.step)
    spots = {lo + i * field.step for i in range(count + 1)} | {hi, req.slot[0]}
    gap, clear = field.gap, field.clearance
    for p in placed.values():
        spots.update((p.rect[2] + gap, p.rect[0] - gap - w))
    for part, key in field.keys:
        if part == req.part:  # snug beside its own part
            spots.update((key[2] + clear, key[0] - clear - w))
    for a in (req.anchors[0], req.anchors[-1]):
        spots.update((a[0] - w / 2, a[0] + clear, a[0] - clear - w))
    return sorted(s for s in spots if lo <= s <= hi)


def _fallback(req: LabelRequest, field: Field) -> Placed:
    """No allowed spot: the slot, kept inside the field (the result is marked not ok)."""
    w, h = req.size
    left, top, right, bottom = field.bounds
    x = min(max(req.slot[0], left), right - w)
    y = min(max(req.slot[1], top), bottom - h)
    rect = (x, y, x + w, y + h)
    return Placed(rect, leaders_for(req, rect), FAILED_PRICE)
