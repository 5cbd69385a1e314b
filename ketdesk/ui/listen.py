"""The Listen control: a large button that reads a page aloud, and the sentence being read.

One per panel (under its lead) and one per detail sheet. While its page is read the button
says Stop, and a box under it shows the sentence being said in large type, so a listener
who also reads can follow. Hidden where the device has no voice for the pack's language
(``ketdesk.speech.engine.choose_voice`` logs why).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ketdesk.content.schema.ui import ListenStrings
from ketdesk.speech.reader import Reader
from ketdesk.speech.words import SpokenForms, spoken_sentences
from ketdesk.ui.widgets import Card, button_text, make_label


def spoken_forms(words: ListenStrings) -> SpokenForms:
    return SpokenForms(percent=words.percent, range=words.range)


class ListenBar(QWidget):
    """Listen / Stop for one page; ``texts`` gives the page's shown words when tapped."""

    def __init__(self, reader: Reader | None, words: ListenStrings, lang: str,
                 texts: Callable[[], list[str]], owner: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._words = words
        self._lang = lang
        self._texts = texts
        self.owner = owner
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton()
        self.button.setObjectName("listen")
        self.button.setProperty("primary", True)
        self.button.clicked.connect(self.toggle)
        row.addWidget(self.button)
        row.addStretch(1)
        outer.addLayout(row)
        self.now = Card("note")
        self.now.setObjectName("listen-now")
        self.now_label = make_label("", "lead")
        self.now.body.addWidget(self.now_label)
        self.now.hide()
        outer.addWidget(self.now)
        self._show_idle()
        if not self._available():
            self.hide()  # never setVisible(True) here: without a parent yet, that opens a window
        if reader is not None:
            reader.sentence_started.connect(self._on_sentence)
            reader.finished.connect(self._on_finished)
            reader.availability_changed.connect(self._update_visible)

    def _available(self) -> bool:
        return self._reader is not None and self._reader.supports(self._lang)

    def _update_visible(self) -> None:
        """Shown only where the voice speaks this page's language (it may connect late)."""
        self.setVisible(self._available())

    @property
    def reading(self) -> bool:
        return self._reader is not None and self._reader.reading and self._reader.owner == self.owner

    def sentences(self) -> list[str]:
        """What the voice is handed for this page: its words without citations or markup."""
        return spoken_sentences(self._texts(), spoken_forms(self._words))

    def toggle(self) -> None:
        if self._reader is None:
            return
        if self.reading:
            self._reader.stop()
        else:
            self._reader.read(self.sentences(), self._lang, self.owner)

    def stop(self) -> None:
        if self.reading and self._reader is not None:
            self._reader.stop()

    def _show_idle(self) -> None:
        self.button.setText(button_text(self._words.listen))
        self.button.setAccessibleName(self._words.listen_name)
        self.now.hide()

    def _on_sentence(self, _index: int, sentence: str) -> None:
        if self._reader is None or self._reader.owner != self.owner:
            if self.now.isVisible():
                self._show_idle()
            return
        self.button.setText(button_text(self._words.stop))
        self.button.setAccessibleName(self._words.stop_name)
        self.now_label.setText(sentence)
        self.now.show()

    def _on_finished(self) -> None:
        self._show_idle()
