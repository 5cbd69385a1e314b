"""``[poster]`` in a panel's file: the panel's one message, readable from two metres.

A poster is a headline, a picture and one or two short sentences, with the sources of its
facts. The words are kept short by rule here, not by hope: a poster must fit a 10-inch
kiosk screen above the fold at a size a visitor can read from across the room.
"""

import re
from typing import Literal

from ketdesk.content.schema.base import Model, SourceIds, _require_text

# Characters, not words: hard limits, past which a poster is no longer a poster. To keep
# body capitals at 6 mm on a 10-inch kiosk, stay near 50 and 90 (docs/visual-language.md):
# longer words still show, only smaller, since fitting the screen wins.
MAX_HEADLINE_CHARS = 70
MAX_MESSAGE_CHARS = 200
MAX_SENTENCES = 2
MAX_ITEMS = 6
MAX_VALUE_CHARS = 16  # "5 in 10", "40 min", "Glutamate"
MAX_LABEL_CHARS = 44

# A sentence ends at . ! ? (or …) followed by a space or the end; "0.5" does not end one.
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")


def _limit(value: str, limit: int, what: str) -> None:
    if len(value) > limit:
        raise ValueError(f"{what} is {len(value)} characters long; a poster allows {limit}. "
                         "Say it shorter: the rest belongs in the panel's text")


class PosterItem(Model, frozen=True, kw_only=True):
    """One thing the poster's picture shows: a big value and a few words, or a checklist line."""

    value: str = ""
    label: str

    def __post_init__(self) -> None:
        _require_text(self.label, "poster item label")
        _limit(self.value, MAX_VALUE_CHARS, "poster item value")
        _limit(self.label, MAX_LABEL_CHARS, "poster item label")


class PosterContent(Model, frozen=True, kw_only=True):
    headline: str
    message: str
    sources: SourceIds = ()
    # How the items are drawn: big values side by side ("facts"), steps joined by arrows
    # ("chain"), ticked lines ("checklist"). A panel may draw a picture of its own instead.
    visual: Literal["facts", "chain", "checklist"] = "facts"
    items: tuple[PosterItem, ...] = ()

    def __post_init__(self) -> None:
        _require_text(self.headline, "poster headline")
        _require_text(self.message, "poster message")
        _limit(self.headline, MAX_HEADLINE_CHARS, "poster headline")
        _limit(self.message, MAX_MESSAGE_CHARS, "poster message")
        sentences = len(_SENTENCE_END.findall(self.message.strip()))
        if sentences > MAX_SENTENCES:
            raise ValueError(f"poster message has {sentences} sentences; a poster says one or two")
        if len(self.items) > MAX_ITEMS:
            raise ValueError(f"poster lists {len(self.items)} items; it shows at most {MAX_ITEMS}")
        if self.visual == "facts" and any(not item.value.strip() for item in self.items):
            raise ValueError('every item of a "facts" poster needs a value (the big number or word)')
