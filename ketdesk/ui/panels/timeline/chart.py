"""The efficacy timeline chart: time on a log scale, people out of 10, from content only.

Results (points with a number) are drawn against the scale: markers, lines between a
series' results, and bars for ranges. Events without a number ("improvement begins",
"effect fades") are never drawn as values: they get a shaded span or a dotted line
through the chart and a labelled marker in a strip above the top of the scale.

Words are laid out in pixels after every resize (see ``place``) so that no word
covers another word, a marker, a range bar or a line, from 1024x600 to 4K and from 100%
to 200% text. Words with no free place move into the key beneath the chart, marked on the
chart by a letter. The 0-10 scale never gets shorter than ``SCALE_EM`` lines of text:
the panel gives the chart at least ``minimum_height()`` and the page scrolls.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPen, QPixmap
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ketdesk.content.schema.pack import ContentPack
from ketdesk.content.schema.timeline import TimelineContent, TimelinePoint, TimelineSeries
from ketdesk.ui import charts
from ketdesk.ui.panels.timeline.key import ChartKey
from ketdesk.ui.panels.timeline.layout import best_split
from ketdesk.ui.panels.timeline.place import (
    LETTER,
    LETTERS,
    ONE,
    ROW_SPACING,
    TWO,
    ChartLabel,
    place_badge,
    place_tags,
    plan_strip,
)
from ketdesk.ui.panels.timeline.words import tip_lines, tip_text
from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.widgets import make_label

SCALE_EM = 10.0  # the 0-10 scale is never shorter than 10 lines of body text
STRIP_ROWS = 2  # rows of event words the chart always keeps room for


def _log(hours: float) -> float:
    return math.log10(hours)


def stacked(label: str) -> str:
    """A time tick as number over unit ("8" over "weeks"): half as wide, so more fit."""
    return label.replace(" ", "\n", 1)


@dataclass(frozen=True)
class _Frame:
    """Scene pixels of the plot area <-> view units (log10 hours, people out of 10)."""

    rect: QRectF
    x0: float
    x1: float
    y0: float
    y1: float

    def to_x(self, px: float) -> float:
        return self.x0 + (px - self.rect.left()) / self.rect.width() * (self.x1 - self.x0)

    def from_x(self, x: float) -> float:
        return self.rect.left() + (x - self.x0) / (self.x1 - self.x0) * self.rect.width()

    def to_y(self, py: float) -> float:
        return self.y1 - (py - self.rect.top()) / self.rect.height() * (self.y1 - self.y0)

    def from_y(self, y: float) -> float:
        return self.rect.top() + (self.y1 - y) / (self.y1 - self.y0) * self.rect.height()


class TimelineChart:
    """Builds and lays out the chart; the panel owns ``widget`` and the toggles."""

    def __init__(self, pack: ContentPack, numbers: Mapping[str, int], theme: Theme,
                 metrics: Metrics) -> None:
        self.pack = pack
        self.content = content = pack.content(TimelineContent)
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
        # Words that do not fit on the chart are listed here; the panel puts it under the
        # chart, outside the chart's fixed height, so that it never takes height from the plot.
        self.key = ChartKey()
        self.key.hide()
        self._key_state: tuple[tuple[str, str], ...] = ()
        self._key_allowed = True  # the panel's other views hide the key
        self._has_key = False

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
        self.view.sigResized.connect(self._view_resized)
        self._styled_for: Metrics | None = None
        self.apply_metrics(metrics)

    # --- building -----------------------------------------------------------------------
    def style_for(self, series: TimelineSeries) -> charts.SeriesStyle:
        return charts.role_style(self.content.role(series.legend), self.theme)

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
        lib = self._lib
        fill = QColor(self.theme.surface)
        fill.setAlpha(225)
        item = lib.TextItem(text=point.tag, color=self.theme.text, anchor=(0, 0), fill=fill)
        badge = lib.TextItem(text="", color=self.theme.text, anchor=(0, 0), fill=QColor(self.theme.surface),
                             border=self.theme.text)
        leader = lib.PlotCurveItem()
        for graphic, z in ((item, 20), (badge, 21), (leader, 15)):
            graphic.setZValue(z)
            graphic.hide()
            self.item.addItem(graphic, ignoreBounds=True)
        label = ChartLabel(series, point, item, badge, leader, self.key.add(point.tag), x, y)
        label.texts = {ONE: point.tag, TWO: point.tag}
        (self.event_labels if y is None else self.value_labels).append(label)

    # --- tooltips -----------------------------------------------------------------------
    def series(self, series_id: str) -> TimelineSeries:
        return next(s for s in self.content.series if s.id == series_id)

    def tip_for(self, series_id: str, spot_index: int) -> str:
        point = self.spot_points[series_id][spot_index]
        return tip_text(tip_lines(self.pack, self.numbers, self.series(series_id), point))

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
        if metrics != self._styled_for:
            self._restyle(metrics)
        self._request_relayout()

    def _view_resized(self) -> None:
        # The first placement at once, so that the first frame shows the words in place;
        # after that, the resizes of one layout pass are coalesced into one placement.
        if not self.shown_ticks and self.plot.isVisible():
            self.relayout()
        else:
            self._relayout_timer.start()

    def _request_relayout(self) -> None:
        """Lay the words out now if the chart is on screen; else once it has its size.

        A hidden chart (still being built, or on another page) has a provisional size:
        placing every word there would be thrown away when it is shown and resized.
        """
        if self.plot.isVisible():
            self.relayout()
        else:
            self._relayout_timer.start()

    def _restyle(self, metrics: Metrics) -> None:
        """Pens, fonts and word sizes for these metrics (the theme is fixed per chart)."""
        self._styled_for = metrics
        theme = self.theme
        charts.style_plot(self.plot, theme, metrics)
        charts.set_axis_label(self.plot, "bottom", self.content.time_axis.label, theme, metrics)
        self.item.getAxis("left").setWidth(max(36, metrics.px(2.2)))
        # Room for two-line tick words plus the axis label under them.
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
        outline = QPen(QColor(theme.text))
        outline.setWidthF(max(1.0, metrics.em / 16))
        outline.setCosmetic(True)
        leader = QPen(QColor(theme.muted))
        leader.setWidthF(max(1.0, width / 2))
        leader.setCosmetic(True)
        for label in (*self.event_labels, *self.value_labels):
            self._measure(label, strong if label.y is not None else body, strong)
            label.badge.border = outline
            label.leader.setPen(leader)
            label.entry.set_marker(self._marker_pixmap(self.style_for(label.series), metrics))
        self.key.apply_metrics(metrics)

    def _measure(self, label: ChartLabel, font: Any, badge_font: Any) -> None:
        """The words' sizes on one line and on two, and a letter's, in this font."""
        label.item.setFont(font)
        label.badge.setFont(badge_font)
        tag = label.point.tag
        label.texts = {ONE: tag, TWO: best_split(tag, QFontMetricsF(font).horizontalAdvance)}
        for form in (TWO, ONE):  # ends on one line, the usual form
            label.item.setText(label.texts[form])
            label.sizes[form] = label.item.textItem.boundingRect().size()
        label.badge.setText("M")  # about the widest letter: plans never run short
        label.sizes[LETTER] = label.badge.textItem.boundingRect().size()

    def _marker_pixmap(self, style: charts.SeriesStyle, metrics: Metrics) -> QPixmap:
        pen = QPen(QColor(self.theme.text))
        pen.setWidthF(max(1.0, metrics.em / 16))
        pen.setCosmetic(True)
        size = round(charts.marker_size(metrics))
        image = self._lib.graphicsItems.ScatterPlotItem.renderSymbol(style.marker, size, pen,
                                                                      QBrush(QColor(style.colour)))
        return QPixmap.fromImage(image)

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
    def minimum_height(self) -> int:
        """The plot widget's height that keeps the 0-10 scale at least ``SCALE_EM`` lines of
        text high, with room for two rows of event words above it and the time axis below."""
        m = self.metrics
        rect = self.view.sceneBoundingRect()
        # The axis' fixed height, not its current one: before the plot's first layout pass
        # (a page being built or just shown) that is still pyqtgraph's default.
        estimate = self.item.getAxis("bottom").minimumHeight() + m.px(0.5)
        overhead = self.plot.height() - rect.height() if rect.height() >= 40 else estimate
        return math.ceil(max(overhead, estimate) + self._strip_floor() + self._bottom_pad()
                         + SCALE_EM * m.em + 2)

    def _strip_floor(self) -> float:
        """Two rows of one-line event words: room the strip always has."""
        heights = [lab.sizes[ONE].height() for lab in self.event_labels if lab.sizes]
        return STRIP_ROWS * max(heights, default=0.0) * ROW_SPACING + 2 * self.metrics.px(0.25)

    def _bottom_pad(self) -> float:
        return charts.marker_size(self.metrics) * 0.8

    def relayout(self, *_args: object) -> None:
        """Fit the ranges, stack the event words, place the tags, pick the ticks that fit.

        No word is ever drawn over another word, a marker, a range bar or a line: words
        without a free place on the chart move to the key beneath it (see ``key``).
        """
        rect = self.view.sceneBoundingRect()
        if rect.width() < 40 or rect.height() < 40:
            return
        m = self.metrics
        marker = charts.marker_size(m)
        x0, x1 = self._x_range(rect.width(), marker)
        frame = _Frame(rect, x0, x1, 0.0, 1.0)

        # 1. Event words: rows in a strip above the scale, as many as the height allows.
        gap = m.px(0.8)  # between one event's words and the next event's marker
        pad = m.px(0.25)
        events = sorted((lab for lab in self.event_labels if self._shown(lab.series)), key=lambda lab: lab.x)
        room = min(rect.height() - self._bottom_pad() - SCALE_EM * m.em, rect.height() * 0.3)
        plan = plan_strip(events, frame.from_x, rect.left(), rect.right(), marker, gap,
                          max(self._strip_floor(), room) - 2 * pad)
        strip = plan.height + (2 * pad if plan.rows else pad)
        top_value = float(self.content.value_axis.denominator)
        span_y = top_value * rect.height() / max(1.0, rect.height() - self._bottom_pad() - strip)
        y1 = top_value + strip / rect.height() * span_y
        frame = _Frame(rect, x0, x1, y1 - span_y, y1)
        self.view.setRange(xRange=(x0, x1), yRange=(frame.y0, y1), padding=0)
        self.view.updateMatrix()  # pyqtgraph defers this to the next paint; the words need it now

        letters = list(reversed(LETTERS))  # pop() hands them out A, B, C...
        event_spots: dict[str, list[tuple[float, float, TimelinePoint]]] = {}
        taken: list[QRectF] = []
        obstacles: list[QRectF] = []
        for lab, spot in zip(events, plan.spots, strict=True):
            mid_y = rect.top() + pad + plan.row_height * (spot.row + 0.5)
            lab.in_key = spot.form == LETTER
            lab.leader_line = None
            if lab.in_key:
                lab.letter = letters.pop() if letters else ""
                lab.badge.setText(lab.letter)
                shown = lab.badge
            else:
                lab.letter = ""
                lab.item.setText(lab.texts[spot.form])
                shown = lab.item
            size = shown.textItem.boundingRect().size()
            shown.setAnchor((0, 0.5))
            shown.setPos(frame.to_x(spot.text_left), frame.to_y(mid_y))
            lab.rect = QRectF(spot.text_left, mid_y - size.height() / 2, size.width(), size.height())
            taken.append(lab.rect)
            obstacles.append(QRectF(spot.marker_x - marker / 2, mid_y - marker / 2, marker, marker))
            event_spots.setdefault(lab.series.id, []).append(
                (frame.to_x(spot.marker_x), frame.to_y(mid_y), lab.point))

        # 2. Markers for every shown series (results at their values, events in the strip).
        lines: list[QLineF] = []
        for series in self.content.series:
            self._set_spots(series, event_spots.get(series.id, []), marker)
            if not self._shown(series):
                continue
            for x, y, _point in self._value_spots(series):
                obstacles.append(QRectF(frame.from_x(x) - marker / 2, frame.from_y(y) - marker / 2,
                                        marker, marker))
            for point in series.points:
                if point.low is not None and point.high is not None:
                    px = frame.from_x(_log(self.content.hours(series, point.t)))
                    top = frame.from_y(point.high)
                    obstacles.append(QRectF(px - marker, top - marker / 2, 2 * marker,
                                            frame.from_y(point.low) - top + marker))
            if series.id in self.lines:
                xs, ys = self.lines[series.id].getData()
                pts = [QPointF(frame.from_x(float(x)), frame.from_y(float(y)))
                       for x, y in zip(xs, ys, strict=True)]
                lines.extend(QLineF(a, b) for a, b in itertools.pairwise(pts))
            bars = self.range_bars.get(series.id)
            if bars is not None:
                bars.setData(beam=marker / rect.width() * (x1 - x0))

        # 3. Tags beside results, clear of everything placed so far; else a letter + the key.
        area = QRectF(rect.left(), rect.top() + strip, rect.width(), rect.height() - strip)
        self._place_tags(frame, area, taken, obstacles, lines, letters)
        self._show_words(frame)

        # 4. Tick words: the important ones always, the others where they fit.
        ticks = self.content.time_axis.ticks
        shown_ticks = charts.set_fitted_word_ticks(
            self.plot, "bottom", [(t.at, stacked(t.label)) for t in ticks], [t.priority for t in ticks],
            log=True, gap_px=m.px(0.8))
        self.shown_ticks = [label.replace("\n", " ") for label in shown_ticks]

    def _place_tags(self, frame: _Frame, area: QRectF, taken: list[QRectF], obstacles: list[QRectF],
                    lines: list[QLineF], letters: list[str]) -> None:
        """Each result's tag on the chart where it is free; else its letter there, words in the key."""
        m = self.metrics
        marker = charts.marker_size(m)
        tags = [lab for lab in self.value_labels if self._shown(lab.series) and lab.y is not None]
        spots = [(QPointF(frame.from_x(x), frame.from_y(y)), p) for x, y, p in self._all_value_spots()]
        for lab in tags:
            lab.anchor = QPointF(frame.from_x(lab.x), frame.from_y(lab.y or 0.0))
            # Whose marker is whose: words beside a point must sit nearest to it.
            lab.own = [c for c, p in spots if p is lab.point]
            lab.others = [c for c, p in spots if p is not lab.point]
            is_range = lab.point.low is not None and lab.point.y is None
            lab.reach = (marker if is_range else marker / 2) + m.px(0.25)
            lab.max_leader = lab.reach + 2.5 * lab.sizes[ONE].height()
        placed = place_tags(tags, area, taken, obstacles, lines, marker / 2)
        for lab in tags:
            where = placed.words.get(id(lab))
            lab.in_key = where is None
            lab.letter = ""
            lab.leader_line = None
            if where is not None:
                form, placement = where
                lab.item.setText(lab.texts[form])
                lab.item.setAnchor((0, 0))
                lab.item.setPos(frame.to_x(placement.rect.left()), frame.to_y(placement.rect.top()))
                lab.rect = placement.rect
                lab.leader_line = placement.leader
        for lab in tags:
            if not lab.in_key or not letters:
                continue  # on the chart; or 26 words off it: the key lists the rest unlettered
            lab.badge.setText(letters[-1])
            badge_at = place_badge(lab, lab.badge.textItem.boundingRect().size(), area, placed, obstacles,
                                   marker / 2)
            if badge_at is None:
                continue  # no room even for a letter: the key shows the words and the marker
            lab.letter = letters.pop()
            lab.badge.setAnchor((0, 0))
            lab.badge.setPos(frame.to_x(badge_at.rect.left()), frame.to_y(badge_at.rect.top()))
            lab.rect = badge_at.rect
            lab.leader_line = badge_at.leader

    def _show_words(self, frame: _Frame) -> None:
        """Show each word where it was placed (on the chart, or as a letter and in the key)."""
        for lab in (*self.event_labels, *self.value_labels):
            shown = self._shown(lab.series)
            lab.item.setVisible(shown and not lab.in_key)
            lab.badge.setVisible(shown and lab.in_key and bool(lab.letter))
            line = lab.leader_line if shown else None
            if line is not None:
                lab.leader.setData(x=[frame.to_x(line.x1()), frame.to_x(line.x2())],
                                   y=[frame.to_y(line.y1()), frame.to_y(line.y2())])
            lab.leader.setVisible(line is not None)
            lab.entry.set_letter(lab.letter)
            lab.entry.setVisible(shown and lab.in_key)
            # The view's transform changed: bring the words up to date now, not at next
            # paint, so their scene rectangles are right for anyone who asks (the tests).
            lab.item.updateTransform(force=True)
            lab.badge.updateTransform(force=True)
        listed = [lab for lab in (*self.event_labels, *self.value_labels) if lab.entry.isVisibleTo(self.key)]
        # The key reads in letter order (events left to right, then tags); unlettered last.
        listed.sort(key=lambda lab: (not lab.letter, lab.letter))
        state = tuple((lab.letter, lab.point.tag) for lab in listed)
        self._has_key = bool(listed)
        self.key.setVisible(self._has_key and self._key_allowed)
        if state != self._key_state:
            self.key.set_order([lab.entry for lab in listed])
            self._key_state = state

    def allow_key(self, allowed: bool) -> None:
        """Show the key whenever it has words (the chart view), or never (other views)."""
        self._key_allowed = allowed
        self.key.setVisible(self._has_key and allowed)

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

    def _all_value_spots(self) -> list[tuple[float, float, TimelinePoint]]:
        """Every shown result's markers (for telling whose words are whose)."""
        return [spot for series in self.content.series if self._shown(series)
                for spot in self._value_spots(series)]

    def _set_spots(self, series: TimelineSeries, events: list[tuple[float, float, TimelinePoint]],
                   marker: float) -> None:
        spots = self._value_spots(series) + events
        style = self.style_for(series)
        # Shared pen and brush objects: fresh ones on every re-layout made pyqtgraph's symbol
        # atlas grow without bound in a kiosk (see charts.shared_pen).
        outline = charts.shared_pen(self.theme.text, max(1.0, self.metrics.em / 16))
        self.spot_points[series.id] = [p for _, _, p in spots]
        self.scatters[series.id].setData(
            x=[x for x, _, _ in spots], y=[y for _, y, _ in spots], symbol=style.marker,
            size=marker, pen=outline, brush=charts.shared_brush(style.colour))

    # --- for tests and the panel's layout checks ------------------------------------------
    def label_rects(self) -> list[tuple[str, QRectF]]:
        """Every visible chart word (event words, tags, letters) with its scene rectangle."""
        out = []
        for lab in (*self.event_labels, *self.value_labels):
            for item, name in ((lab.item, lab.point.tag), (lab.badge, f"{lab.letter} ({lab.point.tag})")):
                if item.isVisible():
                    out.append((name, item.mapRectToScene(item.boundingRect())))
        return out

    def key_words(self) -> list[tuple[str, str]]:
        """(letter, words) of every chart word now shown in the key beneath the chart."""
        listed = [(lab.letter, lab.point.tag) for lab in (*self.event_labels, *self.value_labels)
                  if lab.entry.isVisibleTo(self.key)]
        return sorted(listed, key=lambda pair: (not pair[0], pair[0]))
