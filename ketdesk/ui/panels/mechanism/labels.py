"""The words on the synapse picture: sized from the text metrics, placed clear of each
other and of the drawing, drawn from a cache.

Each part's label is a plate with a step-number badge, the part's name and, under it, its
plain gloss in brackets. Labels are sized from the app's text metrics (not the picture's
scale) so they read from two metres at every window size and text size. ``plan_labels``
places them with ``placement``: near their slot in the design where there is
room, otherwise above or below the picture, where the diagram grows taller (the page
scrolls) rather than letting words pile up on each other or on the drawing.

A label's look changes only between steps, so each look is drawn once into an image, with
its leader line when the part it points at does not move. A label of a later step is
dimmed by its colours (still 4.5:1 against its plate), never by see-through: its plate
stays opaque so no outline shows through the words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QStaticText, QTransform

from ketdesk.content.schema.mechanism import PartLabel
from ketdesk.fonts import FAMILY
from ketdesk.ui.colour import contrast_ratio, mix
from ketdesk.ui.geometry import Point, Rect
from ketdesk.ui.panels.mechanism import placement as mp
from ketdesk.ui.panels.mechanism import scene as sc
from ketdesk.ui.panels.mechanism.layers import clear_image
from ketdesk.ui.panels.mechanism.shapes import key_areas, part_shapes
from ketdesk.ui.theme import Metrics, Theme
from ketdesk.ui.visual_key import key_for

# The crowded middle of the picture first, then the labels at its edges, which can move
# out above or below it most easily.
PLACEMENT_ORDER: tuple[str, ...] = ("nmda", "glutamate", "ampa", "synapses", "bdnf", "brake",
                                    "ketamine", "sender", "gaba", "receiver")
MOVING_ANCHOR_SAMPLES = 5  # points along a moving part's path that its leader is checked at
BAND_EM = 14.0  # room above and below the picture offered to labels
NARROW_EM = 20.0  # a diagram narrower than this many em goes straight to the column layout
DIM_CONTRAST = 4.8  # dimmed words against their plate: WCAG AA (4.5:1) with a margin


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
    body: QRectF | None = None  # a big cell: a label touching it needs no leader line

    def text_rects(self) -> tuple[QRectF, QRectF]:
        origin = self.rect.topLeft()
        return (QRectF(origin + self.name_at, self.name.size()),
                QRectF(origin + self.gloss_at, self.gloss.size()))

    def leader_to(self, anchor: QPointF) -> QLineF | None:
        """The leader line from this label to ``anchor``, or None when none is drawn.

        The same rule as ``placement.leaders_for``, which placed the label.
        """
        if self.body is not None and self.rect.intersects(self.body):
            return None
        if self.rect.contains(anchor):
            return None
        return QLineF(_nearest_on_rect(self.rect, anchor), anchor)

    def moved(self, dx: float, dy: float) -> LabelBox:
        return replace(self, rect=self.rect.translated(dx, dy),
                       body=None if self.body is None else self.body.translated(dx, dy))


@dataclass(frozen=True)
class LabelFonts:
    name: QFont  # body size, bold: the part's name
    gloss: QFont  # small size: the plain explanation
    badge: QFont  # the step number in its circle

    @staticmethod
    def for_metrics(metrics: Metrics) -> LabelFonts:
        name = QFont(FAMILY)
        name.setPixelSize(metrics.em)
        name.setBold(True)
        gloss = QFont(FAMILY)
        gloss.setPixelSize(metrics.small)
        badge = QFont(name)
        badge.setPixelSize(max(10, round(QFontMetricsF(name).height() * 0.62)))
        return LabelFonts(name, gloss, badge)


@dataclass(frozen=True)
class LabelPlan:
    """Labels placed for one widget size: the boxes, the picture's transform, the height."""

    boxes: dict[str, LabelBox]
    transform: QTransform  # design units to widget pixels
    height: int  # the widget height this plan needs
    ok: bool  # every label found a spot clear of everything

    def moved(self, dy: float) -> LabelPlan:
        """The same plan with everything ``dy`` pixels lower (a taller widget, centred)."""
        if dy == 0:
            return self
        t = self.transform
        return LabelPlan({p: b.moved(0, dy) for p, b in self.boxes.items()},
                         QTransform(t.m11(), 0, 0, t.m22(), t.dx(), t.dy() + dy),
                         self.height + round(dy), self.ok)


