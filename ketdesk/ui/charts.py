"""pyqtgraph, imported lazily and set up the same way for every chart panel.

Only chart panels call into this module, and only when first shown; nothing on the
start-up path imports pyqtgraph or numpy, so the first frame never waits for them.
Charts share one look: colours, markers and dashes from the one visual key
(``visual_key.py``: a colour means the same thing on every chart, and never alone), and
text sized from the window's metrics.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QWidget,
)

from ketdesk.fonts import FAMILY
from ketdesk.ui.sheet import show_details
from ketdesk.ui.text import escape, tooltip_text
from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.visual_key import STANDARD_KEY, key_for

_PG: ModuleType | None = None

# Markers for marks of one meaning told apart by index (the lanes of the risks chart, all
# "risk" orange): they stay identifiable in greyscale too.
MARKERS: tuple[str, ...] = ("o", "s", "t", "d", "star", "p")
DASHES: dict[str, Qt.PenStyle] = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine,
                                  "dot": Qt.PenStyle.DotLine, "dashdot": Qt.PenStyle.DashDotLine}


def pg() -> ModuleType:
    """Import and configure pyqtgraph on first use; later calls return it at once."""
    global _PG
    if _PG is None:
        # With several Qt bindings installed pyqtgraph may choose the wrong one.
        os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
        import pyqtgraph

        pyqtgraph.setConfigOptions(antialias=True, background=None, foreground="k")
        _PG = pyqtgraph
    return _PG


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    marker: str
    dash: Qt.PenStyle

    def pen(self, width: float) -> QPen:
        pen = QPen(QColor(self.colour))
        pen.setWidthF(width)
        pen.setStyle(self.dash)
        pen.setCosmetic(True)
        return pen


def role_style(role: str, theme: Theme, index: int | None = None) -> SeriesStyle:
    """How marks of a meaning (``visual_key.Role``) are drawn in this theme.

    ``index`` picks a marker of its own for each of several marks sharing one meaning.
    """
    mark = key_for(theme.name).mark(role)
    marker = mark.marker if index is None else MARKERS[index % len(MARKERS)]
    return SeriesStyle(mark.colour, marker, DASHES[mark.dash])


@functools.lru_cache(maxsize=128)
def shared_pen(colour: str, width: float) -> QPen:
    """One cosmetic pen object per colour and width, reused by every re-layout.

    pyqtgraph's ScatterPlotItem keeps a rendered symbol in its atlas for every distinct
    pen/brush *object*; a new QPen on each re-layout grew that atlas without bound (found
    by the kiosk soak: ~4 MB per 1,000 panel rotations). Callers must not modify it.
    """
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    pen.setCosmetic(True)
    return pen


@functools.lru_cache(maxsize=128)
def shared_brush(colour: str) -> QBrush:
    """One brush object per colour (see ``shared_pen``). Callers must not modify it."""
    return QBrush(QColor(colour))


def chart_font(metrics: Metrics, factor: float = 0.8, *, bold: bool = False) -> QFont:
    """Chart text: about 19 px at 1080p (readable from 2 m), never under 14 px."""
    font = QFont(FAMILY)
    font.setPixelSize(max(14, metrics.px(factor)))
    font.setBold(bold)
    return font


def line_width(metrics: Metrics) -> float:
    return max(2.0, metrics.em / 8)


def marker_size(metrics: Metrics) -> float:
    return max(10.0, metrics.em * 0.7)


class _SameWhenInactive(QObject):
    """Keeps a plot's scene from hearing that the window was (de)activated.

    Qt tells a graphics scene the window is active each time a view of it is shown, and
    inactive each time one is hidden; every pyqtgraph axis, view and plot item then
    repaints itself for a palette that here never changes (the charts use the theme's
    colours, never the active/inactive palette). In an active window that was a second
    full repaint of the page on every switch to or from a chart panel.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        return event.type() in (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate)


def make_plot(theme: Theme, metrics: Metrics, parent: QWidget | None = None) -> Any:
    """A PlotWidget with the house style: no mouse zoom, themed axes, no stray menu."""
    lib = pg()
    plot = lib.PlotWidget(parent=parent, background=theme.surface)
    item = plot.getPlotItem()
    # Not PlotWidget(enableMenu=False), which would skip building the view's menu: measured,
    # it makes the hidden plots' scenes post work on every later panel switch.
    item.setMenuEnabled(False)
    plot.scene().installEventFilter(_SameWhenInactive(plot))
    item.hideButtons()
    # A chart in a waiting room is read, not explored: panning and zooming only confuse.
    item.getViewBox().setMouseEnabled(x=False, y=False)
    plot.setMouseTracking(True)
    style_plot(plot, theme, metrics)
    return plot


