"""The icon staleness check in scripts/make_icons.py answers "did the source change?", not
"does this machine round anti-aliased edges like the one that made the files?"."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QColor, QImage

REPO = Path(__file__).resolve().parents[2]


def load_make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", REPO / "scripts" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


make_icons = load_make_icons()


@pytest.fixture(autouse=True)
def _app(qapp) -> None:
    """The suite's QApplication, so the script does not make a QGuiApplication of its own."""


@pytest.fixture
def icons(tmp_path: Path) -> Path:
    """A copy of the committed icons folder, to change on purpose."""
    target = tmp_path / "icons"
    shutil.copytree(REPO / "resources" / "icons", target)
    return target


def nudge_pixels(path: Path, count: int, step: int) -> None:
    """Re-save a PNG with ``count`` opaque pixels' red channel moved by ``step`` levels, as
    another CPU's rounding (small step) or a real edit (large step) would."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
    changed = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if changed < count and colour.alpha() == 255:
                red = colour.red() + step if colour.red() + step <= 255 else colour.red() - step
                image.setPixelColor(x, y, QColor(red, colour.green(), colour.blue(), 255))
                changed += 1
    assert changed == count
    assert image.save(str(path))  # the format follows the .png suffix


def test_the_committed_icons_pass_the_check() -> None:
    assert make_icons.main(["--check"]) == 0


def test_icons_rendered_with_rounding_noise_still_pass(icons: Path) -> None:
    before = (icons / "ketdesk-256.png").read_bytes()
    nudge_pixels(icons / "ketdesk-256.png", count=7, step=1)  # as seen between two CPUs
    nudge_pixels(icons / "ketdesk-512.png", count=1, step=3)
    assert (icons / "ketdesk-256.png").read_bytes() != before  # the bytes differ...
    assert make_icons.main(["--check", "--icons", str(icons)]) == 0  # ...the picture does not


def test_an_edited_svg_without_new_icons_is_stale(icons: Path, capsys: pytest.CaptureFixture[str]) -> None:
    svg = icons / "ketdesk.svg"
    svg.write_text(svg.read_text("utf-8").replace("</svg>", "<!-- a new shape --></svg>"), "utf-8")
    assert make_icons.main(["--check", "--icons", str(icons)]) == 1
    out = capsys.readouterr().out
    assert "stale: ketdesk.svg or make_icons.py changed since the icons were made" in out
    assert "scripts/make_icons.py" in out  # says what to do


def test_regenerating_after_an_edit_makes_the_check_pass_again(icons: Path) -> None:
    svg = icons / "ketdesk.svg"
    svg.write_text(svg.read_text("utf-8").replace("</svg>", "<!-- a new shape --></svg>"), "utf-8")
    assert make_icons.main(["--icons", str(icons)]) == 0
    assert make_icons.main(["--check", "--icons", str(icons)]) == 0


def test_a_damaged_or_replaced_icon_is_caught(icons: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nudge_pixels(icons / "ketdesk-64.png", count=400, step=60)  # a visible change
    (icons / "ketdesk-32.png").write_bytes(b"not a png")
    (icons / "ketdesk-16.png").unlink()
    assert make_icons.main(["--check", "--icons", str(icons)]) == 1
    out = capsys.readouterr().out
    assert "stale: ketdesk-64.png: 400 pixels differ" in out
    assert "stale: ketdesk-32.png: not PNG data" in out
    assert "stale: ketdesk-16.png is missing" in out


def test_a_wrong_size_inside_the_ico_is_caught(icons: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = QImage(str(icons / "ketdesk-32.png")).scaled(48, 48)
    files, _images = make_icons.generate(icons)
    pngs = {size: files[icons / f"ketdesk-{size}.png"] for size in make_icons.ICO_SIZES}
    pngs[32] = make_icons.encode_png(image)
    (icons / "ketdesk.ico").write_bytes(make_icons.ico(pngs))
    assert make_icons.main(["--check", "--icons", str(icons)]) == 1
    assert "stale: ketdesk.ico 32 px: 48x48 px, expected 32 px" in capsys.readouterr().out


def test_a_missing_stamp_is_stale(icons: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (icons / "ketdesk.stamp").unlink()
    assert make_icons.main(["--check", "--icons", str(icons)]) == 1
    assert "ketdesk.stamp is missing" in capsys.readouterr().out
