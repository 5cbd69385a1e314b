"""Where the timeline chart's words go, in pixels, so that none overlap at any window size.

Pure geometry, no pyqtgraph:

- event labels ("Improvement begins") are stacked into rows of a strip above the scale,
  each beside a marker at the event's time (``assign_sided_rows``);
- a result's tag ("About 5 in 10") goes on a free side of its marker, or further away with
  a leader line, but only where it touches no other word, marker, range bar or line
  (``place_label``); when there is no such place the caller moves the words into a key
  beneath the chart instead of printing them over something.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF

from ketdesk.ui import geometry

Span = tuple[float, float]


def assign_sided_rows(options: Sequence[Sequence[Span]], gap: float) -> list[tuple[int, int]]:
    """(row, option) for each item, in as few rows as this greedy finds.

    Each item has spans to choose from (e.g. words right of its marker, then left of it)
    and goes into the first row where one of them clears everything already there. Two
    tries: preferring each item's first span (words read on from their marker), and
    preferring the span that ends leftmost (leaves most room for the items after it);
    the one with fewer rows wins, the first on a tie.
    """
    first = _greedy_rows(options, gap, leftmost=False)
    compact = _greedy_rows(options, gap, leftmost=True)
    rows = [max((r for r, _ in plan), default=-1) for plan in (first, compact)]
    if rows[1] >= rows[0]:
        return first
    # Compact won: put back on their first span the items whose row still has room for it.
    out = list(compact)
    for i, (row, choice) in enumerate(out):
        if choice == 0:
            continue
        left, right = options[i][0]
        others = [options[j][c] for j, (r, c) in enumerate(out) if r == row and j != i]
        if all(right + gap <= a or left >= b + gap for a, b in others):
            out[i] = (row, 0)
    return out


def _greedy_rows(options: Sequence[Sequence[Span]], gap: float, *, leftmost: bool) -> list[tuple[int, int]]:
    rows: list[list[Span]] = []
    out: list[tuple[int, int]] = []
    for spans in options:
        for index, row in enumerate(rows):
            fits = [i for i, (left, right) in enumerate(spans)
                    if all(right + gap <= a or left >= b + gap for a, b in row)]
            if fits:
                choice = min(fits, key=lambda i: spans[i][1]) if leftmost else fits[0]
                row.append(spans[choice])
                out.append((index, choice))
                break
        else:
            choice = min(range(len(spans)), key=lambda i: spans[i][1]) if leftmost else 0
            rows.append([spans[choice]])
            out.append((len(rows) - 1, choice))
    return out


def clamp_span(centre: float, width: float, low: float, high: float) -> Span:
    """A span of ``width`` centred on ``centre``, shifted to lie within ``low``-``high``."""
    left = min(max(centre - width / 2, low), max(low, high - width))
    return left, left + width


def beside_spans(x: float, mark: float, gap: float, width: float, low: float, high: float) -> list[Span]:
    """Spans for a marker centred at ``x`` with words ``width`` wide on its right, or on
    its left; only those inside ``low``-``high``. Empty when neither side fits."""
    right = (x - mark / 2, x + mark / 2 + gap + width)
    left = (x - mark / 2 - gap - width, x + mark / 2)
    return [s for s in (right, left) if s[0] >= low - 0.5 and s[1] <= high + 0.5]


def best_split(text: str, width_of: Callable[[str], float]) -> str:
    """``text`` on two lines, broken at the space that makes the wider line narrowest."""
    words = text.split(" ")
    if len(words) < 2:
        return text
    best = text
    best_width = math.inf
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        width = max(width_of(first), width_of(second))
        if width < best_width:
            best, best_width = f"{first}\n{second}", width
    return best


# --- geometry tests ------------------------------------------------------------------------
def segment_hits(rect: QRectF, line: QLineF) -> bool:
    """Whether a line segment passes through a rectangle (exact: Liang-Barsky clipping,
    the diagram's label placer's own test from the kit, here on Qt's types)."""
    return geometry.segment_hits(((line.x1(), line.y1()), (line.x2(), line.y2())),
                                 (rect.left(), rect.top(), rect.right(), rect.bottom()))


def segments_cross(a: QLineF, b: QLineF) -> bool:
    kind, _point = a.intersects(b)
    return kind == QLineF.IntersectionType.BoundedIntersection


def rect_distance(point: QPointF, rect: QRectF) -> float:
    """Distance from a point to the nearest point of a rectangle (0 inside)."""
    dx = max(rect.left() - point.x(), 0.0, point.x() - rect.right())
    dy = max(rect.top() - point.y(), 0.0, point.y() - rect.bottom())
    return math.hypot(dx, dy)


def nearest_on_rect(point: QPointF, rect: QRectF) -> QPointF:
    return QPointF(min(max(point.x(), rect.left()), rect.right()),
                   min(max(point.y(), rect.top()), rect.bottom()))


# --- candidate places ----------------------------------------------------------------------
def candidate_rects(anchor: QPointF, size: QSizeF, gap: float) -> list[QRectF]:
    """Places touching a point's neighbourhood, in order of preference: above, right, left,
    below, the diagonals, then above and below slid sideways."""
    w, h = size.width(), size.height()
    x, y = anchor.x(), anchor.y()
    out = [
        QRectF(x - w / 2, y - gap - h, w, h),
        QRectF(x + gap, y - h / 2, w, h),
        QRectF(x - gap - w, y - h / 2, w, h),
        QRectF(x - w / 2, y + gap, w, h),
        QRectF(x + gap * 0.7, y - gap * 0.7 - h, w, h),
        QRectF(x - gap * 0.7 - w, y - gap * 0.7 - h, w, h),
        QRectF(x + gap * 0.7, y + gap * 0.7, w, h),
        QRectF(x - gap * 0.7 - w, y + gap * 0.7, w, h),
    ]
    for fraction in (0.3, 0.7, 0.15, 0.85):
        left = x - w * fraction
        out.append(QRectF(left, y - gap - h, w, h))
        out.append(QRectF(left, y + gap, w, h))
    return out


def far_rects(anchor: QPointF, size: QSizeF, gap: float, area: QRectF, limit: float) -> list[QRectF]:
    """Places further from the point (joined to it by a leader line), nearest first, no
    further than ``limit``: a long leader is hard to follow."""
    w, h = size.width(), size.height()
    x, y = anchor.x(), anchor.y()
    step_y = max(4.0, h / 3)
    step_x = max(4.0, w / 6)
    out: list[QRectF] = []
    reach = max(area.height(), 1.0)
    k = 1
    while k * step_y <= reach:
        d = gap + k * step_y
        for fraction in (0.5, 0.3, 0.7, 0.1, 0.9, 0.0, 1.0):
            left = x - w * fraction
            out.append(QRectF(left, y - d - h, w, h))
            out.append(QRectF(left, y + d, w, h))
        k += 1
    k = 1
    while k * step_x <= max(area.width() / 2, 1.0):
        d = gap + k * step_x
        for shift in (0.5, 0.0, 1.0, -0.5, 1.5):
            top = y - h * shift
            out.append(QRectF(x + d, top, w, h))
            out.append(QRectF(x - d - w, top, w, h))
        k += 1
    out = [r for r in out if area.contains(r) and rect_distance(anchor, r) <= limit]
    out.sort(key=lambda r: rect_distance(anchor, r))
    return out


@dataclass(frozen=True)
class Placement:
    """Where a label went; ``leader`` joins it to its point when it sits apart."""

    rect: QRectF
    leader: QLineF | None = None


def is_free(rect: QRectF, area: QRectF, taken: Sequence[QRectF], obstacles: Sequence[QRectF],
            lines: Sequence[QLineF]) -> bool:
    """Inside ``area`` and touching no taken word, obstacle or line."""
    if not area.contains(rect):
        return False
    if any(rect.intersects(other) for other in taken):
        return False
    if any(rect.intersects(other) for other in obstacles):
        return False
    return not any(segment_hits(rect, line) for line in lines)


def _leader(anchor: QPointF, radius: float, rect: QRectF) -> QLineF:
    end = nearest_on_rect(anchor, rect)
    line = QLineF(anchor, end)
    length = line.length()
    if length > radius:
        line.setP1(line.pointAt(radius / length))
    return line


def closest_to_own(rect: QRectF, own: Sequence[QPointF], others: Sequence[QPointF]) -> bool:
    """Whether words at ``rect`` sit nearer their own marker(s) than any other marker, so
    that without a leader line they are not read as another point's words."""
    if not own:
        return True
    mine = min(rect_distance(p, rect) for p in own)
    return all(rect_distance(p, rect) > mine for p in others)


def place_label(anchor: QPointF, size: QSizeF, gap: float, area: QRectF, taken: Sequence[QRectF],
                obstacles: Sequence[QRectF], lines: Sequence[QLineF], *, radius: float = 0.0,
                far: bool = False, own: Sequence[QPointF] = (), others: Sequence[QPointF] = (),
                max_leader: float = math.inf) -> Placement | None:
    """The first free place beside the point; with ``far``, the nearest free place further
    away, joined by a leader line that crosses no word, other marker or line. None when
    nothing is free: the caller must not draw the words over anything.

    ``own`` and ``others``: marker centres of this point and of all other points; words
    beside a point (no leader) must be nearer to it than to any other. ``max_leader``:
    how far from the point words may go with ``far``."""
    if not far:
        for rect in candidate_rects(anchor, size, gap):
            if is_free(rect, area, taken, obstacles, lines) and closest_to_own(rect, own, others):
                return Placement(rect)
        return None
    mine = [o for o in obstacles if o.contains(anchor)]
    elsewhere = [o for o in obstacles if o not in mine]
    for rect in far_rects(anchor, size, gap, area, max_leader):
        if not is_free(rect, area, taken, obstacles, lines):
            continue
        leader = _leader(anchor, radius, rect)
        if leader.length() < 1:
            return Placement(rect)
        if any(segment_hits(r, leader) for r in (*taken, *elsewhere)):
            continue
        if any(segments_cross(leader, line) for line in lines):
            continue
        return Placement(rect, leader)
    return None
