"""Content text to Qt rich text, safely.

Content strings are always escaped before they reach a rich-text label, so markup in a
content file (``<img>``, ``<a>``, ``<script>``) shows as the characters typed, never as
HTML. Only this module builds rich text, and only around escaped strings.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.core import Claim
from ketdesk.content.schema.meta import Meta
from ketdesk.content.schema.ui import UiStrings

SOURCE_LINK_PREFIX = "source:"


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def tooltip_text(text: str) -> str:
    """Plain text for a tooltip. Qt guesses whether a tooltip is markup, so a tip holding
    ``<b>`` would be rendered; escaped text in a paragraph always shows as typed. Each
    line of ``text`` stays a line; long lines wrap at the tooltip's width."""
    return "<p>" + "<br>".join(escape(line) for line in text.split("\n")) + "</p>"


def source_refs_html(source_ids: Iterable[str], numbers: Mapping[str, int], ui: UiStrings,
                     link_colour: str) -> str:
    """`` [3, 5]`` as links to the Sources panel, or an empty string when nothing is cited."""
    nums = sorted({numbers[s] for s in source_ids if s in numbers})
    if not nums:
        return ""
    links = ", ".join(
        f'<a href="{SOURCE_LINK_PREFIX}{n}" style="color:{link_colour};">{n}</a>' for n in nums
    )
    label = fill(escape(ui.source_ref), numbers=links)
    return f' <span style="font-size:small;">[{label}]</span>'


# The exact span source_refs_html writes, and the numbers inside it (content is escaped, so
# no content text can contain either).
_REFS = re.compile(r' <span style="font-size:small;">\[(.*?)\]</span>')
_REF_NUMBER = re.compile(f'href="{SOURCE_LINK_PREFIX}(\\d+)"')


def split_source_refs(html_text: str) -> tuple[str, list[int]]:
    """Rich text without its ``[Sources: ...]`` spans, and their numbers in order (once
    each): the numbers become source chips beside the text (``ketdesk.ui.source_chips``)."""
    numbers: list[int] = []

    def take(match: re.Match[str]) -> str:
        numbers.extend(int(n) for n in _REF_NUMBER.findall(match.group(1)))
        return ""

    stripped = _REFS.sub(take, html_text)
    return stripped, list(dict.fromkeys(numbers))


def cited_html(text: str, source_ids: Iterable[str], numbers: Mapping[str, int], ui: UiStrings,
               link_colour: str) -> str:
    """Content text, escaped, followed by its source numbers as links."""
    return escape(text) + source_refs_html(source_ids, numbers, ui, link_colour)


def claim_html(claim: Claim, numbers: Mapping[str, int], ui: UiStrings, link_colour: str) -> str:
    return cited_html(claim.text, claim.sources, numbers, ui, link_colour)


def format_date(day: int, month: int, year: int, ui: UiStrings) -> str:
    return fill(ui.date_pattern, day=day, month=ui.months[month - 1], year=year)


def reviewed_by_text(meta: Meta, ui: UiStrings) -> str:
    """Who reviewed the pack, in the pack's words; empty when the pack names no one."""
    if not meta.reviewer.strip():
        return ""
    if meta.reviewer_role.strip():
        return fill(ui.reviewed_by_role, reviewer=meta.reviewer, role=meta.reviewer_role)
    return fill(ui.reviewed_by, reviewer=meta.reviewer)


def review_text(meta: Meta, ui: UiStrings) -> str:
    """The last-reviewed date, then who reviewed the pack."""
    day = meta.last_reviewed
    reviewed = fill(ui.last_reviewed, date=format_date(day.day, day.month, day.year, ui))
    return " · ".join(t for t in (reviewed, reviewed_by_text(meta, ui)) if t)


_TAG = re.compile(r"<[^>]+>")


def plain_text(html_text: str) -> str:
    """What a rich label says, without markup: its accessible name for screen readers."""
    return " ".join(html.unescape(_TAG.sub("", html_text)).split())
