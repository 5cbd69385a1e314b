"""Posters: every panel's first screen tells its story, fits the screen and reads from afar.

Geometry, not pixels: the poster's rectangle against its panel's viewport.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLayout, QWidget

from ketdesk.content.registry import PANEL_IDS
from ketdesk.content.schema.overview import OverviewContent
from ketdesk.screenshot import settle
from ketdesk.ui.panels.base import Panel
from ketdesk.ui.physical import CAP_RATIO
from ketdesk.ui.poster import BODY_CAP_MM, Poster, PosterType

SIZES = [(1024, 600), (600, 1024)]
# The most common small kiosk: a 10.1-inch 1024x600 panel, on its side or upright.
TEN_INCH = 10.1


def _poster_rect(panel: Panel, poster: Poster) -> QRect:
    top_left = poster.mapTo(panel.viewport(), poster.rect().topLeft())
    return QRect(top_left, poster.size())


def _children_inside(poster: Poster) -> list[str]:
    """Names of the poster's visible parts that stick out of it (should be none)."""
    outside = []
    for child in (poster.headline, poster.message, poster.visual, poster.chip, poster.more):
        if child is None or not child.isVisible():
            continue
        rect = QRect(child.mapTo(poster, child.rect().topLeft()), child.size())
        if not poster.rect().contains(rect):
            outside.append(child.objectName())
        wanted = (child.heightForWidth(child.width()) if child.hasHeightForWidth()
                  else child.sizeHint().height())
        if child.height() < wanted - 1:
            outside.append(f"{child.objectName()} squashed")
    return outside


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_poster_fits_above_the_fold(make_window, lang: str, size: tuple[int, int]) -> None:
    window = make_window(lang, size=size)
    with_posters = []
    for panel_id in PANEL_IDS:
        window.show_panel(panel_id)
        settle()
        panel = window.panel(panel_id)
        poster = panel.poster()
        if poster is None:
            continue  # a panel without [poster] yet: its page as before
        with_posters.append(panel_id)
        rect = _poster_rect(panel, poster)
        assert panel.viewport().rect().contains(rect), (panel_id, rect, panel.viewport().rect())
        assert not _children_inside(poster), (panel_id, _children_inside(poster))
        # The rest of the page starts below the poster: the fold.
        assert panel.title_label.mapTo(panel.viewport(), panel.title_label.rect().topLeft()).y() \
            >= rect.bottom()
    assert {"overview", "mechanism", "timeline", "conditions", "risks", "before", "sources"} \
        <= set(with_posters)


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_on_big_screens_the_poster_fills_it(make_window, size: tuple[int, int]) -> None:
    window = make_window("en", size=size)
    panel = window.panel("overview")
    poster = panel.poster()
    assert poster is not None and poster.sizes is not None
    viewport = panel.viewport().rect()
    assert panel.viewport().rect().contains(_poster_rect(panel, poster))
    # Its words use most of the screen's height, and body text grows with the screen.
    assert poster.column.totalHeightForWidth(poster.width()) > 0.7 * viewport.height()
    assert poster.sizes.body > window.metrics.em * 1.5


def test_body_capitals_are_6_mm_on_a_configured_screen(make_window) -> None:
    # A 24-inch 1920x1080 monitor: 6 mm capitals are 22 px, and there is room for them.
    window = make_window("en", size=(1920, 1080), diagonal=24)
    assert window.physical.origin == "configured"
    poster = window.panel("overview").poster()
    assert poster is not None and poster.sizes is not None
    cap_mm = window.physical.mm_for_px(poster.sizes.body * CAP_RATIO)
    assert cap_mm >= BODY_CAP_MM
    assert poster.sizes.headline >= 1.3 * poster.sizes.body


def test_more_scrolls_to_the_rest_of_the_panel(make_window, qtbot) -> None:
    window = make_window("en", size=(1024, 600))
    panel = window.panel("overview")
    poster = panel.poster()
    assert poster is not None and panel.verticalScrollBar().value() == 0
    poster.more.click()
    settle()
    title_top = panel.title_label.mapTo(panel.viewport(), panel.title_label.rect().topLeft()).y()
    assert 0 <= title_top < panel.viewport().height() // 4
    panel.reset()
    assert panel.verticalScrollBar().value() == 0


def test_the_posters_source_chips_open_the_citation_in_the_sheet(make_window) -> None:
    from ketdesk.ui.source_chips import CitedLabel

    window = make_window("en", size=(1280, 800))
    poster = window.panel("overview").poster()
    assert poster is not None and isinstance(poster.chip, CitedLabel)
    numbers = window.pack.source_numbers()
    content = window.pack.panel("overview").poster
    assert content is not None
    assert [chip.number for chip in poster.chip.chips] == sorted({numbers[s] for s in content.sources})
    poster.chip.chips[0].click()
    sheet = window.detail_sheet
    assert sheet.is_open and window.current_panel_id == "overview"  # the visitor stays put
    assert sheet.heading.text() == f"Source {poster.chip.chips[0].number}"


