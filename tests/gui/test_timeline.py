"""The efficacy timeline panel: its chart data, words, toggles, views and layout at three sizes."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ketdesk.content.schema.timeline import TimelineContent
from ketdesk.screenshot import settle
from ketdesk.ui import charts
from ketdesk.ui.panels.timeline.chart import TimelineChart
from ketdesk.ui.panels.timeline.view import CHART, PEOPLE, TABLE, TimelinePanel
from ketdesk.ui.sheet import window_sheet
from ketdesk.ui.theme import Metrics

SIZES = [(1024, 600), (1920, 1080), (3840, 2160)]


@pytest.fixture
def panel(qtbot, window) -> TimelinePanel:
    window.show_panel("timeline")
    panel = window.panel("timeline")
    assert isinstance(panel, TimelinePanel)
    panel.show_view(CHART)  # one tap away from the first view (10 people)
    qtbot.waitUntil(lambda: panel.chart.shown_ticks != [])
    return panel


def resize(qtbot, window, panel: TimelinePanel, size: tuple[int, int]) -> None:
    window.resize(*size)
    em = Metrics.for_window(*size).em
    qtbot.waitUntil(lambda: window.metrics.em == em and panel.viewport().width() > size[0] * 0.9)
    settle()  # layouts, the chart's deferred relayout and the page's height-for-width
    panel.chart.relayout()


def test_first_show_opens_no_window_of_its_own(qtbot, window) -> None:
    # Words were once placed while the chart's key had no parent yet: the key flashed up as
    # a window of its own and took the activation from the app's window.
    shown: list[str] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                    and watched.isWindow() and watched is not window):
                shown.append(type(watched).__name__)
            return False

    window.resize(1920, 1080)  # big text: at the provisional size some words need the key
    qtbot.waitUntil(lambda: window.metrics.em == Metrics.for_window(1920, 1080).em)
    watch = Watch()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    try:
        window.show_panel("timeline")
        panel = window.panel("timeline")
        panel.show_view(CHART)
        qtbot.waitUntil(lambda: panel.chart.shown_ticks != [])
    finally:
        app.removeEventFilter(watch)
    assert shown == []


def test_chart_words_are_placed_only_once_shown(qtbot, window) -> None:
    # Building the panel (hidden, at pyqtgraph's provisional size) places no words: every
    # placement is made on screen, at (about) the width the chart is shown at.
    placed: list[tuple[bool, float]] = []
    real = TimelineChart.relayout

    def counting(chart: TimelineChart) -> None:
        placed.append((chart.plot.isVisible(), chart.view.sceneBoundingRect().width()))
        real(chart)

    TimelineChart.relayout = counting  # type: ignore[method-assign,assignment]
    try:
        window.show_panel("timeline")
        panel = window.panel("timeline")
        panel.show_view(CHART)
        qtbot.waitUntil(lambda: panel.chart.shown_ticks != [])
        settle()
    finally:
        TimelineChart.relayout = real  # type: ignore[method-assign]
    final = panel.chart.view.sceneBoundingRect().width()
    assert placed and all(visible and width > 0.9 * final for visible, width in placed), placed


def test_window_activation_does_not_repaint_the_chart(qtbot, panel: TimelinePanel) -> None:
    # Qt (de)activates a plot's scene whenever its view is shown or hidden; the chart looks
    # the same either way, so it must not repaint (a second repaint on every panel switch).
    plot = panel.chart.plot
    qtbot.waitUntil(lambda: plot.isVisible())
    panel.ensureWidgetVisible(plot)  # below the poster: scroll it on screen, or nothing paints
    settle()
    paints: list[int] = []

    class Count(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                paints.append(1)
            return False

    counter = Count()
    plot.viewport().installEventFilter(counter)
    try:
        for kind in (QEvent.Type.WindowDeactivate, QEvent.Type.WindowActivate):
            QApplication.sendEvent(plot.scene(), QEvent(kind))
        settle()
        assert paints == []
        # A real change still repaints.
        panel.chart.scale_top.update()
        qtbot.waitUntil(lambda: paints != [])
    finally:
        plot.viewport().removeEventFilter(counter)


def test_lines_plot_the_content_series(pack, panel: TimelinePanel) -> None:
    content = pack.content(TimelineContent)
    for series in content.series:
        results = [p for p in series.points if p.y is not None]
        if series.id not in panel.chart.lines:
            continue
        line = panel.chart.lines[series.id]
        hours = [content.hours(series, p.t) for p in results]
        # xData keeps the content's hours; getData() is what is drawn, on the log scale.
        assert list(line.xData) == pytest.approx(hours)
        assert list(line.yData) == pytest.approx([p.y for p in results])
        x, y = line.getData()
        assert list(x) == pytest.approx([math.log10(h) for h in hours])
        assert list(y) == pytest.approx([p.y for p in results])
    assert "ketamine-one" in panel.chart.lines


def test_markers_plot_every_result_and_range(pack, panel: TimelinePanel) -> None:
    content = pack.content(TimelineContent)
    for series in content.series:
        x, y = panel.chart.scatters[series.id].getData()
        drawn = set(zip((round(v, 6) for v in x), (round(v, 6) for v in y), strict=True))
        for point in series.points:
            at = round(math.log10(content.hours(series, point.t)), 6)
            marked = [point.y] if point.y is not None else [point.low, point.high]
            for value in marked:
                if value is not None:
                    assert (at, round(value, 6)) in drawn, (series.id, point.when, value)
            if point.low is not None and point.high is not None:
                bars = panel.chart.range_bars[series.id].opts
                spans = {(round(float(bx), 6), round(float(by), 6), round(float(by + top), 6))
                         for bx, by, top in zip(bars["x"], bars["y"], bars["top"], strict=True)}
                assert (at, round(point.low, 6), round(point.high, 6)) in spans
        # Events are marked above the top of the scale, never at a value on it.
        events = [p for p in series.points if not p.has_value]
        above = [v for v in y if v > content.value_axis.denominator]
        assert len(above) == len(events)


def test_axis_ticks_carry_the_words(qtbot, pack, window, panel: TimelinePanel) -> None:
    words = [t.label for t in pack.content(TimelineContent).time_axis.ticks]
    resize(qtbot, window, panel, (1920, 1080))
    drawn = [text.replace("\n", " ") for text, _ in charts.tick_label_rects(panel.chart.plot, "bottom")]
    assert drawn == words
    left = [text for text, _ in charts.tick_label_rects(panel.chart.plot, "left")]
    assert left == [t.label for t in pack.content(TimelineContent).value_axis.ticks]
    # Narrow: the less important words give way; the always-shown ones stay.
    resize(qtbot, window, panel, (1024, 600))
    drawn = [text.replace("\n", " ") for text, _ in charts.tick_label_rects(panel.chart.plot, "bottom")]
    keep = [t.label for t in pack.content(TimelineContent).time_axis.ticks if t.priority == 1]
    assert set(keep) <= set(drawn) <= set(words)


# The offscreen platform cannot raise the tooltip window; harmless there.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_tooltip_names_number_comparison_size_and_source(qtbot, panel: TimelinePanel) -> None:
    tip = panel.chart.tip_for("ketamine-one", 0)
    assert "52%" in tip and "18%" in tip and "367 people" in tip
    assert "Han Y, et al. 2016, Neuropsychiatric Disease and Treatment" in tip
    assert "Wilkinson ST, et al. 2019, Neuropsychopharmacology" in tip

    # A tap on a marker opens the same text in the sheet (touch screens have no hover).
    scatter = panel.chart.scatters["ketamine-one"]
    spot = scatter.points()[0]

    class Tap:
        def screenPos(self) -> QPointF:  # noqa: N802 - pyqtgraph's event API
            return QPointF(panel.mapToGlobal(panel.rect().center()))

    scatter.sigClicked.emit(scatter, [spot], Tap())
    sheet = window_sheet(panel)
    assert sheet.is_open
    assert "Han Y, et al. 2016" in sheet.body.text()
    sheet.close_sheet()


def test_event_tooltips_name_their_source_without_a_number(panel: TimelinePanel) -> None:
    tip = panel.chart.tip_for("ketamine-onset", 0)
    assert "Kishimoto T, et al. 2016, Psychological Medicine" in tip
    assert "40 minutes to 4 hours" in tip


def test_legend_toggle_hides_its_series(qtbot, panel: TimelinePanel) -> None:
    box = panel.legend_buttons["six"]
    assert box.height() >= 44 and box.isChecked()
    scatter = panel.chart.scatters["six-infusions"]
    bars = panel.chart.range_bars["six-infusions"]
    assert scatter.isVisible() and bars.isVisible()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    qtbot.waitUntil(lambda: not scatter.isVisible())
    assert not bars.isVisible() and not panel.chart.is_legend_visible("six")
    assert all(not lab.item.isVisible() for lab in panel.chart.value_labels
               if lab.series.id == "six-infusions")
    assert panel.chart.scatters["ketamine-one"].isVisible()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    qtbot.waitUntil(scatter.isVisible)


def test_first_view_is_10_people_on_one_time_line(qtbot, window) -> None:
    """The panel opens on its one message: ketamine, the comparison drug and pills side by
    side as 10 people each, ketamine's result over "hours", pills' over "weeks"; no chart
    is built for it (pyqtgraph stays off the first view's path)."""
    window.show_panel("timeline")
    panel = window.panel("timeline")
    assert isinstance(panel, TimelinePanel)
    assert panel.view == PEOPLE and not panel.chart_built
    speed = panel.speed
    qtbot.waitUntil(speed.isVisible)
    content = panel.content.people
    assert [z.accessibleName() for z in speed.zone_labels] == list(content.zones)
    roles = [panel.content.role(r.legend) for r in content.rows]
    assert roles == ["ketamine", "comparison", "pills"]
    assert [speed.zone_of(i) for i in range(3)] == [0, 0, 2]  # hours, hours, weeks
    rows = speed.figure_rows
    # About 5 in 10 a day after one infusion, 2 in 10 on midazolam, 5 in 10 on pills after
    # weeks: whole people (the exact percentages are in the table and the text).
    assert [sum(f.solid for f in r.fills) for r in rows] == [5, 2, 5]
    # Two lines of 5: each group is twice as tall as it is wide... and no taller than drawn.
    assert all(r.lines == 2 for r in rows)
    # The pills are green and ketamine blue, from the one key, not by position.
    from ketdesk.ui.visual_key import key_for

    key = key_for(panel.context.theme.name)
    assert [r.spec.colour for r in rows] == [key.colour(r) for r in roles]
    # The chart is one tap away, and the tap builds it.
    qtbot.mouseClick(panel.chart_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view == CHART)
    assert panel.chart_built and panel.legend is not None and panel.legend.isVisible()
    assert panel.chart_button.width() >= panel.toggle_width(panel.chart_button, panel.context.metrics)
    qtbot.mouseClick(panel.chart_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view == PEOPLE)


def test_clinic_claim_drawn_apart_from_results(panel: TimelinePanel) -> None:
    rows = panel.claim_rows
    claim = [i for i, spec in enumerate(rows.rows) if spec.claim]
    assert len(claim) == 1
    assert rows.touched_count(claim[0]) == 8 and rows.filled_count(claim[0]) == 6


def test_show_as_table_lists_every_point_with_its_source(qtbot, pack, panel: TimelinePanel) -> None:
    qtbot.mouseClick(panel.table_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view == TABLE)
    table = panel.table
    assert table is not None and table.isVisible()
    assert table.accessibleName() == pack.content(TimelineContent).controls.table_name
    rows = table.cell_texts()
    points = [(s, p) for s in pack.content(TimelineContent).series for p in s.points]
    assert len(rows) == len(points)
    numbers = pack.source_numbers()
    for row, (series, point) in zip(rows, points, strict=True):
        assert row[0] == series.label and row[1] == point.when and row[2] == point.label
        source = pack.source(point.source)
        assert f"Source {numbers[point.source]}: {source.authors} {source.year}" in row[5]
    assert not panel.chart_button.isChecked()


def test_reset_returns_to_the_people_with_every_series(qtbot, panel: TimelinePanel) -> None:
    panel.show_view(TABLE)
    panel.legend_buttons["pills"].setChecked(False)
    panel.reset()
    assert panel.view == PEOPLE and not panel.table_button.isChecked()
    assert all(b.isChecked() for b in panel.legend_buttons.values())
    assert panel.chart.scatters["pills"].isVisible()


def test_chart_restyles_when_the_window_grows(qtbot, window, panel: TimelinePanel) -> None:
    resize(qtbot, window, panel, (1024, 600))
    axis = panel.chart.plot.getPlotItem().getAxis("bottom")
    small = axis.style["tickFont"].pixelSize()
    resize(qtbot, window, panel, (1920, 1080))
    large = axis.style["tickFont"].pixelSize()
    assert small >= 14 and large >= 18 and large > small
    for lab in panel.chart.event_labels:
        assert lab.item.textItem.font().pixelSize() >= 18


def _no_overlaps(rects: list[tuple[str, QRectF]]) -> None:
    for (a, ra), (b, rb) in itertools.combinations(rects, 2):
        assert not ra.intersects(rb), f"{a!r} overlaps {b!r}"


def _scene(panel: TimelinePanel, x: float, y: float) -> QPointF:
    return panel.chart.view.mapViewToScene(QPointF(x, y))


def _marker_rects(panel: TimelinePanel) -> list[tuple[str, QRectF]]:
    """Every drawn data mark in scene pixels: scatter markers and range bars."""
    chart = panel.chart
    marks: list[tuple[str, QRectF]] = []
    for sid, scatter in chart.scatters.items():
        if not scatter.isVisible():
            continue
        for spot in scatter.points():
            centre = _scene(panel, spot.pos().x(), spot.pos().y())
            half = spot.size() / 2
            marks.append((f"{sid} marker", QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half)))
    for sid, bars in chart.range_bars.items():
        if not bars.isVisible():
            continue
        opts = bars.opts
        for bx, by, top in zip(opts["x"], opts["y"], opts["top"], strict=True):
            low, high = _scene(panel, float(bx), float(by)), _scene(panel, float(bx), float(by + top))
            marks.append((f"{sid} range", QRectF(low.x() - 2, high.y(), 4, low.y() - high.y())))
    return marks