def line_width(metrics: Metrics) -> float:
    """A leader line's width; its end dot has twice this radius."""
    return max(1.5, metrics.em / 12)


def plan_labels(labels: Mapping[str, PartLabel], badges: Mapping[str, int | None], fonts: LabelFonts,
                metrics: Metrics, *, width: float, scale: float) -> LabelPlan:
    """Place every label for a widget ``width`` px wide, the picture drawn at ``scale``.

    The picture is centred across the width; labels that find no room on it go above or
    below it, and the plan's height grows to hold them. Where that search finds no spot
    for some label (a very narrow diagram), every label goes in a column beside a smaller
    picture instead, where no leader can cross a label.
    """
    boxes = {part: _sized_box(part, label, badges.get(part), fonts, metrics, scale)
             for part, label in labels.items()}
    em = float(metrics.em)
    if width >= NARROW_EM * em:
        plan = _plan_around(boxes, metrics, width=width, scale=scale)
        if plan.ok:
            return plan
    return _plan_in_column(boxes, metrics, width=width)


def _plan_around(boxes: dict[str, LabelBox], metrics: Metrics, *, width: float, scale: float) -> LabelPlan:
    """Labels on and around the full-width picture, near their slots where there is room."""
    picture_w, picture_h = sc.DESIGN_W * scale, sc.DESIGN_H * scale
    transform = QTransform(scale, 0, 0, scale, (width - picture_w) / 2, 0)
    em = float(metrics.em)
    edge = _edge(metrics)
    line_w = line_width(metrics)
    bodies = _bodies(boxes, transform)
    requests = []
    for part in [p for p in PLACEMENT_ORDER if p in boxes] + [p for p in boxes if p not in PLACEMENT_ORDER]:
        box, slot = boxes[part], sc.LABEL_SLOTS[part]
        at = _aligned(box.rect, transform.map(slot.at), slot.align)
        requests.append(mp.LabelRequest(part, (box.rect.width(), box.rect.height()), (at.x(), at.y()),
                                        _anchors(part, transform), bodies.get(part)))
    keys = tuple((part, _rect(transform.mapRect(area)))
                 for part, areas in key_areas().items() for area in areas)
    band = BAND_EM * em
    field = mp.Field(bounds=(edge, -band, width - edge, picture_h + band),
                     free=(0.0, edge, width, picture_h - edge), keys=keys,
                     gap=_gap(metrics), clearance=line_w * 3, step=em, unit=em)
    placement = mp.place_labels(requests, field)
    top = min(0.0, placement.top - edge)
    bottom = max(picture_h, placement.bottom + edge)
    shift = -top
    placed = {}
    for part, box in boxes.items():
        left, y, right, low = placement.placed[part].rect
        placed[part] = replace(box, rect=QRectF(left, y + shift, right - left, low - y),
                               body=_qrect(bodies.get(part), shift))
    return LabelPlan(placed, QTransform(scale, 0, 0, scale, transform.dx(), shift),
                     math.ceil(bottom - top), placement.ok)


