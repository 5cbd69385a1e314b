"""The synapse picture's shapes as styled vector paths, per part and per state.

Each part becomes a short list of ``Shape`` (a path plus how to fill and outline it), in
design units. The widget draws them with one transform, so the picture is crisp at any
size, and draws a halo around a highlighted part by stroking the same paths wider.
Static parts are built once; moving parts are rebuilt from their ``active`` value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainterPath, QPolygonF

from ketdesk.ui.panels.mechanism import scene as sc
from ketdesk.ui.visual_key import STANDARD_KEY

# Fills and outlines from the one visual key (the same in both themes: the picture sits on
# its own light cells, and the leader lines get a casing to cross them). Ketamine is the
# key's ketamine blue here too; no other part is blue.
PALETTE: dict[str, tuple[QColor, QColor]] = {  # part -> (fill, outline)
    part: (QColor(look.fill), QColor(look.outline)) for part, look in STANDARD_KEY.diagram.items()
}


@dataclass(frozen=True)
class Shape:
    path: QPainterPath
    fill: QColor | None
    outline: QColor | None
    width: float = 4.0  # outline width, design units
    tube: float = 0.0  # > 0: the path is a centre line drawn as a tube this wide
    dashed: bool = False
    flat: bool = False  # a tube with square-cut ends (to continue another tube seamlessly)
    # A shape that only ever moves (never changes form) names a sprite: ``path`` is then
    # drawn around (0, 0) and placed at ``at``, so it can be rasterised once per size.
    sprite: str = ""
    at: QPointF | None = None

    def placed(self) -> QPainterPath:
        return self.path.translated(self.at) if self.at is not None else self.path


def _sprite(name: str, path: QPainterPath, at: QPointF, fill: QColor, outline: QColor,
            width: float, tube: float = 0.0) -> Shape:
    return Shape(path, fill, outline, width, tube=tube, sprite=name, at=at)


def _lerp(a: QPointF, b: QPointF, t: float) -> QPointF:
    return QPointF(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t)


def _circle(centre: QPointF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(centre, radius, radius)
    return path


def _pill(centre: QPointF, width: float, height: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height),
                        width / 2, width / 2)
    return path


def _polygon(points: list[QPointF]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([*points, points[0]]))
    path.closeSubpath()
    return path


def _hexagon(centre: QPointF, radius: float) -> QPainterPath:
    return _polygon([QPointF(centre.x() + radius * math.cos(math.pi / 3 * k + math.pi / 6),
                             centre.y() + radius * math.sin(math.pi / 3 * k + math.pi / 6))
                     for k in range(6)])


def _star(centre: QPointF, radius: float) -> QPainterPath:
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + k * math.pi / 5
        points.append(QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle)))
    return _polygon(points)


def _shapes(part: str, *items: tuple[QPainterPath, float] | QPainterPath) -> list[Shape]:
    fill, outline = PALETTE[part]
    out = []
    for item in items:
        path, width = item if isinstance(item, tuple) else (item, 4.0)
        out.append(Shape(path, fill, outline, width))
    return out


# --- static parts ---------------------------------------------------------------------------
@cache
def _gaba() -> tuple[Shape, ...]:
    c, r = sc.GABA_CENTER, sc.GABA_RADIUS
    body = _circle(c, r)
    # Short branches (dendrites) make the circle read as a nerve cell, not a ball.
    for angle, length in ((200, 70), (240, 60), (130, 64)):
        rad = math.radians(angle)
        base = QPointF(c.x() + (r - 8) * math.cos(rad), c.y() - (r - 8) * math.sin(rad))
        tip = QPointF(c.x() + (r + length) * math.cos(rad), c.y() - (r + length) * math.sin(rad))
        side = QPointF(-math.sin(rad) * 14, -math.cos(rad) * 14)
        body = body.united(_polygon([base + side, tip, base - side]))
    return tuple(_shapes("gaba", body))


@cache
def _sender() -> tuple[Shape, ...]:
    axon = QPainterPath()
    axon.addRoundedRect(sc.SENDER_AXON, 20, 20)
    terminal = QPainterPath()
    terminal.addRoundedRect(sc.SENDER_TERMINAL, 64, 64)
    body = axon.united(terminal)
    fill, outline = PALETTE["sender"]
    shapes = [Shape(body, fill, outline, 4.0)]
    shapes += [Shape(_circle(v, 25), PALETTE["vesicle"][0], outline, 3.0) for v in sc.VESICLES]
    return tuple(shapes)


@cache
def _receiver() -> tuple[Shape, ...]:
    band = QPainterPath()
    band.addRoundedRect(sc.RECEIVER, 70, 70)
    return tuple(_shapes("receiver", band))


@cache
def _nmda() -> tuple[Shape, ...]:
    at = sc.NMDA_AT
    halves = [_pill(QPointF(at.x() + dx, at.y()), 20, 60) for dx in (-15, 15)]
    return tuple(_shapes("nmda", *halves))


# --- moving parts ---------------------------------------------------------------------------
def _ketamine(active: float) -> list[Shape]:
    fill, outline = PALETTE["ketamine"]
    hexagon = _hexagon(QPointF(0, 0), 17)
    return [_sprite("ketamine", hexagon, _lerp(a, b, active), fill, outline, 3.0)
            for a, b in zip(sc.KETAMINE_FLOATING, sc.KETAMINE_DOCKED, strict=True)]


def _brake(active: float) -> list[Shape]:
    fill, outline = PALETTE["brake"]
    gaba_fill, gaba_outline = PALETTE["gaba"]
    # The calming cell's fibre reaches up to the sending cell and ends in a bar (a brake).
    # As the brake eases, the bar slides back from the sending cell. The curved fibre and
    # the ghost of the bar never change, so they are sprites; only the short straight end
    # and the bar are placed per frame.
    shapes = [_sprite("brake-fibre", BRAKE_FIBRE, QPointF(0, 0), gaba_fill, gaba_outline, 4.0, tube=16.0)]
    bar_x = sc.BRAKE_AT.x() - 8 - BRAKE_TRAVEL * active
    end = QPainterPath(QPointF(BRAKE_FIBRE.currentPosition().x() - 2, sc.BRAKE_AT.y()))
    end.lineTo(QPointF(bar_x, sc.BRAKE_AT.y()))
    shapes.append(Shape(end, gaba_fill, gaba_outline, 4.0, tube=16.0, flat=True))
    shapes.append(_sprite("brake-bar", _pill(QPointF(0, 0), 18, 74), QPointF(bar_x, sc.BRAKE_AT.y()),
                          fill, outline, 3.0))
    if active > 0.01:
        # Where the bar was: a dashed ghost, so the easing of the brake is visible in print.
        ghost = _pill(QPointF(sc.BRAKE_AT.x() - 8, sc.BRAKE_AT.y()), 18, 74)
        shapes.append(Shape(ghost, None, outline, 2.5, dashed=True, sprite="brake-ghost", at=QPointF(0, 0)))
    return shapes


BRAKE_TRAVEL = 34.0  # how far the bar slides back, design units


def _brake_fibre() -> QPainterPath:
    start = QPointF(sc.GABA_CENTER.x() + sc.GABA_RADIUS * 0.72, sc.GABA_CENTER.y() - sc.GABA_RADIUS * 0.72)
    # Ends short of the bar's eased position, arriving level so the straight end joins it.
    end = QPointF(sc.BRAKE_AT.x() - 8 - BRAKE_TRAVEL - 14, sc.BRAKE_AT.y())
    fibre = QPainterPath(start)
    fibre.cubicTo(QPointF(start.x() + 60, start.y() - 160), QPointF(end.x() - 190, end.y()), end)
    return fibre


BRAKE_FIBRE = _brake_fibre()


def _glutamate_spots() -> tuple[tuple[QPointF, QPointF], ...]:
    """Each glutamate dot's place inside a vesicle and its place in the gap after release."""
    inside: list[QPointF] = []
    for v in sc.VESICLES:
        inside += [QPointF(v.x() - 8, v.y() - 5), QPointF(v.x() + 8, v.y() - 4), QPointF(v.x(), v.y() + 9)]
    gap_y = (sc.GAP_TOP + sc.RECEIVER_TOP) / 2
    out: list[QPointF] = []
    for i in range(len(inside)):
        x = sc.SENDER_TERMINAL.left() + 40 + i * (sc.SENDER_TERMINAL.width() - 80) / (len(inside) - 1)
        y = gap_y + (-20 if i % 3 == 0 else 16 if i % 3 == 1 else -2)
        out.append(QPointF(x, y))
    return tuple(zip(inside, out, strict=True))


