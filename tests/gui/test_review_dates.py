"""Review dates: an overdue pack is named in the staff menu and the log on every start;
patients see a note only where the clinic opted in; --self-test reports the days left."""

from __future__ import annotations

import datetime
import logging
import re
from pathlib import Path

from ketdesk.cli import Options
from ketdesk.content_source import choose_content
from ketdesk.kiosk.staff_menu import StaffMenu


def overdue_pack(pack_copy: Path) -> Path:
    meta = pack_copy / "meta.toml"
    meta.write_text(meta.read_text().replace("last_reviewed = 2026-11-27", "last_reviewed = 2020-01-15"),
                    encoding="utf-8")
    return pack_copy


def test_the_staff_menu_says_when_the_review_is_due(qtbot, qapp_fonts, pack) -> None:
    menu = StaffMenu(pack, log_path=None, settings_backup=None, settings_problem="",
                     today=datetime.date(2026, 12, 3))
    qtbot.addWidget(menu)
    assert not menu.review_overdue
    assert menu.review.text() == "Next content review: November 27, 2027"
    late = StaffMenu(pack, log_path=None, settings_backup=None, settings_problem="",
                     today=datetime.date(2027, 11, 28))
    qtbot.addWidget(late)
    assert late.review_overdue
    assert late.review.text() == ("This content was due for review on November 27, 2027. "
                                  "Please have a clinician review it.")
    assert late.review_card.isAncestorOf(late.review)


def test_an_overdue_pack_is_logged_and_shown_to_patients_only_when_opted_in(
        qtbot, qapp_fonts, pack_copy, caplog) -> None:
    from ketdesk.startup import build_window

    folder = overdue_pack(pack_copy)
    with caplog.at_level(logging.WARNING, logger="ketdesk"):
        window = build_window(Options(content=folder))
    qtbot.addWidget(window)
    assert any("content review overdue" in r.getMessage() and "2021-01-15" in r.getMessage()
               for r in caplog.records)
    assert not window.banner.isVisibleTo(window)  # patients are not told by default
    opted = build_window(Options(content=folder), stale_notice=True)
    qtbot.addWidget(opted)
    assert opted.banner.isVisibleTo(opted)
    assert opted.banner.label.text() == choose_content("en", folder).pack.ui.clinic.review_stale_public


def test_a_pack_in_date_is_not_logged_as_overdue(qtbot, qapp_fonts, caplog) -> None:
    from ketdesk.startup import build_window

    with caplog.at_level(logging.WARNING, logger="ketdesk"):
        window = build_window(Options(), stale_notice=True)
    qtbot.addWidget(window)
    assert not any("overdue" in r.getMessage() for r in caplog.records)
    assert not window.banner.isVisibleTo(window)


def test_the_self_test_reports_days_until_review(pack_copy) -> None:
    from ketdesk.selftest import _review

    assert re.fullmatch(r"-?\d+ days until review \(due 2027-11-27\)|OVERDUE .*", _review(Options()))
    assert _review(Options(content=overdue_pack(pack_copy))).startswith("OVERDUE by ")
