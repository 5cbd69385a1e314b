"""What a screen reader is told, read in-process through Qt's accessibility interfaces
(the AT-SPI end to end test, tests/e2e/test_atspi_tree.py, reads the same over D-Bus).

Tabs are page tabs with the selected one selected, and their default action switches the
panel; language buttons are radio buttons; sheets and the PIN pad are dialogs with a
title; titles are headings; source chips are buttons named by their citation; the
content's language is the locale of the application and its widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ketdesk.ui.source_chips import SourceChip
from tests.gui.kiosk_support import make_kiosk

Role = QAccessible.Role


def iface(widget: QWidget) -> QAccessibleInterface:
    found = QAccessible.queryAccessibleInterface(widget)
    assert found is not None and found.isValid()
    return found


def test_topics_are_page_tabs_and_pressing_one_switches_the_panel(window) -> None:
    header = iface(window.header)
    assert header.role() == Role.PageTabList
    tabs = [iface(b) for b in window.tab_buttons.values()]
    assert {t.role() for t in tabs} == {Role.PageTab}
    current = window.current_panel_id
    assert [t.state().selected for t in tabs] == [pid == current for pid in window.tab_buttons]
    risks = iface(window.tab_buttons["risks"])
    assert risks.text(QAccessible.Text.Name) == "Risks"
    risks.actionInterface().doAction(risks.actionInterface().actionNames()[0])
    assert window.current_panel_id == "risks"
    assert risks.state().selected
    assert not iface(window.tab_buttons["overview"]).state().selected


def test_language_buttons_are_radio_buttons(window) -> None:
    buttons = {code: iface(b) for code, b in window.tools.language_buttons.items()}
    assert {b.role() for b in buttons.values()} == {Role.RadioButton}
    assert buttons["en"].state().checked and not buttons["es"].state().checked
    assert buttons["es"].text(QAccessible.Text.Name) == "Español"


def test_sheets_are_dialogs_with_a_title_and_titles_are_headings(window) -> None:
    window.panel("overview")._on_link("source:3")
    sheet = iface(window.detail_sheet)
    assert sheet.role() == Role.Dialog
    assert sheet.text(QAccessible.Text.Name) == "Source 3"
    window.detail_sheet.close_sheet()
    assert iface(window.about_sheet).role() == Role.Dialog
    title = window.panel("overview").title_label
    assert iface(title).role() == Role.Heading
    assert iface(title).text(QAccessible.Text.Name) == title.text()
    body = next(lb for lb in window.panel("overview").findChildren(QLabel) if lb.property("role") == "body")
    assert iface(body).role() != Role.Heading


def test_source_chips_are_named_buttons_and_paragraphs_say_their_numbers(window) -> None:
    panel = window.panel("overview")
    chips = [c for c in panel.findChildren(SourceChip)]
    assert chips
    for chip in chips:
        assert iface(chip).role() == Role.Button
        name = iface(chip).text(QAccessible.Text.Name)
        assert name.startswith(f"Source {chip.number}: ") and name.split(", ")[-1].isdigit()
        label = chip.parentWidget()
        assert isinstance(label, QLabel)
        assert "Sources: " in label.accessibleName() and str(chip.number) in label.accessibleName()


def test_the_locale_follows_the_language(qtbot, window) -> None:
    assert QLocale().name().startswith("en")
    window.set_language("es")
    assert QLocale().name().startswith("es")
    assert window.locale().name().startswith("es")
    assert window.panel("overview").title_label.locale().name().startswith("es")
    window.set_language("en")
    assert QLocale().name().startswith("en")


def test_the_pin_pad_is_a_dialog_with_a_password_field_and_escape_closes_it(qtbot, qapp_fonts,
                                                                              pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    kiosk.staff.open_pin_pad()
    pad = kiosk.staff.pad
    qtbot.waitUntil(pad.isVisible)
    assert iface(pad).role() == Role.Dialog
    assert iface(pad).text(QAccessible.Text.Name) == pack.ui.kiosk.pin_title
    field = iface(pad.display)
    assert field.role() == Role.EditableText and field.state().passwordEdit
    qtbot.waitUntil(pad.display.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert pad.digits == "1"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not kiosk.staff.isVisible())


def test_the_session_chart_says_its_message(window, pack) -> None:
    from ketdesk.content.schema.risks import RisksContent

    window.show_panel("risks")
    chart = window.panel("risks").session_chart
    data = pack.content(RisksContent).session
    description = chart.accessibleDescription()
    assert chart.accessibleName() == data.chart_name
    assert description.startswith(" ".join(data.note.split()))
    for lane in data.lanes:  # every row's facts, not only the note
        for series in lane.marks:
            for point in series.points:
                assert " ".join(point.label.split()) in description, point.label


def test_arrow_keys_move_between_bars_and_enter_opens_one(qtbot, window) -> None:
    window.show_panel("risks")
    chart = window.panel("risks").dose_chart
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(chart.hasFocus)
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    second = chart.data.bars[1]
    assert chart.accessibleDescription() == f"{second.label}: {second.value_text}"
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert window.detail_sheet.is_open
    assert window.detail_sheet.body.text().startswith(f"{second.label}: {second.value_text}")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert chart.hasFocus()  # back on the chart, where the arrows were


def test_how_fast_and_other_uses_say_their_message(window, pack) -> None:
    from ketdesk.content.schema.conditions import ConditionsContent
    from ketdesk.content.schema.timeline import TimelineContent

    window.show_panel("timeline")
    speed = window.panel("timeline").speed
    people = pack.content(TimelineContent).people
    assert speed.accessibleName() == pack.content(TimelineContent).controls.people_name
    for row in people.rows:  # every group and its figure, in words
        assert f"{row.label}: {row.words}" in speed.accessibleDescription()
    window.show_panel("conditions")
    page = window.panel("conditions")
    conditions = pack.content(ConditionsContent)
    assert page.ladder.accessibleName() == conditions.controls.ladder_heading
    said = page.ladder.accessibleDescription().split(". ")
    cards = {c.id: c for c in conditions.cards}
    assert said == [f"{cards[i].chart_label}: {conditions.level(cards[i].strength).word}"
                    for i in page.ladder.order()]  # strongest proof first, as drawn
    page.chart.build()
    assert page.chart.plot.accessibleDescription() == conditions.chart.note.text


def _arrows_reach_every_point_and_enter_opens_it(qtbot, window, plot, count: int) -> None:
    from ketdesk.ui.charts import ChartKeys

    keys = ChartKeys.of(plot)
    assert len(keys.entries()) == count > 0
    plot.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(plot.hasFocus)
    said, reached = [], []
    for _ in range(count):
        qtbot.keyClick(plot, Qt.Key.Key_Right)
        said.append(plot.accessibleDescription())
        reached.append(keys.current)
    assert reached == list(range(count))  # each arrow reached the next point
    assert all(said)
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert plot.accessibleDescription() == said[0]  # and round again
    qtbot.keyClick(plot, Qt.Key.Key_Return)
    sheet = window.detail_sheet
    assert sheet.is_open
    assert sheet.body.text().replace("\n", ". ").startswith(said[0].split(". ")[0])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not sheet.is_open and plot.hasFocus()


def test_the_keyboard_reaches_every_point_of_the_how_fast_chart(qtbot, window) -> None:
    from ketdesk.ui.panels.timeline.view import CHART

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_panel("timeline")
    panel = window.panel("timeline")
    panel.show_view(CHART)
    qtbot.waitUntil(lambda: panel._chart is not None)
    plot = panel._chart.plot
    count = sum(len(s.data) for s in panel._chart.scatters.values())
    _arrows_reach_every_point_and_enter_opens_it(qtbot, window, plot, count)


def test_the_keyboard_reaches_every_bar_of_the_other_uses_chart(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_panel("conditions")
    page = window.panel("conditions")
    page.chart.build()
    plot = page.chart.plot
    _arrows_reach_every_point_and_enter_opens_it(qtbot, window, plot, len(page.chart.rows))


def test_tab_meets_the_poster_first_as_the_eye_does(window) -> None:
    """The poster sits at the top of every panel; built last, its More button and source
    chips once came after the whole page in the Tab order."""
    checked = 0
    for panel_id in window.panel_ids:
        window.show_panel(panel_id)
        panel = window.panel(panel_id)
        poster = panel.poster()
        if poster is None:
            continue
        widget = panel.nextInFocusChain()
        while not (panel.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget = widget.nextInFocusChain()
        assert poster.isAncestorOf(widget), (panel_id, widget)
        checked += 1
    assert checked >= 6