GLUTAMATE_SPOTS = _glutamate_spots()


def _glutamate(active: float) -> list[Shape]:
    fill, outline = PALETTE["glutamate"]
    # Released dots leave one by one, so the burst reads as a stream, not a jump.
    n = len(GLUTAMATE_SPOTS)
    dot = _circle(QPointF(0, 0), 8.5)
    shapes = []
    for i, (a, b) in enumerate(GLUTAMATE_SPOTS):
        t = min(1.0, max(0.0, active * 1.6 - 0.6 * i / n))
        shapes.append(_sprite("glutamate", dot, _lerp(a, b, t), fill, outline, 2.5))
    return shapes


def _ampa(active: float) -> list[Shape]:
    fill, outline = PALETTE["ampa"]
    half = _pill(QPointF(0, 0), 20, 64)
    shapes = []
    for x in sc.AMPA_XS:
        spread = 15 + 9 * active  # the channel opens as the receptor switches on
        for dx in (-spread, spread):
            shapes.append(_sprite("ampa", half, QPointF(x + dx, sc.RECEIVER_TOP), fill, outline, 3.0))
        if active > 0.01:
            arrow = QPainterPath(QPointF(x - 16, sc.RECEIVER_TOP + 44))
            arrow.lineTo(QPointF(x, sc.RECEIVER_TOP + 44 + 22 * active))
            arrow.lineTo(QPointF(x + 16, sc.RECEIVER_TOP + 44))
            shapes.append(Shape(arrow, None, outline, 6.0))
    return shapes


