"""The session chart: side effects and care over the first hours, one row ("lane") each.

A lane is a row of time spans (solid: it is there; striped: it fades and stops somewhere
in here) and markers (its peak, a check, going home), each with its source. There is no
value axis on purpose: the studies give timings, not measured curves, so the chart shows
*when*, and the numbers are in words beside it and in its table.

pyqtgraph is imported only through ``charts.pg()`` when ``SessionChartView.build()`` runs,
which the panel calls on its first show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from ketdesk.content.schema.core import Point
from ketdesk.content.schema.risks import Lane, SessionChart, Span
from ketdesk.ui import charts
from ketdesk.ui.panels.risks.widgets import arrow_polygon, paint_span
from ketdesk.ui.sheet import show_details
from ketdesk.ui.text import tooltip_text
from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.visual_key import key_for

BAR_HALF = 0.17  # half a bar's height, in lane units (lanes are 1 apart)


def lane_y(index: int, count: int) -> float:
    """Lanes read top to bottom in content order; pyqtgraph's y grows upwards."""
    return float(count - 1 - index)


class SpanItem(QGraphicsObject):
    """One span as a bar in data coordinates, painted in device pixels (crisp stripes, arrow)."""

    def __init__(self, span: Span, y: float, t_max: float, colour: str, theme: Theme, *,
                 half: float = BAR_HALF, outline: bool = True) -> None:
        super().__init__()
        self.span = span
        self.centre = y
        self.half = half
        self.t_max = t_max
        self.colour = QColor(colour)
        self._outline = QColor(theme.text)
        self._draw_outline = outline
        self.stripe = 8
        self.pen_width = 2.0
        # Bars wider than the chart end in an arrow: "it goes on past 3 hours".
        self.continues = span.end > t_max
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresParentOpacity, True)

    def data_rect(self) -> QRectF:
        end = min(self.span.end, self.t_max)
        return QRectF(self.span.start, self.centre - self.half, end - self.span.start, 2 * self.half)

    def place(self, y: float, half: float) -> None:
        self.prepareGeometryChange()
        self.centre, self.half = y, half
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.data_rect()

    def paint(self, painter: QPainter, option: Any, widget: Any = None) -> None:
        device = painter.transform().mapRect(self.data_rect()).toAlignedRect()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_span(painter, device, self.colour, self.span.kind, self.stripe,
                   self._outline if self._draw_outline else None, self.pen_width)
        if self.continues:
            size = device.height() * 0.8
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._outline)
            painter.drawPolygon(arrow_polygon(device.right() - size * 0.6 - 2,
                                              device.center().y() + 0.5, size))
        painter.restore()


@dataclass
class MarkLabel:
    """The short word above a lane's markers ("strongest", "check") and where it belongs."""

    item: Any  # pg.TextItem
    t: float
    y: float


