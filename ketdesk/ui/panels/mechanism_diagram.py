"""The synapse diagram widget: vector shapes, word labels, and eased moves between steps.

Shapes come from ``mechanism_shapes`` in design units and are scaled to fit the widget.
Labels are sized from the app's text metrics (not from the picture's scale), so they stay
readable from two metres at every window size; they are laid out once per resize, kept
inside the widget and pushed apart until none overlaps another.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QEasingCurve,
    QLineF,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ketdesk.content.schema.mechanism import PartLabel
from ketdesk.fonts import FAMILY
from ketdesk.qt_workarounds import protect_none_refcount
from ketdesk.ui.panels import mechanism_scene as sc
from ketdesk.ui.panels.mechanism_shapes import DRAW_ORDER, Shape, part_shapes
from ketdesk.ui.theme import Metrics, Theme

ANIMATION_MS = 450  # within the 300-600 ms a step change should take
HALO = 16.0  # design units added around a highlighted part's outline


@dataclass
class LabelBox:
    """One laid-out label: its plate in widget pixels and the prepared text inside."""

    part: str
    rect: QRectF
    name: QStaticText
    gloss: QStaticText
    name_at: QPointF  # relative to rect.topLeft()
    gloss_at: QPointF
    badge: int | None
    badge_rect: QRectF  # relative to rect.topLeft()


class SynapseDiagram(QWidget):
    """Draws the cascade; ``set_states`` moves it to a new step, animated or at once."""

    animation_finished = Signal()

    def __init__(self, labels: Sequence[PartLabel], badges: Mapping[str, int | None], theme: Theme,
                 metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Painting makes hundreds of void Qt calls a frame: never run without this guard,
        # even where the QApplication was not made by ketdesk.app (tests, benchmarks).
        protect_none_refcount()
        self._labels = {label.id: label for label in labels}
        self._badges = dict(badges)
        self._theme = theme
        self._metrics = metrics
        self._boxes: dict[str, LabelBox] = {}
        states = sc.part_states(DRAW_ORDER, [], None)
        self._from = dict(states)
        self._to = dict(states)
        self._t = 1.0
        self._current_badge: int | None = None
        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setDuration(ANIMATION_MS)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self.animation.valueChanged.connect(self._on_value)
        self.animation.finished.connect(self._on_finished)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.set_metrics(metrics)

    # --- state -------------------------------------------------------------------------
    def set_states(self, states: Mapping[str, sc.PartState], *, animate: bool,
                   current_badge: int | None) -> None:
        """Move to ``states``: eased over ANIMATION_MS, or at once when not animating."""
        now = self.states()
        self.animation.stop()
        self._from = now
        self._to = dict(states)
        self._current_badge = current_badge
        if animate:
            self._t = 0.0
            self.animation.start()
        else:
            self._t = 1.0
            self._from = dict(self._to)
            self.update()

    def states(self) -> dict[str, sc.PartState]:
        """Every part's state as drawn right now (between two steps while animating)."""
        if self._t >= 1.0:
            return dict(self._to)
        return {p: self._from[p].mix(self._to[p], self._t) for p in self._to}

    def target_states(self) -> dict[str, sc.PartState]:
        return dict(self._to)

    def highlighted(self) -> set[str]:
        """Parts lit at full strength in the state being shown (or moved to)."""
        return {p for p, s in self._to.items() if s.halo >= 1.0}

    def is_animating(self) -> bool:
        return self.animation.state() == QVariantAnimation.State.Running

    def _on_value(self, value: object) -> None:
        self._t = float(value)  # type: ignore[arg-type]
        self.update()

    def _on_finished(self) -> None:
        self._t = 1.0
        self._from = dict(self._to)
        self.update()
        self.animation_finished.emit()

    # --- size and layout ---------------------------------------------------------------
    def set_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._name_font, self._gloss_font = self._fonts()
        self._badge_font = QFont(self._name_font)
        self._badge_font.setPixelSize(max(10, round(QFontMetricsF(self._name_font).height() * 0.62)))
        self.setMinimumSize(QSize(metrics.px(16), metrics.px(10)))
        self._layout_labels()
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return round(width * sc.DESIGN_H / sc.DESIGN_W)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self._metrics.px(36)
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._layout_labels()

    def design_transform(self) -> QTransform:
        """Design units to widget pixels: uniform scale, centred."""
        scale = min(self.width() / sc.DESIGN_W, self.height() / sc.DESIGN_H)
        dx = (self.width() - sc.DESIGN_W * scale) / 2
        dy = (self.height() - sc.DESIGN_H * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def _fonts(self) -> tuple[QFont, QFont]:
        name = QFont(FAMILY)
        name.setPixelSize(self._metrics.em)
        name.setBold(True)
        gloss = QFont(FAMILY)
        gloss.setPixelSize(self._metrics.small)
        return name, gloss

    def _layout_labels(self) -> None:
        """Place every label box in widget pixels: at its slot, inside the widget, apart."""
        name_font, gloss_font = self._name_font, self._gloss_font
        name_fm, gloss_fm = QFontMetricsF(name_font), QFontMetricsF(gloss_font)
        transform = self.design_transform()
        scale = transform.m11()
        pad = self._metrics.px(0.3)
        badge_d = name_fm.height()
        boxes: dict[str, LabelBox] = {}
        for part in DRAW_ORDER:
            label = self._labels.get(part)
            if label is None:
                continue
            slot = sc.LABEL_SLOTS[part]
            badge = self._badges.get(part)
            indent = badge_d + pad if badge is not None else 0.0
            max_w = max(slot.width * scale, name_fm.horizontalAdvance("M") * 6)
            name_size = _text_size(name_fm, label.name, max_w - indent)
            gloss_text = f"({label.gloss})"
            gloss_size = _text_size(gloss_fm, gloss_text, max_w)
            inner_w = max(indent + name_size.width(), gloss_size.width())
            name_h = max(name_size.height(), badge_d)
            size = QSize(round(inner_w + 2 * pad + 1), round(name_h + gloss_size.height() + 2 * pad + 1))
            rect = _aligned(QRectF(0, 0, size.width(), size.height()), transform.map(slot.at), slot.align)
            name = _static(label.name, name_font, name_size.width() + 1)
            gloss = _static(gloss_text, gloss_font, gloss_size.width() + 1)
            badge_rect = QRectF(pad, pad + (name_h - badge_d) / 2, badge_d, badge_d)
            boxes[part] = LabelBox(
                part, rect, name, gloss,
                QPointF(pad + indent, pad + (name_h - name_size.height()) / 2),
                QPointF(pad, pad + name_h), badge, badge_rect)
        _separate(list(boxes.values()), QRectF(self.rect()), gap=self._metrics.px(0.2))
        self._boxes = boxes

    def label_rects(self) -> dict[str, QRectF]:
        """Each label's plate in widget pixels (for tests: inside the view, none overlapping)."""
        return {part: QRectF(box.rect) for part, box in self._boxes.items()}

    def label_text_rects(self, part: str) -> tuple[QRectF, QRectF]:
        """Where a label's name and gloss are drawn, in widget pixels (for tests)."""
        box = self._boxes[part]
        origin = box.rect.topLeft()
        return (QRectF(origin + box.name_at, box.name.size()),
                QRectF(origin + box.gloss_at, box.gloss.size()))

    def label_text(self, part: str) -> tuple[str, str]:
        box = self._boxes[part]
        return box.name.text(), box.gloss.text()

    def label_font_px(self) -> int:
        return self._name_font.pixelSize()

    # --- painting ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            self.paint(painter)
        finally:
            painter.end()

    def paint(self, painter: QPainter) -> None:
        theme = self._theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), QColor(theme.surface))
        states = self.states()
        painter.save()
        painter.setTransform(self.design_transform())
        for part in DRAW_ORDER:
            state = states[part]
            shapes = part_shapes(part, state.active)
            halo = state.halo
            painter.setOpacity(max(0.0, min(1.0, state.emphasis)))
            if halo > 0.01:
                _draw_halo(painter, shapes, QColor(theme.accent), halo)
            for shape in shapes:
                _draw_shape(painter, shape)
        painter.restore()
        painter.setOpacity(1.0)
        transform = self.design_transform()
        for part, box in self._boxes.items():
            state = states[part]
            self._paint_label(painter, box, state, transform.map(sc.label_anchor(part, state.active)))
        if self.hasFocus():
            pen = QPen(QColor(theme.focus), max(3, self._metrics.px(0.15)))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = pen.widthF() / 2
            painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))

    def _paint_label(self, painter: QPainter, box: LabelBox, state: sc.PartState, anchor: QPointF) -> None:
        theme = self._theme
        m = self._metrics
        # Labels of later steps stay faintly readable, so the whole map is always visible.
        painter.setOpacity(max(0.45, min(1.0, state.emphasis)))
        current = state.halo >= 0.5
        line_w = max(1.5, m.em / 12)
        if sc.LABEL_SLOTS[box.part].leader and not box.rect.contains(anchor):
            painter.setPen(QPen(QColor(theme.text), line_w))
            start = _nearest_on_rect(box.rect, anchor)
            painter.drawLine(QLineF(start, anchor))
            painter.setBrush(QColor(theme.text))
            painter.drawEllipse(anchor, line_w * 2, line_w * 2)
        border = QColor(theme.accent) if current else QColor(theme.border)
        painter.setPen(QPen(border, max(2.0, m.em / 8) if current else max(1.0, m.em / 20)))
        plate = QColor(theme.surface)
        plate.setAlphaF(0.92)
        painter.setBrush(plate)
        radius = m.px(0.25)
        painter.drawRoundedRect(box.rect, radius, radius)
        origin = box.rect.topLeft()
        if box.badge is not None:
            badge = box.badge_rect.translated(origin)
            is_now = box.badge == self._current_badge
            painter.setPen(QPen(QColor(theme.accent), max(1.5, m.em / 12)))
            painter.setBrush(QColor(theme.accent) if is_now else QColor(theme.surface))
            painter.drawEllipse(badge)
            painter.setPen(QColor(theme.accent_text if is_now else theme.accent))
            painter.setFont(self._badge_font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(box.badge))
        # A QStaticText draws in the painter's font, whatever font it was prepared with.
        painter.setFont(self._name_font)
        painter.setPen(QColor(theme.text))
        painter.drawStaticText(origin + box.name_at, box.name)
        painter.setFont(self._gloss_font)
        painter.setPen(QColor(theme.muted))
        painter.drawStaticText(origin + box.gloss_at, box.gloss)


