"""Read-aloud: the Listen control on every panel and detail sheet, through a test voice."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from ketdesk.content.registry import PANEL_IDS
from ketdesk.speech.reader import Reader
from ketdesk.speech.words import sentences
from tests.gui.kiosk_support import finger_tap
from tests.speech_double import RecordingVoice


def make_window(qtbot, pack, voice: RecordingVoice | None):
    from ketdesk.choices import installed_languages
    from ketdesk.content_source import pack_for_language
    from ketdesk.ui.main_window import MainWindow

    reader = Reader(voice) if voice is not None else None
    win = MainWindow(pack, pack_loader=pack_for_language, languages=installed_languages(),
                     reader=reader)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def read_all(voice: RecordingVoice, reader: Reader) -> list[str]:
    while reader.reading:
        voice.finish_sentence()
    return [text for _lang, text in voice.said_texts]


# What a voice must never be handed: source brackets, markup, a bare percent sign or a
# number range with a dash (read as "minus").
_NOT_SAID = re.compile(r"\[|\]|<|>|%|\d\s*[-\u2013]\s*\d|Sources|Fuentes")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_listen_hands_each_panel_its_words_in_its_language(qtbot, qapp_fonts, lang) -> None:
    from ketdesk.content_source import pack_for_language

    voice = RecordingVoice()
    win = make_window(qtbot, pack_for_language(lang, None), voice)
    assert win.reader is not None
    for panel_id in PANEL_IDS:
        win.show_panel(panel_id)
        panel = win.panel(panel_id)
        voice.said_texts.clear()
        assert panel.listen.isVisible(), panel_id
        assert panel.listen.button.height() >= 44
        qtbot.mouseClick(panel.listen.button, Qt.MouseButton.LeftButton)
        langs = {said_lang for said_lang, _ in voice.said_texts}
        said = read_all(voice, win.reader)
        assert langs == {lang}, panel_id
        # The poster first (where the panel has one), then the page: title, lead, blocks.
        poster = panel.text.poster
        if poster is not None:
            assert panel.poster() is not None and panel.poster().isAncestorOf(panel.listen)
            heard = sentences(poster.headline) + sentences(poster.message)
            assert said[:len(heard)] == heard, panel_id
            said_page = said[len(heard):]
        else:
            said_page = said
        assert said_page[0] == panel.text.title, panel_id
        assert said_page[1:1 + len(sentences(panel.text.lead))] == sentences(panel.text.lead) \
            or "%" in panel.text.lead, panel_id
        for sentence in said:
            assert not _NOT_SAID.search(sentence), (panel_id, sentence)
        # Every claim of every block is read (its first words, at least).
        joined = " ".join(said)
        for block in panel.text.blocks:
            for claim in block.claims:
                assert claim.text.split()[0] in joined, (panel_id, claim.text)


def test_percentages_are_said_in_words_in_spanish(qtbot, qapp_fonts) -> None:
    from ketdesk.content_source import pack_for_language

    voice = RecordingVoice()
    win = make_window(qtbot, pack_for_language("es", None), voice)
    said: list[str] = []
    for panel_id in PANEL_IDS:
        panel = win.panel(panel_id)
        panel.listen.toggle()
        said += read_all(voice, win.reader)
    assert any("por ciento" in s for s in said)


def test_stop_and_the_sentence_being_read_is_shown(qtbot, qapp_fonts, pack) -> None:
    voice = RecordingVoice()
    win = make_window(qtbot, pack, voice)
    bar = win.panel(PANEL_IDS[0]).listen
    bar.toggle()
    assert bar.reading
    assert bar.now.isVisible()
    assert bar.now_label.text() == voice.said_texts[0][1]
    voice.finish_sentence()
    assert bar.now_label.text() == voice.said_texts[1][1]
    assert bar.button.text() == pack.ui.listen.stop
    bar.toggle()  # Stop
    assert not bar.reading
    assert voice.stops == 1
    assert not bar.now.isVisible()
    assert bar.button.text() == pack.ui.listen.listen


def test_a_touch_on_listen_starts_reading(qtbot, qapp_fonts, pack) -> None:
    voice = RecordingVoice()
    win = make_window(qtbot, pack, voice)
    panel = win.panel(PANEL_IDS[0])
    poster = panel.poster()
    assert poster is not None and poster.isAncestorOf(panel.listen.button)  # above the fold
    assert panel.listen.button.isVisible()
    finger_tap(win, panel.listen.button)
    qtbot.waitUntil(lambda: bool(voice.said_texts))
    assert panel.text.poster is not None
    assert voice.said_texts[0][1] == panel.text.poster.headline


def test_new_visitor_and_language_change_stop_reading(qtbot, qapp_fonts, pack) -> None:
    voice = RecordingVoice()
    win = make_window(qtbot, pack, voice)
    win.panel(PANEL_IDS[0]).listen.toggle()
    win.reset_for_next_visitor()
    assert not win.reader.reading
    win.panel(PANEL_IDS[0]).listen.toggle()
    win.set_language("es")
    assert not win.reader.reading


def test_listen_is_hidden_without_a_voice_or_for_a_language_it_lacks(qtbot, qapp_fonts, pack) -> None:
    win = make_window(qtbot, pack, None)
    assert not win.panel(PANEL_IDS[0]).listen.isVisible()
    other = make_window(qtbot, pack, RecordingVoice(languages=("es",)))
    assert not other.panel(PANEL_IDS[0]).listen.isVisible()


def test_listen_appears_when_a_late_voice_connects(qtbot, qapp_fonts, pack) -> None:
    voice = RecordingVoice(languages=())
    win = make_window(qtbot, pack, voice)
    bar = win.panel(PANEL_IDS[0]).listen
    assert not bar.isVisible()
    voice.connect_late(("en", "es"))
    assert bar.isVisible()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_detail_sheet_reads_its_card(qtbot, qapp_fonts, lang) -> None:
    from ketdesk.content_source import pack_for_language

    voice = RecordingVoice()
    win = make_window(qtbot, pack_for_language(lang, None), voice)
    win.show_panel("conditions")
    panel = win.panel("conditions")
    card = panel.text.cards[0]
    panel.details.open_card(card)
    sheet_bar = panel.details.listen
    assert sheet_bar is not None and sheet_bar.isVisible()
    sheet_bar.toggle()
    said = read_all(voice, win.reader)
    assert said[0] == card.name
    assert {said_lang for said_lang, _ in voice.said_texts} == {lang}
    assert not any(_NOT_SAID.search(s) for s in said)
    sheet_bar.toggle()
    panel.details.close_details()
    assert not win.reader.reading