class SessionChartView(QWidget):
    """Holds the pyqtgraph plot once built; until then it only reserves its height."""

    def __init__(self, data: SessionChart, theme: Theme, metrics: Metrics,
                 tip_for_span: Callable[[Lane, Span], str],
                 tip_for_mark: Callable[[Lane, Point], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.theme = theme
        self.metrics = metrics
        self._tip_for_span = tip_for_span
        self._tip_for_mark = tip_for_mark
        self.plot: Any = None
        self.spans: list[SpanItem] = []
        self.drip_item: SpanItem | None = None
        self.scatters: list[tuple[Lane, Any, tuple[Point, ...]]] = []  # lane, scatter, points
        self.labels: list[MarkLabel] = []
        self.drip_text: Any = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setAccessibleName(data.chart_name)
        self.setAccessibleDescription(self.description())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._apply_height()

    @property
    def built(self) -> bool:
        return self.plot is not None

    def description(self) -> str:
        """What the chart says, for screen readers, in the content's words: its note, then
        each row's bars and markers as their details read (when the odd feelings and the
        blood-pressure rise come, when staff check, when you may go home)."""
        parts = [self.data.note]
        for lane in self.data.lanes:
            parts.extend(self._tip_for_span(lane, span) for span in lane.spans)
            parts.extend(self._tip_for_mark(lane, point) for series in lane.marks for point in series.points)
        return " ".join(" ".join(part.split()) for part in parts if part.strip())

    # --- building ---------------------------------------------------------------------
    def build(self) -> None:
        """Create the plot (first show only): this is where pyqtgraph gets imported."""
        if self.built:
            return
        pg = charts.pg()
        self.plot = plot = charts.make_plot(self.theme, self.metrics, self)
        plot.setAccessibleName(self.data.chart_name)
        plot.setAccessibleDescription(self.accessibleDescription())
        view = plot.getPlotItem().getViewBox()
        # fit_ranges sets both ranges; auto-range would recompute the bounds of every item
        # as it is added.
        view.disableAutoRange()
        count = len(self.data.lanes)
        # The drip, shaded behind every lane.
        drip = Span(start=self.data.drip.start, end=self.data.drip.end, kind="on",
                    detail=self.data.drip.detail, source=self.data.drip.source)
        ground = key_for(self.theme.name).span_ground
        self.drip_item = SpanItem(drip, (count - 1) / 2, self.data.t_max, ground,
                                  self.theme, half=count / 2, outline=False)
        self.drip_item.setZValue(-10)
        view.addItem(self.drip_item)
        self.drip_text = pg.TextItem(self.data.drip_label, color=self.theme.text, anchor=(0.5, 0))
        view.addItem(self.drip_text)
        for index, lane in enumerate(self.data.lanes):
            style = charts.role_style(lane.role, self.theme, index)
            y = lane_y(index, count)
            for span in lane.spans:
                item = SpanItem(span, y, self.data.t_max, style.colour, self.theme)
                view.addItem(item)
                self.spans.append(item)
            for series in lane.marks:
                scatter = pg.ScatterPlotItem(
                    x=[p.t for p in series.points], y=[y] * len(series.points), symbol=style.marker,
                    brush=pg.mkBrush(style.colour), pen=pg.mkPen(self.theme.text, width=2),
                    hoverable=True, tip=None)
                scatter.setZValue(10)
                view.addItem(scatter)
                points = series.points
                charts.connect_point_tips(scatter, self._mark_tip_text(lane, points), self)
                self.scatters.append((lane, scatter, points))
                # One word per series, centred over its markers.
                t_mid = sum(p.t for p in points) / len(points)
                text = pg.TextItem(series.label, color=self.theme.text, anchor=(0.5, 1))
                text.setZValue(11)
                view.addItem(text)
                self.labels.append(MarkLabel(text, t_mid, y))
        charts.set_word_ticks(plot, "bottom", [(t.at, t.label) for t in self.data.ticks])
        charts.set_word_ticks(plot, "left", [(lane_y(i, count), lane.label)
                                             for i, lane in enumerate(self.data.lanes)])
        view.sigResized.connect(lambda _view: self.fit_ranges())
        scene = plot.scene()
        scene.sigMouseMoved.connect(self._hover)
        scene.sigMouseClicked.connect(lambda event: self._tapped(event.scenePos()))
        self._layout.addWidget(plot)
        self.apply_metrics(self.metrics)

    # --- sizes ----------------------------------------------------------------------
    def _apply_height(self) -> None:
        lanes = len(self.data.lanes)
        self.setFixedHeight(self.metrics.px(3.2 * lanes + 5.0))

    def apply_metrics(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self._apply_height()
        if not self.built:
            return
        plot = self.plot
        charts.style_plot(plot, self.theme, metrics)
        charts.set_axis_label(plot, "bottom", self.data.time_label, self.theme, metrics)
        font = charts.chart_font(metrics)
        bold = charts.chart_font(metrics, bold=True)
        left = plot.getPlotItem().getAxis("left")
        widest = max(QFontMetrics(font).horizontalAdvance(lane.label) for lane in self.data.lanes)
        left.setWidth(widest + metrics.px(1.0))
        bottom = plot.getPlotItem().getAxis("bottom")
        bottom.setHeight(QFontMetrics(font).height() + QFontMetrics(bold).height() + metrics.px(0.8))
        stripe = max(6, metrics.px(0.35))
        width = max(1.5, metrics.em / 12)
        for item in [*self.spans, *([self.drip_item] if self.drip_item else [])]:
            item.stripe = stripe
            item.pen_width = width
            item.update()
        for _lane, scatter, _points in self.scatters:
            scatter.setSize(charts.marker_size(metrics) * 1.3)
        for label in self.labels:
            label.item.setFont(bold)
        self.drip_text.setFont(bold)
        self.fit_ranges()

    def fit_ranges(self) -> None:
        """Fit the view so every word and marker is inside it, whatever the widget's size.

        Margins are needed in pixels (half a word's width at the edges, the words above the
        top lane) but the view is set in data units, so convert with the current size.
        """
        if not self.built:
            return
        view = self.plot.getPlotItem().getViewBox()
        w = max(1.0, view.width())
        h = max(1.0, view.height())
        edge = charts.marker_size(self.metrics) * 0.7 + 4
        t_max = self.data.t_max
        tick_fm = QFontMetrics(charts.chart_font(self.metrics))
        at_start = [self._size(lb.item).width() for lb in self.labels if lb.t <= 0]
        at_start += [tick_fm.horizontalAdvance(t.label) for t in self.data.ticks if t.at <= 0]
        at_end = [self._size(lb.item).width() for lb in self.labels if lb.t >= t_max]
        at_end += [tick_fm.horizontalAdvance(t.label) for t in self.data.ticks if t.at >= t_max]
        need_left = max([edge] + [width / 2 + 2 for width in at_start])
        need_right = max([edge] + [width / 2 + 2 for width in at_end])
        # Solve  left_px = (0 - x0) * k  and  right_px = (x1 - t_max) * k  with  k = w / (x1 - x0).
        span = t_max * w / max(1.0, w - need_left - need_right)
        x0 = -need_left * span / w
        x1 = x0 + span
        count = len(self.data.lanes)
        word_h = max([self._size(lb.item).height() for lb in self.labels]
                     + [self._size(self.drip_text).height()])
        above = 2 * word_h + 2  # a marker word, then the drip word on top
        below = self.metrics.px(0.6)
        lanes_px = max(1.0, h - above - below)
        unit = lanes_px / (count - 1 + 2 * BAR_HALF) if count > 0 else 1.0
        y0 = -BAR_HALF - below / unit
        y1 = lane_y(0, count) + BAR_HALF + above / unit
        view.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        # Words sit just above their bar (their own margin is the gap), the drip word on top.
        for lb in self.labels:
            lb.item.setPos(lb.t, lb.y + BAR_HALF)
        if self.drip_item is not None:
            self.drip_item.place((y0 + y1) / 2, (y1 - y0) / 2)
            self.drip_text.setPos((self.data.drip.start + self.data.drip.end) / 2, y1)

    @staticmethod
    def _size(item: Any) -> QRectF:
        """A TextItem's drawn size in pixels (its text plus the text item's own margin)."""
        return QRectF(item.textItem.boundingRect())

    def text_rects(self) -> list[QRectF]:
        """Scene rectangles of every word drawn inside the plot (marker words, the drip word)."""
        if not self.built:
            return []
        view = self.plot.getPlotItem().getViewBox()
        out = []
        for item in [lb.item for lb in self.labels] + [self.drip_text]:
            size = self._size(item)
            anchor = item.anchor
            at = view.mapViewToScene(item.pos())
            out.append(QRectF(at.x() - anchor.x() * size.width(), at.y() - anchor.y() * size.height(),
                              size.width(), size.height()))
        return out

    def _mark_tip_text(self, lane: Lane, points: tuple[Point, ...]) -> Callable[[int], str]:
        return lambda index: self._tip_for_mark(lane, points[index])

    # --- details on hover and tap -------------------------------------------------------
    def span_at(self, scene_pos: QPointF) -> SpanItem | None:
        view = self.plot.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        # Markers show their own tip (connect_point_tips); do not cover it with the bar's.
        for _lane, scatter, _points in self.scatters:
            if len(scatter.pointsAt(view.mapSceneToView(scene_pos))) > 0:
                return None
        for item in self.spans:
            if item.sceneBoundingRect().adjusted(0, -2, 0, 2).contains(scene_pos):
                return item
        return None

    def _hover(self, scene_pos: QPointF, screen_pos: Any = None) -> None:
        item = self.span_at(scene_pos)
        if item is None:
            return
        lane = next(lane for lane in self.data.lanes if item.span in lane.spans)
        if screen_pos is None:
            screen_pos = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos))
        QToolTip.showText(QPointF(screen_pos).toPoint(),
                          tooltip_text(self._tip_for_span(lane, item.span)), self)

    def _tapped(self, scene_pos: QPointF) -> None:
        """A tap on a bar opens its details in the sheet (markers open their own)."""
        item = self.span_at(scene_pos)
        if item is None:
            return
        lane = next(lane for lane in self.data.lanes if item.span in lane.spans)
        QToolTip.hideText()
        show_details(self, self._tip_for_span(lane, item.span))

    # --- what tests and the table read ------------------------------------------------
    def span_data(self) -> list[tuple[str, float, float, str, str]]:
        """(lane id, start, end, kind, source) of every drawn bar."""
        out: list[tuple[str, float, float, str, str]] = []
        for item in self.spans:
            lane = next(lane for lane in self.data.lanes if item.span in lane.spans)
            out.append((lane.id, item.span.start, item.span.end, item.span.kind, item.span.source))
        return out

    def mark_data(self) -> list[tuple[str, list[float], list[float]]]:
        """(lane id, x values, y values) of every drawn marker series."""
        out: list[tuple[str, list[float], list[float]]] = []
        for lane, scatter, _points in self.scatters:
            xs, ys = scatter.getData()
            out.append((lane.id, [float(x) for x in xs], [float(y) for y in ys]))
        return out

