"""The main window: panel switching by click and keys, source links, the fallback banner."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ketdesk.cli import Options
from ketdesk.content.registry import PANEL_IDS
from ketdesk.content.schema.overview import OverviewContent


def test_title_and_tabs(window) -> None:
    assert window.windowTitle() == "Ketamine Infusion Treatment"
    assert list(window.tab_buttons) == list(PANEL_IDS)
    for button in window.tab_buttons.values():
        assert button.height() >= 44
        assert button.text()


def test_click_switches_panel(qtbot, window) -> None:
    for panel_id in reversed(PANEL_IDS):
        with qtbot.waitSignal(window.panel_changed) as blocker:
            qtbot.mouseClick(window.tab_buttons[panel_id], Qt.MouseButton.LeftButton)
        assert blocker.args == [panel_id]
        assert window.stack.currentWidget() is window.panel(panel_id)
        assert window.tab_buttons[panel_id].isChecked()


def test_ctrl_number_and_ctrl_tab(qtbot, window) -> None:
    window.activateWindow()
    second_last = len(PANEL_IDS) - 1  # Ctrl+digit picks by position in the declared order
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0.value + second_last), Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_panel_id == PANEL_IDS[second_last - 1])
    qtbot.keyClick(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_panel_id == PANEL_IDS[-1])
    qtbot.keyClick(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # wraps round
    qtbot.waitUntil(lambda: window.current_panel_id == PANEL_IDS[0])


def test_source_number_opens_its_citation_over_the_panel(qtbot, window) -> None:
    overview = window.panel("overview")
    overview._on_link("source:3")
    assert window.current_panel_id == "overview"  # the visitor stays where they were
    sheet = window.detail_sheet
    assert sheet.is_open
    assert sheet.heading.text() == "Source 3"
    assert sheet.body.text().startswith(window.pack.source("zarate2006").authors)
    sheet.close_sheet()
    assert not sheet.is_open


def test_footer_shows_advice_and_review_date(window) -> None:
    assert "not medical advice" in window.footer_advice.text()
    assert window.footer_reviewed.text() == "Last reviewed: November 27, 2026"


def test_broken_content_shows_banner(qtbot, qapp_fonts, pack_copy: Path) -> None:
    from ketdesk.startup import build_window

    (pack_copy / "overview.toml").write_text("tab = [", encoding="utf-8")
    win = build_window(Options(content=pack_copy))
    qtbot.addWidget(win)
    win.show()
    assert win.banner.isVisible()
    text = win.banner.label.text()
    assert text.startswith("Custom content could not be loaded: 1 problems.")
    assert "ketdesk.log" in text
    # The app runs on the built-in pack.
    assert win.pack.content(OverviewContent).title == "Ketamine infusion treatment"
    qtbot.mouseClick(win.banner.close_button, Qt.MouseButton.LeftButton)
    assert not win.banner.isVisible()


def test_text_grows_with_the_window(qtbot, window) -> None:
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.metrics.em == 16)
    window.resize(3840, 2160)
    qtbot.waitUntil(lambda: window.metrics.em == 48)


def test_pages_end_where_their_content_ends(qtbot, window) -> None:
    window.resize(1920, 1080)
    for panel_id in ("overview", "sources"):
        window.show_panel(panel_id)
        panel = window.panel(panel_id)
        body = panel.body

        def settled(b=body, p=panel) -> bool:
            return b.height() == max(p.viewport().height(), b.layout().heightForWidth(b.width()))

        qtbot.waitUntil(settled)


def test_data_table_never_cuts_a_word(qtbot, qapp_fonts) -> None:
    from ketdesk.ui.charts import DataTable

    table = DataTable(["Condition", "People", "Sources"],
                      [["Fibromyalgia", "24", "Janssen Pharmaceuticals (2019)"],
                       ["PTSD", "221", "Authors as listed at the DOI"]], "test table")
    qtbot.addWidget(table)
    table.resize(420, 300)
    table.show()
    qtbot.waitExposed(table)
    minimums = table.column_min_widths()
    header = table.horizontalHeader()
    for column, minimum in enumerate(minimums):
        assert header.sectionSize(column) >= minimum
    words = ["Fibromyalgia", "Pharmaceuticals"]
    widest = max(table.fontMetrics().horizontalAdvance(w) for w in words)
    assert header.sectionSize(0) > table.fontMetrics().horizontalAdvance("Fibromyalgia")
    assert max(header.sectionSize(c) for c in range(3)) > widest

    assert sum(header.sectionSize(c) for c in range(3)) <= table.viewport().width()


def test_data_table_columns_fit_beside_a_column_sized_to_its_contents(qtbot, qapp_fonts) -> None:
    """The risks tables size their short "amount" column to its contents; the other
    columns share the rest, and the last one is not pushed past the table's edge."""
    from PySide6.QtWidgets import QHeaderView

    from ketdesk.ui.charts import DataTable

    table = DataTable(["What", "Amount", "Details", "Source"],
                      [["Average across 15 studies", "about 13", "The top number rose 12.6.",
                        "34. Vankawala J, et al. (2021)"],
                       ["A big rise", "40 or more", "With the spray, 1 to 2 out of 10 people.",
                        "5. Janssen Pharmaceuticals (2019)"]], "test table")
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    qtbot.addWidget(table)
    table.resize(460, 400)
    table.show()
    qtbot.waitExposed(table)
    header = table.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(4)) <= table.viewport().width()
    assert header.sectionSize(1) >= table.sizeHintForColumn(1)


def test_window_is_styled_once_for_the_size_it_opens_at(qtbot, qapp_fonts, monkeypatch) -> None:
    """Built at its opening size, the window is not restyled again before its first frame
    (every restyle re-polishes every widget: ~100 ms at start-up)."""
    from PySide6.QtCore import QRect

    from ketdesk import startup
    from ketdesk.startup import build_window, opening_size, show_sized_to_screen
    from ketdesk.ui.theme import Metrics

    # A 1440p desktop: the window opens at 1800x1100, far from the 1280x800 default.
    monkeypatch.setattr(startup, "_available_area", lambda: QRect(0, 0, 2560, 1440))
    size = opening_size()
    assert size == (1800, 1100)
    window = build_window(Options(), size=size)
    qtbot.addWidget(window)
    assert window.metrics == Metrics.for_window(*size, window.text_scale)
    restyles: list[Metrics] = []
    window.metrics_changed.connect(restyles.append)
    show_sized_to_screen(window)
    qtbot.waitExposed(window)
    assert restyles == []
    assert window.metrics == Metrics.for_window(window.width(), window.height(), window.text_scale)


def test_window_built_for_4k_uses_4k_metrics(qtbot, qapp_fonts) -> None:
    from ketdesk.startup import build_window

    window = build_window(Options(), size=(3840, 2160))
    qtbot.addWidget(window)
    assert window.size().toTuple() == (3840, 2160)
    assert window.metrics.em == 48


def test_reset_for_next_visitor_puts_everything_back(qtbot, window) -> None:
    """What the kiosk calls when a visitor walks away: defaults, first panel, each page at top."""
    window.show_panel("risks")
    risks = window.panel("risks")
    bar = risks.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    window.set_text_scale(1.5)
    window.show_panel("sources")
    window.reset_for_next_visitor()
    assert window.current_panel_id == PANEL_IDS[0]
    assert window.text_scale == 1.0
    assert window.panel("risks") is risks  # same language and theme: nothing rebuilt...
    assert bar.value() == 0  # ...and yet back at its top
    assert window.tab_buttons[PANEL_IDS[0]].isChecked()
