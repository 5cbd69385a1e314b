"""The "Your clinic" panel: only when clinic.toml is set up; its tab, Ctrl+digit, rotation,
accent and logo; and a patient's "Take this home" in kiosk mode calls staff (PIN pad)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest

from ketdesk.cli import Options
from ketdesk.content.schema.pack import ContentPack
from ketdesk.content_source import choose_content, pack_for_language
from ketdesk.screenshot import settle, take_screenshots
from ketdesk.ui.panels.clinic.view import ClinicPanel
from ketdesk.ui.theme import HIGH_CONTRAST
from tests.clinic_support import clinic_folder
from tests.gui.kiosk_support import make_kiosk, menu_after_pin, tap

_TOUCH: list[QPointingDevice] = []


def finger_tap(widget) -> None:
    """A real touch (a touch-screen device), where a patient's finger lands."""
    if not _TOUCH:
        _TOUCH.append(QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen))
    window = widget.window()
    at = widget.mapTo(window, widget.rect().center())
    QTest.touchEvent(window, _TOUCH[0]).press(0, at, window).commit()
    QTest.touchEvent(window, _TOUCH[0]).release(0, at, window).commit()


def build(qtbot, folder: Path | None, **options):
    from ketdesk.startup import build_window

    window = build_window(Options(content=folder, **options))
    qtbot.addWidget(window)
    return window


def test_without_a_clinic_file_there_is_no_clinic_panel(qtbot, qapp_fonts, pack) -> None:
    window = build(qtbot, None)
    assert "clinic" not in window.panel_ids
    assert "clinic" not in window.tab_buttons
    assert window.panel_ids == pack.panel_ids


def test_the_clinic_panel_has_a_tab_a_shortcut_and_its_words(qtbot, qapp_fonts, tmp_path) -> None:
    window = build(qtbot, clinic_folder(tmp_path))
    ids = window.panel_ids
    assert ids[-2:] == ("sources", "clinic")  # optional panels are declared last
    assert window.tab_buttons["clinic"].text() == "Your clinic"
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_panel_id == "clinic")
    panel = window.panel("clinic")
    texts = [label.text() for label in panel.contact_labels]
    assert texts == ["Call the clinic: (555) 010-0100", "After hours: (555) 010-0199",
                     "Crisis line, call or text: 988", "Our web page: https://example.org/ketamine"]
    assert panel.logo.pixmap() is not None and not panel.logo.pixmap().isNull()
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_panel_id == "sources")
    window.step_panel(1)
    assert window.current_panel_id == "clinic"


def test_the_accent_colours_the_standard_theme_but_not_high_contrast(qtbot, qapp_fonts, tmp_path) -> None:
    from ketdesk.startup import build_window

    folder = clinic_folder(tmp_path)
    window = build_window(Options(content=folder))
    qtbot.addWidget(window)
    assert window.theme.accent == "#1F5F8B"
    window.set_high_contrast(True)
    assert window.theme.accent == HIGH_CONTRAST.accent
    window.set_high_contrast(False)
    assert window.theme.accent == "#1F5F8B"
    contrast = build_window(Options(content=folder), theme_name="high-contrast")
    qtbot.addWidget(contrast)
    assert contrast.theme.accent == HIGH_CONTRAST.accent


def test_a_language_switch_keeps_the_clinic_panel_in_that_language(qtbot, qapp_fonts, tmp_path) -> None:
    window = build(qtbot, clinic_folder(tmp_path), panel="clinic")
    window.set_language("es")
    assert window.current_panel_id == "clinic"
    assert window.panel("clinic").title_label.text() == "Clínica de Ketamina Riverside"
    assert window.tab_buttons["clinic"].text() == "Su clínica"


def test_a_pack_without_the_clinic_hides_its_tab(qtbot, qapp_fonts, tmp_path, pack) -> None:
    window = build(qtbot, clinic_folder(tmp_path), panel="clinic")
    window.set_pack(pack)  # a new pack without a clinic file (e.g. a watched update)
    assert "clinic" not in window.tab_buttons
    assert window.current_panel_id != "clinic"
    window.step_panel(1)
    assert window.current_panel_id in pack.panel_ids


def test_screenshots_include_the_clinic_panel(qtbot, qapp_fonts, tmp_path) -> None:
    window = build(qtbot, clinic_folder(tmp_path))
    written = take_screenshots(window, tmp_path / "shots", (1024, 600))
    assert [p.name for p in written][-2:] == ["07-sources.png", "08-clinic.png"]


