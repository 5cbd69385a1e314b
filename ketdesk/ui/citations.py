"""A citation as one line of plain text, the same on the Sources page and wherever a
panel quotes its sources in full (the conditions panel's details sheet)."""

from __future__ import annotations

from ketdesk.content.schema.core import Source


def citation_text(number: int, source: Source, secondary_note: str) -> str:
    """One citation as plain text: authors, year, title, journal, details, locator."""
    parts = [f"{number}. {source.authors} ({source.year})."]
    if source.title:
        parts.append(f"{source.title}.")
    journal = source.journal + (f" {source.details}" if source.details else "")
    parts.append(f"{journal}.")
    if source.link:
        parts.append(source.link)
    if source.status == "secondary":
        parts.append(f"({secondary_note})")
    return " ".join(parts)


def short_authors(authors: str, and_others: str) -> str:
    """The first author's family name, then ``and_others`` when there are more: "Zarate CA
    Jr, et al." reads "Zarate and others"; a group author ("Par Pharmaceutical") stays whole."""
    first, _, rest = authors.partition(",")
    words = first.split()
    # Initials and suffixes after a family name: "CA", "Jr", "J.", "RM".
    def initials(word: str) -> bool:
        return word.rstrip(".").isupper() or word.rstrip(".") in ("Jr", "Sr")

    while len(words) > 1 and not words[0].isupper() and initials(words[-1]):
        words.pop()
    name = " ".join(words) if words else authors.strip()
    return f"{name} {and_others}" if rest.strip() else name
