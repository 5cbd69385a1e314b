"""``ketdesk --check-voice``: one sentence through the device's voice, or why there is none.

The sentence is really said, by the espeak-ng file voice (``KETDESK_SPEECH_WAV``): the WAV
it writes is measured with sox. The frozen read-aloud build is heard speaking through Qt
Text to Speech by scripts/smoke_speech.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ketdesk.cli import EXIT_FAILED, EXIT_OK, parse_args
from ketdesk.speech import engine
from ketdesk.speech.check import first_sentence, run_check_voice
from ketdesk.speech.engine import WAV_DIR_VARIABLE, choose_voice

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None or shutil.which("soxi") is None,
                                  reason="espeak-ng and sox are not installed (scripts/system-deps.sh test)")


def test_the_option_is_parsed() -> None:
    assert parse_args(["--check-voice", "--lang", "es"]).check_voice
    assert not parse_args([]).check_voice


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_sentence_is_the_first_panels_poster_headline_as_listen_says_it(pack, lang: str) -> None:
    from ketdesk.content_source import choose_content

    chosen = choose_content(lang, None).pack
    poster = chosen.panel(chosen.panel_ids[0]).poster
    assert poster is not None
    headline = poster.headline
    sentence = first_sentence(lang, None)
    assert sentence and headline.startswith(sentence)
    assert "[" not in sentence and "%" not in sentence  # no markup, source numbers or signs


@needs_espeak
@pytest.mark.parametrize("lang", ["en", "es"])
def test_says_one_sentence_to_the_end(qapp, monkeypatch, tmp_path: Path, capsys, lang: str) -> None:
    monkeypatch.setenv(WAV_DIR_VARIABLE, str(tmp_path))
    assert run_check_voice(lang, None) == EXIT_OK
    out = capsys.readouterr().out
    assert f"read-aloud: said {first_sentence(lang, None)!r} ({lang}) through espeak-ng" in out
    (wav,) = tmp_path.glob("*.wav")
    seconds = float(subprocess.run(["soxi", "-D", str(wav)], capture_output=True, text=True,
                                   check=True).stdout)
    assert seconds > 0.15 * len(first_sentence(lang, None).split())


def test_no_voice_says_why_and_fails(qapp, monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setenv(WAV_DIR_VARIABLE, str(tmp_path))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert run_check_voice("en", None) == EXIT_FAILED
    assert capsys.readouterr().out == (
        f"read-aloud: off ({WAV_DIR_VARIABLE} is set but espeak-ng is not installed)\n")


class _LibraryMissing:
    """An import finder that fails Qt Text to Speech as the loader does when the module is
    bundled but a library it links is not on the host (``libpulse.so.0``)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "PySide6.QtTextToSpeech":
            raise ImportError("libpulse.so.0: cannot open shared object file: No such file or directory")


def test_a_missing_host_library_is_named_with_what_to_install(qapp, monkeypatch) -> None:
    monkeypatch.delenv(WAV_DIR_VARIABLE, raising=False)
    monkeypatch.delitem(sys.modules, "PySide6.QtTextToSpeech", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_LibraryMissing(), *sys.meta_path])
    choice = choose_voice()
    assert choice.voice is None
    assert choice.reason == ("Qt Text to Speech does not load (libpulse.so.0: cannot open shared object "
                             f"file: No such file or directory): install {engine.SYSTEM_VOICE}")
