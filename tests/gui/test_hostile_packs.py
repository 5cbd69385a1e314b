"""Hostile packs through the real command line: a clear message, never a traceback, and the
built-in content with its banner.

For every pack of ``tests/hostile_packs.py`` not marked expensive: ``--check-content`` exits 1
and every problem line names the damaged file, with no traceback on stderr or in the log;
``--content`` falls back to the built-in pack (equal to it, value for value) and shows the
banner. The fallback window draws all six panels: one pack of a few kinds goes through
``--content DIR --screenshot OUT`` in full here, since every fallback draws the same
built-in pack; ``make soak`` runs every pack, the expensive ones too (devices, 100,000
levels), as subprocesses under a time and memory cap.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from ketdesk.app import main
from ketdesk.cli import Options
from ketdesk.content.registry import PANEL_IDS
from ketdesk.content_source import builtin_pack, choose_content
from ketdesk.screenshot import is_blank
from ketdesk.startup import build_window
from ketdesk.ui.main_window import MainWindow
from tests.conftest import BUILTIN_EN
from tests.hostile_packs import HOSTILE, Hostile, hostile_pack

CHEAP = [h for h in HOSTILE if not h.expensive]
# Every fallback draws the same built-in pack, so a few kinds of damage are drawn here, and
# every pack in make soak (benchmarks/hostile_soak.py).
DRAWN = ("deep nesting", "not a file", "huge numbers", "format strings")
ONE_PER_CATEGORY = [next(h for h in CHEAP if h.category == c) for c in DRAWN]


def ids(packs: list[Hostile]) -> list[str]:
    return [f"{h.category}: {h.name}" for h in packs]


@pytest.fixture(autouse=True)
def _keep_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    # main() installs ketdesk's own excepthook; put pytest-qt's back after each test.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    # Nor may it add a stderr handler bound to this test's captured stream (closed after
    # the test, so a later test would log into a closed file): caplog sees every record.
    monkeypatch.setattr(logging.getLogger(), "_ketdesk_configured", True, raising=False)


def no_traceback(text: str, caplog: pytest.LogCaptureFixture) -> None:
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for where, words in (("output", text), ("log", logged)):
        assert "Traceback" not in words and "uncaught exception" not in words, f"{where}: {words}"


@pytest.mark.parametrize("hostile", CHEAP, ids=ids(CHEAP))
def test_check_content_names_the_file(tmp_path: Path, hostile: Hostile, capsys: pytest.CaptureFixture[str],
                                      caplog: pytest.LogCaptureFixture) -> None:
    folder, target = hostile_pack(tmp_path, hostile)
    code = main(["--check-content", str(folder)])
    out = capsys.readouterr()
    assert code == 1, out.out
    lines = out.out.strip().splitlines()
    assert lines and all(line.startswith(f"{target}:") for line in lines), lines
    assert all(line.count(":") >= 3 for line in lines)  # file:line: key: message
    no_traceback(out.out + out.err, caplog)


@pytest.mark.parametrize("hostile", CHEAP, ids=ids(CHEAP))
def test_content_falls_back_with_the_banner(qtbot, qapp_fonts, tmp_path: Path, hostile: Hostile,
                                            caplog: pytest.LogCaptureFixture) -> None:
    folder, _target = hostile_pack(tmp_path, hostile)
    chosen = choose_content("en", folder)
    assert chosen.custom_problems
    assert chosen.pack == builtin_pack("en")
    with caplog.at_level(logging.WARNING), qtbot.captureExceptions() as errors:
        window = build_window(Options(content=folder))
        qtbot.addWidget(window)
    assert not errors
    assert window.pack == builtin_pack("en")
    assert window.banner.isVisibleTo(window)
    assert str(len(chosen.custom_problems)) in window.banner.label.text()
    no_traceback("", caplog)


@pytest.mark.parametrize("hostile", ONE_PER_CATEGORY, ids=ids(ONE_PER_CATEGORY))
def test_content_screenshot_draws_every_panel(qapp_fonts, tmp_path: Path, hostile: Hostile,
                                              capsys: pytest.CaptureFixture[str],
                                              caplog: pytest.LogCaptureFixture) -> None:
    folder, _target = hostile_pack(tmp_path, hostile)
    shots = tmp_path / "shots"
    before = set(QApplication.topLevelWidgets())
    try:
        code = main(["--content", str(folder), "--screenshot", str(shots), "--size", "1024x600"])
    finally:
        # Close only the window main built: deleting every top-level widget took ones other
        # fixtures still held (tooltips, kiosk overlays), and a later test crashed.
        for widget in set(QApplication.topLevelWidgets()) - before:
            if isinstance(widget, MainWindow):
                widget.close()
                widget.deleteLater()
        QApplication.sendPostedEvents()
    out = capsys.readouterr()
    assert code == 0
    images = sorted(shots.glob("*.png"))
    assert [p.stem.split("-", 1)[1] for p in images] == list(PANEL_IDS)
    assert not any(is_blank(QImage(str(p))) for p in images)
    no_traceback(out.out + out.err, caplog)


# --- packs that must be accepted -------------------------------------------------------------

@pytest.mark.parametrize("name", ["EN", "v2", "clinic-pack"])
def test_a_sound_pack_in_any_folder_name_is_accepted(tmp_path: Path, name: str) -> None:
    folder = tmp_path / name
    shutil.copytree(BUILTIN_EN, folder)
    assert main(["--check-content", str(folder)]) == 0
    chosen = choose_content("en", folder)
    assert chosen.custom_problems == () and chosen.custom_folder == folder


def test_a_folder_of_languages_is_accepted_by_both_options(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("en", "es"):
        shutil.copytree(BUILTIN_EN.parent / lang, tmp_path / "packs" / lang.upper())
    parent = tmp_path / "packs"
    assert main(["--check-content", str(parent)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{parent / 'EN'}: content is valid.",
                                                    f"{parent / 'ES'}: content is valid."]
    for lang in ("en", "es"):
        chosen = choose_content(lang, parent)
        assert chosen.custom_problems == () and chosen.custom_folder == parent / lang.upper()
        assert chosen.pack.meta.lang == lang


def test_crlf_line_ends_are_accepted(pack_copy: Path) -> None:
    for path in pack_copy.glob("*.toml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["--check-content", str(pack_copy)]) == 0


def test_a_language_folder_with_problems_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("en", "es"):
        shutil.copytree(BUILTIN_EN.parent / lang, tmp_path / lang)
    (tmp_path / "es" / "ui.toml").write_text("x = = 1", encoding="utf-8")
    assert main(["--check-content", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines()[0] == f"{tmp_path / 'en'}: content is valid."
    assert out.out.splitlines()[1].startswith(f"{tmp_path / 'es' / 'ui.toml'}:1: ")
