"""Watched content: a new pack in ``--content DIR`` replaces the shown one, between visitors.

Whatever the clinic uses to deliver packs (a network share, Syncthing, Ansible) writes
files in pieces, so every change only restarts a quiet-period timer (``DEBOUNCE_MS``).
When it runs out, every language's pack and the clinic file are loaded and checked on a
worker thread, never on the UI's; only when all of them are sound does the update wait
for a moment between visitors: the kiosk's reset for the next visitor, or, outside kiosk
mode, the first ``IDLE_MS`` without input. Then the window is given the new pack in one
``set_pack`` call. A broken update is logged, problem by problem, and the shown pack stays.

Watched: DIR, its language folders and every file in them, and DIR's parent (so a folder
renamed into place, the atomic way to deliver a pack, is noticed too).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from ketdesk.content.schema.pack import ContentPack

if TYPE_CHECKING:
    from ketdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEBOUNCE_MS = 1500  # a delivery's files arrive within this of one another
IDLE_MS = 10_000  # outside kiosk mode: this long without input is "between visitors"

_INPUT = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
          QEvent.Type.TouchUpdate, QEvent.Type.Wheel, QEvent.Type.TabletPress}


def load_update(folder: Path, languages: tuple[str, ...]) -> tuple[dict[str, ContentPack], list[str]]:
    """Every language's pack of ``folder`` with its clinic panel, or the problems found.

    All or nothing: one broken language or a broken clinic file refuses the whole update.
    """
    from ketdesk.clinic_source import clinic_file, read_clinic, with_clinic
    from ketdesk.content import load_content
    from ketdesk.content_source import complete_ui, custom_folder_for

    packs: dict[str, ContentPack] = {}
    problems: list[str] = []
    for lang in languages:
        pack_folder = custom_folder_for(folder, lang)
        result = load_content(pack_folder)
        if result.pack is None:
            problems.extend(str(problem) for problem in result.problems)
        elif result.pack.meta.lang == lang:
            packs[lang] = complete_ui(result.pack)
    clinic = clinic_file(folder)
    if clinic is not None:
        problems.extend(str(problem) for problem in read_clinic(clinic).problems)
    if not packs and not problems:
        problems.append(f"{folder}: holds no pack for {', '.join(languages)}")
    if problems:
        return {}, problems
    return {lang: with_clinic(pack, folder) for lang, pack in packs.items()}, []


class ContentWatcher(QObject):
    """Watches ``folder``; calls ``apply(packs)`` with a sound update between visitors.

    ``idle_ms`` None (kiosk mode): only ``between_visitors()`` (the kiosk's reset) shows it;
    a kiosk visitor may read without touching for longer than any idle guess.
    """

    checked = Signal(bool)  # an update was checked: True sound (waiting to be shown), False refused
    applied = Signal()  # the new pack is on screen
    _loaded = Signal(object, object)  # from the worker thread: packs, problems

    def __init__(self, folder: Path, languages: tuple[str, ...],
                 apply: Callable[[Mapping[str, ContentPack]], None], *,
                 debounce_ms: int = DEBOUNCE_MS, idle_ms: int | None = IDLE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._languages = languages
        self._apply = apply
        self._pending: dict[str, ContentPack] | None = None
        self._busy = False
        self._again = False
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        self.watcher.fileChanged.connect(self._changed)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self._check)
        # Outside kiosk mode: restarted by every input; its timeout is an idle moment.
        self._use_idle = idle_ms is not None
        self._idle = QTimer(self, singleShot=True, interval=idle_ms or 0)
        self._idle.timeout.connect(self.between_visitors)
        if self._use_idle:
            self.follow_idle_input()
        self._loaded.connect(self._on_loaded)
        self._watch_paths()

    @property
    def pending(self) -> bool:
        """A sound update is waiting for a moment between visitors."""
        return self._pending is not None

    def follow_idle_input(self) -> None:
        """Outside kiosk mode: treat ``idle_ms`` without input as between visitors."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._use_idle and event.type() in _INPUT and self._pending is not None:
            self._idle.start()
        return False

    # --- watching -------------------------------------------------------------------
    def _watch_paths(self) -> None:
        wanted = [self.folder.parent, self.folder]
        if self.folder.is_dir():
            try:
                for child in self.folder.iterdir():
                    wanted.append(child)
                    if child.is_dir():
                        wanted.extend(child.iterdir())
            except OSError:
                pass
        have = set(self.watcher.files()) | set(self.watcher.directories())
        new = [str(p) for p in wanted if str(p) not in have and p.exists()]
        if new:
            self.watcher.addPaths(new)

    def _changed(self, _path: str) -> None:
        self._watch_paths()  # replaced files and new folders are watched again
        self._debounce.start()

    # --- checking, off the UI thread --------------------------------------------------
    def _check(self) -> None:
        if self._busy:
            self._again = True  # more changes came while checking: check once more after
            return
        self._busy = True
        folder, languages = self.folder, self._languages

        def work() -> None:
            try:
                packs, problems = load_update(folder, languages)
            except Exception as exc:  # a bug must not kill the worker silently
                log.exception("checking the content update failed")
                packs, problems = {}, [f"{folder}: could not be checked ({exc})"]
            self._loaded.emit(packs, problems)  # queued to the UI thread

        threading.Thread(target=work, name="ketdesk-content-check", daemon=True).start()

    def _on_loaded(self, packs: dict[str, ContentPack], problems: list[str]) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self._debounce.start()
        if problems:
            log.warning("content update in %s refused (%d problems); the shown content stays",
                        self.folder, len(problems))
            for problem in problems:
                log.warning("content update problem: %s", problem)
            self.checked.emit(False)
            return
        log.info("content update in %s is sound; it is shown between visitors", self.folder)
        self._pending = packs
        if self._use_idle:
            self._idle.start()
        self.checked.emit(True)

    # --- applying, between visitors -----------------------------------------------------
    def between_visitors(self) -> None:
        """Show a waiting sound update now (kiosk: after the reset for the next visitor)."""
        packs, self._pending = self._pending, None
        if packs is None:
            return
        self._idle.stop()
        self._apply(packs)
        log.info("content update from %s is now shown", self.folder)
        self.applied.emit()


def start_watching(window: MainWindow, folder: Path, *, kiosk: bool) -> ContentWatcher:
    """Watch ``folder`` for the window: the update is shown in the visitor's language, after
    the kiosk's reset for the next visitor (kiosk) or at the first idle moment (desktop)."""
    from ketdesk.choices import installed_languages
    from ketdesk.content_source import pack_for_language

    # The packs last shown whole, by language: a visitor's language switch takes its pack
    # from here, so a refused or half-copied update on disk is not read by the switch either.
    shown: dict[str, ContentPack] = {window.language: window.pack}

    def apply(packs: Mapping[str, ContentPack]) -> None:
        shown.clear()
        shown.update(packs)
        pack = packs.get(window.language)
        if pack is not None:
            window.set_pack(pack)

    def load(lang: str) -> ContentPack:
        if lang not in shown:
            shown[lang] = pack_for_language(lang, folder)
        return shown[lang]

    watcher = ContentWatcher(folder, tuple(installed_languages()), apply,
                             idle_ms=None if kiosk else IDLE_MS, parent=window)
    window.set_pack_loader(load)
    window.visitor_reset.connect(watcher.between_visitors)
    log.info("watching %s for content updates (%s)", folder,
             "shown after each visitor" if kiosk else "shown when idle")
    return watcher
