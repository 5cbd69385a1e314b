"""The risks panel: charts draw the content's data, tables list it with sources, nothing clips."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from ketdesk.content.schema.risks import RisksContent
from ketdesk.screenshot import settle
from ketdesk.ui.panels import PanelContext, create_panel
from ketdesk.ui.panels.risks.session import lane_y
from ketdesk.ui.panels.risks.view import RisksPanel
from ketdesk.ui.theme import Metrics

SIZES = [((1024, 600), 16), ((1920, 1080), 24), ((3840, 2160), 48)]


@pytest.fixture
def risks(qtbot, window):
    window.show_panel("risks")
    panel = window.panel("risks")
    qtbot.waitUntil(lambda: panel.session_chart.built)

    def scrolled_to_chart() -> bool:
        # The charts are below the poster: scrolled into view, as a visitor would (again if
        # the page was still settling: the chart is built after the panel's first paint).
        # Not visibleRegion(): once laid out, the opaque plot covers all of its chart,
        # whose own visible region is then empty.
        chart = panel.session_chart
        panel.ensureWidgetVisible(chart)
        where = QRect(chart.mapTo(panel.viewport(), QPoint(0, 0)), chart.size())
        return panel.viewport().rect().intersects(where)

    qtbot.waitUntil(scrolled_to_chart)
    settle()
    return panel


def test_chart_waits_for_first_show(qtbot, qapp_fonts, pack) -> None:
    panel = create_panel("risks", PanelContext(pack=pack))
    assert isinstance(panel, RisksPanel)
    qtbot.addWidget(panel)
    assert not panel.session_chart.built  # no pyqtgraph work while hidden
    panel.resize(1280, 800)
    panel.show()
    qtbot.waitUntil(lambda: panel.session_chart.built)


def test_session_chart_draws_the_content_series(risks, pack) -> None:
    session = pack.content(RisksContent).session
    chart = risks.session_chart
    expected_spans = [(lane.id, s.start, s.end, s.kind, s.source)
                      for lane in session.lanes for s in lane.spans]
    assert chart.span_data() == expected_spans
    expected_marks = [(lane.id, [p.t for p in series.points],
                       [lane_y(i, len(session.lanes))] * len(series.points))
                      for i, lane in enumerate(session.lanes) for series in lane.marks]
    assert chart.mark_data() == expected_marks
    # A span that runs past the chart's end is drawn to the edge with an arrow, not cut silently.
    long = [item for item in chart.spans if item.span.end > session.t_max]
    assert long and all(item.continues for item in long)
    assert all(item.data_rect().right() == session.t_max for item in long)


def test_bar_charts_draw_the_content_bars(risks, pack) -> None:
    content = pack.content(RisksContent)
    for widget, data in ((risks.pressure_chart, content.pressure), (risks.dose_chart, content.doses)):
        layout = widget.layout_for(widget.width())
        assert [box.bar for box in layout.bars] == list(data.bars)
        origin = layout.bars[0].solid.left()
        unit = layout.bars[-1].solid.width() / data.bars[-1].low
        for box in layout.bars:
            # Lengths are to scale (within a pixel of rounding).
            assert abs(box.solid.width() - box.bar.low * unit) <= 2
            assert box.solid.left() == origin
            assert (box.range_ is not None) == (box.bar.high is not None)
            assert (box.arrow is not None) == box.bar.open_high


def test_tables_are_built_on_first_toggle_only(qtbot, risks) -> None:
    # Shown and laid out, the panel has built no table: most visitors never open one.
    assert not any(card.table_built for card in risks.chart_cards)
    card = risks.pressure_card
    qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.table_built and card.table.isVisible())
    assert [c.table_built for c in risks.chart_cards] == [c is card for c in risks.chart_cards]
    # Switching back hides the same table; it is not built again.
    table = card.table
    qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not table.isVisible())
    assert card.table is table


def test_table_toggle_lists_every_point_with_its_source(qtbot, risks, pack) -> None:
    card = risks.session_card
    assert not card.table.isVisible() and card.chart_slot.isVisible()
    qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(card.table.isVisible)
    assert not card.chart_slot.isVisible()
    assert card.toggle.text() == pack.content(RisksContent).controls.show_chart
    assert card.table.accessibleName() == pack.content(RisksContent).session.table_name
    rows = card.table.cell_texts()
    session = pack.content(RisksContent).session
    drawn = [(s.detail, s.source) for lane in session.lanes for s in lane.spans]
    drawn += [(p.label, p.source) for lane in session.lanes for m in lane.marks for p in m.points]
    drawn.append((session.drip.detail, session.drip.source))
    assert len(rows) == len(drawn)
    numbers = pack.source_numbers()
    for detail, source_id in drawn:
        row = next(r for r in rows if r[2] == detail)
        source = pack.source(source_id)
        assert row[3].startswith(f"{numbers[source_id]}. {source.authors}")
    # The table is as tall as its rows: the page scrolls, not the table.
    assert card.table.verticalScrollBar().maximum() == 0
    qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(card.chart_slot.isVisible)
    assert card.toggle.text() == pack.content(RisksContent).controls.show_table


def test_bar_tables_and_reset(qtbot, risks, pack) -> None:
    content = pack.content(RisksContent)
    for card, data in ((risks.pressure_card, content.pressure), (risks.dose_card, content.doses)):
        card.toggle.setFocus()
        qtbot.keyClick(card.toggle, Qt.Key.Key_Space)  # reachable and usable by keyboard
        qtbot.waitUntil(card.table.isVisible)
        rows = card.table.cell_texts()
        assert [r[:2] for r in rows] == [[b.label, b.value_text] for b in data.bars]
        assert all(r[3] for r in rows)
    risks.reset()
    assert not any(card.showing_table() for card in risks.chart_cards)


def test_tips_show_details_and_source(qtbot, risks, pack) -> None:
    span = risks.session_chart.spans[0]
    lane = pack.content(RisksContent).session.lanes[0]
    tip = risks._span_tip(lane, span.span)
    assert span.span.detail in tip and pack.source(span.span.source).authors in tip
    assert risks.session_chart.span_at(span.sceneBoundingRect().center()) is span
    bar_chart = risks.dose_chart
    box = bar_chart.layout_for(bar_chart.width()).bars[1]
    assert bar_chart.bar_at(box.solid.center()) is box.bar


def test_every_article_risk_is_on_screen_with_sources(risks) -> None:
    shown = " ".join(label.text() for label in risks.findChildren(QLabel))
    for words in ("detached", "see or hear things that are not there", "blood pressure goes up",
                  "heart may beat a little faster", "misused", "depend"):
        labels = [lb for lb in risks.findChildren(QLabel)
                  if words in lb.text() and lb.property("role") == "body"]
        assert labels, words
        assert all(lb.chips for lb in labels), words  # source numbers as chips to tap
    assert "Schedule III" in shown


def _overlaps(rects: list[QRectF]) -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(rects)) for j in range(i + 1, len(rects))
            if rects[i].intersects(rects[j])]


def _span_rects(chart) -> list[QRectF]:
    view = chart.plot.getPlotItem().getViewBox()
    return [view.mapViewToScene(item.data_rect()).boundingRect() for item in chart.spans]


def _tick_rects(chart, side: str) -> list[QRectF]:
    """Where pyqtgraph draws each word tick: centred on its value, in the axis' tick font."""
    item = chart.plot.getPlotItem()
    axis = item.getAxis(side)
    view = item.getViewBox()
    fm = QFontMetrics(axis.style["tickFont"])
    rects = []
    for value, text in axis._tickLevels[0]:
        pos = view.mapViewToScene(QPointF(value, 0) if side == "bottom" else QPointF(0, value))
        w, h = fm.horizontalAdvance(text), fm.height()
        if side == "bottom":
            rects.append(QRectF(pos.x() - w / 2, 0, w, h))
        else:
            rects.append(QRectF(0, pos.y() - h / 2, w, h))
    return rects


