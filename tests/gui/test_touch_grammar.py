"""One touch grammar everywhere: big targets, a tap opens details in a sheet, Back returns,
header controls that never move, and no focus ring after a tap.

Taps are touch events from a touch-screen device (``QTest.touchEvent``), as a finger on
the kiosk makes them; Qt turns them into the mouse events widgets see.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QScrollArea, QWidget

from ketdesk.cli import Options
from ketdesk.content.registry import PANEL_IDS
from ketdesk.screenshot import settle
from ketdesk.ui.source_chips import SourceChip
from ketdesk.ui.theme import TARGET_PX
from tests.a11y_helpers import describe, interactive_widgets

_TOUCH: list[QPointingDevice] = []


def touch_screen() -> QPointingDevice:
    """One touch-screen device for the whole run (Qt keeps every device it registers)."""
    if not _TOUCH:
        _TOUCH.append(QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen))
    return _TOUCH[0]


def finger_tap(widget: QWidget, pos: QPoint | None = None) -> None:
    """A finger's tap at a point of the window (hit-tested like a real one)."""
    window = widget.window()
    at = widget.mapTo(window, pos if pos is not None else widget.rect().center())
    hit = window.childAt(at)
    assert hit is not None and (hit is widget or widget.isAncestorOf(hit)), \
        f"{describe(widget)} is covered by {hit!r}"
    QTest.touchEvent(window, touch_screen()).press(0, at, window).commit()
    QTest.touchEvent(window, touch_screen()).release(0, at, window).commit()


def open_window(qtbot, size: tuple[int, int], lang: str = "en", scale: int = 100,
                diagonal_in: float = 0.0):
    from ketdesk.startup import build_window

    window = build_window(Options(lang=lang, text_scale=scale), size=size,
                          screen_diagonal_in=diagonal_in)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    settle()
    return window


def targets_of(window, panel_id: str) -> list[QWidget]:
    """What a finger can tap on this panel and in the header: buttons, chips, boxes."""
    window.show_panel(panel_id)
    panel = window.panel(panel_id)
    settle()
    found = interactive_widgets(window.header, window) + interactive_widgets(panel, window)
    # Scroll areas (the page itself) and data tables are large regions, not targets.
    return [w for w in found if not isinstance(w, QScrollArea | QAbstractItemView)]


@pytest.mark.parametrize(("size", "diagonal_in"), [((1024, 600), 0.0), ((1920, 1080), 0.0),
                                                   ((1024, 600), 10.1), ((1920, 1080), 7.0)])
def test_every_target_is_big_enough(qtbot, qapp_fonts, size: tuple[int, int],
                                    diagonal_in: float) -> None:
    """44 px, and 9 mm on the configured screen (the diagonal is the screen's, over its
    pixels: a 7-inch panel with the offscreen screen's pixels needs more than 44 px)."""
    window = open_window(qtbot, size, diagonal_in=diagonal_in)
    target = window.metrics.target
    assert target >= TARGET_PX
    assert target >= window.physical.px_for_mm(9)
    if diagonal_in == 7.0:
        assert target == window.physical.px_for_mm(9) > TARGET_PX
    small: list[str] = []
    counted = 0
    for panel_id in PANEL_IDS:
        for widget in targets_of(window, panel_id):
            counted += 1
            if widget.width() < target or widget.height() < target:
                small.append(f"{panel_id}: {describe(widget)} {widget.width()}x{widget.height()}")
    assert counted > 50
    assert not small, f"targets under {target} px at {size}:\n" + "\n".join(sorted(set(small)))


def _header_places(window) -> dict[str, QRect]:
    """Where the display tools are. (About wraps with the tabs: not a control tapped twice.)"""
    buttons = [b for b in window.tools.buttons() if b is not window.tools.about]
    return {b.objectName(): QRect(b.mapTo(window, QPoint(0, 0)), b.size())
            for b in buttons if b.isVisible()}


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)])
def test_header_controls_stay_put_for_text_size_and_language(qtbot, qapp_fonts,
                                                             size: tuple[int, int]) -> None:
    window = open_window(qtbot, size)
    before = _header_places(window)
    assert {"text-smaller", "text-larger", "high-contrast", "lang-en", "lang-es"} <= set(before)
    tools = window.tools
    for step in range(4):  # A+ four times: 100% to 200%, tapped on the same spot
        finger_tap(tools.larger)
        settle()
        assert _header_places(window) == before, f"after A+ number {step + 1}"
    assert window.text_scale == pytest.approx(2.0)
    finger_tap(tools.smaller)
    settle()
    assert _header_places(window) == before, "after A-"
    finger_tap(tools.language_buttons["es"])
    settle()
    assert window.language == "es"
    assert _header_places(window) == before, "after ES"
    finger_tap(tools.language_buttons["en"])
    settle()
    assert _header_places(window) == before, "after EN"


