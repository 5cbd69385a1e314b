"""English | Spanish: the header switch, --lang, the setting, and no English left in Spanish.

The catalogue of English UI strings is every string of the English pack (the app's words
all come from content). In Spanish mode no visible text, accessible name, description or
tooltip may equal one of them, except proper names, codes and numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from ketdesk.cli import Options
from ketdesk.content import load_content
from ketdesk.content.readability import iter_strings
from ketdesk.content.registry import PANEL_IDS
from ketdesk.content.schema.overview import OverviewContent
from ketdesk.screenshot import settle
from ketdesk.ui.text import plain_text

CONTENT = Path(__file__).resolve().parents[2] / "resources" / "content"
# The same in both languages on purpose: language names and codes, letter-size buttons.
PROPER_NAMES = {"English", "Español", "EN", "ES", "A-", "A+"}
NUMBERS_AND_UNITS = re.compile(r"^[\d\s.,:%+\-–]*(min|mg|kg|h)?\.?$")


def english_catalogue() -> set[str]:
    pack = load_content(CONTENT / "en").pack
    assert pack is not None
    strings = {text for _, text in iter_strings(pack, "en")}
    # Strings the walk leaves out because they are codes or patterns, plus whole UI texts.
    strings |= set(pack.ui.months) | {pack.meta.app_title}
    strings |= {access.short for access in pack.ui.access.languages}
    return {s.strip() for s in strings if s.strip()}


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) for every text a visitor or a screen reader meets in the window."""
    found = [("window title", window.windowTitle())]
    widgets: list[QWidget] = [window.header, window.footer, window.panel(window.current_panel_id)]
    for root in widgets:
        for widget in [root, *root.findChildren(QWidget)]:
            if not widget.isVisibleTo(window):
                continue
            where = f"{type(widget).__name__} {widget.objectName()}"
            if isinstance(widget, QLabel):
                found.append((where, plain_text(widget.text()) if "<" in widget.text() else widget.text()))
            elif isinstance(widget, QAbstractButton):
                found.append((where, widget.text()))
            found.extend((f"{where} (name)", widget.accessibleName()) for _ in [0])
            found.append((f"{where} (description)", widget.accessibleDescription()))
            found.append((f"{where} (tooltip)", widget.toolTip()))
    return [(where, text.strip()) for where, text in found if text.strip()]


def english_leftovers(window, catalogue: set[str]) -> list[str]:
    return [f"{where}: {text!r}" for where, text in visible_texts(window)
            if text in catalogue and text not in PROPER_NAMES and not NUMBERS_AND_UNITS.match(text)]


@pytest.fixture
def es_window(qtbot, qapp_fonts):
    from ketdesk.startup import build_window

    window = build_window(Options(lang="es"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_lang_option_and_setting(qtbot, qapp_fonts) -> None:
    from ketdesk.startup import build_window

    by_option = build_window(Options(lang="es"), settings_lang="en")
    qtbot.addWidget(by_option)
    assert by_option.language == "es"
    assert by_option.tab_buttons["overview"].text() == "Resumen"
    by_setting = build_window(Options(), settings_lang="es")
    qtbot.addWidget(by_setting)
    assert by_setting.language == "es"


def test_switch_keeps_the_panel_and_translates(qtbot, window) -> None:
    window.show_panel("risks")
    qtbot.mouseClick(window.tools.language_buttons["es"], Qt.MouseButton.LeftButton)
    assert window.language == "es"
    assert window.current_panel_id == "risks"
    assert window.panel("risks").title_label.text() == "Efectos secundarios y riesgos"
    assert window.tab_buttons["sources"].text() == "Fuentes"
    assert window.tools.larger.accessibleName() == "Letra más grande"
    assert window.footer_reviewed.text() == "Última revisión: 27 de noviembre de 2026"
    assert window.tools.language_buttons["es"].isChecked()
    assert not window.tools.language_buttons["en"].isChecked()
    # Clicking the language already shown keeps it (and keeps it checked).
    qtbot.mouseClick(window.tools.language_buttons["es"], Qt.MouseButton.LeftButton)
    assert window.language == "es" and window.tools.language_buttons["es"].isChecked()
    qtbot.mouseClick(window.tools.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert window.panel("risks").title_label.text() == "Side effects and risks"


def test_language_buttons_name_themselves(window) -> None:
    buttons = window.tools.language_buttons
    assert [b.text() for b in buttons.values()] == ["EN", "ES"]
    assert buttons["es"].accessibleName() == "Español"
    assert buttons["es"].accessibleDescription() == "Show this app in Español"


def test_no_english_left_in_spanish(es_window) -> None:
    catalogue = english_catalogue()
    es_window.show_banner("x")  # the banner's button too
    for panel_id in PANEL_IDS:
        es_window.show_panel(panel_id)
        settle()
        leftovers = english_leftovers(es_window, catalogue)
        assert not leftovers, f"English on the Spanish {panel_id} panel:\n" + "\n".join(leftovers)


def test_catalogue_check_finds_english(window) -> None:
    """The same check on the English window finds plenty: it is not vacuous."""
    catalogue = english_catalogue()
    window.show_panel("overview")
    assert len(english_leftovers(window, catalogue)) > 20


def test_switch_back_after_a_broken_custom_pack_uses_builtin(qtbot, qapp_fonts, pack_copy: Path) -> None:
    from ketdesk.startup import build_window

    (pack_copy / "overview.toml").write_text("tab = [", encoding="utf-8")
    window = build_window(Options(content=pack_copy))
    qtbot.addWidget(window)
    window.set_language("es")
    assert window.language == "es"
    window.set_language("en")
    assert window.pack.content(OverviewContent).title == "Ketamine infusion treatment"


def test_single_language_custom_pack_is_not_shown_for_spanish(qtbot, qapp_fonts, pack_copy: Path) -> None:
    from ketdesk.startup import build_window

    window = build_window(Options(content=pack_copy))  # a sound English-only custom pack
    qtbot.addWidget(window)
    window.set_language("es")
    assert window.language == "es"
    assert window.pack.content(OverviewContent).tab == "Resumen"