@pytest.mark.parametrize(("size", "em"), SIZES)
def test_renders_without_clipped_or_overlapping_labels(qtbot, window, size, em) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.metrics.em == em)
    window.show_panel("risks")
    panel = window.panel("risks")
    qtbot.waitUntil(lambda: panel.session_chart.built)
    chart = panel.session_chart
    qtbot.waitUntil(lambda: chart.plot.getPlotItem().getViewBox().width() > 100)
    chart.fit_ranges()

    # Chart words: readable, inside the plot, never on top of each other.
    if em >= 24:
        assert charts_font_px(chart) >= 18
    texts = chart.text_rects()
    view_rect = chart.plot.getPlotItem().getViewBox().sceneBoundingRect().adjusted(-0.5, -0.5, 0.5, 0.5)
    assert len(texts) == len(chart.labels) + 1
    assert not _overlaps(texts)
    for rect in texts:
        assert view_rect.contains(rect), (rect, view_rect)
        assert not any(rect.intersects(bar) for bar in _span_rects(chart)), rect
    bottom = _tick_rects(chart, "bottom")
    assert not _overlaps(bottom)
    scene_width = chart.plot.sceneRect().width()
    assert bottom[0].left() >= 0 and bottom[-1].right() <= scene_width
    left_axis = chart.plot.getPlotItem().getAxis("left")
    widest = max(r.width() for r in _tick_rects(chart, "left"))
    assert widest < left_axis.width()
    assert not _overlaps(_tick_rects(chart, "left"))

    # Painted bar charts: every word inside the widget, none overlapping.
    for widget in (panel.pressure_chart, panel.dose_chart):
        layout = widget.layout_for(widget.width())
        rects = [QRectF(r) for r in layout.text_rects()]
        assert not _overlaps(rects), widget.data.heading
        assert all(r.left() >= 0 and r.right() <= widget.width() for r in rects)
        assert widget.height() >= layout.height
        assert min(widget.font_sizes()) >= (18 if em >= 24 else 14)

    # Every label gets the height its wrapped text needs, and fits in its parent's width.
    for label in panel.body.findChildren(QLabel):
        if not label.isVisibleTo(panel.body) or not label.wordWrap():
            continue
        assert label.height() >= label.heightForWidth(label.width()), label.text()[:40]
        parent = label.parentWidget()
        assert isinstance(parent, QWidget)
        assert label.geometry().right() <= parent.width(), label.text()[:40]

    # The visit steps: all shown, joined by arrows where they share a row.
    steps = panel.steps
    tops = [card.geometry().top() for card in steps.items]
    same_row = sum(1 for a, b in itertools.pairwise(tops) if a == b)
    assert len(steps.arrow_rects()) == same_row >= 1


def charts_font_px(chart) -> int:
    return int(chart.plot.getPlotItem().getAxis("bottom").style["tickFont"].pixelSize())


def test_text_size_restyles_the_charts(qtbot, risks) -> None:
    before = charts_font_px(risks.session_chart)
    risks.apply_metrics(Metrics(em=40))
    assert charts_font_px(risks.session_chart) > before
    assert risks.pressure_chart.font_sizes()[0] == 40
