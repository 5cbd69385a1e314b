"""The real-time kiosk soak's verdict: a least-squares slope, in MB an hour."""

from __future__ import annotations

import pytest

from benchmarks.kiosk_rss_soak import least_squares_slope


def test_the_slope_of_a_line_with_jitter_is_its_own() -> None:
    # 6 MB an hour, sampled every 30 s, with +-0.2 MB of allocator jitter.
    points = [(t * 30.0, 150 + t * 30.0 * 6 / 3600 + (0.2 if t % 2 else -0.2)) for t in range(60)]
    assert least_squares_slope(points) * 3600 == pytest.approx(6.0, abs=0.2)


def test_flat_memory_has_no_slope_and_too_few_points_none() -> None:
    assert least_squares_slope([(t * 30.0, 154.1) for t in range(10)]) == 0.0
    assert least_squares_slope([(0.0, 150.0)]) == 0.0
    assert least_squares_slope([(5.0, 150.0), (5.0, 160.0)]) == 0.0  # no time passed
