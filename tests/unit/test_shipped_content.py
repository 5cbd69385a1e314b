"""The content the app ships: complete, cited, and consistent."""

from __future__ import annotations

import re

from ketdesk.content.registry import PANEL_IDS
from ketdesk.content.schema.core import Block, Claim
from ketdesk.content.schema.pack import iter_source_refs

DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def test_every_panel_has_title_lead_and_text(pack) -> None:  # type: ignore[no-untyped-def]
    for panel_id in PANEL_IDS:
        panel = pack.panel(panel_id)
        assert panel.title and panel.lead and panel.blocks, panel_id


def test_every_cited_source_exists(pack) -> None:  # type: ignore[no-untyped-def]
    known = {s.id for s in pack.sources.sources}
    for panel_id in PANEL_IDS:
        cited = set(iter_source_refs(pack.panel(panel_id)))
        assert cited <= known, (panel_id, cited - known)


def test_every_factual_claim_cites_a_source(pack) -> None:  # type: ignore[no-untyped-def]
    # The Sources panel's how-to text is the only uncited prose.
    for panel_id in PANEL_IDS[:-1]:
        for block in pack.panel(panel_id).blocks:
            assert isinstance(block, Block)
            for claim in block.claims:
                assert isinstance(claim, Claim)
                assert claim.sources, f"{panel_id}/{block.id}: {claim.text!r} has no source"


def test_sources_are_unique_and_well_formed(pack) -> None:  # type: ignore[no-untyped-def]
    ids = [s.id for s in pack.sources.sources]
    assert len(ids) == len(set(ids))
    for source in pack.sources.sources:
        assert source.doi == "" or DOI.match(source.doi), source.id
        assert source.journal and source.authors


def test_source_numbers_are_one_to_n(pack) -> None:  # type: ignore[no-untyped-def]
    numbers = pack.source_numbers()
    assert sorted(numbers.values()) == list(range(1, len(pack.sources.sources) + 1))


def test_trust_statements_present(pack) -> None:  # type: ignore[no-untyped-def]
    meta = pack.meta
    assert "not medical advice" in meta.not_advice.lower()
    assert "care team" in meta.not_advice.lower()
    assert "off-label" in meta.off_label and "Spravato" in meta.off_label
    assert meta.last_reviewed.year >= 2025