def _line_segments(panel: TimelinePanel) -> list[tuple[str, QPointF, QPointF]]:
    segments: list[tuple[str, QPointF, QPointF]] = []
    for sid, line in panel.chart.lines.items():
        if not line.isVisible():
            continue
        xs, ys = line.getData()
        points = [_scene(panel, float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
        segments.extend((f"{sid} line", a, b) for a, b in itertools.pairwise(points))
    return segments


def _crosses(rect: QRectF, a: QPointF, b: QPointF) -> bool:
    """Whether the segment a-b passes through ``rect`` (sampled every pixel)."""
    steps = max(2, int(math.hypot(b.x() - a.x(), b.y() - a.y())))
    return any(rect.contains(a + (b - a) * (i / steps)) for i in range(steps + 1))


def assert_chart_words_clear(panel: TimelinePanel, where: str) -> None:
    """Chart words lie inside the plot, clear of each other, of the ticks and of the data;
    the 0-10 scale keeps at least 10 lines of text of height."""
    chart = panel.chart
    em = panel.context.metrics.em
    plot_area = chart.view.sceneBoundingRect()
    scene_area = QRectF(chart.plot.rect())
    words = chart.label_rects()
    assert words, f"no chart words at {where}"
    for text, rect in words:
        assert plot_area.contains(rect), f"{text!r} is cut at the plot's edge at {where}"
    ticks = (charts.tick_label_rects(chart.plot, "bottom") + charts.tick_label_rects(chart.plot, "left"))
    name = chart.plot.getPlotItem().getAxis("bottom").label
    inset = name.document().documentMargin()  # empty space around the text, may touch the edge
    ticks.append((name.toPlainText(), name.mapRectToScene(name.boundingRect()).adjusted(
        inset, inset, -inset, -inset)))
    for text, rect in ticks:
        assert scene_area.contains(rect), f"tick {text!r} is clipped at {where}"
    _no_overlaps(words + ticks)
    marks = _marker_rects(panel)
    segments = _line_segments(panel)
    for text, rect in words:
        for mark, mark_rect in marks:
            assert not rect.intersects(mark_rect), f"{text!r} covers a {mark} at {where}"
        for line, a, b in segments:
            assert not _crosses(rect, a, b), f"{text!r} is crossed by the {line} at {where}"
    scale = _scene(panel, 0, 0).y() - _scene(panel, 0, pack_denominator(panel)).y()
    assert scale >= 10 * em - 1, f"the 0-10 scale is {scale:.0f} px high at {where} (em {em})"


def assert_every_word_shown_once(panel: TimelinePanel, where: str) -> None:
    """Each chart word is on the chart or, marked there by its letter, in the key below."""
    chart = panel.chart
    key_letters = {words: letter for letter, words in chart.key_words()}
    for lab in (*chart.event_labels, *chart.value_labels):
        tag = lab.point.tag
        on_chart = lab.item.isVisible()
        problem = "twice" if on_chart else "nowhere"
        assert on_chart != (tag in key_letters), f"{tag!r} is shown {problem} at {where}"
        if key_letters.get(tag):
            assert lab.badge.isVisible() and lab.badge.textItem.toPlainText() == key_letters[tag]
    letters = [letter for letter, _ in chart.key_words() if letter]
    assert letters == sorted(set(letters)), f"key letters repeat or are out of order at {where}"
    assert chart.key.isVisible() == bool(key_letters)
    for entry in chart.key.entries:
        assert entry.isVisible() == (entry.words.text() in key_letters)


def pack_denominator(panel: TimelinePanel) -> float:
    return float(panel.content.value_axis.denominator)


def assert_page_text_clear(panel: TimelinePanel, where: str) -> None:
    """Every visible label lies inside the page, is tall enough for its wrapped text, and
    touches no other label; the page is never wider than its window."""
    body = panel.body
    assert body.width() <= panel.viewport().width(), f"the page is wider than the window at {where}"
    placed: list[tuple[str, QRectF]] = []
    for label in body.findChildren(QLabel):
        if not label.isVisibleTo(body) or not label.text():
            continue
        rect = QRectF(label.rect().translated(label.mapTo(body, label.rect().topLeft())))
        inside = rect.left() >= 0 and rect.right() <= body.width() + 1
        assert inside, f"{label.text()!r} clipped at {where}"
        if label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()) - 1, f"{label.text()!r} cut off"
        else:
            assert label.width() >= label.sizeHint().width() - 1, f"{label.text()!r} cut off"
        placed.append((label.text(), rect.adjusted(0.5, 0.5, -0.5, -0.5)))
    _no_overlaps(placed)
    for button in (panel.chart_button, panel.table_button, *panel.legend_buttons.values()):
        if not button.isVisibleTo(body):
            continue
        assert button.height() >= 44 and button.width() >= button.sizeHint().width() - 1
        right = button.mapTo(body, button.rect().topRight()).x()
        assert right <= body.width(), f"{button.text()!r} pushed past the page's edge at {where}"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_renders_without_overlaps_or_clipping(qtbot, window, panel: TimelinePanel,
                                              size: tuple[int, int]) -> None:
    resize(qtbot, window, panel, size)
    assert_chart_words_clear(panel, f"{size}")
    assert_every_word_shown_once(panel, f"{size}")
    assert_page_text_clear(panel, f"{size}")


@pytest.fixture
def make_panel(qtbot, qapp_fonts):
    """A window in a language, at a text size and window size, showing the timeline."""
    from ketdesk.cli import Options
    from ketdesk.startup import build_window

    def make(lang: str, scale: int, size: tuple[int, int]) -> TimelinePanel:
        window = build_window(Options(lang=lang, text_scale=scale))
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.show_panel("timeline")
        panel = window.panel("timeline")
        assert isinstance(panel, TimelinePanel)
        panel.show_view(CHART)
        settle()
        qtbot.waitUntil(lambda: panel.chart.shown_ticks != [])
        settle()
        assert (window.width(), window.height()) == size
        return panel

    return make


TEXT_SIZES = [(lang, scale, size) for lang in ("en", "es") for scale in (100, 150, 200)
              for size in ((1024, 600), (1920, 1080))] + [("es", 100, (3840, 2160))]


@pytest.mark.parametrize(("lang", "scale", "size"), TEXT_SIZES,
                         ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v, tuple) else str(v))
