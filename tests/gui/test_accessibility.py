"""Keyboard and screen-reader access: Tab reaches every control, names, Enter/Space, focus ring.

The panels being rewritten on other branches get the same checks once merged: extend
``KEYBOARD_PANELS`` (the helpers in tests/a11y_helpers.py find controls by kind).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ketdesk.content.registry import PANEL_IDS
from ketdesk.content.schema.mechanism import MechanismContent
from ketdesk.screenshot import settle
from ketdesk.ui.source_chips import SourceChip
from ketdesk.ui.theme import HIGH_CONTRAST, STANDARD, Metrics, Theme, stylesheet
from tests.a11y_helpers import assert_keyboard_complete, interactive_widgets

KEYBOARD_PANELS = list(PANEL_IDS)  # every declared panel, the chart panels too


@pytest.mark.parametrize("panel_id", KEYBOARD_PANELS)
def test_tab_reaches_every_control_in_order(qtbot, window, panel_id: str) -> None:
    order = assert_keyboard_complete(qtbot, window, panel_id)
    header = list(window.tab_buttons.values()) + [b for b in window.tools.buttons() if b.isEnabled()]
    assert order[:len(header)] == header
    assert order[len(header)] is window.panel(panel_id)  # the page itself, to scroll it


def test_banner_button_comes_after_the_header(qtbot, window) -> None:
    window.show_banner("Custom content could not be loaded.")
    order = assert_keyboard_complete(qtbot, window, "overview")
    close = order.index(window.banner.close_button)
    assert close == order.index(window.tools.buttons()[-1]) + 1
    assert window.banner.close_button.accessibleDescription() == "Hide this message"


# Panels whose every control also says what it does (accessibleDescription); the chart
# panels' toggles and legend boxes are named but not yet described (the screen-reader issue).
DESCRIBED_PANELS = ["overview", "mechanism", "sources"]


def test_every_control_has_a_name_and_a_description(window) -> None:
    for panel_id in KEYBOARD_PANELS:
        window.show_panel(panel_id)
        for widget in interactive_widgets(window.centralWidget(), window):
            assert widget.accessibleName().strip(), widget
            if panel_id in DESCRIBED_PANELS or window.header.isAncestorOf(widget):
                assert widget.accessibleDescription().strip(), (widget, widget.accessibleName())
    mechanism = window.pack.content(MechanismContent)
    assert window.tab_buttons["mechanism"].accessibleDescription() == mechanism.title
    assert window.tools.larger.accessibleName() == "Bigger text"
    assert window.tools.language_buttons["es"].accessibleName() == "Español"


def test_enter_and_space_activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    risks = window.tab_buttons["risks"]
    risks.setFocus()
    qtbot.keyClick(risks, Qt.Key.Key_Return)
    assert window.current_panel_id == "risks"
    overview = window.tab_buttons["overview"]
    overview.setFocus()
    qtbot.keyClick(overview, Qt.Key.Key_Space)
    assert window.current_panel_id == "overview"
    larger = window.tools.larger
    larger.setFocus()
    qtbot.keyClick(larger, Qt.Key.Key_Enter)
    assert window.text_scale == 1.25
    contrast = window.tools.contrast
    contrast.setFocus()
    qtbot.keyClick(contrast, Qt.Key.Key_Space)
    assert window.theme is HIGH_CONTRAST


def _tab_once_from(qtbot, window, start: QWidget) -> SourceChip:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    qtbot.keyClick(start, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    # The poster comes first: its More button, then its source chips (a Tab stop each).
    for _ in range(3):
        if isinstance(focused, SourceChip):
            break
        assert focused is not None and focused.objectName() in ("posterMore", "listen"), focused
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
    assert isinstance(focused, SourceChip), focused  # a source number is a chip, a Tab stop
    return focused


def test_enter_on_a_source_number_opens_it_and_escape_comes_back(qtbot, window) -> None:
    # Tab from the page lands on the first source chip; Enter opens its citation in the
    # sheet, over the page, with focus in the sheet; Escape closes it, focus back on the chip.
    chip = _tab_once_from(qtbot, window, window.panel("overview"))
    assert chip.text().isdigit()
    assert chip.accessibleName().startswith(f"Source {chip.text()}: ")
    qtbot.keyClick(chip, Qt.Key.Key_Return)
    sheet = window.detail_sheet
    assert sheet.is_open and window.current_panel_id == "overview"
    assert sheet.heading.text() == f"Source {chip.text()}"
    assert sheet.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not sheet.is_open
    assert QApplication.focusWidget() is chip


def test_high_contrast_toggle_recolours_everything(qtbot, window) -> None:
    old_panel = window.panel("overview")
    qtbot.mouseClick(window.tools.contrast, Qt.MouseButton.LeftButton)
    assert window.theme is HIGH_CONTRAST
    assert window.tools.contrast.isChecked()
    assert HIGH_CONTRAST.window in window.styleSheet()
    new_panel = window.panel("overview")
    assert new_panel is not old_panel  # rebuilt: links and charts carry theme colours
    assert new_panel.context.theme is HIGH_CONTRAST
    assert window.current_panel_id == "overview"
    qtbot.mouseClick(window.tools.contrast, Qt.MouseButton.LeftButton)
    assert window.theme is STANDARD


def test_system_high_contrast_is_followed(qtbot, qapp_fonts, monkeypatch) -> None:
    from ketdesk.cli import Options
    from ketdesk.startup import build_window
    from ketdesk.ui import theme

    monkeypatch.setattr(theme, "system_prefers_high_contrast", lambda: True)
    window = build_window(Options(), theme_name="system")
    qtbot.addWidget(window)
    assert window.theme is HIGH_CONTRAST
    plain = build_window(Options(), theme_name="standard")
    qtbot.addWidget(plain)
    assert plain.theme is STANDARD


def test_reset_returns_to_the_defaults(qtbot, window) -> None:
    window.show_panel("risks")
    window.set_text_scale(2.0)
    window.set_high_contrast(True)
    window.set_language("es")
    window.reset_user_choices()
    assert (window.text_scale, window.language, window.theme) == (1.0, "en", STANDARD)
    assert window.current_panel_id == "risks"
    assert window.tools.language_buttons["en"].isChecked()
    assert not window.tools.language_buttons["es"].isChecked()


# --- focus ring ----------------------------------------------------------------------------
def _focus_pixels(image: QImage, colour: str) -> int:
    target = QColor(colour).rgb()
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if image.pixel(x, y) == target)


def _control(kind: str) -> QWidget:
    if kind == "tab":
        button = QPushButton("Topic")
        button.setProperty("tab", True)
        button.setCheckable(True)
        return button
    if kind == "tool":
        button = QPushButton("A+")
        button.setProperty("tool", True)
        return button
    makers: dict[str, Callable[[], QWidget]] = {
        "button": lambda: QPushButton("Close"), "checkbox": lambda: QCheckBox("Table"),
        "radio": lambda: QRadioButton("Hours"), "combo": QComboBox, "slider": QSlider,
        "line": QLineEdit}
    return makers[kind]()


@pytest.mark.parametrize("theme", [STANDARD, HIGH_CONTRAST], ids=lambda t: t.name)
@pytest.mark.parametrize("kind", ["tab", "tool", "button", "checkbox", "radio", "combo", "slider", "line"])
def test_focus_ring_shows_on_every_control_type(qtbot, qapp_fonts, kind: str, theme: Theme) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet(stylesheet(theme, Metrics(em=16)))
    layout = QVBoxLayout(host)
    anchor = QPushButton("before")
    control = _control(kind)
    control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    layout.addWidget(anchor)
    layout.addWidget(control)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    anchor.setFocus()
    settle()
    unfocused = control.grab().toImage()
    control.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(control.hasFocus)
    settle()
    focused = control.grab().toImage()
    ring = _focus_pixels(focused, theme.focus) - _focus_pixels(unfocused, theme.focus)
    # A ring at least 2 px wide around the control: well over its perimeter's length.
    assert ring >= control.width() + control.height(), (kind, ring)


def test_focused_source_number_is_marked(qtbot, window) -> None:
    chip = _tab_once_from(qtbot, window, window.panel("overview"))
    settle()
    image = chip.grab().toImage()
    assert _focus_pixels(image, STANDARD.focus) > 20  # the chip Tab reached is ringed
    assert QApplication.focusWidget() is chip