def _plan_in_column(boxes: dict[str, LabelBox], metrics: Metrics, *, width: float) -> LabelPlan:
    """Every label in one column at the left, the picture in what width is left beside it.

    Every plate is as wide as the column, so each leader runs rightwards from the column's
    right edge into the picture and can never cross a label (they are all left of it);
    labels are stacked in the order of the heights their leaders end at, so leaders seldom
    cross each other. Always succeeds.
    """
    em = float(metrics.em)
    edge, gap = _edge(metrics), _gap(metrics)
    column_w = max(box.rect.width() for box in boxes.values())
    left = edge + column_w + em  # the picture starts a text line's width right of the column
    scale = max(3 * em, width - edge - left) / sc.DESIGN_W
    column_h = sum(box.rect.height() for box in boxes.values()) + gap * (len(boxes) - 1)
    picture_h = sc.DESIGN_H * scale
    top = edge + max(0.0, (column_h - picture_h) / 2)
    transform = QTransform(scale, 0, 0, scale, left, top)

    def anchor_y(part: str) -> float:
        points = _anchors(part, transform)
        return sum(y for _, y in points) / len(points)

    placed = {}
    y = edge + max(0.0, (picture_h - column_h) / 2)
    bodies = _bodies(boxes, transform)
    for part in sorted(boxes, key=anchor_y):
        box = boxes[part]
        # Every plate as wide as the column: all leaders start from the same right edge.
        placed[part] = replace(box, rect=QRectF(edge, y, column_w, box.rect.height()),
                               body=_qrect(bodies.get(part), 0.0))
        y += box.rect.height() + gap
    height = math.ceil(max(y - gap, top + picture_h) + edge)
    return LabelPlan(placed, transform, height, True)


def _edge(metrics: Metrics) -> float:
    return max(4.0, metrics.em / 4)  # off the widget's edges (and its focus ring)


def _gap(metrics: Metrics) -> float:
    return max(4.0, metrics.em * 0.3)  # between two labels


def _anchors(part: str, transform: QTransform) -> tuple[Point, ...]:
    """Where a part's leader ends, at several points along the way if the part moves."""
    samples = MOVING_ANCHOR_SAMPLES if part in sc.MOVING_ANCHORS else 1
    return tuple(_point(transform.map(sc.label_anchor(part, i / max(1, samples - 1))))
                 for i in range(samples))


def _bodies(boxes: Mapping[str, LabelBox], transform: QTransform) -> dict[str, Rect]:
    """The big cells a label may sit on instead of pointing at them (widget pixels)."""
    return {part: _rect(transform.mapRect(_part_bounds(part)))
            for part in boxes if not sc.LABEL_SLOTS[part].leader}


def _qrect(rect: Rect | None, dy: float) -> QRectF | None:
    return None if rect is None else QRectF(rect[0], rect[1] + dy, rect[2] - rect[0], rect[3] - rect[1])


def _sized_box(part: str, label: PartLabel, badge: int | None, fonts: LabelFonts, metrics: Metrics,
               scale: float) -> LabelBox:
    """A label's plate and text, at the top-left corner (placement moves it)."""
    name_fm, gloss_fm = QFontMetricsF(fonts.name), QFontMetricsF(fonts.gloss)
    slot = sc.LABEL_SLOTS[part]
    pad = metrics.px(0.3)
    badge_d = name_fm.height()
    indent = badge_d + pad if badge is not None else 0.0
    # Never narrower than a few words, however small the picture is drawn; and a name
    # (two or three words) stays on one line unless it is far wider than its slot.
    max_w = max(slot.width * scale, name_fm.horizontalAdvance("M") * 6)
    name_w = name_fm.horizontalAdvance(label.name) + 1
    if indent + name_w <= 1.5 * max_w:
        max_w = max(max_w, indent + name_w)
    name_size = _text_size(name_fm, label.name, max_w - indent)
    gloss_text = f"({label.gloss})"
    gloss_size = _text_size(gloss_fm, gloss_text, max_w)
    name_h = max(name_size.height(), badge_d)
    width = round(max(indent + name_size.width(), gloss_size.width()) + 2 * pad + 1)
    height = round(name_h + gloss_size.height() + 2 * pad + 1)
    return LabelBox(
        part, QRectF(0, 0, width, height),
        _static(label.name, fonts.name, name_size.width() + 1),
        _static(gloss_text, fonts.gloss, gloss_size.width() + 1),
        QPointF(pad + indent, pad + (name_h - name_size.height()) / 2),
        QPointF(pad, pad + name_h), badge,
        QRectF(pad, pad + (name_h - badge_d) / 2, badge_d, badge_d))


def _part_bounds(part: str) -> QRectF:
    bounds = QRectF()
    for shape in part_shapes(part, 1.0):
        rect = shape.placed().boundingRect()
        bounds = rect if bounds.isNull() else bounds.united(rect)
    return bounds