def test_every_text_size_keeps_the_chart_readable(make_panel, lang: str, scale: int,
                                                  size: tuple[int, int]) -> None:
    panel = make_panel(lang, scale, size)
    where = f"{lang} {scale}% {size[0]}x{size[1]}"
    assert_chart_words_clear(panel, where)
    assert_every_word_shown_once(panel, where)
    assert_page_text_clear(panel, where)
    # The caption names the scale in one line, or two when the window is narrower than it.
    caption = panel.chart.caption
    lines = caption.height() / caption.fontMetrics().lineSpacing()
    assert lines < 3, f"the caption is squeezed into {lines:.1f} lines at {where}"
    # The other views never widen the page either.
    for view in (PEOPLE, TABLE):
        panel.show_view(view)
        settle()
        assert_page_text_clear(panel, f"{where}, view {view}")
    # Every column of the table fits (stacked when narrow), and every row is on the page.
    table = panel.table
    assert table is not None
    assert table.current.horizontalScrollBar().maximum() == 0, f"a table column is hidden at {where}"
    assert panel.stack.height() >= table.full_height()
    panel.show_view(CHART)


# --- the layout's geometry, on its own ---------------------------------------------------------
def test_segment_hits_is_exact() -> None:
    from PySide6.QtCore import QLineF

    from ketdesk.ui.panels.timeline.layout import segment_hits

    box = QRectF(10, 10, 10, 10)
    assert segment_hits(box, QLineF(0, 0, 30, 30))  # through the middle
    assert segment_hits(box, QLineF(0, 19.5, 30, 19.5))  # along the inside of an edge
    assert not segment_hits(box, QLineF(0, 21, 30, 21))  # just below
    assert not segment_hits(box, QLineF(0, 0, 9, 9))  # stops short


