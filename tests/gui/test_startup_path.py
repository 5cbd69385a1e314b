"""What start-up builds before the first frame: the opening panel once, no About sheet."""

from __future__ import annotations

from ketdesk.cli import Options
from ketdesk.handout.actions import install_desktop_handout
from ketdesk.startup import build_window
from ketdesk.ui.about import AboutSheet


def test_the_desktop_handout_keeps_the_opening_panel(qtbot, qapp_fonts) -> None:
    """Setting "Take this home" after the window is built must not build the panel again."""
    window = build_window(Options(), size=(1280, 800))
    qtbot.addWidget(window)
    opening = window.panel(window.panel_ids[0])
    install_desktop_handout(window, lambda: window.pack, window.set_take_home)
    assert window.panel(window.panel_ids[0]) is opening
    assert list(window.built_panels()) == [window.panel_ids[0]]


def test_the_about_sheet_is_built_when_first_opened(qtbot, qapp_fonts) -> None:
    window = build_window(Options(), size=(1280, 800))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.findChildren(AboutSheet) == []
    window.show_about()
    sheets = window.findChildren(AboutSheet)
    assert len(sheets) == 1 and sheets[0].isVisible()
    assert window.pack.ui.about.title in sheets[0].text()


def test_a_held_page_shows_the_poster_alone_until_released(qtbot, qapp_fonts) -> None:
    window = build_window(Options(), size=(1280, 800))
    qtbot.addWidget(window)
    panel = window.panel(window.current_panel_id)
    poster = panel.poster()
    assert poster is not None
    panel.hold_page()
    window.show()
    qtbot.waitExposed(window)
    below = [panel.title_label, panel.lead_label, *panel.body.findChildren(type(panel.title_label))]
    below = [label for label in below if not poster.isAncestorOf(label)]
    assert poster.isVisible() and below and not any(label.isVisible() for label in below)
    assert poster.height() >= panel.viewport().height() - 2 * panel.layout_.contentsMargins().top()
    panel.release_page()
    assert all(label.isVisible() for label in (panel.title_label, panel.lead_label))
    qtbot.waitUntil(lambda: panel.body.height() > panel.viewport().height())  # the page runs on
