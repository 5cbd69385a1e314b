"""Choose the content pack to show: a custom one if it is sound, else the built-in one."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ketdesk import paths
from ketdesk.choices import DEFAULT_LANGUAGE, installed_languages
from ketdesk.content import ContentPack, ContentProblem, load_content
from ketdesk.content.parse_cache import ParseCache

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class ChosenContent:
    pack: ContentPack
    custom_problems: tuple[ContentProblem, ...] = ()
    custom_folder: Path | None = None


class BuiltinContentError(RuntimeError):
    """The shipped pack is broken: a packaging fault, never a staff mistake."""


def parse_cache() -> ParseCache:
    """Where packs shown by the app keep their parsed files (``--check-content`` parses)."""
    return ParseCache(paths.cache_dir())


def builtin_pack(lang: str) -> ContentPack:
    folder = paths.builtin_content_dir(lang)
    result = load_content(folder, parse_cache())
    if result.pack is None:
        for problem in result.problems:
            log.error("built-in content: %s", problem)
        raise BuiltinContentError(f"the built-in {lang} content in {folder} is damaged; reinstall ketdesk")
    return result.pack


def complete_ui(pack: ContentPack) -> ContentPack:
    """A custom pack with the interface words added since it was written, from the built-in
    pack of its language: ``[clinic]``, ``[handout]``, ``[listen]``, ``[timeout]`` and
    ``[usage]`` in ui.toml."""
    ui = pack.ui
    missing = [name for name in _NEWER_UI_TABLES if getattr(ui, name) is None]
    if not missing:
        return pack
    import msgspec

    lang = pack.meta.lang if pack.meta.lang in installed_languages() else DEFAULT_LANGUAGE
    builtin = builtin_pack(lang).ui
    log.info("%s pack's ui.toml lacks %s; using the built-in words", pack.meta.lang,
             ", ".join(f"[{name.removesuffix('_table')}]" for name in missing))
    ui = msgspec.structs.replace(ui, **{name: getattr(builtin, name) for name in missing})
    return ContentPack(meta=pack.meta, ui=ui, panels=pack.panels)


# ui.toml tables newer than the first packs clinics wrote: optional there, filled from the
# built-in pack of the same language.
_NEWER_UI_TABLES = ("clinic_table", "handout_table", "listen_table", "timeout_table", "usage_table",
                    "poster_table", "sheet_table")


def language_folders(folder: Path) -> dict[str, Path]:
    """The language subfolders of a folder holding one pack per language ("en/", "ES/")."""
    if (folder / "meta.toml").exists() or not folder.is_dir():
        return {}
    try:
        found = {child.name.lower(): child for child in sorted(folder.iterdir()) if child.is_dir()}
    except OSError:
        return {}
    return {lang: found[lang] for lang in installed_languages() if lang in found}


def custom_folder_for(folder: Path, lang: str) -> Path:
    """A custom pack is a folder of TOML files, or a folder with one subfolder per language."""
    return language_folders(folder).get(lang, folder)


def folders_to_check(folder: Path) -> list[Path]:
    """What ``--check-content`` checks: the pack, or each language pack the folder holds,
    the same folders ``--content`` would load."""
    return list(language_folders(folder).values()) or [folder]


def choose_content(lang: str, custom: Path | None) -> ChosenContent:
    """The pack to show, with the clinic's own panel when ``clinic.toml`` is sound."""
    from ketdesk.clinic_source import with_clinic

    chosen = _choose_pack(lang, custom)
    pack = with_clinic(chosen.pack, custom)
    return chosen if pack is chosen.pack else ChosenContent(pack, chosen.custom_problems,
                                                            chosen.custom_folder)


def _choose_pack(lang: str, custom: Path | None) -> ChosenContent:
    if custom is not None:
        folder = custom_folder_for(custom, lang)
        result = load_content(folder, parse_cache())
        if result.pack is not None:
            log.info("showing custom content from %s", folder)
            return ChosenContent(complete_ui(result.pack), (), folder)
        log.warning("custom content in %s has %d problems; showing built-in content",
                    folder, len(result.problems))
        for problem in result.problems:
            log.warning("content problem: %s", problem)
        return ChosenContent(builtin_pack(lang), result.problems, folder)
    return ChosenContent(builtin_pack(lang))


def pack_for_language(lang: str, custom: Path | None = None) -> ContentPack:
    """The pack to show after a visitor picks a language in the header.

    The clinic's custom pack for that language when it has a sound one, else the built-in
    pack: a language switch never shows a banner or fails in front of a patient. A custom
    folder holding one language only is not shown for another language.
    """
    pack = choose_content(lang, custom).pack
    if pack.meta.lang == lang:
        return pack
    from ketdesk.clinic_source import with_clinic

    return with_clinic(builtin_pack(lang), custom)
