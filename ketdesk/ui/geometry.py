"""Plane geometry on float tuples, no Qt: rectangles, points, segments and their tests.

Shared by the panels that place words by hand (the synapse diagram's label placer and the
timeline chart's tags), so both decide "does this leader cross that label" the same way.
Plain tuples keep it quick enough to run on every resize.
"""

from __future__ import annotations

Rect = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]
Segment = tuple[Point, Point]


def intersects(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def contains(rect: Rect, point: Point) -> bool:
    return rect[0] <= point[0] <= rect[2] and rect[1] <= point[1] <= rect[3]


def grow(rect: Rect, by: float) -> Rect:
    return (rect[0] - by, rect[1] - by, rect[2] + by, rect[3] + by)


def point_rect(point: Point) -> Rect:
    return (point[0], point[1], point[0], point[1])


def nearest_on_rect(rect: Rect, point: Point) -> Point:
    return (min(max(point[0], rect[0]), rect[2]), min(max(point[1], rect[1]), rect[3]))


def segment_hits(seg: Segment, rect: Rect) -> bool:
    """Whether the segment passes through the rectangle (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = seg
    if (max(x0, x1) < rect[0] or min(x0, x1) > rect[2] or max(y0, y1) < rect[1]
            or min(y0, y1) > rect[3]):
        return False  # apart: most pairs end here
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - rect[0]), (dx, rect[2] - x0), (-dy, y0 - rect[1]), (dy, rect[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            if t > high:
                return False
            low = max(low, t)
        else:
            if t < low:
                return False
            high = min(high, t)
    return low <= high


def segments_cross(a: Segment, b: Segment) -> bool:
    """Whether two segments cross at a point inside both (touching ends do not count)."""
    (ax, ay), (bx, by) = a
    (cx, cy), (dx, dy) = b

    def side(px: float, py: float, qx: float, qy: float, rx: float, ry: float) -> float:
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    d1 = side(cx, cy, dx, dy, ax, ay)
    d2 = side(cx, cy, dx, dy, bx, by)
    d3 = side(ax, ay, bx, by, cx, cy)
    d4 = side(ax, ay, bx, by, dx, dy)
    return d1 * d2 < 0 and d3 * d4 < 0
