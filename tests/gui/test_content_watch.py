"""Watched content: a pack written in pieces while the app runs. Half-written files are
refused (logged, the shown pack stays); a sound pack waits for the next visitor, then is
shown whole; a folder renamed into place is noticed too."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from ketdesk.choices import installed_languages
from ketdesk.cli import Options
from ketdesk.content_watch import ContentWatcher, load_update
from tests.clinic_support import clinic_folder


def retitle(folder: Path, lang: str, title: str) -> None:
    overview = folder / lang / "overview.toml"
    text = overview.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("title = "))
    overview.write_text(text.replace(old, f'title = "{title}"'), encoding="utf-8")


def make(qtbot, folder: Path, *, idle_ms: int | None = None):
    from ketdesk.startup import build_window

    window = build_window(Options(content=folder))
    qtbot.addWidget(window)
    applied: list[str] = []

    def apply(packs) -> None:
        window.set_pack(packs[window.language])
        applied.append(window.language)

    watcher = ContentWatcher(folder, tuple(installed_languages()), apply, debounce_ms=50,
                             idle_ms=idle_ms, parent=window)
    window.visitor_reset.connect(watcher.between_visitors)
    return window, watcher, applied


def overview_title(window) -> str:
    return window.panel("overview").title_label.text()


def test_a_half_written_file_is_refused_and_a_whole_pack_waits_for_the_next_visitor(
        qtbot, qapp_fonts, tmp_path, caplog) -> None:
    folder = clinic_folder(tmp_path)
    window, watcher, applied = make(qtbot, folder)
    before = overview_title(window)
    overview = folder / "en" / "overview.toml"
    whole = overview.read_text(encoding="utf-8")
    # A delivery cut off mid-file: the TOML ends inside a string.
    with caplog.at_level(logging.WARNING, logger="ketdesk"), qtbot.waitSignal(watcher.checked) as check:
        overview.write_text(whole[: len(whole) // 2] + '\n[[key_facts]]\nvalue = "Hou', encoding="utf-8")
    assert check.args == [False]
    assert any("content update" in r.getMessage() and "refused" in r.getMessage() for r in caplog.records)
    assert overview_title(window) == before and not watcher.pending
    # The rest arrives: now sound, but a visitor may be reading: nothing changes yet.
    old_title = next(line for line in whole.splitlines() if line.startswith("title = "))
    with qtbot.waitSignal(watcher.checked) as check:
        overview.write_text(whole.replace(old_title, 'title = "Ketamine treatment at Riverside"'),
                            encoding="utf-8")
    qtbot.waitUntil(lambda: watcher.pending)
    assert check.args == [True]
    assert overview_title(window) == before and applied == []
    # Between visitors (the kiosk's reset): the new pack is shown, whole.
    with qtbot.waitSignal(watcher.applied):
        window.reset_for_next_visitor()
    assert overview_title(window) == "Ketamine treatment at Riverside"
    assert applied == ["en"] and "clinic" in window.panel_ids


def test_a_pack_renamed_into_place_is_noticed(qtbot, qapp_fonts, tmp_path) -> None:
    folder = clinic_folder(tmp_path)
    window, watcher, _applied = make(qtbot, folder)
    staging = tmp_path / "content.new"
    # Written file by file beside the live folder (Syncthing's and Ansible's way) ...
    (staging / "en").mkdir(parents=True)
    for name in sorted(os.listdir(folder / "en")):
        shutil.copy(folder / "en" / name, staging / "en" / name)
    shutil.copytree(folder / "es", staging / "es")
    for name in ("clinic.toml", "logo.svg"):
        shutil.copy(folder / name, staging / name)
    retitle(staging, "en", "Renamed into place")
    assert not watcher.pending  # nothing in the watched folder changed
    # ... then swapped in with two renames.
    with qtbot.waitSignal(watcher.checked, timeout=10_000) as check:
        folder.rename(tmp_path / "content.old")
        staging.rename(folder)
    qtbot.waitUntil(lambda: watcher.pending)
    assert check.args[0] is True
    with qtbot.waitSignal(watcher.applied):
        window.reset_for_next_visitor()
    assert overview_title(window) == "Renamed into place"


def test_outside_kiosk_mode_an_idle_moment_shows_the_update(qtbot, qapp_fonts, tmp_path) -> None:
    folder = clinic_folder(tmp_path)
    window, watcher, applied = make(qtbot, folder, idle_ms=100)
    with qtbot.waitSignal(watcher.applied, timeout=10_000):
        retitle(folder, "en", "Shown when idle")
    assert overview_title(window) == "Shown when idle" and applied == ["en"]


def test_a_broken_clinic_file_refuses_the_whole_update(tmp_path) -> None:
    folder = clinic_folder(tmp_path)
    assert set(load_update(folder, ("en", "es"))[0]) == {"en", "es"}
    (folder / "clinic.toml").write_text('name = "Half', encoding="utf-8")
    packs, problems = load_update(folder, ("en", "es"))
    assert packs == {} and any("clinic.toml:1" in p for p in problems)


def test_in_kiosk_mode_only_the_reset_for_the_next_visitor_shows_it(qtbot, qapp_fonts, tmp_path) -> None:
    from ketdesk.content_watch import start_watching
    from ketdesk.startup import build_window

    folder = clinic_folder(tmp_path)
    window = build_window(Options(content=folder))
    qtbot.addWidget(window)
    watcher = start_watching(window, folder, kiosk=True)
    watcher._debounce.setInterval(50)
    with qtbot.waitSignal(watcher.checked):
        retitle(folder, "en", "After the visitor")
    qtbot.waitUntil(lambda: watcher.pending)
    assert not watcher._idle.isActive()  # no idle guess in kiosk mode
    with qtbot.waitSignal(watcher.applied):
        window.reset_for_next_visitor()
    assert overview_title(window) == "After the visitor"


def test_a_language_switch_never_reads_a_refused_update(qtbot, qapp_fonts, tmp_path) -> None:
    from ketdesk.content_watch import start_watching
    from ketdesk.startup import build_window

    folder = clinic_folder(tmp_path)
    retitle(folder, "es", "La clínica de Riverside")  # not the built-in pack's title
    window = build_window(Options(content=folder))
    qtbot.addWidget(window)
    watcher = start_watching(window, folder, kiosk=True)
    watcher._debounce.setInterval(50)
    window.set_language("es")  # read once, whole, before any update
    spanish = overview_title(window)
    assert spanish == "La clínica de Riverside"
    window.set_language("en")
    with qtbot.waitSignal(watcher.checked) as check:  # Spanish arrives half-written
        (folder / "es" / "overview.toml").write_text('title = "Medio', encoding="utf-8")
    assert check.args == [False]
    window.set_language("es")
    assert overview_title(window) == spanish and "clinic" in window.panel_ids


def test_watch_is_a_command_line_option() -> None:
    from ketdesk.cli import parse_args

    assert parse_args(["--content", "x", "--watch"]).watch
    assert not parse_args([]).watch
