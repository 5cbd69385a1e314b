"""Limits on every number, text and list of a pack: what a real study or clinic could need.

Drawing code trusts the content model, so nothing may reach it that it cannot draw: a
people count of 10**18 made Qt's painter overflow (a segfault), and a 10,000-character word
in a tab label asked for a 4 GB window. Numbers get a range on their field
(``msgspec.Meta``, checked by the loader with a message naming the range); texts and lists
get one rule for the whole pack, checked by ``text_problems`` before conversion, which
also refuses characters that do not show on screen but change what a patient reads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Annotated, Any

from msgspec import Meta

# --- numbers, by what they count -------------------------------------------------------
# The largest trials and registries count people in the hundreds of thousands.
People = Annotated[int, Meta(ge=1, le=10_000_000, description="people")]
Trials = Annotated[int, Meta(ge=1, le=10_000, description="trials")]
# The timeline's axis, in hours: a minute to ten years.
AxisHours = Annotated[float, Meta(ge=0.01, le=87_600, description="hours")]
# A time within a series, in its own unit (up to ten years in minutes).
SeriesTime = Annotated[float, Meta(ge=0, le=5_256_000, description="in the series' time unit")]
# A chart value: people out of the denominator, or a score.
ChartValue = Annotated[float, Meta(ge=-1_000_000, le=1_000_000)]
Denominator = Annotated[int, Meta(ge=1, le=1_000, description="people")]
TickPriority = Annotated[int, Meta(ge=1, le=9)]
# A step of the "how fast" time line ("Hours", "Days", "Weeks"), counted from 0.
Zone = Annotated[int, Meta(ge=0, le=3, description="zone number")]
# The session chart, in minutes from the start of the drip: up to a week.
SessionMinutes = Annotated[float, Meta(ge=0, le=10_080, description="minutes")]
# Bars in real units (mmHg, mg) and doses.
Amount = Annotated[float, Meta(ge=0, le=100_000)]
PerKg = Annotated[float, Meta(ge=0, le=1_000, description="mg/kg")]
WeightKg = Annotated[float, Meta(ge=1, le=500, description="kg")]
# A chart's position of a tick, in the chart's own unit.
TickAt = Annotated[float, Meta(ge=-1_000_000, le=10_000_000)]

REVIEW_YEARS = (2000, 2100)
# How often a pack must be reviewed: monthly at most, every five years at least.
ReviewMonths = Annotated[int, Meta(ge=1, le=60, description="months")]

# --- texts and lists, for the whole pack ----------------------------------------------------
MAX_TEXT_CHARS = 1_000  # the longest shipped text is under 300 characters
# "Neuropsychopharmacology" is 23 and a web address in a text may be 50; a word must fit
# across a 1024-pixel screen at body size.
MAX_WORD_CHARS = 60
MAX_ITEMS = 200  # the longest shipped list has 39 items
# Locators are printed whole and are not words; they get a longer limit and no word rule.
LOCATOR_KEYS = frozenset({"url", "doi", "pmid"})
MAX_LOCATOR_CHARS = 300


# Characters a patient cannot see but that change what they read: control characters
# (other than line break and tab), zero-width spaces and joiners pasted from the web, a
# byte-order mark inside a text, and the direction overrides and isolates that can show a
# text backwards ("Trojan source").
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_INVISIBLE_NAMES = {0x200B: "a zero-width space", 0x2060: "a word joiner", 0xFEFF: "a byte-order mark"}


def _invisible_name(char: str) -> str:
    code = ord(char)
    if code in _INVISIBLE_NAMES:
        return _INVISIBLE_NAMES[code]
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "a text-direction control"
    return "a control character"


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) or float(value).is_integer() else f"{value:,g}"


def range_problem(value: Any, meta: Meta) -> str | None:
    """Why ``value`` is outside ``meta``'s range, in words naming that range; None if inside."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value):  # a NaN would pass every comparison below
        return "must be a finite number (nan and inf are not allowed)"
    # Every range here is written with ge and le (inclusive), so the words can say "from ... to".
    low, high = meta.ge, meta.le
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    unit = f" {meta.description}" if meta.description else ""
    if low is not None and high is not None:
        allowed = f"from {_number(low)} to {_number(high)}{unit}"
    elif low is not None:
        allowed = f"at least {_number(low)}{unit}"
    else:
        allowed = f"at most {_number(high)}{unit}"  # type: ignore[arg-type]
    return f"must be {allowed}, not {_number(value)}"


def _short(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:30] + "…")


KeyPath = tuple[str | int, ...]


def text_problems(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every text too long, word too long to fit on screen, or list too long, in parsed TOML."""
    if isinstance(value, str):
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        limit = MAX_LOCATOR_CHARS if key in LOCATOR_KEYS else MAX_TEXT_CHARS
        if len(value) > limit:
            yield path, (f"is {len(value):,} characters long, more than the {limit:,} allowed; "
                         "split it into shorter texts")
        elif hidden := _INVISIBLE.search(value):
            char, where = hidden.group(), hidden.start() + 1
            yield path, (f"has {_invisible_name(char)} (U+{ord(char):04X}) at character {where}, which "
                         "does not show on screen; delete it and retype the text around it")
        elif key not in LOCATOR_KEYS:
            longest = max(value.split(), key=len, default="")
            if len(longest) > MAX_WORD_CHARS:
                yield path, (f"has a word of {len(longest):,} characters ({_short(longest)}), more than "
                             f"the {MAX_WORD_CHARS} that fit on a small screen; add spaces or shorten it")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_problems(item, (*path, key))
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            yield path, f"lists {len(value):,} items, more than the {MAX_ITEMS} allowed"
            return
        for index, item in enumerate(value):
            yield from text_problems(item, (*path, index))