def test_event_rows_choose_sides_to_save_rows() -> None:
    from ketdesk.ui.panels.timeline.layout import assign_sided_rows

    # Each item: words right of its marker, then (optionally) left of it. Words right of
    # the first marker would push the second item onto a row of its own; on its left,
    # both share one row.
    options = [[(0.0, 60.0), (-30.0, 30.0)], [(40.0, 90.0)]]
    assert assign_sided_rows(options, 5.0) == [(0, 1), (0, 0)]
    # With room to spare, words stay right of their markers.
    roomy = [[(0.0, 60.0), (-30.0, 30.0)], [(80.0, 120.0)]]
    assert assign_sided_rows(roomy, 5.0) == [(0, 0), (0, 0)]


def test_best_split_balances_two_lines() -> None:
    from ketdesk.ui.panels.timeline.layout import best_split

    assert best_split("One infusion: about 5 in 10", len) == "One infusion:\nabout 5 in 10"
    assert best_split("Word", len) == "Word"


def test_no_free_place_means_no_place() -> None:
    """Boxed in on every side, a word gets no place at all (it goes to the key)."""
    from PySide6.QtCore import QSizeF

    from ketdesk.ui.panels.timeline.layout import place_label

    area = QRectF(0, 0, 200, 100)
    wall = [QRectF(0, 0, 200, 100)]
    anchor = QPointF(100, 50)
    for far in (False, True):
        assert place_label(anchor, QSizeF(40, 12), 4, area, wall, [], [], far=far) is None
    free = place_label(anchor, QSizeF(40, 12), 4, area, [], [], [])
    assert free is not None and area.contains(free.rect) and free.leader is None


