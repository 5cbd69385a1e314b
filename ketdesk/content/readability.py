"""Reading level of a content pack: every patient-facing text, found generically, and scored.

No Qt here. ``text_units`` walks the pack's msgspec structs, so a panel added later (or a
new field) is covered without touching this module. It skips what patients do not read as
prose: source records (citations stay in their original language and wording), ids,
links, enum-like fields, placeholders and chart numbers.

Scoring (``textstat``, a test-only dependency, imported when first needed):

* English: Flesch-Kincaid grade level; sentences counted by textstat, syllables by
  ``english_syllables`` (see there why not textstat's own counter).
* Spanish: textstat's Fernández-Huerta reading ease (Flesch's formula re-fitted to Spanish), turned
  into a grade-like number by Flesch's published bands, 90 = 5th grade, 80 = 6th, 70 = 7th,
  60 = 8th-9th: ``grade = 5 + (90 - ease) / 10``. Grade 8 is therefore ease 60, the lower
  edge of Fernández-Huerta's "normal" band.

Medical names that patients must learn (receptor names, drug and condition names) cannot
be put in plainer words; ``MEDICAL_TERMS`` lists them, and each is replaced by a
one-syllable word before scoring so it neither helps nor hurts the grade.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import msgspec

from ketdesk.content.schema.core import Source
from ketdesk.content.schema.pack import ContentPack

# Fields that are not prose: identifiers, references, links, codes.
SKIP_FIELDS = frozenset({
    "id", "source", "sources", "url", "doi", "pmid", "code", "lang", "status",
    "content_version", "date_pattern", "months", "short",
})

# Names a patient needs to see as they are. Matched as whole words, case-insensitively;
# the lead reviews this list (adding an everyday word here would hide hard writing).
MEDICAL_TERMS: tuple[str, ...] = (
    # receptors and brain chemistry
    "NMDA", "AMPA", "BDNF", "GABA", "mTOR", "glutamate", "glutamato", "serotonin", "serotonina",
    # medicines and products
    "ketamine", "ketamina", "esketamine", "esketamina", "Spravato", "Ketalar", "midazolam",
    "citalopram",
    # conditions and their abbreviations
    "fibromyalgia", "fibromialgia", "CRPS", "SDRC", "PTSD", "TEPT",
    # organisations and identifiers named in trust notes
    "FDA", "DOI", "REMS",
)

# A unit shorter than this is a label (a tab, a heading, a chart tick), not prose: reading
# formulas give meaningless grades on two or three words.
MIN_WORDS = 8

# Thresholds the tests hold every text to.
MAX_GRADE = 8.0


@dataclass(frozen=True)
class TextUnit:
    """One block of text a patient reads as a whole: a card, a step, a panel's intro."""

    group: str  # panel id, or "meta" / "ui"
    path: str  # where it lives, e.g. "overview.blocks[2]"
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _is_literal(annotation: Any) -> bool:
    return typing.get_origin(annotation) is typing.Literal


