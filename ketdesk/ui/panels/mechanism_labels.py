"""The words on the synapse picture: laid out so none overlaps, drawn from a cache.

Each part's label is a plate with a step-number badge, the part's name and, under it, its
plain gloss in brackets. Labels are sized from the app's text metrics (not the picture's
scale) so they read from two metres at every window size; they start at their slot in the
design space, are kept inside the widget and are pushed apart until none overlaps another.
A label's look changes only between steps, so each look is drawn once into an image, with
its leader line when the part it points at does not move.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QStaticText, QTransform

from ketdesk.content.schema.mechanism import PartLabel
from ketdesk.fonts import FAMILY
from ketdesk.ui.panels import mechanism_scene as sc
from ketdesk.ui.theme import Metrics, Theme


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

    def text_rects(self) -> tuple[QRectF, QRectF]:
        origin = self.rect.topLeft()
        return (QRectF(origin + self.name_at, self.name.size()),
                QRectF(origin + self.gloss_at, self.gloss.size()))


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


def layout_labels(labels: Mapping[str, PartLabel], badges: Mapping[str, int | None], fonts: LabelFonts,
                  metrics: Metrics, transform: QTransform, bounds: QRectF) -> dict[str, LabelBox]:
    """Place every label box in widget pixels: at its slot, inside ``bounds``, none overlapping."""
    name_fm, gloss_fm = QFontMetricsF(fonts.name), QFontMetricsF(fonts.gloss)
    scale = transform.m11()
    pad = metrics.px(0.3)
    badge_d = name_fm.height()
    boxes: dict[str, LabelBox] = {}
    for part, label in labels.items():
        slot = sc.LABEL_SLOTS[part]
        badge = badges.get(part)
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
        rect = _aligned(QRectF(0, 0, width, height), transform.map(slot.at), slot.align)
        boxes[part] = LabelBox(
            part, rect,
            _static(label.name, fonts.name, name_size.width() + 1),
            _static(gloss_text, fonts.gloss, gloss_size.width() + 1),
            QPointF(pad + indent, pad + (name_h - name_size.height()) / 2),
            QPointF(pad, pad + name_h), badge,
            QRectF(pad, pad + (name_h - badge_d) / 2, badge_d, badge_d))
    _separate(list(boxes.values()), bounds, gap=metrics.px(0.2))
    return boxes


class LabelPainter:
    """Draws labels from images cached per look (current step or not, badge lit or not)."""

    def __init__(self, theme: Theme, metrics: Metrics, fonts: LabelFonts) -> None:
        self._theme = theme
        self._metrics = metrics
        self._fonts = fonts
        self._images: dict[tuple[str, bool, bool, float], tuple[QPointF, QImage]] = {}

    def clear(self) -> None:
        self._images.clear()

    def prepare(self, box: LabelBox, *, anchor: QPointF | None, anchor_moves: bool, ratio: float) -> None:
        """Draw every look of a label ahead of time, so a step change never has to."""
        for current in (False, True):
            for is_now in ((False, True) if box.badge is not None else (False,)):
                key = (box.part, current, is_now, ratio)
                if key not in self._images:
                    self._images[key] = self._render(box, current=current, is_now=is_now, ratio=ratio,
                                                     anchor=None if anchor_moves else anchor)

    def draw(self, painter: QPainter, box: LabelBox, *, opacity: float, current: bool, is_now: bool,
             anchor: QPointF | None, anchor_moves: bool, ratio: float) -> None:
        painter.setOpacity(opacity)
        if anchor is not None and anchor_moves:
            self._draw_leader(painter, box.rect, anchor)
        key = (box.part, current, is_now, ratio)
        cached = self._images.get(key)
        if cached is None:
            cached = self._render(box, current=current, is_now=is_now, ratio=ratio,
                                  anchor=None if anchor_moves else anchor)
            self._images[key] = cached
        painter.drawImage(cached[0], cached[1])

    def _line_width(self) -> float:
        return max(1.5, self._metrics.em / 12)

    def _draw_leader(self, painter: QPainter, rect: QRectF, anchor: QPointF) -> None:
        line_w = self._line_width()
        painter.setPen(QPen(QColor(self._theme.text), line_w))
        painter.drawLine(QLineF(_nearest_on_rect(rect, anchor), anchor))
        painter.setBrush(QColor(self._theme.text))
        painter.drawEllipse(anchor, line_w * 2, line_w * 2)

    def _render(self, box: LabelBox, *, current: bool, is_now: bool, ratio: float,
                anchor: QPointF | None) -> tuple[QPointF, QImage]:
        theme, m, fonts = self._theme, self._metrics, self._fonts
        margin = max(2.0, m.em / 8)  # room for the plate's border
        area = box.rect.adjusted(-margin, -margin, margin, margin)
        if anchor is not None:
            dot = self._line_width() * 2 + 1
            area = area.united(QRectF(anchor.x() - dot, anchor.y() - dot, 2 * dot, 2 * dot))
        origin = QPointF(int(area.left() * ratio) / ratio, int(area.top() * ratio) / ratio)
        width = int((area.right() - origin.x()) * ratio) + 2
        height = int((area.bottom() - origin.y()) * ratio) + 2
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.translate(-origin)
            if anchor is not None:
                self._draw_leader(painter, box.rect, anchor)
            border = QColor(theme.accent) if current else QColor(theme.border)
            painter.setPen(QPen(border, max(2.0, m.em / 8) if current else max(1.0, m.em / 20)))
            plate = QColor(theme.surface)
            plate.setAlphaF(0.92)
            painter.setBrush(plate)
            radius = m.px(0.25)
            painter.drawRoundedRect(box.rect, radius, radius)
            top_left = box.rect.topLeft()
            if box.badge is not None:
                badge = box.badge_rect.translated(top_left)
                painter.setPen(QPen(QColor(theme.accent), max(1.5, m.em / 12)))
                painter.setBrush(QColor(theme.accent) if is_now else QColor(theme.surface))
                painter.drawEllipse(badge)
                painter.setPen(QColor(theme.accent_text if is_now else theme.accent))
                painter.setFont(fonts.badge)
                painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(box.badge))
            # A QStaticText draws in the painter's font, whatever font it was prepared with.
            painter.setFont(fonts.name)
            painter.setPen(QColor(theme.text))
            painter.drawStaticText(top_left + box.name_at, box.name)
            painter.setFont(fonts.gloss)
            painter.setPen(QColor(theme.muted))
            painter.drawStaticText(top_left + box.gloss_at, box.gloss)
        finally:
            painter.end()
        return origin, image


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


def _clamp(rect: QRectF, bounds: QRectF) -> QRectF:
    x = min(max(rect.left(), bounds.left()), bounds.right() - rect.width())
    y = min(max(rect.top(), bounds.top()), bounds.bottom() - rect.height())
    return QRectF(max(x, bounds.left()), max(y, bounds.top()), rect.width(), rect.height())


def _separate(boxes: list[LabelBox], bounds: QRectF, *, gap: float) -> None:
    """Nudge overlapping boxes apart along their smaller overlap, keeping them in bounds."""
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
                if inter.height() <= inter.width():
                    lower, upper = (b, a) if b.rect.center().y() >= a.rect.center().y() else (a, b)
                    shift = inter.height() / 2 + 0.5
                    lower.rect.translate(0, shift)
                    upper.rect.translate(0, -shift)
                else:
                    right, left = (b, a) if b.rect.center().x() >= a.rect.center().x() else (a, b)
                    shift = inter.width() / 2 + 0.5
                    right.rect.translate(shift, 0)
                    left.rect.translate(-shift, 0)
                a.rect = _clamp(a.rect, bounds)
                b.rect = _clamp(b.rect, bounds)
        if not moved:
            return


def _nearest_on_rect(rect: QRectF, point: QPointF) -> QPointF:
    return QPointF(min(max(point.x(), rect.left()), rect.right()),
                   min(max(point.y(), rect.top()), rect.bottom()))