def _text_size(fm: QFontMetricsF, text: str, max_width: float) -> QRectF:
    flags = int(Qt.TextFlag.TextWordWrap)
    return fm.boundingRect(QRectF(0, 0, max(1.0, max_width), 1e6), flags, text)


def _static(text: str, font: QFont, width: float) -> QStaticText:
    # Laid out once per resize; drawing a prepared QStaticText is the cheap path per frame.
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)  # content words are never markup
    static.setTextWidth(width)
    static.prepare(QTransform(), font)
    return static


def _aligned(rect: QRectF, at: QPointF, align: str) -> QRectF:
    """``rect`` moved so that its ``align`` point ("tl", "b", "r", ...) sits on ``at``."""
    x = at.x() - (rect.width() if "r" in align else 0 if "l" in align else rect.width() / 2)
    y = at.y() - (rect.height() if "b" in align else 0 if "t" in align else rect.height() / 2)
    return QRectF(x, y, rect.width(), rect.height())


def _clamp(rect: QRectF, bounds: QRectF) -> QRectF:
    x = min(max(rect.left(), bounds.left()), bounds.right() - rect.width())
    y = min(max(rect.top(), bounds.top()), bounds.bottom() - rect.height())
    return QRectF(max(x, bounds.left()), max(y, bounds.top()), rect.width(), rect.height())