def test_a_full_page_screenshot_holds_the_whole_panel(make_window) -> None:
    from ketdesk.screenshot import render_panel

    window = make_window("en", size=(1024, 600))
    first_screen = render_panel(window, "risks")
    whole = render_panel(window, "risks", full_page=True)
    panel = window.panel("risks")
    assert first_screen.height() == window.height()
    # The whole scrolled page: several screens tall, as wide as the page.
    assert whole.height() == panel.body.height() > 3 * panel.viewport().height()
    assert whole.width() == panel.body.width()


def test_screenshot_options_parse() -> None:
    from ketdesk.cli import parse_args

    options = parse_args(["--screenshot", "out", "--full-page", "--theme", "high-contrast",
                          "--screen-diagonal", "10.1"])
    assert (options.full_page, options.theme, options.screen_diagonal_in) == (True, "high-contrast", 10.1)
    assert parse_args([]).full_page is False


@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_visit_the_same_steps_on_overview_and_risks(make_window, lang: str) -> None:
    from PySide6.QtWidgets import QLabel

    window = make_window(lang, size=(1280, 800))

    def step_titles(panel_id: str, prefix: str) -> list[str]:
        panel = window.panel(panel_id)
        cards = [w for w in panel.body.findChildren(QWidget) if w.objectName().startswith(prefix)]
        titles = [card.findChildren(QLabel)[0].text() for card in cards]
        return sorted(titles, key=lambda title: int(title.split(".")[0]))

    overview = step_titles("overview", "session-step")
    risks = step_titles("risks", "step-")
    steps = window.pack.content(OverviewContent).session_steps
    assert overview == risks == [f"{n}. {s.title}" for n, s in enumerate(steps, start=1)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_not_medical_advice_once_per_screen(make_window, lang: str) -> None:
    from PySide6.QtWidgets import QLabel

    window = make_window(lang, size=(1024, 600))
    advice = window.pack.meta.not_advice
    for panel_id in PANEL_IDS:
        window.show_panel(panel_id)
        texts = [label for label in window.findChildren(QLabel)
                 if advice in label.text() and label.isVisibleTo(window)]
        assert texts == [window.footer_advice], panel_id
    # The footer is one line at 1024x600: the disclaimer and the date side by side.
    assert window.footer_advice.height() <= window.footer_advice.fontMetrics().lineSpacing() * 1.5 + 8


def _cap_mm(window, label: QWidget) -> float:
    """Height of the label's capital letters on the configured screen, in its real font."""
    return window.physical.mm_for_px(QFontMetricsF(label.font()).capHeight())


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_on_a_10_inch_kiosk_body_capitals_are_6_mm_and_the_poster_still_fits(
        make_window, lang: str, size: tuple[int, int]) -> None:
    window = make_window(lang, size=size, diagonal=TEN_INCH)
    assert window.physical.origin == "configured"
    for panel_id in PANEL_IDS:
        window.show_panel(panel_id)
        settle()
        panel = window.panel(panel_id)
        poster = panel.poster()
        assert poster is not None and poster.sizes is not None
        body, headline = _cap_mm(window, poster.message), _cap_mm(window, poster.headline)
        assert body >= BODY_CAP_MM, (panel_id, round(body, 2), poster.sizes)
        assert headline >= 1.3 * body, (panel_id, poster.sizes)
        # Fitting did not buy the millimetres: the poster is above the fold, nothing squashed,
        # and its picture's words are never smaller than the page's own body text.
        assert panel.viewport().rect().contains(_poster_rect(panel, poster)), panel_id
        assert not _children_inside(poster), (panel_id, _children_inside(poster))
        assert poster.sizes.picture_em >= window.metrics.em, (panel_id, poster.sizes)


def test_on_a_small_landscape_screen_the_picture_stands_beside_the_words(make_window) -> None:
    small = make_window("en", size=(1024, 600), diagonal=TEN_INCH).panel("overview").poster()
    assert small is not None and small.visual is not None and small.sizes is not None
    assert small.sizes.side
    visual, message = small.visual.geometry(), small.message.geometry()
    assert visual.right() < message.left() and visual.bottom() > message.top()
    # Where there is room, the picture stays above the words, as large as they are.
    big = make_window("en", size=(1920, 1080), diagonal=24).panel("overview").poster()
    assert big is not None and big.visual is not None and big.sizes is not None
    assert not big.sizes.side and big.sizes.visual_em == 0
    assert big.visual.geometry().bottom() < big.message.geometry().top()


def test_the_posters_measure_follows_every_restyle(make_window) -> None:
    # The picture and the message share a row, a layout inside the poster's column: a
    # measure taken right after a restyle must be the one a fresh layout gives.
    window = make_window("en", size=(1024, 600), diagonal=TEN_INCH)
    window.show_panel("sources")
    settle()
    poster = window.panel("sources").poster()
    assert poster is not None and poster.sizes is not None
    width, metrics = poster.width(), window.metrics
    # Big words beside a small picture, then small words beside a big one: the row's
    # height comes from the message, then from the picture.
    words = replace(PosterType.at(40, 1.8, metrics), side=True, visual_em=22, share=0.5)
    picture = replace(PosterType.at(30, 1.65, metrics), side=True, visual_em=30, share=0.5)
    for kind in (words, picture, words, picture):
        poster.apply_type(kind)
        measured = poster.column.totalHeightForWidth(width)
        for layout in poster.findChildren(QLayout):  # every remembered height dropped
            layout.invalidate()
        assert poster.column.totalHeightForWidth(width) == measured, kind


def test_source_chips_alone_wrap_into_rows_the_layout_can_see(make_window) -> None:
    from ketdesk.ui.source_chips import CitedLabel

    window = make_window("en", size=(600, 1024), diagonal=TEN_INCH)
    window.show_panel("conditions")
    settle()
    poster = window.panel("conditions").poster()
    assert poster is not None and isinstance(poster.chip, CitedLabel)
    chips = poster.chip
    assert len(chips.chips) >= 4 and not chips.text()
    chip_w, chip_h = chips.chips[0].width(), chips.chips[0].height()
    # Its hint is one row, whatever width it had last; narrower, it asks for more rows.
    one_row = chips.sizeHint()
    chips.resize(chip_w * 2, chips.height())
    assert chips.sizeHint() == one_row and one_row.height() == chip_h
    assert chips.heightForWidth(chip_w * 2 + 10) >= 2 * chip_h
    settle()
    poster.parentWidget().layout().activate()
    window.panel("conditions").fit_poster()
    settle()
    # In the poster every chip shows, inside its label and on the screen.
    inside = chips.rect()
    assert all(inside.contains(chip.geometry()) for chip in chips.chips), [c.geometry() for c in chips.chips]


def test_the_page_behind_every_poster_has_the_themes_background(make_window) -> None:
    # What a screenshot (and the smoke test's OCR) sees: the page's own colour around the
    # poster's words, never a black page (an "opaque" page that painted nothing did that).
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor

    from ketdesk.screenshot import render_panel

    window = make_window("en", size=(1024, 600))
    expected = QColor(window.theme.window).rgb()
    for panel_id in PANEL_IDS:
        image = render_panel(window, panel_id)
        poster = window.panel(panel_id).poster()
        assert poster is not None
        corner = poster.mapTo(window, QPoint(2, 2))  # inside the poster's margin: no words
        assert image.pixel(corner.x(), corner.y()) == expected, (panel_id, hex(image.pixel(corner)))


def test_the_window_paints_its_background_once_in_either_theme(make_window) -> None:
    # Qt fills a top-level window's repainted parts with its palette's Window colour (which
    # the style sheet's background sets); drawing the style's background on top filled
    # every pixel twice, ~1.1 ms of a 4K panel switch. The one fill is the theme's colour.
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor

    from ketdesk.screenshot import render_panel
    from ketdesk.ui.theme import HIGH_CONTRAST

    window = make_window("en", size=(1024, 600))
    for theme in (window.theme, HIGH_CONTRAST):
        window.set_theme(theme)
        image = render_panel(window, "overview")
        assert not window.testAttribute(Qt.WidgetAttribute.WA_StyledBackground), theme.name
        poster = window.panel("overview").poster()
        assert poster is not None
        corner = poster.mapTo(window, QPoint(2, 2))
        assert image.pixel(corner.x(), corner.y()) == QColor(theme.window).rgb(), theme.name


def test_a_full_page_screenshot_has_the_pages_colour(make_window) -> None:
    # The page draws no background (the window paints it on screen): drawn alone for a
    # full-page screenshot it is put on the theme's colour, in either theme.
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor

    from ketdesk.screenshot import render_panel
    from ketdesk.ui.theme import HIGH_CONTRAST

    window = make_window("en", size=(1024, 600))
    for theme in (window.theme, HIGH_CONTRAST):
        window.set_theme(theme)
        for panel_id in ("overview", "risks"):
            image = render_panel(window, panel_id, full_page=True)
            poster = window.panel(panel_id).poster()
            assert poster is not None
            corner = poster.mapTo(window.panel(panel_id).body, QPoint(2, 2))
            ratio = image.devicePixelRatio()
            pixel = image.pixelColor(int(corner.x() * ratio), int(corner.y() * ratio))
            assert pixel.name() == QColor(theme.window).name(), (theme.name, panel_id)