def test_take_this_home_in_kiosk_mode_calls_staff_and_staff_save_it(
        qtbot, qapp_fonts, tmp_path, monkeypatch) -> None:
    config = tmp_path / "config"
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(config))
    folder = clinic_folder(tmp_path)
    pack = choose_content("es", folder).pack
    opened: list[str] = []
    import ketdesk.handout.actions as actions

    def dialog(*_args: object) -> bool:
        opened.append("dialog")
        return True

    def default_printer(shown: ContentPack) -> str:
        opened.append(shown.meta.lang)
        return "Front desk"

    monkeypatch.setattr(actions, "print_with_dialog", dialog)
    monkeypatch.setattr(actions, "print_to_default", default_printer)
    kiosk, _ = make_kiosk(qtbot, pack, pack_loader=lambda lang: pack_for_language(lang, folder))
    window = kiosk.window
    window.show_panel("clinic")
    settle()
    panel = window.panel("clinic")
    assert isinstance(panel, ClinicPanel)
    button = panel.take_home
    qtbot.waitUntil(button.isVisible)
    finger_tap(button)
    qtbot.waitUntil(kiosk.staff.pad.isVisible)  # staff are asked first: the PIN pad
    assert opened == []  # nothing printed or opened for the public
    assert panel.take_home_note.isVisible()
    menu = menu_after_pin(qtbot, kiosk)
    assert menu.print_button.text() == "Imprimir la hoja"
    tap(qtbot, menu.print_button)
    assert opened == ["es"]  # the default printer, in the visitor's language: no dialog
    assert menu.status.text() == "Hoja enviada a la impresora Front desk."
    tap(qtbot, menu.save_button)
    saved = config / "handouts" / "handout-es.pdf"
    qtbot.waitUntil(saved.exists)
    assert saved.read_bytes().startswith(b"%PDF")
    assert str(saved) in menu.status.text()


def test_outside_kiosk_mode_no_take_home_button_without_a_handler(qtbot, qapp_fonts, tmp_path) -> None:
    window = build(qtbot, clinic_folder(tmp_path), panel="clinic")
    panel = window.panel("clinic")
    assert isinstance(panel, ClinicPanel) and not panel.take_home.isVisibleTo(window)
    window.set_take_home(lambda: True)
    panel = window.panel("clinic")
    assert isinstance(panel, ClinicPanel) and panel.take_home.isVisibleTo(window)


def test_kiosk_print_without_a_printer_says_so_in_the_menu(qtbot, qapp_fonts, tmp_path) -> None:
    import pytest
    from PySide6.QtPrintSupport import QPrinterInfo

    if not QPrinterInfo.defaultPrinter().isNull():
        pytest.skip("this machine has a default printer; the test would print")
    pack = choose_content("en", clinic_folder(tmp_path)).pack
    kiosk, _ = make_kiosk(qtbot, pack)
    kiosk.open_staff()
    menu = menu_after_pin(qtbot, kiosk)
    tap(qtbot, menu.print_button)
    assert menu.status.text() == pack.ui.clinic.staff_no_printer


def test_the_clinic_logo_leads_the_header_and_the_tools_stay_put(qtbot, qapp_fonts, tmp_path) -> None:
    plain = build(qtbot, None)
    assert not plain.tools.logo.isVisibleTo(plain)  # no clinic file: no logo
    window = build(qtbot, clinic_folder(tmp_path), size=(1024, 600))
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    settle()
    logo = window.tools.logo
    assert logo.isVisible() and logo.accessibleName() == window.pack.clinic.name
    assert logo.pixmap().height() == window.metrics.fixed.touch  # as tall as the tools
    # In the tools' fixed zone, left of A-, over no tab.
    box = logo.geometry().translated(window.tools.mapTo(window, window.tools.rect().topLeft()))
    assert box.right() < window.tools.smaller.mapTo(window, window.tools.smaller.rect().topLeft()).x()
    for tab in window.tab_buttons.values():
        tab_box = tab.rect().translated(tab.mapTo(window, tab.rect().topLeft()))
        assert not box.intersects(tab_box), tab.text()
    where = window.tools.larger.mapTo(window, window.tools.larger.rect().topLeft())
    window.set_text_scale(1.5)
    settle()
    assert window.tools.larger.mapTo(window, window.tools.larger.rect().topLeft()) == where
