"""``meta.toml``: who the pack is for, when it was reviewed, and the trust statements."""


import datetime
import re

from ketdesk.content.schema.bounds import REVIEW_YEARS, ReviewMonths
from ketdesk.content.schema.core import Model, _require_text

_LANG = re.compile(r"^[a-z]{2}$")


class Meta(Model, frozen=True, kw_only=True):
    lang: str
    language_name: str  # the language's name in itself ("English", "Español")
    content_version: str
    last_reviewed: datetime.date
    app_title: str
    made_by: str
    not_advice: str
    off_label: str
    # Who reviewed the pack, shown beside the last-reviewed date: the clinic's reviewing
    # clinician and their role. Empty in a pack that names no one.
    reviewer: str = ""
    reviewer_role: str = ""
    # How often a clinician must review the pack. Past last_reviewed + this, the staff menu
    # and the log say so on every start and --check-content fails (ketdesk.content.review).
    review_every_months: ReviewMonths = 12

    def __post_init__(self) -> None:
        first, last = REVIEW_YEARS
        if not first <= self.last_reviewed.year <= last:
            raise ValueError(f"last_reviewed must be a date from {first} to {last} "
                             "(year-month-day, like last_reviewed = 2026-11-27)")
        if not _LANG.match(self.lang):
            raise ValueError(f"lang must be a two-letter code like 'en', not {self.lang!r}")
        for name in ("content_version", "app_title", "made_by", "not_advice", "off_label"):
            _require_text(getattr(self, name), name)