def _bdnf(active: float) -> list[Shape]:
    size = 10 + 16 * active
    return _shapes("bdnf", *((_star(p, size), 2.5) for p in sc.BDNF_STARS))


def _synapses(active: float) -> list[Shape]:
    fill, outline = PALETTE["synapses"]
    sender_fill, sender_outline = PALETTE["sender"]
    grow = max(0.0, min(1.0, active))
    shapes = []
    for x in sc.SPINE_XS:
        top = sc.RECEIVER_TOP - sc.SPINE_HEIGHT * grow
        # Neck, then head on top: a mushroom-shaped spine (no path union: it is per frame).
        neck = QPainterPath()
        neck.addRect(QRectF(x - 9, top, 18, sc.RECEIVER_TOP - top + 6))
        shapes.append(Shape(neck, fill, outline, 3.0))
        shapes.append(Shape(_circle(QPointF(x, top), 8 + 18 * grow), fill, outline, 3.0))
        if grow > 0.01:
            # A new partner ending grows in to meet each new spine: a new synapse.
            bud = _circle(QPointF(x, top - 26 - 34 * grow), 10 + 18 * grow)
            shapes.append(Shape(bud, sender_fill, sender_outline, 3.0))
    return shapes


# Parts whose shape never changes (only their opacity does).
_STATIC = {"gaba": _gaba, "sender": _sender, "receiver": _receiver, "nmda": _nmda}
STATIC_PARTS = frozenset(_STATIC)


def part_shapes(part: str, active: float) -> list[Shape]:
    """The shapes of one part in a given state (``active`` 0..1)."""
    if part in _STATIC:
        return list(_STATIC[part]())
    moving = {"ketamine": _ketamine, "brake": _brake, "glutamate": _glutamate, "ampa": _ampa,
              "bdnf": _bdnf, "synapses": _synapses}
    return moving[part](active)


# Shapes no label may cover: the small parts that carry the story. The big cell bodies
# (calming cell, sending terminal, receiving cell) and the brake's long fibre may sit under
# words; the molecules, receptors, brake bar, vesicles, stars and spines may not.
_KEY_SAMPLES = (0.0, 0.5, 1.0)  # a moving part is kept clear along its whole move


@cache
def key_areas() -> dict[str, tuple[QRectF, ...]]:
    """Each part's key shapes, as a few design-space rectangles (clusters merged)."""
    areas: dict[str, tuple[QRectF, ...]] = {}
    for part in DRAW_ORDER:
        if part in ("gaba", "receiver"):
            continue  # a label may sit on a cell's body: that is how it is labelled
        rects: list[QRectF] = []
        for active in _KEY_SAMPLES if part not in _STATIC else (0.0,):
            cluster = QRectF()
            for shape in part_shapes(part, active):
                if shape.tube > 0 and not shape.flat:
                    continue  # the brake's curving fibre: long and thin, words may cross it
                if part == "sender" and shape.path is _sender()[0].path:
                    continue  # the terminal's body; its vesicles are the key part
                grow = (shape.tube or shape.width) / 2
                bounds = shape.placed().boundingRect().adjusted(-grow, -grow, grow, grow)
                cluster = bounds if cluster.isNull() else cluster.united(bounds)
            if not cluster.isNull():
                rects.append(cluster)
        # A cluster inside another adds nothing (a spine inside the grown spine's box).
        areas[part] = tuple(r for i, r in enumerate(rects)
                            if not any(j != i and o.contains(r) for j, o in enumerate(rects)))
    return areas


# Back to front: big cells first, small parts on top of them.
DRAW_ORDER: tuple[str, ...] = ("receiver", "synapses", "sender", "brake", "gaba", "nmda",
                               "ketamine", "glutamate", "ampa", "bdnf")
