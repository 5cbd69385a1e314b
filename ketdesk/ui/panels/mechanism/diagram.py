"""The synapse diagram widget: vector shapes, word labels, and eased moves between steps.

Shapes come from ``shapes`` in design units, scaled to the widget's width and
composited from per-part layers (``layers``); labels are placed by
``labels``. The widget's height follows its width *and* its words: when the
labels need more room than the picture leaves (large text, a small window) the diagram
grows taller and the page scrolls, instead of letting words overlap. An animation eases
every part's state from one step to the next.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QEasingCurve,
    QLineF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ketdesk.content.schema.mechanism import PartLabel
from ketdesk.ui.panels.mechanism import scene as sc
from ketdesk.ui.panels.mechanism.labels import (
    LabelBox,
    LabelFonts,
    LabelPainter,
    LabelPlan,
    line_width,
    plan_labels,
)
from ketdesk.ui.panels.mechanism.layers import PartLayers
from ketdesk.ui.panels.mechanism.shapes import DRAW_ORDER, key_areas
from ketdesk.ui.theme import Metrics, Theme

ANIMATION_MS = 450  # within the 300-600 ms a step change should take
SHRINK_STEPS = 3  # a widget held shorter than its words need: shrink the picture at most this often
PLANS_KEPT = 24  # label plans remembered, by width


class SynapseDiagram(QWidget):
    """Draws the cascade; ``set_states`` moves it to a new step, animated or at once."""

    animation_finished = Signal()

    def __init__(self, labels: Sequence[PartLabel], badges: Mapping[str, int | None], theme: Theme,
                 metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = {label.id: label for label in labels}
        self._badges = dict(badges)
        self._theme = theme
        self._metrics = metrics
        self._boxes: dict[str, LabelBox] = {}
        self._plans: dict[int, LabelPlan] = {}  # by width, the picture drawn full width
        self._transform = QTransform()
        self._plan: LabelPlan | None = None
        self._laid_out: tuple[LabelPlan, int, int] | None = None  # plan, width, height used
        states = sc.part_states(DRAW_ORDER, [], None)
        self._from = dict(states)
        self._to = dict(states)
        self._t = 1.0
        self._current_badge: int | None = None
        self._layers = PartLayers(QColor(theme.accent))
        self._warm_queue: list[tuple[str, LabelBox | None]] = []
        self._warm_key: tuple[float, float] = (0.0, 0.0)
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(0)  # after the resize storm, before the visitor steps
        self._warm_timer.timeout.connect(self._warm_caches)
        self._shrink_timer = QTimer(self)
        self._shrink_timer.setSingleShot(True)
        self._shrink_timer.setInterval(0)
        self._shrink_timer.timeout.connect(self._shrink_to_fit)
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
        self._fonts = LabelFonts.for_metrics(metrics)
        self._label_painter = LabelPainter(self._theme, metrics, self._fonts)
        self._plans.clear()
        self.setMinimumSize(QSize(metrics.px(16), metrics.px(10)))
        self._layout_labels()
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        """The picture's height at this width, plus any room its words need above or below."""
        return self._full_width_plan(width).height

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self._metrics.px(36)
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._layout_labels()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._layout_labels()

    def warm_up(self) -> None:
        """Finish warming the caches now (benchmarks measure the steady state)."""
        if not self._warm_timer.isActive():
            return
        self._warm_timer.stop()
        self._warm_caches()
        while self._warm_timer.isActive():
            self._warm_timer.stop()
            self._warm_caches()

    def _warm_caches(self) -> None:
        """After a resize, draw what step changes will need, one piece per idle moment.

        Each piece takes a few milliseconds; doing one per zero-timer tick lets paints and
        animation frames in between, so warming never shows as a stutter.
        """
        if not self._warm_queue:
            transform = self.design_transform()
            ratio = self.devicePixelRatioF()
            self._warm_queue = [*((part, None) for part in DRAW_ORDER),
                                *((part, box) for part, box in self._boxes.items())]
            self._warm_key = (transform.m11(), ratio)
        part, box = self._warm_queue.pop(0)
        transform = self.design_transform()
        ratio = self.devicePixelRatioF()
        if self._warm_key != (transform.m11(), ratio):
            self._warm_queue.clear()  # resized meanwhile: the next resize queued a new round
            return
        if box is None:
            self._layers.prepare(part, transform, ratio)
        else:
            anchor = transform.map(sc.label_anchor(part, self.states()[part].active))
            self._label_painter.prepare(box, anchor=anchor, anchor_moves=part in sc.MOVING_ANCHORS,
                                        ratio=ratio)
        if self._warm_queue:
            self._warm_timer.start()

    def design_transform(self) -> QTransform:
        """Design units to widget pixels: the picture across the width, labels' room around it."""
        return QTransform(self._transform)

    def _full_width_plan(self, width: int) -> LabelPlan:
        width = max(1, width)
        plan = self._plans.get(width)
        if plan is None:
            plan = plan_labels(self._labels, self._badges, self._fonts, self._metrics,
                               width=width, scale=width / sc.DESIGN_W)
            if len(self._plans) >= PLANS_KEPT:  # a window dragged wider asks for many widths
                del self._plans[next(iter(self._plans))]
            self._plans[width] = plan
        return plan

    def _layout_labels(self) -> None:
        if not self.isVisible():
            return  # laid out when shown, at the size its layout gives it (showEvent)
        plan = self._full_width_plan(self.width())
        if (self._laid_out is not None and self._laid_out[0] is plan
                and self._laid_out[1:] == (self.width(), self.height())):
            return  # shown again at the same size: keep the pictures already drawn
        self._laid_out = (plan, self.width(), self.height())
        if plan.height > self.height():
            # Shorter than its words need: nearly always only for a moment, while the page
            # lays itself out again (it then gets its heightForWidth). Shrink the picture
            # only if the widget is still this short once the layout has settled.
            self._shrink_timer.start()
        self._apply(plan.moved(max(0.0, (self.height() - plan.height) / 2)))

    def _shrink_to_fit(self) -> None:
        """The widget is held shorter than its words need: draw the picture smaller (the
        words keep their size), shrinking by the shortfall until the plan fits."""
        width, height = self.width(), self.height()
        plan = self._full_width_plan(width)
        if not self.isVisible() or plan.height <= height:
            return
        scale = width / sc.DESIGN_W
        for _ in range(SHRINK_STEPS):
            scale *= max(0.5, 1 - (plan.height - height) / max(1.0, sc.DESIGN_H * scale))
            plan = plan_labels(self._labels, self._badges, self._fonts, self._metrics,
                               width=width, scale=scale)
            if plan.height <= height:
                break
        self._apply(plan.moved(max(0.0, (height - plan.height) / 2)))

    def _apply(self, plan: LabelPlan) -> None:
        self._plan = plan
        self._boxes = plan.boxes
        self._transform = plan.transform
        self._layers.set_clip(QRectF(self.rect()))  # drawn again from the paths at the new size
        self._label_painter.clear()
        self._warm_queue.clear()
        self._warm_timer.start()
        self.update()

    # --- geometry, for tests -------------------------------------------------------------
    def label_rects(self) -> dict[str, QRectF]:
        """Each label's plate in widget pixels (for tests: inside the view, none overlapping)."""
        return {part: QRectF(box.rect) for part, box in self._boxes.items()}

    def label_leaders(self) -> dict[str, list[QLineF]]:
        """Each label's leader line as drawn in the state being shown (empty: none drawn)."""
        transform, states = self.design_transform(), self.states()
        out: dict[str, list[QLineF]] = {}
        for part, box in self._boxes.items():
            line = box.leader_to(transform.map(sc.label_anchor(part, states[part].active)))
            out[part] = [] if line is None else [line]
        return out

    def leader_dot_rects(self) -> dict[str, list[QRectF]]:
        """The dot at the end of each leader line, as a rectangle."""
        radius = line_width(self._metrics) * 2
        return {part: [QRectF(line.p2().x() - radius, line.p2().y() - radius, 2 * radius, 2 * radius)
                       for line in lines]
                for part, lines in self.label_leaders().items()}

    def key_rects(self) -> dict[str, list[QRectF]]:
        """The drawing's key parts (molecules, receptors, brake, ...) that no label may cover."""
        transform = self.design_transform()
        return {part: [transform.mapRect(area) for area in areas] for part, areas in key_areas().items()}

    def label_colours(self, *, dim: bool) -> tuple[QColor, ...]:
        """The colours a label's words are drawn in, full or dimmed (for contrast tests)."""
        return self._label_painter.colours(dim=dim)

    def labels_fit(self) -> bool:
        """Whether every label found a spot clear of the others and of the drawing."""
        return self._plan is not None and self._plan.ok and self._plan.height <= self.height()

    def label_text_rects(self, part: str) -> tuple[QRectF, QRectF]:
        """Where a label's name and gloss are drawn, in widget pixels (for tests)."""
        return self._boxes[part].text_rects()

    def label_text(self, part: str) -> tuple[str, str]:
        box = self._boxes[part]
        return box.name.text(), box.gloss.text()

    def label_font_px(self) -> int:
        return self._fonts.name.pixelSize()

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
        transform = self.design_transform()
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        for part in DRAW_ORDER:
            state = states[part]
            self._layers.draw(painter, part, state.active, state.emphasis, state.halo, transform, ratio)
        painter.setOpacity(1.0)
        for part, box in self._boxes.items():
            state = states[part]
            anchor = transform.map(sc.label_anchor(part, state.active))
            self._label_painter.draw(
                painter, box,
                # Labels of later steps are dimmed, still readable: the whole map is always there.
                strength=(state.emphasis - sc.DIM) / (sc.DONE - sc.DIM), current=state.halo >= 0.5,
                is_now=box.badge is not None and box.badge == self._current_badge,
                anchor=anchor, anchor_moves=part in sc.MOVING_ANCHORS, ratio=ratio)
        if self.hasFocus():
            pen = QPen(QColor(theme.focus), max(3, self._metrics.px(0.15)))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = pen.widthF() / 2
            painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
