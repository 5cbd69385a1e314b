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
