"""Text is text: markup typed into a content file is shown as the characters typed.

A content pack is edited by clinic staff and may come from anywhere; a string such as
``<img src=...>`` or ``<a href=...>`` must never make a label load a file, show a link
or change its look. Every label that shows pack text is either plain text, or rich text
built by ``ketdesk.ui.text`` around escaped content; buttons double ``&`` so a tab label
never grows a keyboard mnemonic and loses the character.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QGraphicsView, QLabel, QWidget

from ketdesk.cli import Options
from ketdesk.content.registry import PANEL_IDS
from ketdesk.screenshot import settle

IMG = '<img src="file:///tmp/ketdesk-must-not-load.png" width="900">'
LINK = '<a href="https://example.com/">tap here</a>'
SCRIPT = "<script>alert(1)</script>"
BOLD = "<b>bold</b> &amp; &lt;"

# (file, text in the shipped pack, replacement as a TOML literal string) - one per kind of
# place content reaches the screen: claims, titles, leads, tabs, key facts, steps, sources.
EDITS: list[tuple[str, str, str]] = [
    ("overview.toml", '"Ketamine has been used to put people to sleep for surgery since 1970."',
     f"'Used for surgery since 1970. {IMG} {SCRIPT}'"),
    ("overview.toml", 'value = "Hours"', f"value = 'Hours {BOLD}'"),
    ("overview.toml", '"The drip usually takes about 40 minutes. Staff watch you the whole time."',
     f"'The drip takes about 40 minutes. {LINK}'"),
    ("overview.toml", 'title = "Check in"', f"title = 'Check in {BOLD}'"),
    ("overview.toml", '"A nurse checks your blood pressure and heart rate."',
     f"'A nurse checks you. {IMG}'"),
    ("timeline.toml", 'title = "How fast does it work?"', f"title = 'How fast? {SCRIPT}'"),
    ("timeline.toml", '"Ketamine can help within hours. Pills for depression often take weeks."',
     f"'Within hours. {LINK}'"),
    ("timeline.toml", 'label = "Time after treatment starts"', f"label = 'Time {BOLD} {IMG}'"),
    ("conditions.toml", 'axis = "People in controlled trials"', f"axis = 'People {SCRIPT}'"),
    ("risks.toml", 'tab = "Risks"', "tab = 'Risks & <b>side</b> effects'"),
    ("risks.toml", 'heading = "Misuse and dependence"', f"heading = 'Misuse {IMG}'"),
    ("ui.toml", 'dismiss = "Close"', "dismiss = 'Close & <i>hide</i>'"),
    ("sources.toml", 'authors = "Berman RM, et al."', f"authors = 'Berman RM {LINK}'"),
    ("sources.toml", 'title = "Antidepressant effects of ketamine in depressed patients"',
     f"title = 'Antidepressant effects {SCRIPT} {BOLD}'"),
    ("meta.toml", '"This is not medical advice. Talk to your care team about what is right for you."',
     f"'{BOLD} is not advice.'"),
]

# What a reader must see, character for character, somewhere in the window.
SHOWN = ["Used for surgery since 1970. " + IMG + " " + SCRIPT, "Hours " + BOLD,
         "The drip takes about 40 minutes. " + LINK, "Check in " + BOLD, "A nurse checks you. " + IMG,
         "How fast? " + SCRIPT, "Within hours. " + LINK, "Risks & <b>side</b> effects", "Misuse " + IMG,
         "Berman RM " + LINK, "Antidepressant effects " + SCRIPT + " " + BOLD]


def make_pack(folder: Path) -> None:
    for name, old, new in EDITS:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is no longer in {name}; update this test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def displayed(widget: QWidget) -> str:
    """The characters a reader sees, as Qt will render them."""
    if isinstance(widget, QAbstractButton):
        # "&&" draws one "&"; a single "&" is a mnemonic marker and is not drawn.
        return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    assert isinstance(widget, QLabel)
    fmt = widget.textFormat()
    if fmt == Qt.TextFormat.PlainText:
        return widget.text()
    assert fmt == Qt.TextFormat.RichText, (
        f"{widget.objectName() or widget!r} uses {fmt}: Qt guesses whether its text is markup")
    document = QTextDocument()
    document.setHtml(widget.text())
    return document.toPlainText()


def shown_texts(window: QWidget) -> list[str]:
    widgets = [*window.findChildren(QLabel), *window.findChildren(QAbstractButton)]
    return [displayed(w) for w in widgets]


@pytest.fixture
def markup_window(qtbot, qapp_fonts, pack_copy: Path):
    from ketdesk.startup import build_window
    from ketdesk.ui.panels.timeline.view import CHART, TimelinePanel

    make_pack(pack_copy)
    window = build_window(Options(content=pack_copy))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    assert not window.banner.isVisible(), window.banner.label.text()
    for panel_id in PANEL_IDS:
        window.show_panel(panel_id)
        panel = window.panel(panel_id)
        if isinstance(panel, TimelinePanel):
            panel.show_view(CHART)  # its detailed chart is one tap away: open it
        settle()  # painted, as a visitor sees it: charts below the poster are built after that
    return window


def test_markup_in_content_is_shown_literally(markup_window) -> None:
    texts = shown_texts(markup_window)
    joined = "\n".join(texts)
    for literal in SHOWN:
        assert literal in joined, f"{literal!r} is not shown as typed"
    footer = displayed(markup_window.footer_advice)
    assert footer == BOLD + " is not advice."  # who reviewed the pack: on Sources and About


def test_rich_labels_hold_only_escaped_content(markup_window) -> None:
    """Rich labels carry our own markup (source links) and nothing from the pack."""
    rich = [label for label in markup_window.findChildren(QLabel)
            if label.textFormat() == Qt.TextFormat.RichText]
    assert rich, "claims are rich text (for their source links); the test must see some"
    for label in rich:
        raw = label.text()
        for tag in ("<img", "<script", "<b>", 'href="https://example.com'):
            assert tag not in raw, f"unescaped {tag!r} in {raw!r}"
        # The only links are ketdesk's own source numbers, handled in the app.
        assert not label.openExternalLinks()


def test_tab_label_keeps_its_ampersand(markup_window) -> None:
    button = markup_window.tab_buttons["risks"]
    assert displayed(button) == "Risks & <b>side</b> effects"
    assert button.shortcut().isEmpty(), "a '&' in content must not become a keyboard shortcut"
    markup_window.show_banner("Plain <b>message</b> & more")
    assert displayed(markup_window.banner.label) == "Plain <b>message</b> & more"
    assert displayed(markup_window.banner.close_button) == "Close & <i>hide</i>"


def test_chart_axis_labels_show_markup_as_typed(markup_window) -> None:
    """pyqtgraph draws axis labels as HTML; the chart kit escapes what it passes in."""
    shown = []
    for view in markup_window.findChildren(QGraphicsView):
        plot_item = getattr(view, "getPlotItem", None)
        if plot_item is None:
            continue
        for side in ("bottom", "left"):
            shown.append(plot_item().getAxis(side).label.toPlainText())
    assert any(f"Time {BOLD} {IMG}" in text for text in shown), shown
    assert any(f"People {SCRIPT}" in text for text in shown), shown


def ampersand_everywhere(folder: Path) -> None:
    """Give every one-line string in the pack a trailing " & co", so every label, button
    and tooltip that comes from content carries an ampersand."""
    for path in folder.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'= "([A-Z][^"\n{}]*)"$', r'= "\1 & co"', text, flags=re.M),
                        encoding="utf-8")


def test_no_content_ampersand_becomes_a_shortcut(qtbot, qapp_fonts, pack_copy: Path) -> None:
    from ketdesk.kiosk.config import KioskConfig
    from ketdesk.kiosk.controller import Kiosk
    from ketdesk.kiosk.pin import hash_pin
    from ketdesk.startup import build_window

    ampersand_everywhere(pack_copy)
    window = build_window(Options(content=pack_copy))
    qtbot.addWidget(window)
    assert not window.banner.isVisible(), window.banner.label.text()
    kiosk = Kiosk(window, KioskConfig(pin_hash=hash_pin("1234")), quit_app=lambda code: None)
    window.resize(1920, 1080)
    window.show()
    for panel_id in PANEL_IDS:
        window.show_panel(panel_id)
    kiosk.staff.open_pin_pad()
    buttons = [b for b in window.findChildren(QAbstractButton) if b.text().strip()]
    labelled = [b for b in buttons if "&" in displayed(b)]
    assert len(labelled) >= 20, "the test must reach the content's buttons"
    for button in buttons:
        assert button.shortcut().isEmpty(), f"{button.text()!r} grew a keyboard shortcut"
    for widget in window.findChildren(QWidget):
        tip = widget.toolTip()
        if tip:
            document = QTextDocument()
            document.setHtml(tip)
            assert "& co" in document.toPlainText() or "&" not in tip, tip