@dataclass(frozen=True)
class _Look:
    """The colours of one look of a label: in full, or dimmed for a step still to come."""

    text: QColor
    gloss: QColor
    badge: QColor  # the badge's ring and number
    border: QColor
    leader: QColor

    @staticmethod
    def for_theme(theme: Theme, *, dim: bool) -> _Look:
        surface = QColor(theme.surface)
        if not dim:
            return _Look(QColor(theme.text), QColor(theme.muted), QColor(theme.accent),
                         QColor(theme.border), QColor(theme.text))
        text = dimmed(QColor(theme.text), surface)
        return _Look(text, dimmed(QColor(theme.muted), surface), dimmed(QColor(theme.accent), surface),
                     mix(QColor(theme.border), surface, 0.45), text)


class LabelPainter:
    """Draws labels from images cached per look (full or dim, current step or not, badge lit)."""

    def __init__(self, theme: Theme, metrics: Metrics, fonts: LabelFonts) -> None:
        self._theme = theme
        self._metrics = metrics
        self._fonts = fonts
        self._looks = {dim: _Look.for_theme(theme, dim=dim) for dim in (False, True)}
        self._images: dict[tuple[str, bool, bool, bool, float], tuple[QPointF, QImage]] = {}

    def clear(self) -> None:
        self._images.clear()

    def colours(self, *, dim: bool) -> tuple[QColor, ...]:
        """The colours words are drawn in (for the contrast test)."""
        look = self._looks[dim]
        return (look.text, look.gloss, look.badge)

    def prepare(self, box: LabelBox, *, anchor: QPointF | None, anchor_moves: bool, ratio: float) -> None:
        """Draw every look of a label ahead of time, so a step change never has to."""
        keys = [(current, is_now, False) for current in (False, True)
                for is_now in ((False, True) if box.badge is not None else (False,))]
        for current, is_now, dim in [*keys, (False, False, True)]:
            self._image(box, current=current, is_now=is_now, dim=dim, ratio=ratio,
                        anchor=None if anchor_moves else anchor)

    def draw(self, painter: QPainter, box: LabelBox, *, strength: float, current: bool, is_now: bool,
             anchor: QPointF | None, anchor_moves: bool, ratio: float) -> None:
        """Draw a label; ``strength`` 0 is its dim look, 1 its full look, between a blend."""
        strength = max(0.0, min(1.0, strength))
        looks = []
        if strength < 1.0:
            looks.append((True, 1.0))  # the opaque dim look underneath
        if strength > 0.0:
            looks.append((False, strength))
        for dim, opacity in looks:
            painter.setOpacity(opacity)
            if anchor is not None and anchor_moves:
                self._draw_leader(painter, box, anchor, self._looks[dim].leader)
            origin, image = self._image(box, current=current and not dim, is_now=is_now and not dim,
                                        dim=dim, ratio=ratio, anchor=None if anchor_moves else anchor)
            painter.drawImage(origin, image)
        painter.setOpacity(1.0)

    def _image(self, box: LabelBox, *, current: bool, is_now: bool, dim: bool, ratio: float,
               anchor: QPointF | None) -> tuple[QPointF, QImage]:
        key = (box.part, current, is_now, dim, ratio)
        cached = self._images.get(key)
        if cached is None:
            cached = self._render(box, current=current, is_now=is_now, dim=dim, ratio=ratio, anchor=anchor)
            self._images[key] = cached
        return cached

    def _draw_leader(self, painter: QPainter, box: LabelBox, anchor: QPointF, colour: QColor) -> None:
        line = box.leader_to(anchor)
        if line is None:
            return
        width = line_width(self._metrics)
        # A casing first, in the colour opposite to the line's (the visual key's): a white
        # line over a pale cell (high contrast) was 1.3:1; with a black edge on each side it
        # stands out on every cell it crosses.
        casing = QColor(key_for(self._theme.name).casing)
        casing.setAlphaF(colour.alphaF())
        edge = max(1.5, width / 2)
        painter.setPen(QPen(casing, width + 2 * edge))
        painter.drawLine(line)
        painter.setBrush(casing)
        painter.drawEllipse(anchor, width * 2 + edge, width * 2 + edge)
        painter.setPen(QPen(colour, width))
        painter.drawLine(line)
        painter.setBrush(colour)
        painter.drawEllipse(anchor, width * 2, width * 2)

    def _render(self, box: LabelBox, *, current: bool, is_now: bool, dim: bool, ratio: float,
                anchor: QPointF | None) -> tuple[QPointF, QImage]:
        theme, m, fonts = self._theme, self._metrics, self._fonts
        look = self._looks[dim]
        margin = max(2.0, m.em / 8)  # room for the plate's border
        area = box.rect.adjusted(-margin, -margin, margin, margin)
        if anchor is not None and box.leader_to(anchor) is not None:
            dot = line_width(m) * 2 + 1
            area = area.united(QRectF(anchor.x() - dot, anchor.y() - dot, 2 * dot, 2 * dot))
        origin = QPointF(int(area.left() * ratio) / ratio, int(area.top() * ratio) / ratio)
        width = int((area.right() - origin.x()) * ratio) + 2
        height = int((area.bottom() - origin.y()) * ratio) + 2
        image = clear_image(width, height, ratio)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.translate(-origin)
            if anchor is not None:
                self._draw_leader(painter, box, anchor, look.leader)
            border = QColor(theme.accent) if current else look.border
            painter.setPen(QPen(border, max(2.0, m.em / 8) if current else max(1.0, m.em / 20)))
            painter.setBrush(QColor(theme.surface))  # opaque: nothing shows through the words
            radius = m.px(0.25)
            painter.drawRoundedRect(box.rect, radius, radius)
            top_left = box.rect.topLeft()
            if box.badge is not None:
                badge = box.badge_rect.translated(top_left)
                painter.setPen(QPen(look.badge, max(1.5, m.em / 12)))
                painter.setBrush(look.badge if is_now else QColor(theme.surface))
                painter.drawEllipse(badge)
                painter.setPen(QColor(theme.accent_text) if is_now else look.badge)
                painter.setFont(fonts.badge)
                painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(box.badge))
            # A QStaticText draws in the painter's font, whatever font it was prepared with.
            painter.setFont(fonts.name)
            painter.setPen(look.text)
            painter.drawStaticText(top_left + box.name_at, box.name)
            painter.setFont(fonts.gloss)
            painter.setPen(look.gloss)
            painter.drawStaticText(top_left + box.gloss_at, box.gloss)
        finally:
            painter.end()
        return origin, image