def style_plot(plot: Any, theme: Theme, metrics: Metrics) -> None:
    """(Re)apply colours and sizes, e.g. after the text size changed."""
    item = plot.getPlotItem()
    font = chart_font(metrics)
    pen = QPen(QColor(theme.text))
    pen.setWidthF(max(1.0, metrics.em / 16))
    pen.setCosmetic(True)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pen)
        axis.setTextPen(QColor(theme.text))
        axis.setTickFont(font)
        axis.setStyle(tickTextOffset=max(4, metrics.px(0.3)), tickLength=-max(6, metrics.px(0.4)))
        axis.label.setFont(font)
    item.getAxis("left").setWidth(max(48, metrics.px(3.2)))
    item.getAxis("bottom").setHeight(max(40, metrics.px(2.6)))


def set_axis_label(plot: Any, side: str, text: str, theme: Theme, metrics: Metrics) -> None:
    axis = plot.getPlotItem().getAxis(side)
    # pyqtgraph draws axis labels as HTML: escape content so markup shows as typed.
    axis.setLabel(escape(text), color=theme.text)
    axis.label.setFont(chart_font(metrics, bold=True))


def set_word_ticks(plot: Any, side: str, ticks: Sequence[tuple[float, str]], *, log: bool = False) -> None:
    """Tick the axis only at these values, labelled in words (values are data units)."""
    values = [(math.log10(v) if log else v, label) for v, label in ticks]
    plot.getPlotItem().getAxis(side).setTicks([values, []])


class ChartKeys(QObject):
    """The keyboard's way to a chart's details: the arrow keys move from point to point (or
    bar to bar) across every series given to ``connect_point_tips``, and Enter or Space opens
    the one reached in the details sheet, as a tap does. Screen readers hear the point
    reached: it becomes the chart's accessible description (Qt reports the change)."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.setObjectName("chartKeys")
        self._owner = owner
        self._series: list[tuple[Any, Callable[[int], str]]] = []
        self.current = -1  # none yet: the first arrow goes to the first point
        self._ring: Any = None  # drawn round the point reached, once the arrows are used
        self._focus_colour = QColor(owner.palette().color(owner.palette().ColorRole.Highlight))
        owner.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        owner.installEventFilter(self)

    @staticmethod
    def of(owner: QWidget) -> ChartKeys:
        """The one ChartKeys of ``owner``, made on first use."""
        found = owner.findChild(ChartKeys, "chartKeys", Qt.FindChildOption.FindDirectChildrenOnly)
        return found if isinstance(found, ChartKeys) else ChartKeys(owner)

    def add(self, scatter: Any, text_for: Callable[[int], str]) -> None:
        self._series.append((scatter, text_for))

    def entries(self) -> list[tuple[Any, int, Callable[[int], str]]]:
        """Every point there is now, series by series (points are placed again on resize)."""
        return [(scatter, index, text_for) for scatter, text_for in self._series
                for index in range(len(scatter.data))]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is not self._owner or event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()  # type: ignore[attr-defined]
        entries = self.entries()
        if not entries:
            return False
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
            step = 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            self.current = (max(self.current, -1 if step > 0 else 0) + step) % len(entries)
            scatter, index, text_for = entries[self.current]
            text = text_for(index)
            self._owner.setAccessibleDescription(text.replace("\n", ". "))
            self._point_out(scatter, index)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current >= 0:
            _scatter, index, text_for = entries[self.current % len(entries)]
            QToolTip.hideText()
            show_details(self._owner, text_for(index))
            return True
        return False

    def _point_out(self, scatter: Any, index: int) -> None:
        """Show sighted keyboard users which point the arrows reached: a ring round it, in
        the focus ring's colour (the words are one Enter away, in the sheet)."""
        points = scatter.points()
        view_box = scatter.getViewBox()
        if index >= len(points) or view_box is None:
            return
        if self._ring is None:
            lib = pg()
            self._ring = lib.ScatterPlotItem(symbol="o", size=30, brush=None, pxMode=True,
                                             pen=lib.mkPen(self._focus_colour, width=3))
            self._ring.setZValue(20)
        if self._ring.getViewBox() is not view_box:
            if self._ring.getViewBox() is not None:
                self._ring.getViewBox().removeItem(self._ring)
            view_box.addItem(self._ring)
        pos = points[index].pos()
        self._ring.setData([pos.x()], [pos.y()])


