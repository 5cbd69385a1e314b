"""The key beneath the timeline chart: the chart's words that had no free place on it.

When big text or a narrow window leaves no room to write "Improvement begins" or "One
infusion: about 5 in 10" on the chart without covering other words or data, the chart
marks the spot with a letter and the words move here, after the same letter and the
series' marker. Letters, not numbers: a number beside a point could be read as a value.
Entries flow into as many columns as fit and wrap their words; the page never widens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from ketdesk.ui.flow_layout import FlowLayout, one_line_width
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import make_label


class KeyEntry(QWidget):
    """Letter, marker, words: one chart word that lives in the key for now."""

    def __init__(self, words: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.letter = QLabel()
        self.letter.setTextFormat(Qt.TextFormat.PlainText)  # never let Qt guess markup
        self.letter.setObjectName("timelineKeyLetter")
        self.letter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.letter.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.marker = QLabel()
        self.marker.setTextFormat(Qt.TextFormat.PlainText)
        self.marker.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.words = make_label(words, "body")
        self.words.setObjectName("timelineKeyWords")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.letter, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.words, 1)
        self._row = row

    def set_letter(self, letter: str) -> None:
        self.letter.setText(letter)
        self.letter.setVisible(bool(letter))
        self.setAccessibleName(f"{letter}: {self.words.text()}" if letter else self.words.text())

    def set_marker(self, pixmap: QPixmap) -> None:
        self.marker.setPixmap(pixmap)
        self.marker.setFixedSize(pixmap.size() / max(1.0, pixmap.devicePixelRatio()))

    def natural_width(self) -> int:
        """Wide enough for the words on one line (the flow layout asks)."""
        parts = [self.marker.sizeHint().width(), one_line_width(self.words)]
        if self.letter.isVisibleTo(self):
            parts.append(self.letter.sizeHint().width())
        return sum(parts) + self._row.spacing() * (len(parts) - 1)


class ChartKey(QWidget):
    """Key entries in a wrapping row beneath the chart; hidden while it has none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineKey")
        self.flow = FlowLayout(self)
        self.entries: list[KeyEntry] = []
        sizing = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sizing.setHeightForWidth(True)
        self.setSizePolicy(sizing)

    def add(self, words: str) -> KeyEntry:
        entry = KeyEntry(words)
        entry.hide()
        self.flow.addWidget(entry)
        self.entries.append(entry)
        return entry

    def set_order(self, first: list[KeyEntry]) -> None:
        """Lay the entries out in this order (the rest, hidden, after them)."""
        order = first + [e for e in self.entries if e not in first]
        for entry in self.entries:
            self.flow.removeWidget(entry)
        for entry in order:
            self.flow.addWidget(entry)

    def apply_metrics(self, metrics: Metrics) -> None:
        self.flow.setSpacing(metrics.gap)
        side = metrics.px(1.5)
        # The letters' box and bold are in the window's style sheet (QLabel#timelineKeyLetter).
        for entry in self.entries:
            entry._row.setSpacing(max(4, metrics.px(0.35)))
            entry.letter.setMinimumSize(side, side)
