"""The staff menu's usage chart: the last weeks' daily counts, and Export to CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from ketdesk.usage import hooks
from ketdesk.usage.store import UsageStore
from tests.gui.kiosk_support import finger_tap, make_kiosk, open_staff_menu


def test_staff_menu_charts_the_counts_and_exports_them(qtbot, qapp_fonts, pack,
                                                       tmp_path: Path) -> None:
    store = UsageStore(tmp_path / "usage.sqlite3")
    for _ in range(3):
        store.count("panel_shown", "risks")
    store.count("read_aloud_used", "overview")
    kiosk, _ = make_kiosk(qtbot, pack)
    hooks.attach(kiosk.window, store)
    try:
        menu = open_staff_menu(qtbot, kiosk)
        assert menu.usage is not None
        qtbot.waitUntil(menu.usage.isVisible)
        _days, shown = menu.usage.curves["panel_shown"].getData()
        assert shown[-1] == 3 and sum(shown) == 3  # today is the last point
        _days, listened = menu.usage.curves["read_aloud_used"].getData()
        assert listened[-1] == 1
        assert menu.usage.export_button.height() >= 44
        finger_tap(kiosk.window, menu.usage.export_button)
        qtbot.waitUntil(lambda: bool(list(tmp_path.glob("usage-*.csv"))))
        written = next(tmp_path.glob("usage-*.csv"))
        with written.open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == ["hour_utc", "event", "item", "count"]
        assert {tuple(r[1:]) for r in rows[1:]} == {("panel_shown", "risks", "3"),
                                                    ("read_aloud_used", "overview", "1")}
        assert str(written) in menu.usage.status.text()
    finally:
        hooks.detach()


def test_no_chart_when_counting_is_off(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    assert open_staff_menu(qtbot, kiosk).usage is None
