"""Rows of 10 people, filled by how many of them something happened to (an icon array).

"5 in 10" is easier to grasp as five filled figures out of ten than as a percentage, and
every row shares the same denominator. A range ("5.5 to 7 in 10") fills the figures up to
its low end and stripes them up to its high end, so uncertainty stays visible (stripes mean
only that, on every chart: docs/visual-language.md). A row marked ``claim`` (a figure
someone reports, not a study result) comes in the key's "claim" colour with dashed
outlines, so it never looks like the results beside it. Filled figures are always filled
solid in full colour: a faint tint looked empty on black (high contrast).

Generic: the timeline, risks and conditions panels can all use it. Figures are drawn with
QPainter; the words sit in ordinary labels so screen readers and the style sheet reach them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ketdesk.ui.flow_layout import FlowLayout, one_line_width
from ketdesk.ui.source_chips import cited_label
from ketdesk.ui.visual_key import STANDARD_KEY
from ketdesk.ui.widgets import make_label


@dataclass(frozen=True)
class IconRowSpec:
    """One row: ``value`` people filled, or ``low`` filled and striped up to ``high``."""

    label: str
    words: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    colour: str = STANDARD_KEY.ink
    claim: bool = False
    count: int = 10


@dataclass(frozen=True)
class FigureFill:
    """How much of one figure is filled solid, then striped (fractions of its width)."""

    solid: float
    striped: float


def figure_fills(value: float | None, low: float | None, high: float | None,
                 count: int = 10) -> tuple[FigureFill, ...]:
    """Split a number of people over ``count`` figures, left to right."""
    if value is not None:
        solid_end = striped_end = value
    elif low is not None and high is not None:
        solid_end, striped_end = low, high
    else:
        raise ValueError("a row needs a value, or low and high")
    fills = []
    for i in range(count):
        solid = min(1.0, max(0.0, solid_end - i))
        upto = min(1.0, max(0.0, striped_end - i))
        fills.append(FigureFill(solid=solid, striped=max(0.0, upto - solid)))
    return tuple(fills)


def person_path(rect: QRectF) -> QPainterPath:
    """A simple person: round head over rounded shoulders, filling ``rect``."""
    return _person_at_origin(rect.width(), rect.height()).translated(rect.topLeft())


@functools.lru_cache(maxsize=64)
def _person_at_origin(w: float, h: float) -> QPainterPath:
    """The person's outline at (0, 0). Every figure of a row has one size, and building the
    outline (an intersection, then ``simplified``) cost more than drawing it: a poster of 40
    people built 40 of them on every paint."""
    head = min(w * 0.55, h * 0.34)
    path = QPainterPath()
    path.addEllipse(QPointF(w / 2, head / 2), head / 2, head / 2)
    body = QRectF(w * 0.08, head * 1.12, w * 0.84, h - head * 1.12)
    radius = body.width() * 0.42
    body_path = QPainterPath()
    body_path.addRoundedRect(body.adjusted(0, 0, 0, radius), radius, radius)
    # Cut the rounded bottom off: a person stands on a flat base.
    base = QPainterPath()
    base.addRect(QRectF(body.left() - 1, body.top(), body.width() + 2, body.height()))
    path.addPath(body_path.intersected(base))
    return path.simplified()


class FigureRow(QWidget):
    """Paints ``count`` figures and their fills; sized from a figure height in px."""

    ASPECT = 0.56  # figure width / height
    GAP = 0.22  # space between figures / figure height

    def __init__(self, spec: IconRowSpec, outline: str, background: str,
                 parent: QWidget | None = None, *, per_line: int = 0) -> None:
        super().__init__(parent)
        self.spec = spec
        # Figures per line: 0 puts them all on one line; 5 draws 10 people as two lines of 5.
        self.per_line = per_line if 0 < per_line < spec.count else spec.count
        self.fills = figure_fills(spec.value, spec.low, spec.high, spec.count)
        self._outline = outline
        self._background = background
        self._figure_h = 40
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(f"{spec.label}: {spec.words}")

    @property
    def lines(self) -> int:
        return -(-self.spec.count // self.per_line)

    def set_figure_height(self, px: int) -> None:
        self._figure_h = max(16, px)
        self._fit_height()
        self.updateGeometry()
        self.update()

    def _fit_height(self) -> None:
        """As tall as the figures drawn at this width: never a band of blank space below
        figures that had to shrink to fit a narrow column."""
        n = self.per_line
        per_px = n * self.ASPECT + (n - 1) * self.GAP
        drawn = min(float(self._figure_h), self.width() / per_px) if self.width() > 0 else self._figure_h
        self.setFixedHeight(self._height_for(max(8.0, drawn)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()

    def _height_for(self, figure_h: float) -> int:
        return round(self.lines * figure_h + (self.lines - 1) * figure_h * self.GAP)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        h = self._figure_h
        n = self.per_line
        return QSize(round(n * h * self.ASPECT + (n - 1) * h * self.GAP), self._height_for(h))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = self.sizeHint()
        return QSize(hint.width() // 3, hint.height())

    def figure_rects(self) -> list[QRectF]:
        """Where each figure is drawn: shrunk to fit the width, never stretched."""
        n = self.per_line
        h = float(self._figure_h)
        needed = n * h * self.ASPECT + (n - 1) * h * self.GAP
        scale = min(1.0, self.width() / needed) if needed > 0 else 1.0
        fh = h * scale
        fw, gap = fh * self.ASPECT, fh * self.GAP
        top = (self.height() - self._height_for(fh)) / 2
        return [QRectF((i % n) * (fw + gap), top + (i // n) * (fh + gap), fw, fh)
                for i in range(self.spec.count)]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_figures(painter, self.figure_rects(), self.fills, colour=self.spec.colour,
                      outline=self._outline, background=self._background, claim=self.spec.claim,
                      line=max(1.5, self._figure_h / 22))
        painter.end()


def paint_figures(painter: QPainter, rects: Sequence[QRectF], fills: Sequence[FigureFill], *,
                  colour: str, outline: str, background: str, claim: bool, line: float) -> None:
    """People in ``rects``: filled solid, striped (an uncertain range) or empty, outlined.

    Shared by the rows here and the pictures that posters draw of them. On screen each kind
    of figure is drawn once, into an image, then copied to every whole pixel where one
    stands: antialiased outlines of 40 people ~200 px tall (the "How fast" poster at
    3840x2160) took ~14 ms of every paint, the copies take well under 1 ms. Scaled painting
    (a printer, a rotated view) draws the outlines themselves.
    """
    style = _FigureStyle(colour, outline, background, claim, line)
    device = painter.device()
    if painter.transform().type().value > QTransform.TransformationType.TxTranslate.value or not isinstance(
            device, QWidget | QImage | QPixmap):
        for rect, fill in zip(rects, fills, strict=True):
            _paint_figure(painter, rect, fill, style)
        return
    ratio = device.devicePixelRatioF()
    pad = _pad(line)
    for rect, fill in zip(rects, fills, strict=True):
        image = _figure_image(round(rect.width()), round(rect.height()), fill, style, ratio)
        painter.drawImage(QPointF(round(rect.left()) - pad, round(rect.top()) - pad), image)


@dataclass(frozen=True)
class _FigureStyle:
    colour: str
    outline: str
    background: str
    claim: bool
    line: float


def _pad(line: float) -> int:
    """Room around a figure's image for its outline, which is centred on the edge."""
    return int(line / 2) + 2


