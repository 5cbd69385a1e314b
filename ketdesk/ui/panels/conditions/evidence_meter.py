"""An evidence-strength meter: rising bars, filled or hollow, beside the level's word.

The level reads three ways, so no one depends on colour: the word ("Moderate"), the
number of filled bars (solid versus outline only), and the accessible name for screen
readers. The widget knows no content; callers pass the words.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.visual_key import key_for
from ketdesk.ui.widgets import make_label


class MeterBars(QWidget):
    """``total`` bars of rising height; the first ``filled`` are solid, the rest outlines."""

    def __init__(self, filled: int, total: int, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filled = filled
        self._total = total
        self._theme = theme
        self._em = 24
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    @property
    def filled(self) -> int:
        return self._filled

    @property
    def total(self) -> int:
        return self._total

    def set_em(self, em: int) -> None:
        self._em = em
        self.setFixedSize(self.sizeHint())
        self.update()

    def _bar_geometry(self) -> tuple[float, float, float]:
        """Bar width, gap and full height in px, from the text size."""
        return max(9.0, self._em * 0.55), max(3.0, self._em * 0.2), max(18.0, self._em * 1.3)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width, gap, height = self._bar_geometry()
        border = self._border()
        return QSize(round(self._total * width + (self._total - 1) * gap + border * 2),
                     round(height + border * 2))

    def _border(self) -> float:
        return max(2.0, self._em / 12)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        del event
        width, gap, height = self._bar_geometry()
        border = self._border()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(key_for(self._theme.name).ink))
        pen.setWidthF(border)
        painter.setPen(pen)
        for i in range(self._total):
            # Heights rise from 40 % to 100 %: the shape itself says "more is stronger".
            bar_h = height * (0.4 + 0.6 * (i + 1) / self._total)
            rect = QRectF(border + i * (width + gap), border + height - bar_h, width, bar_h)
            if i < self._filled:
                painter.setBrush(QColor(key_for(self._theme.name).evidence_fill))
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
        painter.end()


class EvidenceMeter(QWidget):
    """A caption, the bars and the level's word in one row, with one accessible name."""

    def __init__(self, caption: str, filled: int, total: int, word: str, accessible_name: str,
                 theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.caption = make_label(caption, "body")
        self.caption.setWordWrap(False)
        self.bars = MeterBars(filled, total, theme)
        self.word_label = make_label(word, "body")
        self.word_label.setWordWrap(False)
        # Bold, at body size: the word must stand out without outranking the card heading.
        self.word_label.setObjectName("meterWord")  # bold: the window's style sheet
        row.addWidget(self.caption)
        row.addWidget(self.bars, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.word_label)
        row.addStretch(1)
        self.setAccessibleName(accessible_name)
        self.apply_metrics(Metrics(em=24))

    @property
    def filled(self) -> int:
        return self.bars.filled

    @property
    def total(self) -> int:
        return self.bars.total

    @property
    def word(self) -> str:
        return self.word_label.text()

    def apply_metrics(self, metrics: Metrics) -> None:
        self._row.setSpacing(metrics.px(0.4))
        self.bars.set_em(metrics.em)
