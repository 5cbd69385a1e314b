"""Per-part raster layers of the synapse picture, so an animation frame is a few blits.

Drawing antialiased vector paths at partial opacity costs tens of milliseconds a frame at
4K. Most of an animation frame only changes each part's *opacity*; a part's *shape* changes
only while its own event plays (``active`` moving). So each part is rasterised once into a
transparent image at the widget's exact device-pixel size, and a frame composites those
images with the part's opacity. A layer is redrawn from the vector paths whenever the
scale, the device pixel ratio or the part's ``active`` value changes: the picture is still
vector-drawn at every size, never scaled from a bitmap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QTransform

from ketdesk.ui.panels.mechanism.shapes import STATIC_PARTS, Shape, part_shapes

HALO = 16.0  # design units added around a highlighted part's outline
HALO_ALPHA = 0.35  # how strongly the halo tints what is behind it
_STEPS = 1000  # a moving part's ``active`` is quantised to this
_HALO_STEPS = 4  # and its halo strength to this (a translucent band: steps do not show)


def clear_image(width: int, height: int, ratio: float) -> QImage:
    """A transparent image ``width`` x ``height`` device pixels at ``ratio``, to paint a
    layer, sprite or label into (premultiplied: the fast format to composite)."""
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    return image


@dataclass
class _Layer:
    key: tuple[float, ...]
    origin: QPointF  # top-left in widget pixels
    body: QImage
    halo: QImage | None = None  # static parts: the halo on its own, composited translucent


class PartLayers:
    """Caches each part's picture as an image; ``draw`` composites a part with its opacity.

    A static part keeps one body image and one halo image per size, and a step change only
    changes the opacity they are composited with. A moving part is redrawn while it moves;
    as it is redrawn anyway, its halo is drawn into the same image (one render, one blit).
    """

    def __init__(self, halo_colour: QColor) -> None:
        self._halo_colour = QColor(halo_colour)
        self._layers: dict[str, _Layer] = {}
        # Moving shapes that keep their form (dots, receptor halves), rasterised once per
        # size: (sprite, halo?, scale, ratio) -> (offset from the shape's point, image).
        self._sprites: dict[tuple[str, bool, float, float], tuple[QPointF, QImage]] = {}
        # The widget's area: parts that run off its edges (the axon, the receiving cell)
        # are rasterised only as far as it reaches.
        self._clip: QRectF | None = None

    def set_clip(self, rect: QRectF) -> None:
        self._clip = QRectF(rect)
        self._layers.clear()

    def clear(self) -> None:
        self._layers.clear()
        self._sprites.clear()

    def prepare(self, part: str, transform: QTransform, ratio: float) -> None:
        """Draw a static part and its halo ahead of time, so a step change never has to."""
        if part not in STATIC_PARTS:
            return
        size_key = (transform.m11(), transform.dx(), transform.dy(), ratio)
        layer = self._layer(part, 0.0, 0.0, size_key, transform, ratio)
        if layer.halo is None:
            layer.halo = self._render(part_shapes(part, 0.0), layer, transform, ratio, body=False, halo=1.0)

    def draw(self, painter: QPainter, part: str, active: float, emphasis: float, halo: float,
             transform: QTransform, ratio: float) -> None:
        """Composite ``part`` at ``emphasis`` opacity, with its halo at ``halo`` strength."""
        emphasis = max(0.0, min(1.0, emphasis))
        size_key = (transform.m11(), transform.dx(), transform.dy(), ratio)
        if part in STATIC_PARTS:
            layer = self._layer(part, 0.0, 0.0, size_key, transform, ratio)
            if halo > 0.01:
                if layer.halo is None:
                    layer.halo = self._render(part_shapes(part, 0.0), layer, transform, ratio,
                                              body=False, halo=1.0)
                painter.setOpacity(emphasis * min(1.0, halo) * HALO_ALPHA)
                painter.drawImage(layer.origin, layer.halo)
        else:
            # Quantised, so a part at rest is never redrawn, and a part whose halo fades
            # while it stays put is redrawn only a few times.
            active = round(active * _STEPS) / _STEPS
            halo = round(halo * _HALO_STEPS) / _HALO_STEPS
            layer = self._layer(part, active, halo, size_key, transform, ratio)
        painter.setOpacity(emphasis)
        painter.drawImage(layer.origin, layer.body)

    def _layer(self, part: str, active: float, halo: float, size_key: tuple[float, ...],
               transform: QTransform, ratio: float) -> _Layer:
        key = (active, halo, *size_key)
        layer = self._layers.get(part)
        if layer is None or layer.key != key:
            shapes = part_shapes(part, active)
            bounds = self._bounds(shapes, transform)
            # Whole device pixels, so a layer lands exactly on the pixel grid.
            origin = QPointF(int(bounds.left() * ratio) / ratio, int(bounds.top() * ratio) / ratio)
            layer = _Layer(key, origin, QImage())
            layer.body = self._render(shapes, layer, transform, ratio, body=True, halo=halo)
            self._layers[part] = layer
        return layer

    def _bounds(self, shapes: list[Shape], transform: QTransform) -> QRectF:
        bounds = transform.mapRect(_design_bounds(shapes))
        if self._clip is not None:
            clipped = bounds.intersected(self._clip)
            bounds = clipped if not clipped.isEmpty() else QRectF(self._clip.topLeft(), self._clip.topLeft())
        return bounds

    def _render(self, shapes: list[Shape], layer: _Layer, transform: QTransform, ratio: float, *,
                body: bool, halo: float) -> QImage:
        size = self._bounds(shapes, transform).bottomRight() - layer.origin
        width, height = max(1, int(size.x() * ratio) + 2), max(1, int(size.y() * ratio) + 2)
        image = clear_image(width, height, ratio)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setTransform(transform * QTransform.fromTranslate(-layer.origin.x(), -layer.origin.y()))
            if halo > 0:
                self._draw_all(painter, shapes, layer.origin, transform, ratio, halo=True)
                if body:
                    # Fade the opaque halo to its strength before the shapes go on top.
                    painter.resetTransform()
                    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
                    fade = QColor(0, 0, 0)
                    fade.setAlphaF(max(0.0, min(1.0, halo * HALO_ALPHA)))
                    painter.fillRect(image.rect(), fade)
                    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
                    painter.setTransform(transform * QTransform.fromTranslate(-layer.origin.x(),
                                                                              -layer.origin.y()))
            if body:
                self._draw_all(painter, shapes, layer.origin, transform, ratio, halo=False)
        finally:
            painter.end()
        return image

    def _draw_all(self, painter: QPainter, shapes: list[Shape], origin: QPointF, transform: QTransform,
                  ratio: float, *, halo: bool) -> None:
        for shape in shapes:
            if shape.sprite and shape.at is not None:
                offset, image = self._sprite(shape, halo, transform.m11(), ratio)
                painter.save()
                painter.resetTransform()
                painter.drawImage(transform.map(shape.at) - origin + offset, image)
                painter.restore()
            elif halo:
                draw_halo(painter, [shape], self._halo_colour)
            else:
                draw_shape(painter, shape)

    def _sprite(self, shape: Shape, halo: bool, scale: float, ratio: float) -> tuple[QPointF, QImage]:
        key = (shape.sprite, halo, scale, ratio)
        found = self._sprites.get(key)
        if found is None:
            bare = replace(shape, at=None)  # drawn around (0, 0)
            bounds = QTransform.fromScale(scale, scale).mapRect(_design_bounds([bare]))
            offset = QPointF(int(bounds.left() * ratio) / ratio, int(bounds.top() * ratio) / ratio)
            image = clear_image(int((bounds.right() - offset.x()) * ratio) + 2,
                                int((bounds.bottom() - offset.y()) * ratio) + 2, ratio)
            painter = QPainter(image)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setTransform(QTransform(scale, 0, 0, scale, -offset.x(), -offset.y()))
                if halo:
                    draw_halo(painter, [bare], self._halo_colour)
                else:
                    draw_shape(painter, bare)
            finally:
                painter.end()
            found = (offset, image)
            self._sprites[key] = found
        return found


def _design_bounds(shapes: list[Shape]) -> QRectF:
    bounds = QRectF()
    for shape in shapes:
        grow = (shape.tube or shape.width) / 2 + HALO / 2 + 2
        bounds = bounds.united(shape.placed().boundingRect().adjusted(-grow, -grow, grow, grow))
    return bounds


def draw_shape(painter: QPainter, shape: Shape) -> None:
    path = shape.placed()
    if shape.tube > 0 and shape.flat:
        _draw_straight_tube(painter, shape, path)
        return
    if shape.tube > 0:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if shape.outline is not None:
            painter.setPen(QPen(shape.outline, shape.tube, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPath(path)
        if shape.fill is not None:
            inner = max(1.0, shape.tube - 2 * shape.width)
            painter.setPen(QPen(shape.fill, inner, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPath(path)
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
    painter.drawPath(path)


def _draw_straight_tube(painter: QPainter, shape: Shape, path: QPainterPath) -> None:
    """A straight tube continuing another one: its two walls and its inside, each drawn
    over the same colour where they overlap the other tube, so the join leaves no seam."""
    start, end = path.elementAt(0), path.elementAt(path.elementCount() - 1)
    line = QLineF(start.x, start.y, end.x, end.y)
    if line.length() < 0.01:
        return
    normal = line.normalVector().unitVector()
    offset = (shape.tube - shape.width) / 2
    shift = QPointF(normal.dx() * offset, normal.dy() * offset)
    if shape.fill is not None:
        inner = shape.tube - 2 * shape.width
        painter.setPen(QPen(shape.fill, inner, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawLine(line)
    if shape.outline is not None:
        painter.setPen(QPen(shape.outline, shape.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawLine(line.translated(shift))
        painter.drawLine(line.translated(-shift))


def draw_halo(painter: QPainter, shapes: list[Shape], colour: QColor) -> None:
    """A wide band around every shape: the highlight that does not rely on colour alone.

    Drawn opaque into its own layer, so overlapping bands merge instead of darkening;
    the layer is composited translucent.
    """
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for shape in shapes:
        width = (shape.tube or shape.width) + HALO
        painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(shape.placed())
