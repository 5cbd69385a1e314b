"""Text size: A-/A+ and Ctrl+plus/minus/0 step 100..200%, and every panel reflows.

At 200% on a 1024x600 kiosk, no label of any panel (or the header or footer) may be cut
off or overlap another, in English and in Spanish.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ketdesk.choices import SCALE_STEPS, step_scale
from ketdesk.cli import Options
from ketdesk.content.registry import PANEL_IDS
from ketdesk.screenshot import settle
from tests.a11y_helpers import assert_no_clipped_text


def test_step_scale_walks_the_steps() -> None:
    assert step_scale(1.0, 1) == 1.25
    assert step_scale(2.0, 1) == 2.0
    assert step_scale(1.0, -1) == 1.0
    assert step_scale(1.3, 1) == 1.5  # --text-scale 130 goes to the next step up
    assert step_scale(1.3, -1) == 1.25
    assert SCALE_STEPS == (100, 125, 150, 175, 200)


def test_buttons_step_and_stop_at_the_limits(qtbot, make_window) -> None:
    window = make_window()
    tools = window.tools
    assert not tools.smaller.isEnabled()
    ems = [window.metrics.em]
    for expected in (1.25, 1.5, 1.75, 2.0):
        qtbot.mouseClick(tools.larger, Qt.MouseButton.LeftButton)
        assert window.text_scale == expected
        ems.append(window.metrics.em)
    assert ems == sorted(ems) and ems[-1] == 2 * ems[0]
    assert not tools.larger.isEnabled()
    assert tools.larger.accessibleDescription() == "Text size 200%"
    for expected in (1.75, 1.5, 1.25, 1.0):
        qtbot.mouseClick(tools.smaller, Qt.MouseButton.LeftButton)
        assert window.text_scale == expected
    assert not tools.smaller.isEnabled()


def test_keyboard_shortcuts(qtbot, make_window) -> None:
    window = make_window(scale=150)
    window.activateWindow()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_Plus, ctrl)
    qtbot.waitUntil(lambda: window.text_scale == 1.75)
    qtbot.keyClick(window, Qt.Key.Key_Equal, ctrl)
    qtbot.waitUntil(lambda: window.text_scale == 2.0)
    qtbot.keyClick(window, Qt.Key.Key_Minus, ctrl)
    qtbot.waitUntil(lambda: window.text_scale == 1.75)
    qtbot.keyClick(window, Qt.Key.Key_0, ctrl)  # back to the default, not to 100%
    qtbot.waitUntil(lambda: window.text_scale == 1.5)


def test_scale_from_command_line_and_setting(qtbot, qapp_fonts) -> None:
    from ketdesk.startup import build_window

    from_cli = build_window(Options(text_scale=175), text_scale=125)
    qtbot.addWidget(from_cli)
    assert from_cli.text_scale == 1.75
    from_setting = build_window(Options(), text_scale=125)
    qtbot.addWidget(from_setting)
    assert from_setting.text_scale == 1.25


def test_grids_drop_columns_when_text_grows(qtbot, make_window) -> None:
    window = make_window()
    overview = window.panel("overview")
    before = overview.steps.columns
    window.set_text_scale(2.0)
    settle()
    qtbot.waitUntil(lambda: overview.steps.columns < before)
    assert window.width() == 1024  # nothing forced the window wider


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("scale", [100, 200])
def test_no_clipped_text_on_a_small_kiosk(make_window, lang: str, scale: int) -> None:
    window = make_window(lang, scale)
    assert (window.width(), window.height()) == (1024, 600)
    for panel_id in PANEL_IDS:
        window.show_panel(panel_id)
        settle()
        assert_no_clipped_text(window, panel_id)


def test_live_scale_change_reflows_without_clipping(make_window) -> None:
    window = make_window("es", 100)
    for panel_id in PANEL_IDS:
        window.panel(panel_id)  # build every panel at 100% first
    window.set_text_scale(2.0)
    settle()
    for panel_id in PANEL_IDS:
        window.show_panel(panel_id)
        settle()
        assert_no_clipped_text(window, panel_id)


def test_header_rows_follow_text_size(make_window) -> None:
    window = make_window("en", 100, (1920, 1080))
    assert window.header_row.rows == 1
    small = make_window("en", 200)
    assert small.header_row.rows > 1  # the tabs wrap; the tools keep their place
    assert small.tools.geometry().top() == small.header_row.contentsMargins().top()
    tools_bottom = small.tools.geometry().bottom()
    assert tools_bottom <= small.header.height()


def test_clipping_check_catches_a_cut_label(make_window) -> None:
    """The check itself must fail on a cut-off or overlapping label (it is not vacuous)."""
    window = make_window()
    panel = window.panel("overview")
    panel.lead_label.setFixedHeight(6)
    settle()
    with pytest.raises(AssertionError, match=r"needs .* px height"):
        assert_no_clipped_text(window, "overview")
    panel.lead_label.setMinimumHeight(0)
    panel.lead_label.setMaximumHeight(16777215)
    settle()
    panel.title_label.move(panel.lead_label.pos())  # put one text on top of another
    with pytest.raises(AssertionError, match="overlaps"):
        assert_no_clipped_text(window, "overview")


def test_header_check_catches_a_squeezed_tab(make_window) -> None:
    window = make_window()
    window.tab_buttons["mechanism"].setFixedWidth(20)
    settle()
    with pytest.raises(AssertionError, match="label needs"):
        assert_no_clipped_text(window, "overview")


def test_a_portrait_screen_gets_larger_page_text_than_a_small_landscape_one(qtbot, qapp_fonts) -> None:
    """1080x1920 is measured against a portrait screen, not against 1920x1080 (which gave it
    the 16 px floor of a 1024x600 panel twice as narrow): 20 px body text, 40 px at 200%."""
    from ketdesk.cli import Options
    from ketdesk.startup import build_window
    from ketdesk.ui.theme import Metrics

    assert Metrics.for_window(1024, 600).em == 16
    assert Metrics.for_window(600, 1024).em == 16
    assert Metrics.for_window(1080, 1920).em == 20
    assert Metrics.for_window(1080, 1920, 2.0).em == 40
    assert Metrics.for_window(1920, 1080).em == 24  # landscape as before
    window = build_window(Options(), size=(1080, 1920))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    lead = window.panel("overview").lead_label
    assert lead.font().pixelSize() > 20  # the lead is larger than body text, from 20 px
