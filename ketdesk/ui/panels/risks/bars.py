"""A horizontal bar chart in real units, painted with QPainter.

Used for the blood-pressure rise (mmHg) and for the dose comparison (mg). Each bar has its
words above it and its value in words at its end; a range is a solid bar to ``low`` and a
striped bar on to ``high``; "``low`` or more" ends in an arrow. Painting ourselves keeps the
labels wrapping inside the widget at any width, which a 1024x600 kiosk needs, and costs no
pyqtgraph import.

The layout is computed by ``layout_for(width)`` and used by both painting and the tests,
so a test checks the very rectangles that are drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ketdesk.content.schema.risks import Bar, BarChart
from ketdesk.ui.charts import chart_font, role_style
from ketdesk.ui.panels.risks.widgets import arrow_polygon, paint_span
from ketdesk.ui.sheet import show_details
from ketdesk.ui.text import tooltip_text
from ketdesk.ui.theme import Metrics, Theme

_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


@dataclass
class BarBox:
    bar: Bar
    label: QRect
    solid: QRect
    range_: QRect | None  # the striped part from low to high
    arrow: QRect | None  # the "or more" arrowhead
    value: QRect


@dataclass
class BarLayout:
    width: int
    height: int
    bars: list[BarBox] = field(default_factory=list)
    ticks: list[tuple[int, QRect, str]] = field(default_factory=list)  # x, label rect, text
    axis_y: int = 0
    axis_label: QRect = field(default_factory=QRect)

    def text_rects(self) -> list[QRect]:
        """Every rectangle holding words, for overlap checks."""
        rects = [r for box in self.bars for r in (box.label, box.value)]
        rects += [rect for _x, rect, _text in self.ticks]
        rects.append(self.axis_label)
        return rects


class RangeBarChart(QWidget):
    """Bars in one unit, from zero, with words; a tap opens a bar's details in the sheet
    (a mouse hover also shows them as a tooltip)."""

    def __init__(self, chart: BarChart, theme: Theme, metrics: Metrics,
                 tip_for: Callable[[Bar], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = chart
        self._theme = theme
        self._tip_for = tip_for
        self.setAccessibleName(chart.chart_name)
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.value_text}" for b in chart.bars))
        self.setMouseTracking(True)
        # Keyboard: Tab stops here, the arrow keys move between bars, Enter opens one.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.current = 0
        sp = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        # Layouts by width: Qt asks heightForWidth many times per layout pass, and painting
        # and every mouse move need the same rectangles again. Fonts change only in
        # set_metrics, which clears it.
        self._layouts: dict[int, BarLayout] = {}
        self.set_metrics(metrics)

    # --- sizes ----------------------------------------------------------------------
    def set_metrics(self, metrics: Metrics) -> None:
        self.metrics = metrics
        # Bar words are read like body text; tick numbers may be a little smaller.
        self.label_font = chart_font(metrics, 1.0)
        self.value_font = chart_font(metrics, 1.0, bold=True)
        self.tick_font = chart_font(metrics, 0.85)
        self._layouts.clear()
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self.layout_for(width).height

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.metrics.px(24)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.metrics.px(12)
        return QSize(width, self.heightForWidth(width))

    def layout_for(self, width: int) -> BarLayout:
        """Where everything goes at this width (computed once per width and size)."""
        found = self._layouts.get(width)
        if found is None:
            if len(self._layouts) >= 8:  # a window being resized asks at many widths
                self._layouts.clear()
            found = self._layouts[width] = self._compute_layout(width)
        return found

    def _compute_layout(self, width: int) -> BarLayout:
        m = self.metrics
        pad = m.px(0.2)
        gap = m.px(0.3)
        label_fm, value_fm, tick_fm = (QFontMetrics(f) for f in
                                       (self.label_font, self.value_font, self.tick_font))
        bar_h = max(14, m.px(1.0))
        arrow_w = round(bar_h * 0.6) + 2
        value_w = max(value_fm.horizontalAdvance(b.value_text) for b in self.data.bars)
        left = pad + tick_fm.horizontalAdvance(self.data.ticks[0].label) // 2 if self.data.ticks else pad
        right = max(left + 10, width - pad - value_w - gap - arrow_w)
        scale = (right - left) / self.data.x_max

        def x_at(value: float) -> int:
            return round(left + value * scale)

        out = BarLayout(width=width, height=0)
        y = pad
        text_w = max(10, width - 2 * pad)
        for bar in self.data.bars:
            label = label_fm.boundingRect(QRect(pad, y, text_w, 10_000), _WRAP, bar.label)
            label = QRect(pad, y, text_w, label.height())
            y = label.bottom() + 1 + gap // 2
            solid = QRect(left, y, max(2, x_at(bar.low) - left), bar_h)
            range_ = arrow = None
            end = solid.right() + 1
            if bar.high is not None:
                range_ = QRect(end, y, max(2, x_at(bar.high) - end), bar_h)
                end = range_.right() + 1
            if bar.open_high:
                arrow = QRect(end + 2, y, arrow_w - 2, bar_h)
                end = arrow.right() + 1
            vw = value_fm.horizontalAdvance(bar.value_text)
            value = QRect(end + gap, y + (bar_h - value_fm.height()) // 2, vw, value_fm.height())
            out.bars.append(BarBox(bar, label, solid, range_, arrow, value))
            y = max(solid.bottom(), value.bottom()) + 1 + gap + m.px(0.3)
        out.axis_y = y
        tick_len = max(4, m.px(0.25))
        tick_top = y + tick_len + 2
        for tick in self.data.ticks:
            x = x_at(tick.at)
            tw = tick_fm.horizontalAdvance(tick.label)
            out.ticks.append((x, QRect(x - tw // 2, tick_top, tw, tick_fm.height()), tick.label))
        y = tick_top + tick_fm.height() + gap
        axis = label_fm.boundingRect(QRect(pad, y, text_w, 10_000), _WRAP, self.data.axis_label)
        out.axis_label = QRect(pad, y, text_w, axis.height())
        out.height = out.axis_label.bottom() + 1 + pad
        return out

    # --- drawing --------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        lay = self.layout_for(self.width())
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = QColor(self._theme.text)
        grid = QColor(self._theme.border)
        m = self.metrics
        line_w = max(1.0, m.em / 16)
        stripe = max(6, m.px(0.35))
        top = lay.bars[0].solid.top() if lay.bars else 0
        # Light grid lines at each tick, behind the bars, so lengths can be read off.
        p.setPen(QPen(grid, line_w, Qt.PenStyle.DotLine))
        for x, _rect, _text in lay.ticks:
            p.drawLine(x, top, x, lay.axis_y)
        for box in lay.bars:
            colour = QColor(role_style(box.bar.role, self._theme).colour)
            p.setFont(self.label_font)
            p.setPen(text)
            p.drawText(box.label, _WRAP, box.bar.label)
            paint_span(p, box.solid, colour, "on", stripe, text, line_w)
            if box.range_ is not None:
                paint_span(p, box.range_, colour, "ending", stripe, text, line_w)
            if box.arrow is not None:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(text)
                p.drawPolygon(arrow_polygon(box.arrow.left(), box.arrow.center().y() + 0.5,
                                            box.arrow.height()))
            p.setFont(self.value_font)
            p.setPen(text)
            p.drawText(box.value, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       box.bar.value_text)
        # The axis: a line at zero level, ticks, their words, then the axis title.
        axis_pen = QPen(text, line_w)
        p.setPen(axis_pen)
        if lay.ticks:
            p.drawLine(lay.ticks[0][0], lay.axis_y, lay.ticks[-1][0], lay.axis_y)
        tick_len = max(4, m.px(0.25))
        p.setFont(self.tick_font)
        for x, rect, label in lay.ticks:
            p.drawLine(x, lay.axis_y, x, lay.axis_y + tick_len)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        p.setFont(self.label_font)
        p.drawText(lay.axis_label, _WRAP, self.data.axis_label)
        if self.hasFocus() and 0 <= self.current < len(lay.bars):
            box = lay.bars[self.current]
            ring = box.label.united(box.value).united(box.solid).adjusted(-3, -3, 3, 3)
            p.setPen(QPen(QColor(self._theme.focus), max(3, m.px(0.15))))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(ring)
        p.end()

    # --- details on tap and hover ---------------------------------------------------
    def bar_at(self, pos: QPoint) -> Bar | None:
        for box in self.layout_for(self.width()).bars:
            parts = [box.label, box.solid, box.value] + [r for r in (box.range_, box.arrow) if r]
            if any(r.adjusted(-2, -2, 2, 2).contains(pos) for r in parts):
                return box.bar
        return None

    def _show_tip(self, pos: QPoint, global_pos: QPoint) -> None:
        bar = self.bar_at(pos)
        if bar is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(global_pos, tooltip_text(self._tip_for(bar)), self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        # A tap (or click) opens the bar's details in the sheet: touch screens never hover.
        bar = self.bar_at(event.position().toPoint())
        if bar is not None:
            QToolTip.hideText()
            show_details(self, self._tip_for(bar))
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._show_tip(event.position().toPoint(), event.globalPosition().toPoint())
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        count = len(self.data.bars)
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left) and count:
            step = 1 if key in (Qt.Key.Key_Down, Qt.Key.Key_Right) else -1
            self.current = (self.current + step) % count
            bar = self.data.bars[self.current]
            # Screen readers hear the bar the arrows reached (the description changes).
            self.setAccessibleDescription(f"{bar.label}: {bar.value_text}")
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and count:
            show_details(self, self._tip_for(self.data.bars[self.current]))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.update()

    def font_sizes(self) -> list[int]:
        return [f.pixelSize() for f in (self.label_font, self.value_font, self.tick_font)]


__all__ = ["BarBox", "BarLayout", "RangeBarChart"]
