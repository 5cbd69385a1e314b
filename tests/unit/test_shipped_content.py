"""The content the app ships: complete, cited, and consistent."""

from __future__ import annotations

import re

from ketdesk.content.registry import PANEL_IDS, SOURCES_PANEL_ID

DOI = re.compile(r"^10\.\d{4,9}/\S+$")


# (That every panel has a title, lead and text, and that every cited source exists, is
# checked by the loader for any pack: tests/unit/test_loader.py.)


def test_every_factual_claim_cites_a_source(pack) -> None:
    # The Sources panel's how-to text is the only uncited prose.
    for panel_id in PANEL_IDS:
        if panel_id == SOURCES_PANEL_ID:
            continue
        for block in pack.panel(panel_id).blocks:
            for claim in block.claims:
                assert claim.sources, f"{panel_id}/{block.id}: {claim.text!r} has no source"


def test_sources_are_unique_and_well_formed(pack) -> None:
    ids = [s.id for s in pack.sources.sources]
    assert len(ids) == len(set(ids))
    for source in pack.sources.sources:
        assert source.doi == "" or DOI.match(source.doi), source.id
        assert source.journal and source.authors


def test_source_numbers_are_one_to_n(pack) -> None:
    numbers = pack.source_numbers()
    assert sorted(numbers.values()) == list(range(1, len(pack.sources.sources) + 1))


def test_trust_statements_present(pack) -> None:
    meta = pack.meta
    assert "not medical advice" in meta.not_advice.lower()
    assert "care team" in meta.not_advice.lower()
    assert "off-label" in meta.off_label and "Spravato" in meta.off_label
    assert meta.last_reviewed.year >= 2025