# --- colour -----------------------------------------------------------------------------------
def dimmed(colour: QColor, background: QColor, *, most: float = 0.7) -> QColor:
    """``colour`` faded towards ``background`` as far as it can go (up to ``most``) while
    keeping DIM_CONTRAST against it."""
    low, high = 0.0, most
    if contrast_ratio(mix(colour, background, high), background) >= DIM_CONTRAST:
        return mix(colour, background, high)
    for _ in range(24):  # bisection: contrast falls steadily as the colour fades
        middle = (low + high) / 2
        if contrast_ratio(mix(colour, background, middle), background) >= DIM_CONTRAST:
            low = middle
        else:
            high = middle
    return mix(colour, background, low)


def _text_size(fm: QFontMetricsF, text: str, max_width: float) -> QRectF:
    return fm.boundingRect(QRectF(0, 0, max(1.0, max_width), 1e6), int(Qt.TextFlag.TextWordWrap), text)


def _static(text: str, font: QFont, width: float) -> QStaticText:
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


def _nearest_on_rect(rect: QRectF, point: QPointF) -> QPointF:
    return QPointF(min(max(point.x(), rect.left()), rect.right()),
                   min(max(point.y(), rect.top()), rect.bottom()))


def _point(point: QPointF) -> Point:
    return (point.x(), point.y())


def _rect(rect: QRectF) -> Rect:
    return (rect.left(), rect.top(), rect.right(), rect.bottom())
