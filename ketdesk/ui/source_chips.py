"""A paragraph with its source numbers as chips: real buttons a finger can hit.

Source numbers used to be links inside the text, about 7x12 px: too small to tap (the
rule is 9 mm and 44 px) and invisible to screen readers (a label's links are not objects
in the accessibility tree). Here the text is a label and each number a small button
beside it, at least the touch target's size (the style sheet's ``chip`` rule), named for
screen readers by its citation ("Source 6: Zarate and others, 2006") and in the Tab
order. The chips sit in a column right of the text when the paragraph is wide enough,
else in a row beneath it, so they never cover a word.

A chip emits ``source_chosen`` with its number and itself, so the sheet it opens can give
focus back to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

# A chip's accessible name and description for a source number.
ChipNamer = Callable[[int], tuple[str, str]]

# The text keeps at least this many chip widths beside the chips, or the chips go below it.
_TEXT_CHIPS = 6
_MAX_COLUMN_CHIPS = 3


class SourceChip(QPushButton):
    """One source number as a button; the style sheet sizes it (``QPushButton[chip]``)."""

    def __init__(self, number: int, name: str, description: str, parent: QWidget) -> None:
        super().__init__(str(number), parent)
        self.number = number
        self.setObjectName(f"sourceChip-{number}")
        self.setProperty("chip", True)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class CitedLabel(QLabel):
    """A word-wrapping text with its source chips in its margin (right or bottom)."""

    source_chosen = Signal(int, QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips: list[SourceChip] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        # Layouts ask a page's labels their height for the same few widths many times over
        # (a chart panel's first show: ~350 questions, ~40 ms of laying out rich text), and
        # every answer asked each chip its size hint: both kept until what they hang on
        # changes (the words, the font, the style, the chips).
        self._chip_cache: tuple[int, int] | None = None
        self._heights: dict[tuple[object, ...], int] = {}

    def set_sources(self, numbers: Sequence[int], namer: ChipNamer) -> None:
        """Chips for ``numbers`` (in order), replacing any shown before."""
        for chip in self.chips:
            chip.deleteLater()
        self.chips = []
        self._chip_cache = None
        for number in numbers:
            name, description = namer(number)
            chip = SourceChip(number, name, description, self)
            chip.clicked.connect(lambda _checked=False, c=chip: self._chosen(c))
            chip.show()
            self.chips.append(chip)
        self._place(self.width())

    def _chosen(self, chip: SourceChip) -> None:
        self.source_chosen.emit(chip.number, chip)

    # --- geometry ---------------------------------------------------------------------
    def _chip_size(self) -> tuple[int, int]:
        if not self.chips:
            return 0, 0
        if self._chip_cache is None:
            hints = [chip.sizeHint().expandedTo(chip.minimumSize()) for chip in self.chips]
            self._chip_cache = max(h.width() for h in hints), max(h.height() for h in hints)
        return self._chip_cache

    def _gap(self) -> int:
        return max(6, self.fontMetrics().height() // 3)

    def _margins_for(self, width: int) -> tuple[bool, int, int, int]:
        """(below?, right margin, bottom margin, chips per row) at ``width``."""
        if not self.chips:
            return False, 0, 0, 1
        chip_w, chip_h = self._chip_size()
        gap = self._gap()
        if not self.text():
            # Chips alone (a poster's sources): rows of as many as fit, from the top.
            per_row = max(1, (width + gap) // (chip_w + gap))
            rows = -(-len(self.chips) // per_row)
            return True, 0, rows * chip_h + (rows - 1) * gap, per_row
        per_column = min(len(self.chips), _MAX_COLUMN_CHIPS)
        column = per_column * chip_w + (per_column - 1) * gap
        if width - column - gap >= _TEXT_CHIPS * chip_w:
            return False, column + gap, 0, per_column
        per_row = max(1, (width + gap) // (chip_w + gap))
        rows = -(-len(self.chips) // per_row)
        return True, 0, rows * chip_h + (rows - 1) * gap + gap, per_row

    def _place(self, width: int) -> None:
        below, right, bottom, per_row = self._margins_for(width)
        if self.contentsMargins().right() != right or self.contentsMargins().bottom() != bottom:
            self.setContentsMargins(0, 0, right, bottom)
        if not self.chips:
            return
        chip_w, chip_h = self._chip_size()
        gap = self._gap()
        for index, chip in enumerate(self.chips):
            row, col = divmod(index, per_row)
            if below:
                top = self.height() - bottom + (gap if self.text() else 0)
                x = col * (chip_w + gap)
            else:
                top = 0
                x = width - right + gap + col * (chip_w + gap)
            chip.setGeometry(QRect(x, top + row * (chip_h + gap), chip_w, chip_h))

    def _text_height(self, text_width: int) -> int:
        """The words' height at ``text_width``, whatever margins the label has now."""
        if not self.text():
            # Chips alone (a poster's sources): QLabel would answer for an empty label
            # from the margins it has at its current width, not the width asked about.
            return 0
        margins = self.contentsMargins()
        # (No bool in the key: tests/refcounts.py counts references to True.)
        key = (text_width, margins.right(), margins.bottom(), self.text(), self.font().key(),
               self.frameWidth(), int(self.wordWrap()), self.textFormat().value)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 64:  # a few widths per text size: never many
                self._heights.clear()
            height = self._heights[key] = (QLabel.heightForWidth(self, text_width + margins.right())
                                           - margins.bottom())
        return height

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        below, right, bottom, per_row = self._margins_for(width)
        height = self._text_height(width - right) + bottom
        if self.chips and not below:
            rows = -(-len(self.chips) // per_row)
            height = max(height, rows * self._chip_size()[1] + (rows - 1) * self._gap())
        return height

    def sizeHint(self):  # noqa: N802 - Qt override
        if self.chips and not self.text():
            # Chips alone: one row of them, whatever margins the last width left behind
            # (QLabel's hint counts those, and a layout asking it would keep them there).
            chip_w, chip_h = self._chip_size()
            count = len(self.chips)
            return QSize(count * chip_w + (count - 1) * self._gap(), chip_h)
        return super().sizeHint()

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        if self.chips and not self.text():
            return QSize(*self._chip_size())
        hint = super().minimumSizeHint()
        if self.chips:
            chip_w, chip_h = self._chip_size()
            # The narrowest this label goes has its chips below the words: without the
            # right margin a column of chips beside them takes at its current width.
            # Counted in, the hint followed the label's own width (QLabel's includes its
            # margins), and a grid asking it chose its columns by where it had been.
            width = hint.width() - self.contentsMargins().right()
            hint.setWidth(max(width, chip_w))
            hint.setHeight(max(hint.height(), chip_h))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place(event.size().width())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._chip_cache = None  # the chips are restyled with their label
            self._place(self.width())
            self.updateGeometry()


def cited_label(role: str = "body", parent: QWidget | None = None) -> CitedLabel:
    """An empty word-wrapping ``CitedLabel`` styled like ``widgets.make_label``'s labels;
    ``Panel.set_cited_text`` gives it words and chips."""
    label = CitedLabel(parent)
    label.setWordWrap(True)
    label.setIndent(0)  # as make_label: no indent from the style sheet's ring border
    label.setProperty("role", role)
    return label