def connect_point_tips(scatter: Any, text_for: Callable[[int], str], owner: QWidget) -> None:
    """A tap (or click) on a point opens its details in the window's sheet; a mouse hover
    also shows them as a tooltip. Touch screens have no hover, so the tap is the way; the
    keyboard's is ``ChartKeys`` (arrows, then Enter).

    ``text_for`` returns plain text (lines separated by newlines); it is escaped here.
    """
    ChartKeys.of(owner).add(scatter, text_for)

    def show(points: Sequence[Any], event: Any) -> None:
        # An exit event (pointer or finger left the plot) carries no position at all:
        # pyqtgraph's HoverEvent then has no _screenPos, so screenPos() raised
        # AttributeError on every tap on a touch screen. Ask for it only with a point.
        if len(points) == 0 or (hasattr(event, "isExit") and event.isExit()):
            QToolTip.hideText()
            return
        screen_pos: QPoint = event.screenPos().toPoint()
        QToolTip.showText(screen_pos, tooltip_text(text_for(int(points[0].index()))), owner)

    def clicked(_item: Any, points: Sequence[Any], event: Any) -> None:
        if len(points) == 0:
            return
        QToolTip.hideText()
        show_details(owner, text_for(int(points[0].index())))

    def hovered(_item: Any, points: Sequence[Any], event: Any) -> None:
        show(points, event)

    scatter.sigClicked.connect(clicked)
    scatter.sigHovered.connect(hovered)


