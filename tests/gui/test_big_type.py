"""Big type kept as pictures (ketdesk.ui.big_type) looks exactly as Qt draws it, is drawn
from the picture on the next paint, and holds only what the widget shows now."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QLabel

from ketdesk.screenshot import render_panel
from ketdesk.ui.big_type import BigTypeLabel, TextPictures, _inked_pieces, right_to_left
from ketdesk.ui.poster_visual import PosterVisual
from ketdesk.ui.widgets import make_label

PAGE = QColor("#f6f4ef")
INK = QColor("#1b2a3a")
WRAP = int(Qt.TextFlag.TextWordWrap)
LEFT_TOP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
CENTRE = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
LEFT_MIDDLE = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
# Largest channel difference allowed: the rasteriser rounds a path's points a little
# differently far from the origin (up to 7 of 255 seen at a 1.5 pixel ratio); type a pixel
# off, or a clipped accent, differs by 100 or more.
ROUNDING = 10
TEXT = "Ketamine: hours. Pills: weeks. ¿Jóvenes? Ángel, fjord"


def _largest_difference(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    if a == b:
        return 0
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixel(x, y), b.pixel(x, y)
            if p != q:
                worst = max(worst, *(abs(((p >> s) & 255) - ((q >> s) & 255)) for s in (0, 8, 16)))
    return worst


def _page(ratio: float) -> QImage:
    image = QImage(round(900 * ratio), round(420 * ratio), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(PAGE)
    return image


def _font(px: int, bold: bool = False) -> QFont:
    font = QFont("Atkinson Hyperlegible")
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def _painter(image: QImage, font: QFont) -> QPainter:
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(INK)
    return painter


def _draw(ratio: float, font: QFont, rect: QRectF, flags: int, text: str,
          pictures: TextPictures | None) -> QImage:
    image = _page(ratio)
    painter = _painter(image, font)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if pictures is None:
        painter.drawText(rect, flags, text)
    else:
        pictures.begin()
        pictures.draw_text(painter, rect, flags, text)
        pictures.end()
    painter.end()
    return image


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
@pytest.mark.parametrize(("rect", "flags", "text", "kept_count"), [
    (QRectF(20, 10, 860, 400), LEFT_TOP | WRAP, TEXT, 1),  # a wrapped headline
    (QRectF(10.75, 30.75, 880, 380), CENTRE | WRAP, TEXT, 1),  # between pixels, centred
    # Ink beyond the advances: a "j" first, an "f" last, accented capitals.
    (QRectF(0, 40, 890, 200), LEFT_TOP, "jeff's \u00c1\u00c9 leaf", 1),
    (QRectF(33.7, 0.4, 600, 150), LEFT_MIDDLE, TEXT, 1),  # one line, too long: clipped
    # Combining marks stack above any box the metrics give: drawn, never kept.
    (QRectF(0, 40, 890, 200), LEFT_TOP, "jeff's A\u0308\u0308\u0308 leaf", 0),
])
def test_a_picture_draws_what_drawtext_draws(qapp_fonts, ratio: float, rect: QRectF, flags: int,
                                             text: str, kept_count: int) -> None:
    """Pixel for pixel, at whole and fractional pixel ratios and positions, clipped or not."""
    font = _font(96, bold=True)
    pictures = TextPictures()
    direct = _draw(ratio, font, rect, flags, text, None)
    kept = _draw(ratio, font, rect, flags, text, pictures)
    assert len(pictures) == kept_count, "big type is kept as a picture"
    assert _largest_difference(direct, kept) <= ROUNDING
    again = _draw(ratio, font, rect, flags, text, pictures)  # from the kept picture
    assert again == kept


def test_small_type_is_left_to_qt(qapp_fonts) -> None:
    """Within Qt's glyph cache (64 device px) nothing is kept: Qt caches those glyphs itself."""
    font = _font(40)
    pictures = TextPictures()
    _draw(1.0, font, QRectF(0, 0, 800, 300), LEFT_TOP | WRAP, TEXT, pictures)
    assert len(pictures) == 0
    _draw(2.0, font, QRectF(0, 0, 800, 300), LEFT_TOP | WRAP, TEXT, pictures)  # 80 device px
    assert len(pictures) == 1


