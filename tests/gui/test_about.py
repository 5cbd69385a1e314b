"""The About sheet: from the header (a real touch) and the kiosk staff menu, its words and
versions, Escape and Back, focus in and back, Spanish, and a header that keeps its rows."""

from __future__ import annotations

import platform

import PySide6
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest

from ketdesk import __version__, paths
from ketdesk.cli import Options
from ketdesk.screenshot import settle
from tests.gui.kiosk_support import make_kiosk, open_staff_menu, tap

_TOUCH: list[QPointingDevice] = []


def touch_screen() -> QPointingDevice:
    """One touch-screen device for the whole run (Qt keeps every device it registers)."""
    if not _TOUCH:
        _TOUCH.append(QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen))
    return _TOUCH[0]


def finger_tap(window, widget) -> None:
    at = widget.mapTo(window, widget.rect().center())
    device = touch_screen()
    QTest.touchEvent(window, device).press(0, at, window).commit()
    QTest.touchEvent(window, device).release(0, at, window).commit()


@pytest.fixture
def app_window(qtbot, qapp_fonts):
    """The window as start-up builds it: versions and paths handed in by startup.py."""
    from ketdesk.startup import build_window

    window = build_window(Options(lang="en"), clinic_name="Riverside Clinic", size=(1280, 800))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    settle()
    return window


def test_a_finger_on_the_header_button_opens_the_sheet(qtbot, app_window) -> None:
    window = app_window
    about = window.tools.about
    assert about.isVisible()
    assert about.width() >= 44 and about.height() >= 44
    assert about.accessibleName() == "About this app"
    assert about.accessibleDescription()
    finger_tap(window, about)
    sheet = window.about_sheet
    qtbot.waitUntil(sheet.isVisible)
    text = sheet.text()
    assert f"ketdesk version {__version__}" in text
    assert "Ketamine Infusion Treatment" in text
    assert "Content version 2026.11.27" in text
    assert "Last reviewed: November 27, 2026" in text
    assert "Reviewed by: ketdesk content team" in text
    assert "Set up for: Riverside Clinic" in text
    assert (f"Runs on Qt {PySide6.QtCore.qVersion()}, PySide6 {PySide6.__version__} and "
            f"Python {platform.python_version()}.") in text
    assert "MIT licence" in text
    assert "LGPL 3" in text and "_internal/PySide6/Qt/lib" in text
    assert "SIL Open Font License" in text
    assert "THIRD-PARTY-NOTICES.txt" in text
    assert f"Log file: {paths.log_file()}" in text
    assert f"Settings file: {paths.settings_file()}" in text
    # In front of everything, and the whole card inside the window.
    assert window.rect().contains(sheet.card.geometry())
    assert sheet.back_button.hasFocus()
    assert sheet.back_button.height() >= 44


def test_no_clinic_name_no_clinic_line(qtbot, window) -> None:
    window.show_about()
    assert window.about_sheet.isVisible()
    assert "Set up for" not in window.about_sheet.text()


def test_escape_and_back_close_it_and_focus_returns(qtbot, app_window) -> None:
    window = app_window
    about, sheet = window.tools.about, window.about_sheet
    about.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(about, Qt.Key.Key_Return)  # Enter presses a header button
    assert sheet.isVisible() and sheet.back_button.hasFocus()
    QTest.keyClick(sheet.back_button, Qt.Key.Key_Escape)
    assert not sheet.isVisible()
    assert about.hasFocus()

    tap(qtbot, about)
    assert sheet.isVisible()
    # Tab stays inside the sheet: the text, Back, the text again.
    QTest.keyClick(sheet.back_button, Qt.Key.Key_Tab)
    assert sheet.scroll_area.hasFocus()
    QTest.keyClick(sheet.scroll_area, Qt.Key.Key_Tab)
    assert sheet.back_button.hasFocus()
    tap(qtbot, sheet.back_button)
    assert not sheet.isVisible()
    assert about.hasFocus()


def test_f1_opens_it_and_a_new_visitor_finds_it_closed(qtbot, app_window) -> None:
    window = app_window
    QTest.keyClick(window, Qt.Key.Key_F1)
    assert window.about_sheet.isVisible()
    window.reset_for_next_visitor()
    assert not window.about_sheet.isVisible()