def test_no_widget_keeps_details_in_a_hover_tooltip(qtbot, qapp_fonts) -> None:
    """Tooltips need a hover a touch screen cannot make: no widget may hide words in one
    (chart points and bars open their details in the sheet: test_chart_taps)."""
    window = open_window(qtbot, (1280, 800))
    for panel_id in PANEL_IDS:
        window.show_panel(panel_id)
        settle()
    with_tips = [describe(w) for w in window.findChildren(QWidget) if w.toolTip()]
    assert not with_tips, with_tips
    from ketdesk.ui.charts import DataTable

    for table in window.findChildren(DataTable):
        cells = [table.item(r, c) for r in range(table.rowCount()) for c in range(table.columnCount())]
        assert not [cell.text() for cell in cells if cell is not None and cell.toolTip()]


def test_a_chip_in_a_sheet_shows_the_citation_there_and_back_returns(qtbot, qapp_fonts) -> None:
    window = open_window(qtbot, (1024, 600))
    window.show_panel("conditions")
    panel = window.panel("conditions")
    settle()
    more = panel.card_views["crps"].more
    panel.ensureWidgetVisible(more)
    settle()
    finger_tap(more)
    details = panel.details
    qtbot.waitUntil(lambda: details.is_open)
    settle()
    chip = details.source_labels[-1].chips[0]
    details.scroller.ensureWidgetVisible(chip)
    settle()
    scrolled = details.scroller.verticalScrollBar().value()
    finger_tap(chip)
    sheet = window.detail_sheet
    assert sheet.is_open and details.is_open
    assert window.current_panel_id == "conditions"
    assert sheet.heading.text() == f"Source {chip.number}"
    source_id = {n: s for s, n in window.pack.source_numbers().items()}[chip.number]
    assert sheet.body.text().startswith(window.pack.source(source_id).authors)
    assert sheet.back_button.height() >= window.metrics.touch  # a big Back
    finger_tap(sheet.back_button)
    assert not sheet.is_open
    assert details.is_open  # back in the condition's details, where the visitor was
    assert details.scroller.verticalScrollBar().value() == scrolled


def test_a_tap_leaves_no_focus_ring_but_tab_still_shows_one(qtbot, qapp_fonts) -> None:
    window = open_window(qtbot, (1280, 800))
    before = QApplication.focusWidget()
    tab = window.tab_buttons["risks"]
    finger_tap(tab)
    assert window.current_panel_id == "risks"
    assert not tab.hasFocus()  # no ring round the tab the finger pressed
    assert QApplication.focusWidget() is before
    chip = next(w for w in window.panel("risks").findChildren(SourceChip) if w.isVisible())
    window.panel("risks").ensureWidgetVisible(chip)
    settle()
    finger_tap(chip)
    window.detail_sheet.close_sheet()
    assert not chip.hasFocus()
    # The keyboard still moves focus, and the mouse still focuses what it clicks.
    tab.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(tab, Qt.Key.Key_Tab)
    assert window.tab_buttons[PANEL_IDS[PANEL_IDS.index("risks") + 1]].hasFocus()
    qtbot.mouseClick(window.tab_buttons["overview"], Qt.MouseButton.LeftButton)
    assert window.tab_buttons["overview"].hasFocus()


def test_the_tap_filter_sees_the_windows_input_not_every_widgets_events(qtbot, qapp_fonts,
                                                                         monkeypatch) -> None:
    # An application-wide filter ran Python for each of the ~500 events of a panel switch.
    from ketdesk.ui import touch_focus

    seen: list[str] = []
    widgets: list[object] = []
    real = touch_focus.TouchFocusUndo.eventFilter

    def counted(self, watched, event):
        seen.append(event.type().name)
        if isinstance(watched, QWidget):
            widgets.append(watched)
        return real(self, watched, event)

    monkeypatch.setattr(touch_focus.TouchFocusUndo, "eventFilter", counted)
    monkeypatch.setattr(touch_focus, "_FILTER", [])  # a filter of the counting kind, this once
    window = open_window(qtbot, (1280, 800))
    fresh = touch_focus._FILTER[0]
    try:
        for panel_id in ("risks", "overview", "risks"):
            finger_tap(window.tab_buttons[panel_id])
            settle()
            assert window.current_panel_id == panel_id
    finally:
        fresh.deleteLater()  # the application's own filter carries on
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert "MouseButtonPress" in seen  # the taps went through it
    assert widgets == [] and len(seen) < 100, (len(widgets), len(seen))  # the windows' own
    assert not window.tab_buttons["risks"].hasFocus()


def test_show_the_chart_stays_where_the_finger_pressed_it(qtbot, qapp_fonts) -> None:
    window = open_window(qtbot, (1280, 800))
    window.show_panel("timeline")
    panel = window.panel("timeline")
    panel.ensureWidgetVisible(panel.chart_button)
    settle()
    button = panel.chart_button
    where = button.mapTo(window, QPoint(0, 0))
    finger_tap(button)
    settle()
    assert button.isChecked()
    assert button.mapTo(window, QPoint(0, 0)) == where
