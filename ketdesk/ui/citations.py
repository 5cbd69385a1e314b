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
