"""The posters' words: short by rule, cited, in both languages."""

from __future__ import annotations

import msgspec
import pytest

from ketdesk.content import load_content
from ketdesk.content.schema.poster import MAX_MESSAGE_CHARS, PosterContent
from ketdesk.content.schema.sources_panel import SourcesContent
from ketdesk.paths import builtin_content_dir as content_dir

POSTER_PANELS = ("overview", "mechanism", "risks", "before", "sources")


def _poster(**changes: object) -> dict[str, object]:
    return {"headline": "A short headline", "message": "One sentence. Two sentences.",
            "items": [{"value": "5 in 10", "label": "much better"}], **changes}


def test_a_sound_poster_converts() -> None:
    poster = msgspec.convert(_poster(), PosterContent)
    assert poster.visual == "facts" and poster.items[0].value == "5 in 10"


@pytest.mark.parametrize(("changes", "message"), [
    ({"headline": "x" * 71}, "poster headline is 71 characters long"),
    ({"message": "y" * (MAX_MESSAGE_CHARS + 1)}, "poster message is 201 characters"),
    ({"message": "One. Two. Three."}, "3 sentences"),
    ({"items": [{"label": "no value"}]}, "needs a value"),
    ({"items": [{"value": "x", "label": "y"}] * 7}, "at most 6"),
    ({"items": [{"value": "much too long a value", "label": "y"}]}, "poster item value"),
    ({"headline": "  "}, "poster headline must not be empty"),
])
def test_a_long_or_wordy_poster_is_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(msgspec.ValidationError, match=message):
        msgspec.convert(_poster(**changes), PosterContent)


def test_a_decimal_point_does_not_end_a_sentence() -> None:
    msgspec.convert(_poster(message="The dose is 0.5 mg for each kg. It drips in slowly."), PosterContent)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_shipped_poster_loads_and_cites_its_facts(lang: str) -> None:
    pack = load_content(content_dir(lang)).pack
    assert pack is not None
    for panel_id in POSTER_PANELS:
        poster = pack.panel(panel_id).poster
        assert poster is not None, panel_id
        if panel_id != "sources":  # the Sources poster counts sources; it claims nothing
            assert poster.sources, panel_id
            assert all(s in pack.source_numbers() for s in poster.sources)


def test_the_sources_poster_may_use_only_its_placeholders() -> None:
    pack = load_content(content_dir("en")).pack
    assert pack is not None
    raw = msgspec.to_builtins(pack.sources)
    raw["poster"]["items"][0]["value"] = "{cont}"
    with pytest.raises(msgspec.ValidationError, match=r"may use only \{count\} or \{year\}"):
        msgspec.convert(raw, SourcesContent)
