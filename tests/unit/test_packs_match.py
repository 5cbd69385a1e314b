"""The English and Spanish packs validate and have the same structure, ids and citations.

A generic walk turns each pack into its skeleton: every struct's type and fields, every
list's length, every id, source reference, style and number, with the words themselves
replaced by their placeholders. The two skeletons must be equal, and the Source records
must be identical (citations stay in their original language).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec
import pytest

from ketdesk.choices import installed_languages
from ketdesk.content import load_content
from ketdesk.content.registry import FILE_TYPES
from ketdesk.content.schema.core import Source
from ketdesk.content.schema.pack import ContentPack

CONTENT = Path(__file__).resolve().parents[2] / "resources" / "content"

# Fields whose value is the same in every language (identity, references, layout).
SAME_IN_EVERY_LANGUAGE = frozenset({"id", "source", "sources", "style", "code", "time_unit",
                                    "status", "short"})
# Fields that must differ: what names the language itself.
LANGUAGE_FIELDS = frozenset({"lang", "language_name"})
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def skeleton(value: Any, field: str = "") -> Any:
    """The language-independent shape of a content value."""
    if isinstance(value, Source):
        return ("Source", value.id)
    if isinstance(value, msgspec.Struct):
        return (type(value).__name__, {f.name: skeleton(getattr(value, f.name), f.name)
                                       for f in msgspec.structs.fields(value)
                                       if f.name not in LANGUAGE_FIELDS})
    if isinstance(value, ContentPack):
        return ("ContentPack", skeleton(value.meta), skeleton(value.ui),
                {pid: skeleton(content) for pid, content in value.panels.items()})
    if isinstance(value, tuple | list):
        return [skeleton(item, field) for item in value]
    if isinstance(value, str):
        if field in SAME_IN_EVERY_LANGUAGE:
            return value
        # Words differ; the slots the app fills in ({date}, {numbers}) must not.
        return ("text", tuple(sorted(_PLACEHOLDER.findall(value))))
    return value  # numbers, dates, booleans: the same facts in every language


def _pack(lang: str):
    result = load_content(CONTENT / lang)
    assert result.ok, [str(p) for p in result.problems]
    return result.pack


def test_both_languages_are_installed() -> None:
    assert installed_languages() == ("en", "es")
    for lang in ("en", "es"):
        assert sorted(p.name for p in (CONTENT / lang).glob("*.toml")) == sorted(FILE_TYPES)


def test_packs_have_the_same_skeleton() -> None:
    en, es = _pack("en"), _pack("es")
    assert (en.meta.lang, es.meta.lang) == ("en", "es")
    assert skeleton(en) == skeleton(es)


def test_sources_are_verbatim() -> None:
    en, es = _pack("en"), _pack("es")
    assert es.sources.sources == en.sources.sources
    assert es.source_numbers() == en.source_numbers()


def test_every_id_matches() -> None:
    def ids(value: Any) -> list[str]:
        found: list[str] = []
        if isinstance(value, msgspec.Struct):
            for f in msgspec.structs.fields(value):
                item = getattr(value, f.name)
                if f.name == "id" and isinstance(item, str):
                    found.append(item)
                else:
                    found.extend(ids(item))
        elif isinstance(value, tuple):
            for item in value:
                found.extend(ids(item))
        elif isinstance(value, ContentPack):
            for part in value.parts().values():
                found.extend(ids(part))
        return found

    en_ids = ids(_pack("en"))
    assert len(en_ids) > 30
    assert ids(_pack("es")) == en_ids


def test_skeleton_catches_a_missing_block(tmp_path: Path) -> None:
    """The comparison is not vacuous: a Spanish file with a block less differs."""
    import shutil

    broken = tmp_path / "es"
    shutil.copytree(CONTENT / "es", broken)
    text = (broken / "overview.toml").read_text(encoding="utf-8")
    cut = text.index('[[blocks]]\nid = "unknowns"')
    end = text.index("[[session_steps]]")
    (broken / "overview.toml").write_text(text[:cut] + text[end:], encoding="utf-8")
    result = load_content(broken)
    assert result.pack is not None
    assert skeleton(result.pack) != skeleton(_pack("en"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pack_words_are_translated(lang: str) -> None:
    """Not a copy: most prose strings differ between the packs."""
    other = "es" if lang == "en" else "en"
    from ketdesk.content.readability import iter_strings

    mine = dict(iter_strings(_pack(lang), "pack"))
    theirs = dict(iter_strings(_pack(other), "pack"))
    assert mine.keys() == theirs.keys()
    same = [path for path, text in mine.items() if theirs[path] == text and len(text.split()) > 2]
    assert not same, f"untranslated in {lang}: {same}"
