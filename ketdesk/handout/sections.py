"""What the handout says, taken from one content pack: no words of its own.

Key facts and visit steps from the overview, "tell your team" from the text blocks that
``ui.toml``'s ``[handout] tell_team_blocks`` names, the crisis line and contacts from
``clinic.toml`` (988 when no clinic is configured), and the sources it cites, numbered
from 1 in the order the sheet first cites them (a printed sheet has its own numbering:
the app's numbers would leave gaps).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.clinic import DEFAULT_CRISIS, ClinicContent
from ketdesk.content.schema.core import Claim, Source
from ketdesk.content.schema.overview import OverviewContent
from ketdesk.content.schema.pack import ContentPack


@dataclass(frozen=True)
class Line:
    """One printed statement and the handout's numbers of its sources."""

    text: str
    numbers: tuple[int, ...] = ()
    lead: str = ""  # a bold start: a key fact's value, a step's title


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[Line, ...]
    style: str = "text"  # "warning" for the crisis line
    contacts: bool = False  # the clinic's: the QR code goes beside it


@dataclass(frozen=True)
class Handout:
    title: str
    clinic_name: str
    sections: tuple[Section, ...]
    references: tuple[tuple[int, Source], ...]
    references_heading: str
    footer: tuple[str, ...]
    url: str = ""
    url_caption: str = ""
    logo: bytes = b""
    logo_kind: str = ""


@dataclass
class _Numbering:
    order: dict[str, int] = field(default_factory=dict)

    def of(self, source_ids: tuple[str, ...]) -> tuple[int, ...]:
        for source_id in source_ids:
            self.order.setdefault(source_id, len(self.order) + 1)
        return tuple(sorted({self.order[s] for s in source_ids}))


def _claims(pack: ContentPack, block_ids: tuple[str, ...]) -> list[Claim]:
    found: list[Claim] = []
    for block_id in block_ids:
        for panel_id in pack.panel_ids:
            block = next((b for b in pack.panel(panel_id).blocks if b.id == block_id), None)
            if block is not None:
                found.extend(block.claims)
                break
    return found


def build_handout(pack: ContentPack, date_text: str) -> Handout:
    """The handout of ``pack``; ``date_text`` is its last-reviewed date, as the pack writes dates."""
    words = pack.ui.handout
    clinic: ClinicContent | None = pack.clinic
    numbering = _Numbering()
    overview = pack.content(OverviewContent)
    sections = [
        Section(words.key_facts, tuple(Line(fact.label, numbering.of(fact.sources), fact.value)
                                       for fact in overview.key_facts)),
        Section(words.visit_steps, tuple(
            Line(f"({step.duration}) {step.text}", numbering.of(step.sources), step.title)
            for step in overview.session_steps)),
    ]
    team = _claims(pack, words.tell_team_blocks)
    if team:
        sections.append(Section(words.tell_team, tuple(
            Line(claim.text, numbering.of(claim.sources)) for claim in team)))
    crisis = clinic.crisis if clinic is not None else DEFAULT_CRISIS
    sections.append(Section(words.crisis, (Line(fill(words.crisis_text, number=crisis)),),
                            "warning"))
    if clinic is not None:
        clinic_words = pack.ui.clinic
        contacts = [fill(text, number=number) for text, number in (
            (clinic_words.phone, clinic.phone), (clinic_words.after_hours, clinic.after_hours))
            if number]
        if clinic.url:
            contacts.append(fill(clinic_words.web, address=clinic.url))
        lines = [Line(text) for text in contacts]
        lines.extend(Line(claim.text) for block in clinic.blocks for claim in block.claims)
        sections.append(Section(f"{words.contacts}: {clinic.name}", tuple(lines), contacts=True))
    references = tuple((number, pack.source(source_id))
                       for source_id, number in numbering.order.items())
    meta = pack.meta
    footer = (fill(words.reviewed, date=date_text), meta.not_advice,
              fill(pack.ui.content_version, version=meta.content_version))
    return Handout(
        title=words.title, clinic_name=clinic.name if clinic else "", sections=tuple(sections),
        references=references, references_heading=words.references, footer=footer,
        url=clinic.url if clinic else "", url_caption=words.web_qr,
        logo=clinic.logo if clinic else b"", logo_kind=clinic.logo_kind if clinic else "")


def reference_text(source: Source) -> str:
    """A numbered reference as printed: authors (year). Title. Journal details. Locator."""
    parts = [f"{source.authors} ({source.year})."]
    if source.title:
        parts.append(source.title.rstrip(".") + ".")
    parts.append(" ".join(p for p in (source.journal, source.details) if p).rstrip(".") + ".")
    if source.link:
        parts.append(source.link)
    return " ".join(parts)
