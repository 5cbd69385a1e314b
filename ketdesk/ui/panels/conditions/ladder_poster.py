"""The "Other uses" poster's picture: the four conditions on one evidence ladder, painted.

The same ranking as ``ladder.EvidenceLadder`` (strongest proof first; the level in a word
and in filled steps, never in colour), painted whole so that the poster can size it by its
type and measure it exactly. Screen readers get every row in the accessible description.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

from ketdesk.fonts import FAMILY
from ketdesk.ui.poster_visual import PosterVisual

WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Rung:
    """One condition on the ladder: its name, its level's word, and filled of total steps."""

    name: str
    word: str
    filled: int
    total: int


class LadderPoster(PosterVisual):
    """Name, rising steps and level word per condition, strongest first."""

    def __init__(self, rungs: Sequence[Rung], *, ink: str, fill: str, name: str) -> None:
        super().__init__()
        self.rungs = tuple(rungs)
        self._ink, self._fill = ink, fill
        self.setAccessibleName(name)
        self.setAccessibleDescription(". ".join(f"{r.name}: {r.word}" for r in self.rungs))

    def _font(self, bold: bool = True) -> QFont:
        font = QFont(FAMILY)
        font.setPixelSize(max(12, self.em))
        font.setBold(bold)
        return font

    def _steps_size(self) -> tuple[float, float, float]:
        """One step's width, the gap between steps and the tallest step's height."""
        return self.em * 0.75, self.em * 0.25, self.em * 1.6

    def _columns(self, width: int) -> tuple[float, float, float, float]:
        """Name's left and width, steps' left, word's left.

        The names column is no wider than the longest name, and the ladder stands centred:
        on a wide screen the eye no longer crosses half of it from a name to its steps.
        """
        gap = self.em * 0.8
        bar, bar_gap, _ = self._steps_size()
        total = max(r.total for r in self.rungs) if self.rungs else 4
        steps_w = total * bar + (total - 1) * bar_gap
        metrics = QFontMetrics(self._font())
        word_w = max((metrics.horizontalAdvance(r.word) for r in self.rungs), default=0)
        longest = max((metrics.horizontalAdvance(r.name) for r in self.rungs), default=0) + 2
        name_w = max(self.em * 4.0, min(longest, width - steps_w - word_w - 2 * gap))
        used = name_w + steps_w + word_w + 2 * gap
        left = max(0.0, (width - used) / 2)
        return left, name_w, left + name_w + gap, left + name_w + gap + steps_w + gap

    def _row_heights(self, width: int) -> list[int]:
        name_w = self._columns(width)[1]
        metrics = QFontMetrics(self._font())
        steps_h = self._steps_size()[2]
        return [max(round(steps_h), metrics.boundingRect(QRect(0, 0, max(1, int(name_w)), 100_000),
                                                          WRAP, r.name).height())
                for r in self.rungs]

    def height_for(self, width: int, em: int) -> int:
        old, self.em = self.em, em
        try:
            rows = self._row_heights(width)
            return sum(rows) + round(self.em * 0.5) * max(0, len(rows) - 1)
        finally:
            self.em = old

    def draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = QColor(self._ink)
        left, name_w, steps_x, word_x = self._columns(self.width())
        bar, bar_gap, steps_h = self._steps_size()
        pen = QPen(ink, max(2.0, self.em / 10))
        y = 0.0
        for rung, height in zip(self.rungs, self._row_heights(self.width()), strict=True):
            painter.setFont(self._font())
            painter.setPen(ink)
            self.draw_text(painter, QRectF(left, y, name_w, height), WRAP, rung.name)
            base = y + (height + steps_h) / 2
            painter.setPen(pen)
            for i in range(rung.total):
                # Rising from 40 % to 100 %, as on the cards' meters: taller is stronger.
                h = steps_h * (0.4 + 0.6 * (i + 1) / rung.total)
                painter.setBrush(QColor(self._fill) if i < rung.filled else Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(steps_x + i * (bar + bar_gap), base - h, bar, h))
            painter.setPen(ink)
            self.draw_text(painter, QRectF(word_x, y, self.width() - word_x, height), LEFT, rung.word)
            y += height + round(self.em * 0.5)