def _literal_fields(struct_type: type[msgspec.Struct]) -> frozenset[str]:
    hints = typing.get_type_hints(struct_type)
    return frozenset(name for name, hint in hints.items() if _is_literal(hint))


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def iter_strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every patient-facing string inside ``value`` as (path, text)."""
    if isinstance(value, Source):
        return
    if isinstance(value, ContentPack):
        for group, part in value.parts().items():
            yield from iter_strings(part, f"{path}.{group}")
    elif isinstance(value, msgspec.Struct):
        literal = _literal_fields(type(value))
        for field in msgspec.structs.fields(value):
            if field.name in SKIP_FIELDS or field.name in literal:
                continue
            yield from iter_strings(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, str):
        text = _PLACEHOLDER.sub("", value).strip()
        if text:
            yield path, text
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from iter_strings(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, f"{path}.{key}")


def _join(texts: list[str]) -> str:
    # Headings and labels have no full stop; give them one so they count as sentences.
    return " ".join(t if t[-1] in ".!?:;" else f"{t}." for t in texts)


def text_units(pack: ContentPack) -> list[TextUnit]:
    """The pack's prose, one unit per card/step/fact, plus one per panel for its loose fields.

    A panel's top-level strings (tab, title, lead, headings) form one unit; each element
    of a top-level list (a block, a key fact, a session step, a chart series...) is a unit
    of its own, all its strings together.
    """
    units: list[TextUnit] = []
    for group, part in pack.parts().items():
        loose: list[str] = []
        for path, text in _top_level(part, group):
            if isinstance(text, list):
                if text:
                    units.append(TextUnit(group, path, _join(text)))
            else:
                loose.append(text)
        if loose:
            units.append(TextUnit(group, group, _join(loose)))
    return units


def _top_level(part: Any, group: str) -> Iterator[tuple[str, str | list[str]]]:
    """Loose strings one by one, list elements as lists of their strings."""
    if not isinstance(part, msgspec.Struct):
        return
    literal = _literal_fields(type(part))
    for field in msgspec.structs.fields(part):
        if field.name in SKIP_FIELDS or field.name in literal:
            continue
        value = getattr(part, field.name)
        if isinstance(value, tuple) and value and all(isinstance(v, msgspec.Struct) for v in value):
            for index, item in enumerate(value):
                path = f"{group}.{field.name}[{index}]"
                yield path, [text for _, text in iter_strings(item, path)]
        elif isinstance(value, msgspec.Struct):
            path = f"{group}.{field.name}"
            yield path, [text for _, text in iter_strings(value, path)]
        else:
            for _, text in iter_strings(value, f"{group}.{field.name}"):
                yield f"{group}.{field.name}", text


_TERMS = re.compile(r"\b(" + "|".join(re.escape(t) for t in MEDICAL_TERMS) + r")\b", re.IGNORECASE)


def strip_medical_terms(text: str) -> str:
    """Replace each listed medical name by a one-syllable word (see the module docstring)."""
    return _TERMS.sub("drug", text)


def _stats(lang: str) -> Any:
    from textstat.textstat import textstatistics

    stats = textstatistics()
    stats.set_lang("es" if lang == "es" else "en_US")
    stats.set_rounding_points(None)  # default is no rounding; say so explicitly
    return stats


_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def english_syllables(word: str) -> int:
    """Syllables of an English word, by vowel groups and the common silent endings.

    textstat counts English syllables with NLTK's CMU dictionary, which it downloads on
    first use (impossible offline and in CI); its fallback, hyphenation points, gives one
    syllable to "about", "many" and "medicine" and so flatters the text. This rule set
    counts those right; tests pin it on words from the packs.
    """
    w = word.lower().strip("'’")
    if not w:
        return 0
    count = len(_VOWEL_GROUP.findall(w))
    if count > 1:
        if w.endswith("e") and not re.search(r"[^aeiouy]le$", w) and not w.endswith(("ee", "ye")):
            count -= 1  # silent final e: "while", "medicine" (but "table" keeps it)
        elif re.search(r"[^aeiouy]es$", w) and not re.search(r"(ss|sh|ch|x|z|c|g|s)es$", w):
            count -= 1  # "sources" keeps it, "makes" does not
        elif w.endswith("ed") and not re.search(r"[td]ed$", w) and not w.endswith("ied"):
            count -= 1  # "helped" is one syllable, "started" two
    return max(1, count)


def flesch_kincaid(text: str) -> float:
    """Flesch-Kincaid grade: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    stats = _stats("en")
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, int(stats.sentence_count(text)))
    syllables = sum(english_syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


def grade(text: str, lang: str) -> float:
    """Grade level of ``text`` (US school grade; grade-like for Spanish, see above)."""
    cleaned = strip_medical_terms(text)
    if lang == "es":
        return 5.0 + (90.0 - float(_stats("es").fernandez_huerta(cleaned))) / 10.0
    return flesch_kincaid(cleaned)


@dataclass(frozen=True)
class Scored:
    unit: TextUnit
    grade: float


def score_units(pack: Any, lang: str) -> list[Scored]:
    """Every unit long enough to score, with its grade."""
    return [Scored(u, grade(u.text, lang)) for u in text_units(pack) if u.words >= MIN_WORDS]


def group_grades(pack: Any, lang: str) -> dict[str, float]:
    """One grade per panel (and for meta/ui): all its scored units read as one text."""
    texts: dict[str, list[str]] = {}
    for unit in text_units(pack):
        if unit.words >= MIN_WORDS:
            texts.setdefault(unit.group, []).append(unit.text)
    return {group: grade(" ".join(parts), lang) for group, parts in texts.items()}
