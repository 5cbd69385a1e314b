"""When a pack's content is due for review: ``last_reviewed`` + ``review_every_months``.

A pure date sum, so ``--check-content``, ``--self-test``, the log at start-up and the
staff menu all say the same date. "Today" is passed in, so tests need no clock.
"""

from __future__ import annotations

import datetime

from ketdesk.content.schema.meta import Meta


def review_due(meta: Meta) -> datetime.date:
    """The day the next review is due; the 31st of a short month falls on its last day."""
    reviewed = meta.last_reviewed
    months = reviewed.month - 1 + meta.review_every_months
    year, month = reviewed.year + months // 12, months % 12 + 1
    # The month's last day, without importing calendar (and locale) at every start.
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (following - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(reviewed.day, last_day))


def days_until_review(meta: Meta, today: datetime.date) -> int:
    """Days left before the review is due: 0 on the day, negative once it has passed."""
    return (review_due(meta) - today).days


def review_overdue(meta: Meta, today: datetime.date) -> bool:
    return days_until_review(meta, today) < 0


def overdue_message(meta: Meta, today: datetime.date) -> str:
    """For staff and logs (English, like every log line): what is late and what to do."""
    due = review_due(meta)
    return (f"the content was due for review on {due.isoformat()} (last reviewed "
            f"{meta.last_reviewed.isoformat()}, every {meta.review_every_months} months); "
            "have a clinician review it, then change last_reviewed in meta.toml")