@functools.lru_cache(maxsize=48)
def _figure_image(w: int, h: int, fill: FigureFill, style: _FigureStyle, ratio: float) -> QImage:
    """One figure drawn at (pad, pad) on a transparent image (a QImage, not a QPixmap: it may
    outlive the application at exit). A row has three kinds of figure at most (filled, part
    filled, empty), so a window's worth of rows needs a few dozen, ~30 kB each at 1080p."""
    pad = _pad(style.line)
    image = QImage(round((w + 2 * pad) * ratio), round((h + 2 * pad) * ratio),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _paint_figure(painter, QRectF(pad, pad, w, h), fill, style)
    painter.end()
    return image


def _paint_figure(painter: QPainter, rect: QRectF, fill: FigureFill, style: _FigureStyle) -> None:
    fill_colour = QColor(style.colour)
    path = person_path(rect)
    painter.fillPath(path, QColor(style.background))
    if fill.solid > 0:
        painter.save()
        painter.setClipRect(QRectF(rect.left(), rect.top(), rect.width() * fill.solid, rect.height()))
        painter.fillPath(path, fill_colour)
        painter.restore()
    if fill.striped > 0:
        tint = QColor(fill_colour)
        tint.setAlpha(60)
        painter.save()
        start = rect.left() + rect.width() * fill.solid
        painter.setClipRect(QRectF(start, rect.top(), rect.width() * fill.striped, rect.height()))
        painter.fillPath(path, tint)
        painter.fillPath(path, QBrush(fill_colour, Qt.BrushStyle.BDiagPattern))
        painter.restore()
    pen = QPen(QColor(style.outline))
    pen.setWidthF(style.line)
    if style.claim:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.strokePath(path, pen)


class _KeyEntry(QWidget):
    """A sample figure and what it means ("Responded"), for the key under the rows."""

    def __init__(self, figure: FigureRow, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = figure
        self.label = label
        figure.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(figure, 0, Qt.AlignmentFlag.AlignVCenter)
        self.row.addWidget(label, 1)

    def natural_width(self) -> int:
        """The figure and the words on one line (the flow layout asks)."""
        return self.figure.sizeHint().width() + self.row.spacing() + one_line_width(self.label)


class IconArray(QWidget):
    """Labelled rows of figures with an optional key (filled / striped / empty)."""

    def __init__(self, rows: Sequence[IconRowSpec], *, outline: str, background: str,
                 key: tuple[str, str, str] | None = None, key_colour: str = STANDARD_KEY.ink,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = tuple(rows)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.figure_rows: list[FigureRow] = []
        self.row_labels: list[QLabel] = []
        self.word_labels: list[QLabel] = []
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        self._grid = grid
        for index, spec in enumerate(self.rows):
            # A CitedLabel, so the row's source numbers can be chips (Panel.set_cited_text).
            label = cited_label("body")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setText(spec.label)
            words = make_label(spec.words, "h2")
            words.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            figures = FigureRow(spec, outline, background)
            grid.addWidget(label, index * 2, 0)
            grid.addWidget(words, index * 2, 1)
            grid.addWidget(figures, index * 2 + 1, 0, 1, 2)
            self.row_labels.append(label)
            self.word_labels.append(words)
            self.figure_rows.append(figures)
        grid.setColumnStretch(0, 1)
        self._layout.addLayout(grid)
        self.key_rows: list[FigureRow] = []
        self.key_labels: list[QLabel] = []
        self._key_entries: list[_KeyEntry] = []
        self._key_row: FlowLayout | None = None
        if key is not None:
            self._layout.addWidget(self._make_key(key, key_colour, outline, background))
        self._layout.addStretch(1)

    def _make_key(self, key: tuple[str, str, str], colour: str, outline: str,
                  background: str) -> QWidget:
        # One sample figure and its words per entry; entries wrap onto more rows (and
        # their words onto more lines) instead of pushing the page wider.
        holder = QWidget()
        holder.setObjectName("iconArrayKey")
        self._key_row = FlowLayout(holder)
        samples = (IconRowSpec(key[0], key[0], value=1, colour=colour, count=1),
                   IconRowSpec(key[1], key[1], low=0, high=1, colour=colour, count=1),
                   IconRowSpec(key[2], key[2], value=0, colour=colour, count=1))
        for spec in samples:
            entry = _KeyEntry(FigureRow(spec, outline, background), make_label(spec.label, "small"))
            self._key_row.addWidget(entry)
            self.key_rows.append(entry.figure)
            self.key_labels.append(entry.label)
            self._key_entries.append(entry)
        return holder

    # --- what the rows show (for tests and screen readers) ------------------------
    def fills(self, row: int) -> tuple[FigureFill, ...]:
        return self.figure_rows[row].fills

    def filled_count(self, row: int) -> int:
        """Figures filled solid all the way."""
        return sum(1 for f in self.fills(row) if f.solid >= 1.0)

    def touched_count(self, row: int) -> int:
        """Figures with any fill, solid or striped."""
        return sum(1 for f in self.fills(row) if f.solid + f.striped > 0)

    def set_sizes(self, figure_px: int, spacing: int) -> None:
        self._grid.setVerticalSpacing(max(2, spacing // 3))
        self._grid.setHorizontalSpacing(spacing)
        self._layout.setSpacing(spacing)
        for figures in self.figure_rows:
            figures.set_figure_height(figure_px)
        for sample in self.key_rows:
            sample.set_figure_height(max(16, figure_px // 2))
            sample.setFixedWidth(sample.sizeHint().width())
        for entry in self._key_entries:
            entry.row.setSpacing(max(4, spacing // 2))
        if self._key_row is not None:
            self._key_row.setSpacing(spacing)
