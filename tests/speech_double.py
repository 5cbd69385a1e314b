"""A voice for tests: records what it is told to say and ends a sentence when told to."""

from __future__ import annotations

from ketdesk.speech.engine import Voice


class RecordingVoice(Voice):
    name = "recording test voice"

    def __init__(self, languages: tuple[str, ...] = ("en", "es")) -> None:
        super().__init__()
        self.languages = languages
        self.said_texts: list[tuple[str, str]] = []  # (language, sentence)
        self.stops = 0

    def supports(self, lang: str) -> bool:
        return lang in self.languages

    def say(self, sentence: str, lang: str) -> None:
        self.said_texts.append((lang, sentence))

    def stop(self) -> None:
        self.stops += 1

    def finish_sentence(self) -> None:
        self.said.emit()

    def connect_late(self, languages: tuple[str, ...]) -> None:
        """As a voice that connects after the window is up: now it speaks ``languages``."""
        self.languages = languages
        self.ready.emit()