def _paint(pictures: TextPictures, painter: QPainter, *texts: str) -> None:
    pictures.begin()
    for row, text in enumerate(texts):
        pictures.draw_text(painter, QRectF(0, row * 200, 800, 200), LEFT_TOP, text)
    pictures.end()


def test_pictures_follow_what_is_shown(qapp_fonts, monkeypatch: pytest.MonkeyPatch) -> None:
    """A picture is reused while its text, font, colour and place stay. Two states that
    take turns (the attract loop's poster and the visitor's) each find theirs again; what
    neither of the last two states drew is let go, so memory stays at two paints' worth."""
    import ketdesk.ui.big_type as big_type

    made: list[str] = []
    real = big_type._picture

    def counted(*args: object) -> object:
        made.append(str(args[6]))
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(big_type, "_picture", counted)
    pictures = TextPictures()
    image = _page(1.0)
    painter = _painter(image, _font(120))
    _paint(pictures, painter, "Hours", "Weeks")
    two = pictures.nbytes
    assert len(pictures) == 2 and two > 0 and made == ["Hours", "Weeks"]
    _paint(pictures, painter, "Hours")  # a change: "Weeks" kept aside
    _paint(pictures, painter, "Hours")  # repainted in that state (an animation)
    _paint(pictures, painter, "Hours", "Weeks")  # and back: nothing made again
    assert made == ["Hours", "Weeks"] and pictures.nbytes == two
    _paint(pictures, painter, "Days")  # a new state: "Hours" and "Weeks" aside
    _paint(pictures, painter, "Months")  # another: "Days" aside, the oldest let go
    assert len(pictures) == 1
    _paint(pictures, painter, "Hours", "Weeks")
    assert made[-2:] == ["Hours", "Weeks"] and len(made) == 6, "made again: they were let go"
    painter.setPen(QColor("#ffff00"))  # the high-contrast theme's colours: a new picture
    _paint(pictures, painter, "Hours")
    painter.end()
    assert made[-1] == "Hours" and len(made) == 7
    yellow = QColor("#ffff00").rgb()
    assert any(image.pixel(x, y) == yellow for y in range(0, 200, 2) for x in range(0, 400, 2))


def test_a_painter_that_scales_gets_drawtext(qapp_fonts) -> None:
    """A scaled painter (a printout, a zoomed render) never gets a stretched picture."""
    pictures = TextPictures()
    image = _page(1.0)
    painter = _painter(image, _font(96))
    painter.scale(1.3, 1.3)
    pictures.begin()
    pictures.draw_text(painter, QRectF(0, 0, 600, 300), LEFT_TOP | WRAP, TEXT)
    pictures.end()
    painter.end()
    assert len(pictures) == 0


def test_right_to_left_is_found_as_qt_finds_it() -> None:
    assert not right_to_left("Hours, not weeks")
    assert right_to_left("  ساعات")
    assert right_to_left("123 שעות")
    assert not right_to_left("123")


def _grab(label: QLabel) -> QImage:
    return label.grab().toImage()


@pytest.mark.parametrize(("lang", "size"), [("en", (1024, 600)), ("es", (1920, 1080)),
                                            ("en", (1080, 1920))])
def test_poster_type_looks_as_a_qlabel_draws_it(make_window, lang: str, size: tuple[int, int]) -> None:
    """Every poster's headline and message, drawn from pictures, match a plain QLabel with the
    same words, style and size; its picture is what its next paint draws."""
    window = make_window(lang, size=size)
    checked = 0
    for panel_id in window.panel_ids:
        render_panel(window, panel_id)
        poster = window.panel(panel_id).poster()
        if poster is None:
            continue
        for label in (poster.headline, poster.message):
            assert isinstance(label, BigTypeLabel)
            twin = make_label(label.text(), str(label.property("role")), parent=poster)
            twin.setObjectName(label.objectName())  # the poster's own style sheet rules
            twin.ensurePolished()
            twin.resize(label.size())
            assert twin.font().pixelSize() == label.font().pixelSize()
            # Both drawn now: Qt's own rasterising of a big glyph can move by a fraction of
            # a level between a window's first paints and later ones (seen without pictures).
            label.pictures.clear()
            ours = _grab(label)
            assert _grab(label) == ours  # the next paint, from the picture
            assert _largest_difference(_grab(twin), ours) <= ROUNDING, (panel_id, label.objectName())
            if label.font().pixelSize() * label.devicePixelRatioF() > 64:
                assert len(label.pictures) == 1, (panel_id, label.objectName())
                checked += 1
            twin.deleteLater()
    # At 1024x600 some headlines fit Qt's glyph cache; from 1080 pixels on, all are big.
    assert checked >= (3 if size == (1024, 600) else 6)


