"""The parsed-content cache: used for an unchanged pack, refused after any edit, and never
trusted over the files when it is damaged, foreign or holds content that fails the checks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ketdesk.content import load_content
from ketdesk.content.parse_cache import MAX_CACHE_BYTES, ParseCache, cache_key
from ketdesk.content.registry import FILE_TYPES


def raws(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FILE_TYPES}


def overview_title(folder: Path, cache: ParseCache | None = None) -> str:
    pack = load_content(folder, cache).pack
    assert pack is not None
    return pack.panel("overview").title


def cache_files(cache: ParseCache) -> list[Path]:
    return sorted(cache.folder.glob("content-*.msgpack"))


def stored(cache: ParseCache, folder: Path) -> dict[str, Any]:
    found = cache.get(folder, cache_key(raws(folder)))
    assert found is not None, "the pack was not cached"
    return found


def marked(cache: ParseCache, folder: Path, title: str) -> None:
    """Store the pack's parsed files under its real key, with another (valid) overview title:
    a load that shows this title took its content from the cache."""
    files = stored(cache, folder)
    files["overview.toml"] = {**files["overview.toml"], "title": title}
    cache.put(folder, cache_key(raws(folder)), files)


@pytest.fixture
def cache(tmp_path: Path) -> ParseCache:
    return ParseCache(tmp_path / "cache")


def test_a_clean_load_is_stored_and_an_unchanged_pack_is_read_from_it(pack_copy: Path,
                                                                     cache: ParseCache) -> None:
    first = load_content(pack_copy, cache)
    assert first.ok and len(cache_files(cache)) == 1
    assert load_content(pack_copy, cache).pack == first.pack == load_content(pack_copy).pack
    marked(cache, pack_copy, "From the cache")
    assert overview_title(pack_copy, cache) == "From the cache"


def test_a_one_byte_edit_refuses_the_cache(pack_copy: Path, cache: ParseCache) -> None:
    load_content(pack_copy, cache)
    marked(cache, pack_copy, "From the cache")
    sources = pack_copy / "sources.toml"
    sources.write_bytes(sources.read_bytes() + b"\n")  # one byte, same content
    assert overview_title(pack_copy, cache) != "From the cache"
    # ...and the edited pack is stored under its new key, replacing the old entry.
    assert len(cache_files(cache)) == 1 and stored(cache, pack_copy)


def test_an_edit_is_shown_not_the_cached_words(pack_copy: Path, cache: ParseCache) -> None:
    load_content(pack_copy, cache)
    overview = pack_copy / "overview.toml"
    text = overview.read_text(encoding="utf-8")
    title = overview_title(pack_copy)
    overview.write_text(text.replace(title, title + "!", 1), encoding="utf-8")
    assert overview_title(pack_copy, cache) == title + "!"


def test_a_broken_pack_is_not_stored_and_its_problems_are_reported(pack_copy: Path,
                                                                   cache: ParseCache) -> None:
    load_content(pack_copy, cache)
    before = cache_files(cache)[0].read_bytes()
    (pack_copy / "meta.toml").write_text("lang = [", encoding="utf-8")
    result = load_content(pack_copy, cache)
    assert result.pack is None
    assert any("meta.toml" in str(problem) and "TOML" in str(problem) for problem in result.problems)
    assert cache_files(cache)[0].read_bytes() == before


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "magic", "huge"])
def test_a_damaged_cache_file_falls_back_to_the_files(pack_copy: Path, cache: ParseCache,
                                                      damage: str) -> None:
    expected = load_content(pack_copy, cache).pack
    marked(cache, pack_copy, "From the cache")
    path = cache_files(cache)[0]
    blob = path.read_bytes()
    damaged = {
        "truncate": blob[: len(blob) // 2],
        "flip": blob[:-10] + bytes([blob[-10] ^ 0x01]) + blob[-9:],
        "garbage": os.urandom(len(blob)),
        "empty": b"",
        "magic": b"X" + blob[1:],
        "huge": blob + b"\0" * (MAX_CACHE_BYTES + 1 - len(blob)),
    }[damage]
    path.write_bytes(damaged)
    assert load_content(pack_copy, cache).pack == expected


def test_cached_content_that_fails_the_checks_is_not_used(pack_copy: Path, cache: ParseCache) -> None:
    """A cache entry is checked like a parsed file: a key that matches is not enough."""
    expected = load_content(pack_copy, cache).pack
    files = stored(cache, pack_copy)
    key = cache_key(raws(pack_copy))
    for broken in ({**files["meta.toml"], "lang": 7},
                   {**files["meta.toml"], "app_title": "x" * 100_000},
                   {**files["meta.toml"], "surprise": True}):
        cache.put(pack_copy, key, {**files, "meta.toml": broken})
        assert load_content(pack_copy, cache).pack == expected
    cache.put(pack_copy, key, {name: data for name, data in files.items() if name != "ui.toml"})
    assert load_content(pack_copy, cache).pack == expected


def test_an_unwritable_cache_folder_still_loads(pack_copy: Path, tmp_path: Path) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    result = load_content(pack_copy, ParseCache(in_the_way / "cache"))
    assert result.ok and result.pack == load_content(pack_copy).pack


def test_dates_come_back_as_dates(pack_copy: Path, cache: ParseCache) -> None:
    load_content(pack_copy, cache)
    cached, parsed = load_content(pack_copy, cache).pack, load_content(pack_copy).pack
    assert cached is not None and parsed is not None
    assert cached.meta.last_reviewed == parsed.meta.last_reviewed
    assert type(stored(cache, pack_copy)["meta.toml"]["last_reviewed"]).__name__ == "date"