def test_flow_layout_wraps_instead_of_widening(qtbot) -> None:
    from PySide6.QtWidgets import QPushButton, QWidget

    from ketdesk.ui.flow_layout import FlowLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    row = FlowLayout(holder)
    row.setSpacing(8)
    buttons = [QPushButton("A long button label") for _ in range(3)]
    for button in buttons:
        row.addWidget(button)
    one_row = row.sizeHint().width()
    holder.resize(one_row, row.heightForWidth(one_row))
    holder.show()
    qtbot.waitExposed(holder)
    assert row.rows == 1
    narrow = buttons[0].sizeHint().width() + 20
    holder.resize(narrow, row.heightForWidth(narrow))
    qtbot.waitUntil(lambda: row.rows == 3)
    assert all(b.geometry().right() < narrow for b in buttons)
    assert row.heightForWidth(narrow) > row.heightForWidth(one_row)


def test_poster_shows_10_people_and_builds_no_chart(qtbot, window) -> None:
    """The poster's picture is the first view's message, painted (no pyqtgraph on its path),
    in the key's colours: ketamine and the comparison over "Hours", pills over "Weeks"."""
    import subprocess
    import sys
    from pathlib import Path

    from ketdesk.ui.panels.timeline.speed_poster import SpeedPoster
    from ketdesk.ui.visual_key import key_for

    window.show_panel("timeline")
    settle()
    panel = window.panel("timeline")
    poster = panel.poster()
    assert poster is not None and isinstance(poster.visual, SpeedPoster)
    assert not panel.chart_built
    visual = poster.visual
    assert [visual.zones[c.zone] for c in visual.columns if c.row is not None] == \
        [panel.content.people.zones[i] for i in (0, 0, 2)]
    key = key_for(panel.context.theme.name)
    assert [r.colour for r in visual.rows] == [key.colour(r) for r in ("ketamine", "comparison", "pills")]
    assert visual.height() >= visual.height_for(visual.width(), visual.em) - 1
    code = ("import sys, ketdesk.ui.panels.timeline.view, ketdesk.ui.panels.timeline.speed_poster; "
            "sys.exit(1 if 'pyqtgraph' in sys.modules or 'numpy' in sys.modules else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2],
                            capture_output=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("theme_name", ["standard", "high-contrast"])
def test_chart_marks_take_their_colours_from_the_key(qtbot, qapp_fonts, theme_name: str) -> None:
    """Walk the built chart: every series' markers, lines and range bars are drawn in the
    key's colour of what the series stands for (pills green, never ketamine blue)."""
    from ketdesk.cli import Options
    from ketdesk.startup import build_window
    from ketdesk.ui.visual_key import key_for

    window = build_window(Options(), theme_name=theme_name)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    window.show_panel("timeline")
    panel = window.panel("timeline")
    assert isinstance(panel, TimelinePanel)
    panel.show_view(CHART)
    qtbot.waitUntil(lambda: panel.chart.shown_ticks != [])
    settle()
    assert panel.context.theme.name == theme_name
    key = key_for(theme_name)

    def colour_of(thing) -> str:
        return thing.color().name().upper()

    content = panel.content
    seen = set()
    for series in content.series:
        colour = key.colour(content.role(series.legend)).upper()
        scatter = panel.chart.scatters[series.id]
        brushes = {colour_of(b) for b in scatter.data["brush"] if b is not None}
        brushes |= {colour_of(scatter.opts["brush"])} if len(scatter.data) else set()
        assert brushes <= {colour}, (series.id, brushes, colour)
        if series.id in panel.chart.lines:
            assert colour_of(panel.chart.lines[series.id].opts["pen"]) == colour
        if series.id in panel.chart.range_bars:
            assert colour_of(panel.chart.range_bars[series.id].opts["pen"]) == colour
        seen.add(content.role(series.legend))
    assert {"ketamine", "ketamine_series", "pills", "comparison"} <= seen
    assert key.colour("pills") != key.colour("ketamine")
