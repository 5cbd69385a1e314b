"""What a read-aloud voice is given: the shown text without markup or citations, in sentences.

Qt-free, so it is tested without a display. Source numbers ("[Sources: 6, 11]", "[6]"),
author-year citations ("(Zarate 2006)") and markup are dropped: a patient who listens
hears the message, not the footnotes. Percentages and number ranges are turned into the
pack's own words (``ui.toml`` ``[listen]``: "{number} percent", "{low} to {high}"), because
voices read "6-8" as "six minus eight" and "67%" differently in each language. Digits stay
digits: every offline voice here reads them as words in the voice's language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ketdesk.content.placeholders import fill

_TAG = re.compile(r"<[^>]*>")
# "[6]", "[6, 11]", "[Sources: 6, 11]", "[Fuentes: 3]": a bracket that holds numbers.
_BRACKET_REFS = re.compile(r"\s*\[[^\]\d]*\d[\d,;\s\u2013-]*\]")
# "(Zarate 2006)", "(Zarate et al., 2006; Berman 2000)": a bracket that names a year.
_AUTHOR_YEAR = re.compile(r"\s*\((?=[^)]*\b(?:19|20)\d\d\b)[^()]*[A-Z][^()]*\)")
# "6-8", "6–8", "6 – 8": a range of numbers. Not "S-ketamine", not "40-minute".
_RANGE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*[\u2013\u2014-]\s*(\d+(?:[.,]\d+)?)(?![\w%])")
_RANGE_PERCENT = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*%?\s*[\u2013\u2014-]\s*(\d+(?:[.,]\d+)?)\s*%")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
# "40-minute drip": a hyphen between a number and a word is read as a space.
_NUMBER_HYPHEN_WORD = re.compile(r"(\d)-(?=[^\W\d_])")
# A sentence ends at . ! ? (and … ) before a space and what can start a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])\s+(?=[\"'\u201c\u00bf\u00a1(]?[A-Z\u00c0-\u00dd\d])")
# Short abbreviations a sentence does not end on ("EE. UU.", "Dr."): checked before a split.
_ABBREVIATIONS = frozenset({"EE.", "UU.", "Dr.", "Dra.", "Sr.", "Sra.", "e.g.", "i.e.",
                            "p.", "ej.", "approx.", "aprox.", "vs.", "St."})


@dataclass(frozen=True)
class SpokenForms:
    """A language's words for what voices misread, from the pack's ``[listen]`` table."""

    percent: str  # "{number} percent"
    range: str  # "{low} to {high}"


def clean(text: str, forms: SpokenForms) -> str:
    """One shown text as a voice should say it: no markup, no citations, numbers in words."""
    text = html.unescape(_TAG.sub(" ", text))
    text = _BRACKET_REFS.sub("", text)
    text = _AUTHOR_YEAR.sub("", text)
    text = _RANGE_PERCENT.sub(
        lambda m: fill(forms.percent, number=fill(forms.range, low=m[1], high=m[2])), text)
    text = _PERCENT.sub(lambda m: fill(forms.percent, number=m[1]), text)
    text = _RANGE.sub(lambda m: fill(forms.range, low=m[1], high=m[2]), text)
    text = _NUMBER_HYPHEN_WORD.sub(r"\1 ", text)
    text = " ".join(text.split())
    return re.sub(r"\s+([.,;:!?])", r"\1", text)


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (a voice reads one at a time; the screen shows which)."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if parts and parts[-1].rsplit(" ", 1)[-1] in _ABBREVIATIONS:
            parts[-1] = f"{parts[-1]} {piece}"
        elif piece.strip():
            parts.append(piece.strip())
    return parts


def spoken_sentences(texts: Iterable[str], forms: SpokenForms) -> list[str]:
    """Every shown text of a page, in order, as the sentences a voice is given."""
    said: list[str] = []
    for text in texts:
        said.extend(sentences(clean(text, forms)))
    return [s for s in said if any(ch.isalnum() for ch in s)]
