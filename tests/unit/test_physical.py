"""Physical screen metrics: a configured diagonal beats the screen's report, which beats 96 dpi."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from ketdesk import settings as settings_mod
from ketdesk.settings import Settings
from ketdesk.ui import physical
from ketdesk.ui.physical import FALLBACK, from_qscreen, resolve


def test_a_configured_diagonal_sets_the_pixel_size() -> None:
    # A 10.1-inch 1024x600 panel: 1186.8 px over 256.5 mm.
    got = resolve(10.1, (0, 0), (1024, 600))
    assert got.origin == "configured"
    assert got.px_per_mm == pytest.approx(4.626, abs=0.01)
    assert got.px_for_mm(9) == 42  # the touch target of 9 mm


def test_the_screens_report_is_used_when_sane() -> None:
    got = resolve(0, (527.0, 296.0), (1920, 1080))  # a 24-inch monitor
    assert got.origin == "reported" and 90 < got.dpi < 95


@pytest.mark.parametrize("reported", [(0, 0), (1600, 900), (10, 10), (527, 100), (-5, 3)])
def test_an_absurd_report_falls_back_to_96_dpi(reported: tuple[float, float]) -> None:
    # 0 (no EDID), a projector's box size (30 dpi), a report of 10 mm (4900 dpi),
    # non-square pixels, a negative size.
    assert resolve(0, reported, (1920, 1080)) == FALLBACK


def test_a_diagonal_out_of_range_is_ignored() -> None:
    assert resolve(200, (527.0, 296.0), (1920, 1080)).origin == "reported"
    assert resolve(3, (0, 0), (1920, 1080)) == FALLBACK


def test_capitals_of_6_mm_need_a_font_this_big() -> None:
    screen = resolve(43, (0, 0), (1920, 1080))  # a 43-inch waiting-room TV: 2.0 px/mm
    size = screen.font_px_for_cap(6.0)
    assert size * physical.CAP_RATIO >= 6.0 * screen.px_per_mm
    assert (size - 1) * physical.CAP_RATIO < 6.0 * screen.px_per_mm


class _Size:
    def __init__(self, w: float, h: float) -> None:
        self._w, self._h = w, h

    def width(self) -> float:
        return self._w

    def height(self) -> float:
        return self._h


class _Screen:
    def __init__(self, mm: tuple[float, float], px: tuple[int, int]) -> None:
        self._mm, self._px = mm, px

    def physicalSize(self) -> _Size:  # noqa: N802 - Qt's name
        return _Size(*self._mm)

    def size(self) -> _Size:
        return _Size(*self._px)


def test_a_qscreen_is_read_through_its_two_methods() -> None:
    assert from_qscreen(None) == FALLBACK
    assert from_qscreen(_Screen((527, 296), (1920, 1080))).origin == "reported"
    assert from_qscreen(_Screen((527, 296), (1920, 1080)), diagonal_in=55).origin == "configured"


def test_the_diagonal_setting_is_bounded_and_0_means_not_set(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[ketdesk]\nscreen_diagonal_in = 43\n", encoding="utf-8")
    assert settings_mod.load(path).settings == Settings(screen_diagonal_in=43.0)
    path.write_text("[ketdesk]\nscreen_diagonal_in = 0\n", encoding="utf-8")
    assert settings_mod.load(path).settings == Settings()
    path.write_text("[ketdesk]\nscreen_diagonal_in = 1000\n", encoding="utf-8")
    assert settings_mod.load(path).settings == Settings()  # logged, default kept
    with pytest.raises(ValueError, match="screen_diagonal_in must be a number from 7 to 100"):
        settings_mod.save(Settings(screen_diagonal_in=3.0), tmp_path / "other.ini")
    settings_mod.save(Settings(), tmp_path / "saved.ini")  # 0, not set, saves and reads back
    assert settings_mod.load(tmp_path / "saved.ini").settings == Settings()


def test_a_screenshot_stands_for_the_screen_it_is_drawn_for() -> None:
    # The offscreen platform's own screen is 800x800 and "203 mm" wide; a --size 1024x600
    # picture of a 10.1-inch kiosk must be measured as that kiosk, not as this screen.
    here = _Screen((203.2, 203.2), (800, 800))
    kiosk = from_qscreen(here, diagonal_in=10.1, drawn_for=(1024, 600))
    assert kiosk.origin == "configured"
    assert abs(kiosk.px_per_mm - math.hypot(1024, 600) / (10.1 * 25.4)) < 1e-9
    # Without a diagonal, this screen's report says nothing about the one drawn for.
    assert from_qscreen(here, drawn_for=(1024, 600)) == FALLBACK
