"""Which voice read-aloud gets, and why none: the reason is logged and Listen hidden."""

from __future__ import annotations

import importlib.util
import logging
import shutil
from pathlib import Path

import pytest

from ketdesk.speech.engine import WAV_DIR_VARIABLE, EspeakFileVoice, choose_voice
from ketdesk.startup import make_reader

HAS_QT_SPEECH = importlib.util.find_spec("PySide6.QtTextToSpeech") is not None


def test_off_in_the_settings(qapp) -> None:
    choice = choose_voice(enabled=False)
    assert choice.voice is None and "off in the settings" in choice.reason


@pytest.mark.skipif(HAS_QT_SPEECH, reason="PySide6-Addons is installed here")
def test_without_pyside6_addons_the_reason_names_it(qapp, monkeypatch, caplog) -> None:
    monkeypatch.delenv(WAV_DIR_VARIABLE, raising=False)
    with caplog.at_level(logging.INFO, logger="ketdesk.startup"):
        assert make_reader(True) is None
    assert "read-aloud: off (Qt Text to Speech is missing: install PySide6-Addons" in caplog.text


@pytest.mark.skipif(not HAS_QT_SPEECH, reason="PySide6-Addons (Qt Text to Speech) is not installed")
def test_qt_speech_never_chooses_the_mock_engine(qapp, monkeypatch) -> None:
    monkeypatch.delenv(WAV_DIR_VARIABLE, raising=False)
    choice = choose_voice()
    assert choice.voice is None or "mock" not in choice.reason


def test_wav_voice_when_asked_for(qapp, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(WAV_DIR_VARIABLE, str(tmp_path))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert "espeak-ng is not installed" in choose_voice().reason
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/espeak-ng")
    choice = choose_voice()
    assert isinstance(choice.voice, EspeakFileVoice)
    assert choice.voice.supports("es") and not choice.voice.supports("fr")
