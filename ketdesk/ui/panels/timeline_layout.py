"""Where the timeline chart's words go, in pixels, so that none overlap at any window size.

Two jobs, both pure geometry: stacking event labels ("Improvement begins") into rows of a
strip above the scale, and choosing a free side of a data point for its tag ("About 5 in
10"), away from other labels, markers, range bars and lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF


def assign_rows(spans: Sequence[tuple[float, float]], gap: float) -> list[int]:
    """Row index for each (left, right) span: the first row where it clears the others."""
    rows: list[list[tuple[float, float]]] = []
    out: list[int] = []
    for left, right in spans:
        for index, row in enumerate(rows):
            if all(right + gap <= a or left >= b + gap for a, b in row):
                row.append((left, right))
                out.append(index)
                break
        else:
            rows.append([(left, right)])
            out.append(len(rows) - 1)
    return out


def clamp_span(centre: float, width: float, low: float, high: float) -> tuple[float, float]:
    """A span of ``width`` centred on ``centre``, shifted to lie within ``low``-``high``."""
    left = min(max(centre - width / 2, low), max(low, high - width))
    return left, left + width


def segment_hits(rect: QRectF, line: QLineF) -> bool:
    """Whether a line segment passes through a rectangle (sampled finely enough for labels)."""
    steps = max(2, int(line.length() / 3))
    return any(rect.contains(line.pointAt(i / steps)) for i in range(steps + 1))


def candidate_rects(anchor: QPointF, size: QSizeF, gap: float) -> list[QRectF]:
    """Places for a label around a point, in order of preference: above, right, left, below,
    then the diagonals."""
    w, h = size.width(), size.height()
    x, y = anchor.x(), anchor.y()
    return [
        QRectF(x - w / 2, y - gap - h, w, h),
        QRectF(x + gap, y - h / 2, w, h),
        QRectF(x - gap - w, y - h / 2, w, h),
        QRectF(x - w / 2, y + gap, w, h),
        QRectF(x + gap * 0.7, y - gap * 0.7 - h, w, h),
        QRectF(x - gap * 0.7 - w, y - gap * 0.7 - h, w, h),
        QRectF(x + gap * 0.7, y + gap * 0.7, w, h),
        QRectF(x - gap * 0.7 - w, y + gap * 0.7, w, h),
    ]


def _overlap(a: QRectF, b: QRectF) -> float:
    inter = a.intersected(b)
    return inter.width() * inter.height() if inter.isValid() else 0.0


def place_label(anchor: QPointF, size: QSizeF, gap: float, area: QRectF, taken: Sequence[QRectF],
                obstacles: Sequence[QRectF], lines: Sequence[QLineF]) -> QRectF:
    """The first candidate place inside ``area`` that touches nothing; else the least bad."""
    best: QRectF | None = None
    best_cost = float("inf")
    for rect in candidate_rects(anchor, size, gap):
        outside = rect.width() * rect.height() - _overlap(rect, area)
        cost = outside * 10
        cost += sum(_overlap(rect, other) * 10 for other in taken)
        cost += sum(_overlap(rect, other) for other in obstacles)
        cost += sum(rect.width() * 2 for line in lines if segment_hits(rect, line))
        if cost == 0:
            return rect
        if cost < best_cost:
            best, best_cost = rect, cost
    assert best is not None
    return best