def test_the_sheet_speaks_spanish(qtbot, app_window) -> None:
    window = app_window
    tap(qtbot, window.tools.language_buttons["es"])
    assert window.language == "es"
    about = window.tools.about
    assert about.text() == "Acerca de"
    assert about.accessibleName() == "Acerca de esta aplicación"
    tap(qtbot, about)
    sheet = window.about_sheet
    text = sheet.text()
    assert "Acerca de esta aplicación" in text
    assert f"ketdesk versión {__version__}" in text
    assert "Versión del contenido 2026.11.27" in text
    assert "Funciona con Qt" in text and "licencia MIT" in text and "LGPL 3" in text
    assert f"Archivo de registro: {paths.log_file()}" in text
    assert sheet.back_button.text() == "Volver"
    assert "About" not in text and "Licences" not in text


@pytest.mark.parametrize(("lang", "scale", "size"), [
    ("en", 100, (1920, 1080)), ("es", 100, (1920, 1080)), ("en", 100, (1280, 800)),
    ("en", 150, (1280, 800)), ("es", 175, (1024, 600)), ("en", 200, (1024, 600)),
    ("es", 200, (1024, 600)), ("en", 100, (1024, 600))])
def test_about_follows_the_tabs_and_leaves_the_tools_in_place(qtbot, qapp_fonts, lang: str, scale: int,
                                                              size: tuple[int, int]) -> None:
    """The display tools sit at the header's top-right corner, the same for every text size;
    About wraps with the tabs, after the last one, at the right end of its row, and waits
    where it would cost the header a row (F1 and the staff menu still reach it)."""
    from ketdesk.startup import build_window
    from tests.a11y_helpers import header_problems

    window = build_window(Options(lang=lang, text_scale=scale), size=size)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    settle()
    layout = window.header_row
    assert not header_problems(window)
    margins = layout.contentsMargins()
    tools = window.tools.geometry()
    assert tools.right() == window.header.width() - margins.right() - 1
    assert tools.top() == margins.top()
    rows_with = layout.rows
    corner, layout._corner = layout._corner, None
    layout.invalidate()
    settle()
    assert layout.rows == rows_with  # About costs no row
    layout._corner = corner
    layout.invalidate()
    settle()
    if not window.tools.about.isVisible():
        return
    about = window.tools.about.geometry()
    assert not about.intersects(tools)
    last_tab = list(window.tab_buttons.values())[-1].geometry()
    assert about.top() >= last_tab.top() - 2 and about.left() > last_tab.left()


def test_sizes_where_the_header_has_room_show_about(qtbot, qapp_fonts) -> None:
    from ketdesk.startup import build_window

    window = build_window(Options(lang="es"), size=(1920, 1080))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    settle()
    assert window.tools.about.isVisible()
    assert window.header_row.rows == 1


def test_the_staff_menu_opens_it_above_the_menu(qtbot, qapp_fonts, pack) -> None:
    kiosk, _quit = make_kiosk(qtbot, pack)
    menu = open_staff_menu(qtbot, kiosk)
    assert menu.about_button.text() == "About"
    assert menu.about_button.accessibleName() == "About this app"
    tap(qtbot, menu.about_button)
    sheet = kiosk.window.about_sheet
    assert sheet.isVisible()
    assert f"ketdesk version {__version__}" in sheet.text()
    assert "Content version 2026.11.27" in sheet.text()
    # Drawn over the staff menu, whose taps it takes while shown.
    top = kiosk.window.childAt(menu.about_button.mapTo(kiosk.window, QPoint(5, 5)))
    assert top is not None and (top is sheet or sheet.isAncestorOf(top))
    tap(qtbot, sheet.back_button)  # the kiosk keeps Escape to itself: Back closes it
    assert not sheet.isVisible()
    assert menu.isVisible() and menu.about_button.hasFocus()
    tap(qtbot, menu.back_button)
    assert kiosk.staff.menu is None


def test_kiosk_mode_keeps_about_for_staff(qtbot, qapp_fonts, pack) -> None:
    """The sheet names files and versions: in kiosk mode only the staff menu opens it."""
    kiosk, _quit = make_kiosk(qtbot, pack, start=False)
    window = kiosk.window
    window.resize(1920, 1080)  # a size where the header has room for the button
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.tools.about.isVisible)
    kiosk.start()
    qtbot.waitUntil(lambda: not window.tools.about.isVisible())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert not window.about_sheet.isVisible()
    kiosk.stop()
    qtbot.waitUntil(window.tools.about.isVisible)