def _separate(boxes: list[LabelBox], bounds: QRectF, *, gap: float) -> None:
    """Nudge overlapping boxes apart, vertically first (labels read as a column)."""
    for box in boxes:
        box.rect = _clamp(box.rect, bounds)
    for _ in range(60):
        moved = False
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                grown = a.rect.adjusted(-gap, -gap, gap, gap)
                if not grown.intersects(b.rect):
                    continue
                moved = True
                inter = grown.intersected(b.rect)
                lower, upper = (b, a) if b.rect.center().y() >= a.rect.center().y() else (a, b)
                if inter.height() <= inter.width():
                    shift = inter.height() / 2 + 0.5
                    lower.rect.translate(0, shift)
                    upper.rect.translate(0, -shift)
                else:
                    right, left = (b, a) if b.rect.center().x() >= a.rect.center().x() else (a, b)
                    shift = inter.width() / 2 + 0.5
                    right.rect.translate(shift, 0)
                    left.rect.translate(-shift, 0)
                lower.rect = _clamp(lower.rect, bounds)
                upper.rect = _clamp(upper.rect, bounds)
        if not moved:
            return


def _nearest_on_rect(rect: QRectF, point: QPointF) -> QPointF:
    return QPointF(min(max(point.x(), rect.left()), rect.right()),
                   min(max(point.y(), rect.top()), rect.bottom()))


def _draw_shape(painter: QPainter, shape: Shape) -> None:
    if shape.tube > 0:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if shape.outline is not None:
            painter.setPen(QPen(shape.outline, shape.tube, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPath(shape.path)
        if shape.fill is not None:
            inner = max(1.0, shape.tube - 2 * shape.width)
            painter.setPen(QPen(shape.fill, inner, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPath(shape.path)
        return
    painter.setBrush(QBrush(shape.fill) if shape.fill is not None else Qt.BrushStyle.NoBrush)
    if shape.outline is not None:
        pen = QPen(shape.outline, shape.width)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if shape.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPath(shape.path)


def _draw_halo(painter: QPainter, shapes: list[Shape], colour: QColor, strength: float) -> None:
    colour = QColor(colour)
    colour.setAlphaF(0.35 * strength)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for shape in shapes:
        width = (shape.tube or shape.width) + HALO * strength
        painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(shape.path)