def _direct_text(painter: QPainter, rect: QRect | QRectF, flags: int, text: str) -> None:
    painter.drawText(QRectF(rect), flags, text)


@pytest.mark.parametrize(("lang", "size"), [("en", (1920, 1080)), ("es", (1080, 1920))])
def test_poster_pictures_look_as_qt_draws_them(make_window, lang: str, size: tuple[int, int]) -> None:
    """Every poster's picture (facts, chains, the how-fast timeline, the evidence ladder),
    with its big type from pictures, matches the same picture drawn by drawText."""
    window = make_window(lang, size=size)
    kinds = set()
    for panel_id in window.panel_ids:
        render_panel(window, panel_id)
        poster = window.panel(panel_id).poster()
        if poster is None or not isinstance(poster.visual, PosterVisual):
            continue
        visual = poster.visual
        visual.pictures.clear()  # drawn now, as the direct drawing below
        kept = visual.grab().toImage()
        kept_count = len(visual.pictures)
        try:
            visual.draw_text = _direct_text  # type: ignore[method-assign]
            direct = visual.grab().toImage()
        finally:
            del visual.draw_text
        assert _largest_difference(direct, kept) <= ROUNDING, panel_id
        if kept_count:
            kinds.add(type(visual).__name__)
    assert "ItemsVisual" in kinds


def test_a_plain_label_with_small_type_is_qlabel(qtbot, qapp_fonts) -> None:
    label = BigTypeLabel()
    qtbot.addWidget(label)
    label.setTextFormat(Qt.TextFormat.PlainText)  # as make_label makes them
    label.setIndent(0)
    label.setText("Small words")
    label.setStyleSheet("font-size: 20px;")
    label.setGeometry(QRect(0, 0, 300, 60))
    label.grab()
    assert len(label.pictures) == 0
    label.setStyleSheet("font-size: 90px;")
    label.resize(900, 120)
    label.grab()
    assert len(label.pictures) == 1
    label.setIndent(-1)  # QLabel's own indent rules: QLabel draws it
    label.grab()
    assert len(label.pictures) == 0


def test_a_picture_keeps_only_the_pixels_with_ink(qapp_fonts) -> None:
    """Cut into strips about a line tall, each trimmed to its ink: a wrapped text's short
    last line costs no more memory than its words (half a 4K poster's pictures)."""
    font = _font(96, bold=True)
    text = "Ketamine works within hours, and pills take weeks"
    rect = QRectF(0, 0, 1500, 300)
    pictures = TextPictures()
    kept = _draw(1.0, font, rect, LEFT_TOP | WRAP, text, pictures)
    box = QFontMetricsF(font).boundingRect(rect, LEFT_TOP | WRAP, text)
    assert box.height() > 1.5 * QFontMetricsF(font).lineSpacing(), "two lines"
    assert pictures.nbytes < 0.8 * box.width() * box.height() * 4
    assert _largest_difference(_draw(1.0, font, rect, LEFT_TOP | WRAP, text, None), kept) <= ROUNDING


def test_the_faintest_ink_is_kept() -> None:
    """A pixel with any alpha at all is in a piece: antialiased edges are never trimmed."""
    image = QImage(60, 40, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    image.setPixelColor(5, 2, QColor(0, 0, 0, 1))
    image.setPixelColor(41, 30, QColor(10, 20, 30, 255))
    image.setPixelColor(43, 31, QColor(0, 0, 0, 2))  # same strip (16-31)
    pieces = _inked_pieces(image, 16)
    assert [(x, y, p.width(), p.height()) for x, y, p in pieces] == [(5, 2, 1, 1), (41, 30, 3, 2)]
    assert pieces[1][2].pixelColor(2, 1).alpha() == 2
