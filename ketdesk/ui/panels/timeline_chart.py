"""The efficacy timeline chart: time on a log scale, people out of 10, from content only.

Results (points with a number) are drawn against the scale: markers, lines between a
series' results, and bars for ranges. Events without a number ("improvement begins",
"effect fades") are never drawn as values: they get a shaded span or a dotted line
through the chart and a labelled marker in a strip above the top of the scale.

Words are laid out in pixels after every resize (see ``timeline_layout``) so that event
labels, point tags and tick labels never overlap, from 1024x600 to 4K.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ketdesk.content.schema.pack import ContentPack
from ketdesk.content.schema.timeline import TimelinePoint, TimelineSeries
from ketdesk.ui import charts
from ketdesk.ui.panels.timeline_layout import assign_rows, clamp_span, place_label
from ketdesk.ui.panels.timeline_words import tip_html, tip_lines
from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.widgets import make_label


@dataclass
class ChartLabel:
    """A tag drawn on the chart: for an event (in the strip) or beside a result."""

    series: TimelineSeries
    point: TimelinePoint
    item: Any  # pyqtgraph TextItem
    x: float  # log10 hours: the event's middle, or the result's time
    y: float | None  # the result's value (or the middle of its range); None for events
    rect: QRectF = field(default_factory=QRectF)  # scene pixels after layout


def _log(hours: float) -> float:
    return math.log10(hours)


def stacked(label: str) -> str:
    """A time tick as number over unit ("8" over "weeks"): half as wide, so more fit."""
    return label.replace(" ", "\n", 1)


class TimelineChart:
    """Builds and lays out the chart; the panel owns ``widget`` and the toggles."""

    def __init__(self, pack: ContentPack, numbers: Mapping[str, int], theme: Theme,
                 metrics: Metrics) -> None:
        self.pack = pack
        self.content = content = pack.timeline
        self.numbers = numbers
        self.theme = theme
        self.metrics = metrics
        lib = charts.pg()
        self._lib = lib
        self.plot = charts.make_plot(theme, metrics)
        self.plot.setAccessibleName(content.controls.chart_name)
        self.plot.setAccessibleDescription(content.controls.chart_description)
        self.item = self.plot.getPlotItem()
        self.item.setLogMode(x=True, y=False)
        self.view = self.item.getViewBox()
        self.view.disableAutoRange()
        self.item.showGrid(x=False, y=True, alpha=0.18)

        self.lines: dict[str, Any] = {}  # series id -> PlotDataItem (data in hours, log mode)
        self.scatters: dict[str, Any] = {}  # series id -> ScatterPlotItem (x in log10 hours)
        self.spot_points: dict[str, list[TimelinePoint]] = {}  # scatter spot -> its point
        self.range_bars: dict[str, Any] = {}
        self.event_items: dict[str, list[Any]] = {}
        self.legend_items: dict[str, list[Any]] = {e.id: [] for e in content.legend}
        self.event_labels: list[ChartLabel] = []
        self.value_labels: list[ChartLabel] = []
        self.shown_ticks: list[str] = []
        self._hidden: set[str] = set()

        # The top of the scale: events are labelled above this line, results below it.
        self.scale_top = lib.InfiniteLine(pos=content.value_axis.denominator, angle=0, movable=False)
        self.item.addItem(self.scale_top)
        for series in content.series:
            self._add_series(series)

        # The value axis is named by a caption above the chart (read level, not sideways);
        # the panel puts it in the row with the view toggles.
        self.caption = make_label(content.value_axis.label, "lead")
        self.caption.setObjectName("timelineValueCaption")
        self.widget = QWidget()
        self.widget.setObjectName("timelineChart")
        box = QVBoxLayout(self.widget)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.plot, 1)
        charts.set_word_ticks(self.plot, "left", [(t.at, t.label) for t in content.value_axis.ticks])
        # A resize arrives several times while the window settles: lay out once after.
        self._relayout_timer = QTimer()
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self.relayout)
        self.view.sigResized.connect(self._relayout_timer.start)
        self.apply_metrics(metrics)

    # --- building -----------------------------------------------------------------------
    def style_for(self, series: TimelineSeries) -> charts.SeriesStyle:
        return charts.series_style(self.content.legend_index(series.legend), self.theme)

    def _add_series(self, series: TimelineSeries) -> None:
        lib = self._lib
        owned = self.legend_items[series.legend]
        hours = [self.content.hours(series, p.t) for p in series.points]
        valued = [(h, p) for h, p in zip(hours, series.points, strict=True) if p.y is not None]
        if series.style in ("line", "dashed") and len(valued) >= 2:
            line = lib.PlotDataItem(x=[h for h, _ in valued], y=[p.y for _, p in valued])
            line.setZValue(5)
            self.item.addItem(line)  # the plot's log mode applies to its x data
            self.lines[series.id] = line
            owned.append(line)
        ranged = [(h, p) for h, p in zip(hours, series.points, strict=True) if p.low is not None]
        if ranged:
            import numpy as np  # only here, on first show, like pyqtgraph itself

            bars = lib.ErrorBarItem(x=np.array([_log(h) for h, _ in ranged]),
                                    y=np.array([p.low for _, p in ranged], dtype=float),
                                    top=np.array([(p.high or 0) - (p.low or 0) for _, p in ranged]),
                                    bottom=np.zeros(len(ranged)))
            bars.setZValue(6)
            self.item.addItem(bars)
            self.range_bars[series.id] = bars
            owned.append(bars)
        self.event_items[series.id] = []
        for h, point in zip(hours, series.points, strict=True):
            if point.has_value:
                if point.tag:
                    self._add_label(series, point, _log(h), self._value_anchor(point))
                continue
            if point.t_end is not None:
                end = self.content.hours(series, point.t_end)
                mark = lib.LinearRegionItem(values=(_log(h), _log(end)), movable=False)
                mark.setZValue(-10)
                centre = (_log(h) + _log(end)) / 2
            else:
                mark = lib.InfiniteLine(pos=_log(h), angle=90, movable=False)
                mark.setZValue(-5)
                centre = _log(h)
            self.item.addItem(mark)
            self.event_items[series.id].append(mark)
            owned.append(mark)
            self._add_label(series, point, centre, None)
        scatter = lib.ScatterPlotItem(hoverable=True, tip=None, pxMode=True)
        scatter.setZValue(10)
        self.item.addItem(scatter)
        self.scatters[series.id] = scatter
        self.spot_points[series.id] = []
        owned.append(scatter)
        sid = series.id
        charts.connect_point_tips(scatter, lambda index: self.tip_for(sid, index), self.plot)

    @staticmethod
    def _value_anchor(point: TimelinePoint) -> float:
        if point.y is not None:
            return point.y
        return ((point.low or 0.0) + (point.high or 0.0)) / 2

    def _add_label(self, series: TimelineSeries, point: TimelinePoint, x: float, y: float | None) -> None:
        if not point.tag:
            return
        fill = QColor(self.theme.surface)
        fill.setAlpha(225)
        item = self._lib.TextItem(text=point.tag, color=self.theme.text, anchor=(0, 0), fill=fill)
        item.setZValue(20)
        self.item.addItem(item, ignoreBounds=True)
        label = ChartLabel(series, point, item, x, y)
        (self.event_labels if y is None else self.value_labels).append(label)
        self.legend_items[series.legend].append(item)

    # --- tooltips -----------------------------------------------------------------------
    def series(self, series_id: str) -> TimelineSeries:
        return next(s for s in self.content.series if s.id == series_id)

    def tip_for(self, series_id: str, spot_index: int) -> str:
        point = self.spot_points[series_id][spot_index]
        return tip_html(tip_lines(self.pack, self.numbers, self.series(series_id), point))

    # --- legend ---------------------------------------------------------------------------
    def set_legend_visible(self, legend_id: str, visible: bool) -> None:
        if visible:
            self._hidden.discard(legend_id)
        else:
            self._hidden.add(legend_id)
        for graphic in self.legend_items[legend_id]:
            graphic.setVisible(visible)
        self.relayout()

    def is_legend_visible(self, legend_id: str) -> bool:
        return legend_id not in self._hidden

    def _shown(self, series: TimelineSeries) -> bool:
        return series.legend not in self._hidden

    # --- size and style -----------------------------------------------------------------
    def apply_metrics(self, metrics: Metrics) -> None:
        self.metrics = metrics
        theme = self.theme
        charts.style_plot(self.plot, theme, metrics)
        charts.set_axis_label(self.plot, "bottom", self.content.time_axis.label, theme, metrics)
        self.item.getAxis("left").setWidth(max(36, metrics.px(2.2)))
        # Room for two-line tick words plus the axis label under them.
        from PySide6.QtGui import QFontMetricsF

        line = QFontMetricsF(charts.chart_font(metrics)).lineSpacing()
        self.item.getAxis("bottom").setHeight(round(line * 3.3 + metrics.px(0.5)))
        width = charts.line_width(metrics)
        border = QPen(QColor(theme.muted))
        border.setWidthF(max(1.0, width / 2))
        border.setCosmetic(True)
        self.scale_top.setPen(border)
        for series in self.content.series:
            style = self.style_for(series)
            if series.id in self.lines:
                pen = style.pen(width)
                if series.style == "dashed":
                    pen.setStyle(Qt.PenStyle.DashLine)
                self.lines[series.id].setPen(pen)
            if series.id in self.range_bars:
                self.range_bars[series.id].setData(pen=style.pen(width * 1.6))
            for mark in self.event_items[series.id]:
                self._style_event(mark, style, width)
        body = charts.chart_font(metrics)
        strong = charts.chart_font(metrics, 0.9, bold=True)
        for label in self.event_labels:
            label.item.setFont(body)
        for label in self.value_labels:
            label.item.setFont(strong)
        self.relayout()

    def _style_event(self, mark: Any, style: charts.SeriesStyle, width: float) -> None:
        colour = QColor(style.colour)
        if isinstance(mark, self._lib.LinearRegionItem):
            colour.setAlpha(45)
            brush = QBrush(colour)
            mark.setBrush(brush)
            mark.setHoverBrush(brush)
            edge = style.pen(max(1.0, width / 2))
            for line in mark.lines:
                line.setPen(edge)
                line.setHoverPen(edge)
        else:
            pen = style.pen(max(1.0, width * 0.75))
            pen.setStyle(Qt.PenStyle.DotLine)
            mark.setPen(pen)

    # --- layout ---------------------------------------------------------------------------
    def relayout(self, *_args: object) -> None:
        """Fit the ranges, stack the event labels, place the tags, pick the ticks that fit."""
        rect = self.view.sceneBoundingRect()
        if rect.width() < 40 or rect.height() < 40:
            return
        m = self.metrics
        marker = charts.marker_size(m)
        left, top, width, height = rect.left(), rect.top(), rect.width(), rect.height()
        x0, x1 = self._x_range(width, marker)

        def to_x(px: float) -> float:
            return x0 + (px - left) / width * (x1 - x0)

        def from_x(x: float) -> float:
            return left + (x - x0) / (x1 - x0) * width

        # 1. Event labels: rows in a strip above the scale.
        gap = m.px(0.5)
        events = [lab for lab in self.event_labels if self._shown(lab.series)]
        events.sort(key=lambda lab: lab.x)
        sizes = [self._text_size(lab) for lab in events]
        spans = [clamp_span(from_x(lab.x), marker + gap / 2 + size.width(), left, left + width)
                 for lab, size in zip(events, sizes, strict=True)]
        rows = assign_rows(spans, gap)
        row_h = max((s.height() for s in sizes), default=0.0) * 1.05
        n_rows = max(rows, default=-1) + 1
        pad = m.px(0.25)
        strip = n_rows * row_h + (2 * pad if n_rows else pad)
        bottom_pad = marker * 0.8
        top_value = float(self.content.value_axis.denominator)
        span_y = top_value * height / max(1.0, height - bottom_pad - strip)
        y1 = top_value + strip / height * span_y
        y0 = y1 - span_y
        self.view.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self.view.updateMatrix()  # pyqtgraph defers this to the next paint; the words need it now

        def to_y(py: float) -> float:
            return y1 - (py - top) / height * span_y

        def from_y(y: float) -> float:
            return top + (y1 - y) / span_y * height

        event_spots: dict[str, list[tuple[float, float, TimelinePoint]]] = {}
        taken: list[QRectF] = []
        for lab, size, (span_left, span_right), row in zip(events, sizes, spans, rows, strict=True):
            mid_y = top + pad + row_h * (row + 0.5)
            text_left = span_left + marker + gap / 2
            lab.item.setAnchor((0, 0.5))
            lab.item.setPos(to_x(text_left), to_y(mid_y))
            lab.rect = QRectF(span_left, mid_y - size.height() / 2, span_right - span_left, size.height())
            taken.append(lab.rect)
            event_spots.setdefault(lab.series.id, []).append((to_x(span_left + marker / 2), to_y(mid_y),
                                                              lab.point))

        # 2. Markers for every shown series (results at their values, events in the strip).
        obstacles: list[QRectF] = []
        lines: list[QLineF] = []
        for series in self.content.series:
            self._set_spots(series, event_spots.get(series.id, []), marker)
            if not self._shown(series):
                continue
            for x, y, _point in self._value_spots(series):
                obstacles.append(QRectF(from_x(x) - marker / 2, from_y(y) - marker / 2, marker, marker))
            for point in series.points:
                if point.low is not None and point.high is not None:
                    px = from_x(_log(self.content.hours(series, point.t)))
                    obstacles.append(QRectF(px - marker, from_y(point.high) - marker / 2, 2 * marker,
                                            from_y(point.low) - from_y(point.high) + marker))
            if series.id in self.lines:
                xs, ys = self.lines[series.id].getData()
                pts = [QPointF(from_x(float(x)), from_y(float(y))) for x, y in zip(xs, ys, strict=True)]
                lines.extend(QLineF(a, b) for a, b in itertools.pairwise(pts))
            bars = self.range_bars.get(series.id)
            if bars is not None:
                bars.setData(beam=marker / width * (x1 - x0))

        # 3. Tags beside results, clear of everything placed so far.
        area = QRectF(left, top + strip, width, height - strip)
        for lab in self.value_labels:
            if not self._shown(lab.series) or lab.y is None:
                continue
            size = self._text_size(lab)
            anchor = QPointF(from_x(lab.x), from_y(lab.y))
            is_range = lab.point.low is not None and lab.point.y is None
            reach = (marker if is_range else marker / 2) + m.px(0.25)
            placed = place_label(anchor, size, reach, area, taken, obstacles, lines)
            lab.item.setAnchor((0, 0))
            lab.item.setPos(to_x(placed.left()), to_y(placed.top()))
            lab.rect = placed
            taken.append(placed)

        # The view's transform changed: bring every word up to date now, not at next paint,
        # so their scene rectangles are right for anyone who asks (the layout tests).
        for lab in (*self.event_labels, *self.value_labels):
            lab.item.updateTransform(force=True)

        # 4. Tick words: the important ones always, the others where they fit.
        ticks = self.content.time_axis.ticks
        shown = charts.set_fitted_word_ticks(
            self.plot, "bottom", [(t.at, stacked(t.label)) for t in ticks], [t.priority for t in ticks],
            log=True, gap_px=m.px(0.8))
        self.shown_ticks = [label.replace("\n", " ") for label in shown]

    def _x_range(self, width: float, marker: float) -> tuple[float, float]:
        """The time axis range in log10 hours, padded so end labels and markers fit."""
        from PySide6.QtGui import QFontMetricsF

        axis = self.content.time_axis
        a, b = _log(axis.start), _log(axis.end)
        fm = QFontMetricsF(charts.chart_font(self.metrics))
        first, last = axis.ticks[0], axis.ticks[-1]
        half_first = max(fm.horizontalAdvance(w) for w in stacked(first.label).split("\n")) / 2 + 4
        half_last = max(fm.horizontalAdvance(w) for w in stacked(last.label).split("\n")) / 2 + 4
        pad_l = pad_r = marker
        for _ in range(4):  # the padding changes the scale, which changes the padding
            scale = (width - pad_l - pad_r) / (b - a)
            pad_l = max(marker, half_first - (_log(first.at) - a) * scale)
            pad_r = max(marker, half_last - (b - _log(last.at)) * scale)
        scale = (width - pad_l - pad_r) / (b - a)
        return a - pad_l / scale, b + pad_r / scale

    def _text_size(self, label: ChartLabel) -> QSizeF:
        return label.item.textItem.boundingRect().size()

    def _value_spots(self, series: TimelineSeries) -> list[tuple[float, float, TimelinePoint]]:
        spots = []
        for point in series.points:
            x = _log(self.content.hours(series, point.t))
            if point.y is not None:
                spots.append((x, point.y, point))
            elif point.low is not None and point.high is not None:
                spots.append((x, point.low, point))
                spots.append((x, point.high, point))
        return spots

    def _set_spots(self, series: TimelineSeries, events: list[tuple[float, float, TimelinePoint]],
                   marker: float) -> None:
        spots = self._value_spots(series) + events
        style = self.style_for(series)
        outline = QPen(QColor(self.theme.text))
        outline.setWidthF(max(1.0, self.metrics.em / 16))
        outline.setCosmetic(True)  # symbols are drawn scaled: keep the outline thin
        self.spot_points[series.id] = [p for _, _, p in spots]
        self.scatters[series.id].setData(
            x=[x for x, _, _ in spots], y=[y for _, y, _ in spots], symbol=style.marker,
            size=marker, pen=outline, brush=QBrush(QColor(style.colour)))

    # --- for tests and the panel's layout checks ------------------------------------------
    def label_rects(self) -> list[tuple[str, QRectF]]:
        """Every visible chart word (event labels, tags) with its scene rectangle."""
        out = []
        for lab in (*self.event_labels, *self.value_labels):
            if lab.item.isVisible():
                out.append((lab.point.tag, lab.item.mapRectToScene(lab.item.boundingRect())))
        return out
