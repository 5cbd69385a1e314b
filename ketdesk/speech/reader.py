"""Reading a page aloud: its sentences said one by one, with the one being said told.

One ``Reader`` serves the whole window: starting a page stops the page before, a language
change or a new visitor stops it all. Each new sentence is also a sign that someone is
listening, so the kiosk counts it as activity (no reset mid-read).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from ketdesk.speech.engine import Voice

log = logging.getLogger(__name__)


class Reader(QObject):
    started = Signal(str)  # a page began (its owner's name): read-aloud was used
    sentence_started = Signal(int, str)  # index and words of the sentence being said
    finished = Signal()  # the page ended, was stopped, or the voice broke
    availability_changed = Signal()  # the voice connected: Listen controls look again

    def __init__(self, voice: Voice, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.voice = voice
        self._sentences: list[str] = []
        self._index = -1
        self._lang = ""
        self.owner = ""  # which control started the page (it shows Stop and the highlight)
        voice.setParent(self)
        voice.said.connect(self._next)
        voice.failed.connect(self._on_failed)
        voice.ready.connect(self.availability_changed)

    @property
    def reading(self) -> bool:
        return self._index >= 0

    @property
    def index(self) -> int:
        return self._index

    def supports(self, lang: str) -> bool:
        return self.voice.supports(lang)

    def read(self, sentences: Sequence[str], lang: str, owner: str) -> None:
        """Say ``sentences`` in pack language ``lang``, stopping whatever was being said."""
        self.stop()
        if not sentences:
            return
        self._sentences = list(sentences)
        self._lang = lang
        self.owner = owner
        self.started.emit(owner)
        self._say(0)

    def stop(self) -> None:
        if not self.reading:
            return
        self._index = -1
        self.voice.stop()
        self.finished.emit()
        self.owner = ""

    def _say(self, index: int) -> None:
        self._index = index
        sentence = self._sentences[index]
        self.sentence_started.emit(index, sentence)
        self.voice.say(sentence, self._lang)

    def _next(self) -> None:
        if not self.reading:
            return
        if self._index + 1 < len(self._sentences):
            self._say(self._index + 1)
        else:
            self._index = -1
            self.finished.emit()
            self.owner = ""

    def _on_failed(self, why: str) -> None:
        log.warning("read-aloud stopped: %s", why)
        if self.reading:
            self._index = -1
            self.finished.emit()
            self.owner = ""
