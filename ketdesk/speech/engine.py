"""The voices read-aloud can use, behind one small interface, and how one is chosen.

``Voice`` is the interface: ``say`` one sentence, ``stop``, and ``said`` when the sentence
is over. Two voices implement it:

- ``QtVoice``: Qt Text to Speech (the ``QtTextToSpeech`` module of PySide6-Addons; the
  pinned PySide6-Essentials does not have it). On Linux its engine is speech-dispatcher
  (plugin ``PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so``, which needs the
  system's ``libspeechd.so.2`` and a running ``speech-dispatcher`` with espeak-ng); Windows
  and macOS use their own offline engines. Qt's "mock" engine is for tests and never chosen.
- ``EspeakFileVoice``: runs ``espeak-ng -w`` to write each sentence to a WAV file instead of
  the speakers. It is for checking speech on a machine without speakers (the end-to-end test,
  ``KETDESK_SPEECH_WAV=DIR``), never chosen on its own.

Where no voice can be had, ``choose_voice`` says why (the log shows it) and the Listen
control stays hidden. No voice here reaches the network.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, QProcess, QTimer, Signal

log = logging.getLogger(__name__)

# Qt's engines that are not a real voice.
_NOT_VOICES = frozenset({"mock"})
WAV_DIR_VARIABLE = "KETDESK_SPEECH_WAV"
# What a Debian/Ubuntu host installs for the offline voice (INSTALL.txt says the same).
SYSTEM_VOICE = "speech-dispatcher speech-dispatcher-espeak-ng espeak-ng"
# How long after start-up Qt's voice connects: after the first frame, before a visitor taps.
CONNECT_DELAY_MS = 1500


class Voice(QObject):
    """Says one sentence at a time on the device."""

    said = Signal()  # the sentence given to ``say`` is over (spoken to the end or stopped)
    failed = Signal(str)  # the voice broke; the reader stops and the log says why
    ready = Signal()  # ``supports`` may answer differently now (a voice that connects late)

    name = "voice"

    def supports(self, lang: str) -> bool:
        """Whether this voice can speak the pack language ``lang`` ("en", "es")."""
        raise NotImplementedError

    def say(self, sentence: str, lang: str) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class QtVoice(Voice):
    """Qt Text to Speech with one of its offline engines (speech-dispatcher on Linux).

    It connects a moment after the window is up (``CONNECT_DELAY_MS``): measured with
    speech-dispatcher, the ``QTextToSpeech`` constructor takes 3.2 s (it lists 1530 voices
    over the daemon's socket) and holds the GUI thread; made in a worker thread it held it
    all the same (no timer fired meanwhile: the binding keeps the GIL in the constructor).
    Until then the voice supports no language (Listen stays hidden), and ``ready`` tells
    the Listen controls to look again.
    """

    def __init__(self, engine: str, parent: QObject | None = None, *,
                 delay_ms: int = CONNECT_DELAY_MS) -> None:
        super().__init__(parent)
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.name = f"Qt Text to Speech ({engine})"
        self._engine = engine
        self._states = QTextToSpeech.State
        self._tts: Any = None
        self._languages: set[object] = set()
        self._speaking = False
        QTimer.singleShot(delay_ms, self, self.connect_now)

    def connect_now(self) -> None:
        """Make the engine (what the delay timer calls; once)."""
        if self._tts is not None:
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        started = time.monotonic()
        tts = QTextToSpeech(self._engine, self)
        self._tts = tts
        log.info("read-aloud: %s took %.2f s to connect", self.name, time.monotonic() - started)
        if tts.state() == self._states.Error:
            log.warning("read-aloud: off (%s: %s)", self.name,
                        tts.errorString() or "the engine reported an error")
            return
        tts.stateChanged.connect(self._on_state)
        tts.errorOccurred.connect(lambda _reason, text: self.failed.emit(text))
        self._languages = {locale.language() for locale in tts.availableLocales()}
        log.info("read-aloud: %s ready, %d languages", self.name, len(self._languages))
        self.ready.emit()

    def supports(self, lang: str) -> bool:
        return QLocale(lang).language() in self._languages

    def say(self, sentence: str, lang: str) -> None:
        if self._tts is None:
            return
        wanted = QLocale(lang)
        if self._tts.locale().language() != wanted.language():
            self._tts.setLocale(wanted)
        self._speaking = True
        self._tts.say(sentence)

    def stop(self) -> None:
        self._speaking = False
        if self._tts is not None:
            self._tts.stop()

    def _on_state(self, state: object) -> None:
        if self._speaking and state == self._states.Ready:
            self._speaking = False
            self.said.emit()
        elif state == self._states.Error:
            self._speaking = False


class EspeakFileVoice(Voice):
    """espeak-ng writing each sentence to ``<folder>/<n>.wav``: speech without speakers."""

    name = "espeak-ng to WAV files"

    def __init__(self, program: str, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._program = program
        self._folder = folder
        self._count = 0
        self._process = QProcess(self)
        self._process.finished.connect(self._on_finished)

    def supports(self, lang: str) -> bool:
        return lang in ("en", "es")  # espeak-ng ships both voices

    def say(self, sentence: str, lang: str) -> None:
        self._count += 1
        target = self._folder / f"{self._count:03d}.wav"
        # "--" ends the options: a sentence starting with "-" is words, not a switch.
        self._process.start(self._program, ["-v", lang, "-w", str(target), "--", sentence])

    def stop(self) -> None:
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()

    def _on_finished(self, code: int, _status: object) -> None:
        if code == 0:
            self.said.emit()
        else:
            self.failed.emit(f"espeak-ng exited with {code}")


@dataclass(frozen=True)
class Choice:
    voice: Voice | None
    reason: str  # which voice, or why there is none


def choose_voice(enabled: bool = True, parent: QObject | None = None) -> Choice:
    """The device's voice for read-aloud, or none and why (logged; Listen is then hidden)."""
    if not enabled:
        return Choice(None, "read-aloud is off in the settings")
    wav_dir = os.environ.get(WAV_DIR_VARIABLE, "")
    if wav_dir:
        program = shutil.which("espeak-ng")
        if program is None:
            return Choice(None, f"{WAV_DIR_VARIABLE} is set but espeak-ng is not installed")
        return Choice(EspeakFileVoice(program, Path(wav_dir), parent), EspeakFileVoice.name)
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ModuleNotFoundError:
        return Choice(None, "Qt Text to Speech is missing: install PySide6-Addons "
                            "of the same version as PySide6-Essentials")
    except ImportError as exc:
        # The module is there but a library it links is not: in the frozen app, the host's
        # sound libraries (packaging/freeze.py SPEECH_HOST_LIBS), which speech-dispatcher brings.
        return Choice(None, f"Qt Text to Speech does not load ({exc}): install {SYSTEM_VOICE}")
    engines = [name for name in QTextToSpeech.availableEngines() if name not in _NOT_VOICES]
    if not engines:
        return Choice(None, "Qt Text to Speech has no engine plugin (Linux: "
                            f"libqtexttospeech_speechd.so, which needs libspeechd2: install {SYSTEM_VOICE})")
    if engines[0] == "speechd":
        from ketdesk.speech import speechd_probe

        stuck = speechd_probe.problem(speechd_probe.socket_path())
        if stuck:
            return Choice(None, stuck)
    voice = QtVoice(engines[0], parent)
    return Choice(voice, f"{voice.name}, connecting")