class DataTable(QTableWidget):
    """A chart's text alternative: its data and sources as a read-only table."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
                 accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(len(rows), len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setAccessibleName(accessible_name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._headers = list(headers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                # No tooltip: cells wrap and rows grow, so every word is on screen already.
                self.setItem(r, c, QTableWidgetItem(text))
        self.fit_columns()

    def column_min_widths(self) -> list[int]:
        """Per column, the width of its longest single word (plus padding).

        Equal stretching cut long words ("Fibromyalgia", "Pharmaceuticals") with an
        ellipsis; wrapping between words is fine, cutting a word is not.
        """
        metrics = self.fontMetrics()
        bold = self.horizontalHeader().fontMetrics()
        pad = metrics.height()
        widths: list[int] = []
        for c in range(self.columnCount()):
            words = self._headers[c].split() if c < len(self._headers) else []
            longest = max((bold.horizontalAdvance(w) for w in words), default=0)
            for r in range(self.rowCount()):
                item = self.item(r, c)
                for word in (item.text().split() if item is not None else ()):
                    longest = max(longest, metrics.horizontalAdvance(word))
            widths.append(longest + pad)
        return widths

    def fit_columns(self) -> None:
        """Give every column its longest word, then share the rest by amount of text.

        A column sized to its contents (``ResizeToContents``) keeps that width; the others
        share what it leaves, so together they never run past the table's right edge.
        """
        if self.columnCount() == 0:
            return
        header = self.horizontalHeader()
        own_width = {c: max(self.sizeHintForColumn(c), header.sectionSizeHint(c))
                     for c in range(self.columnCount())
                     if header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents}
        minimums = self.column_min_widths()
        weights = []
        for c in range(self.columnCount()):
            cells = (self.item(r, c) for r in range(self.rowCount()))
            weights.append(0 if c in own_width
                           else 1 + sum(len(cell.text()) for cell in cells if cell is not None))
        shared = [c for c in range(self.columnCount()) if c not in own_width]
        room = self.viewport().width() - sum(own_width.values())
        spare = max(0, room - sum(minimums[c] for c in shared))
        total = sum(weights) or 1
        for c in shared:
            header.resizeSection(c, minimums[c] + spare * weights[c] // total)
        self.resizeRowsToContents()

    def content_height(self) -> int:
        """The height that shows every row with no inner scroll bar, so that the page
        scrolls and never the table: header, rows, frame, and a sideways bar if it shows."""
        header = self.horizontalHeader()
        bar = self.horizontalScrollBar()
        sideways = (self.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
                    and bar.maximum() > 0)
        return ((header.height() if header.isVisibleTo(self) else 0) + self.verticalHeader().length()
                + 2 * self.frameWidth() + (bar.sizeHint().height() if sideways else 0))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()

    def cell_texts(self) -> list[list[str]]:
        rows: list[list[str]] = []
        for r in range(self.rowCount()):
            cells = (self.item(r, c) for c in range(self.columnCount()))
            rows.append([cell.text() if cell is not None else "" for cell in cells])
        return rows


# --- word ticks that never overlap ---------------------------------------------------------
def fit_ticks(centres: Sequence[float], widths: Sequence[float], priorities: Sequence[int], *,
              gap: float, low: float, high: float) -> list[int]:
    """Indices of the tick labels to show, most important first (priority 1 before 2...).

    A label is kept only if it lies wholly within ``low``-``high`` (pixels along the axis)
    and stays ``gap`` pixels clear of every label already kept: on a narrow screen the
    less important words give way instead of printing over each other.
    """
    order = sorted(range(len(centres)), key=lambda i: (priorities[i], i))
    kept: list[int] = []
    for i in order:
        left, right = centres[i] - widths[i] / 2, centres[i] + widths[i] / 2
        if left < low or right > high:
            continue
        if any(left < centres[j] + widths[j] / 2 + gap and right + gap > centres[j] - widths[j] / 2
               for j in kept):
            continue
        kept.append(i)
    return sorted(kept)


def set_fitted_word_ticks(plot: Any, side: str, ticks: Sequence[tuple[float, str]],
                          priorities: Sequence[int] | None = None, *, log: bool = False,
                          gap_px: float = 12.0) -> list[str]:
    """Like ``set_word_ticks`` for a horizontal axis, but drops labels that would overlap.

    Call again whenever the plot is resized or restyled. Returns the labels shown.
    """
    from PySide6.QtGui import QFontMetricsF

    axis = plot.getPlotItem().getAxis(side)
    (x0, x1) = plot.getPlotItem().getViewBox().viewRange()[0]
    width = axis.geometry().width()
    values = [math.log10(v) if log else v for v, _ in ticks]
    font = axis.style.get("tickFont") or axis.font()
    metrics = QFontMetricsF(font)
    # A label may hold line breaks ("8\nweeks"): its width is its widest line.
    widths = [max(metrics.horizontalAdvance(line) for line in label.split("\n")) + 2 for _, label in ticks]
    span = (x1 - x0) or 1.0
    centres = [(v - x0) / span * width for v in values]
    keep = fit_ticks(centres, widths, priorities or [1] * len(ticks), gap=gap_px, low=0.0, high=width)
    axis.setTicks([[(values[i], ticks[i][1]) for i in keep], []])
    return [ticks[i][1] for i in keep]


def tick_label_rects(plot: Any, side: str) -> list[tuple[str, Any]]:
    """The tick labels an axis draws now, as (text, QRectF in scene coordinates).

    For tests and layout checks: the same computation pyqtgraph runs when painting.
    """
    from PySide6.QtGui import QImage, QPainter

    axis = plot.getPlotItem().getAxis(side)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        font = axis.style.get("tickFont")
        if font is not None:
            painter.setFont(font)
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    if specs is None:
        return []
    return [(text, axis.mapRectToScene(rect)) for rect, _flags, text in specs[2]]


def legend_icon(style: SeriesStyle, metrics: Metrics, outline: str = STANDARD_KEY.ink) -> Any:
    """A legend swatch: a short line in the series' dash with its marker in the middle."""
    from PySide6.QtCore import QPointF, QSize
    from PySide6.QtGui import QBrush, QIcon, QPainter, QPixmap

    lib = pg()
    size = round(marker_size(metrics))
    pixmap = QPixmap(QSize(size * 3, size + 4))
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(style.pen(line_width(metrics)))
    mid = pixmap.height() / 2
    painter.drawLine(QPointF(1, mid), QPointF(pixmap.width() - 1, mid))
    pen = QPen(QColor(outline))
    pen.setWidthF(1.5)
    pen.setCosmetic(True)  # symbols are drawn scaled: keep the outline thin
    symbol = lib.graphicsItems.ScatterPlotItem.renderSymbol(style.marker, size, pen,
                                                            QBrush(QColor(style.colour)))
    painter.drawImage(QPointF((pixmap.width() - symbol.width()) / 2, (pixmap.height() - symbol.height()) / 2),
                      symbol)
    painter.end()
    return QIcon(pixmap)
