"""The efficacy timeline panel: its chart data, words, toggles, views and layout at three sizes."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from ketdesk.ui import charts
from ketdesk.ui.panels.timeline import CHART, PEOPLE, TABLE, TimelinePanel
from ketdesk.ui.theme import Metrics

SIZES = [(1024, 600), (1920, 1080), (3840, 2160)]


@pytest.fixture
def panel(qtbot, window) -> TimelinePanel:  # type: ignore[no-untyped-def]
    window.show_panel("timeline")
    panel = window.panel("timeline")
    assert isinstance(panel, TimelinePanel)
    qtbot.waitUntil(lambda: panel.chart.shown_ticks != [])
    return panel


def resize(qtbot, window, panel: TimelinePanel, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    em = Metrics.for_window(*size).em
    qtbot.waitUntil(lambda: window.metrics.em == em and panel.viewport().width() > size[0] * 0.9)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    panel.chart.relayout()


def test_lines_plot_the_content_series(pack, panel: TimelinePanel) -> None:  # type: ignore[no-untyped-def]
    content = pack.timeline
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


def test_markers_plot_every_result_and_range(pack, panel: TimelinePanel) -> None:  # type: ignore[no-untyped-def]
    content = pack.timeline
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


def test_axis_ticks_carry_the_words(qtbot, pack, window, panel: TimelinePanel) -> None:  # type: ignore[no-untyped-def]
    words = [t.label for t in pack.timeline.time_axis.ticks]
    resize(qtbot, window, panel, (1920, 1080))
    drawn = [text.replace("\n", " ") for text, _ in charts.tick_label_rects(panel.chart.plot, "bottom")]
    assert drawn == words
    left = [text for text, _ in charts.tick_label_rects(panel.chart.plot, "left")]
    assert left == [t.label for t in pack.timeline.value_axis.ticks]
    # Narrow: the less important words give way; the always-shown ones stay.
    resize(qtbot, window, panel, (1024, 600))
    drawn = [text.replace("\n", " ") for text, _ in charts.tick_label_rects(panel.chart.plot, "bottom")]
    keep = [t.label for t in pack.timeline.time_axis.ticks if t.priority == 1]
    assert set(keep) <= set(drawn) <= set(words)


# The offscreen platform cannot raise the tooltip window; harmless there.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_tooltip_names_number_comparison_size_and_source(qtbot, panel: TimelinePanel) -> None:  # type: ignore[no-untyped-def]
    tip = panel.chart.tip_for("ketamine-one", 0)
    assert "52%" in tip and "18%" in tip and "367 people" in tip
    assert "Han Y, et al. 2016, Neuropsychiatric Disease and Treatment" in tip
    assert "Wilkinson ST, et al. 2019, Neuropsychopharmacology" in tip

    # A tap on a marker shows the same text (touch screens have no hover).
    scatter = panel.chart.scatters["ketamine-one"]
    spot = scatter.points()[0]

    class Tap:
        def screenPos(self) -> QPointF:  # noqa: N802 - pyqtgraph's event API
            return QPointF(panel.mapToGlobal(panel.rect().center()))

    scatter.sigClicked.emit(scatter, [spot], Tap())
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Han Y, et al. 2016" in QToolTip.text()
    QToolTip.hideText()


def test_event_tooltips_name_their_source_without_a_number(panel: TimelinePanel) -> None:
    tip = panel.chart.tip_for("ketamine-onset", 0)
    assert "Kishimoto T, et al. 2016, Psychological Medicine" in tip
    assert "40 minutes to 4 hours" in tip


def test_legend_toggle_hides_its_series(qtbot, panel: TimelinePanel) -> None:  # type: ignore[no-untyped-def]
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


def test_show_as_10_people(qtbot, panel: TimelinePanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.people_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view == PEOPLE)
    people = panel.people
    assert people is not None and people.isVisible()
    assert people.accessibleName()
    assert people.filled_count(0) == 5  # one infusion, 1 day: about 5 in 10
    assert people.touched_count(0) == 5
    assert people.filled_count(1) == 2  # comparison drug: about 2 in 10
    assert people.filled_count(2) == 5  # a series of six: 5.5 to 7.1 in 10
    fills = people.fills(2)
    assert fills[5].solid == pytest.approx(0.5) and fills[5].striped == pytest.approx(0.5)
    assert fills[6].striped == pytest.approx(1.0)
    assert people.touched_count(2) == 8
    assert not panel.legend.isVisible()
    # A checked toggle is bold: its words still fit.
    assert panel.people_button.width() >= panel.toggle_width(panel.people_button, panel.context.metrics)
    qtbot.mouseClick(panel.people_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view == CHART)
    assert panel.legend.isVisible()


def test_clinic_claim_drawn_apart_from_results(panel: TimelinePanel) -> None:
    rows = panel.claim_rows
    claim = [i for i, spec in enumerate(rows.rows) if spec.claim]
    assert len(claim) == 1
    assert rows.touched_count(claim[0]) == 8 and rows.filled_count(claim[0]) == 6


def test_show_as_table_lists_every_point_with_its_source(qtbot, pack, panel: TimelinePanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.table_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view == TABLE)
    table = panel.table
    assert table is not None and table.isVisible()
    assert table.accessibleName() == pack.timeline.controls.table_name
    rows = table.cell_texts()
    points = [(s, p) for s in pack.timeline.series for p in s.points]
    assert len(rows) == len(points)
    numbers = pack.source_numbers()
    for row, (series, point) in zip(rows, points, strict=True):
        assert row[0] == series.label and row[1] == point.when and row[2] == point.label
        source = pack.source(point.source)
        assert f"Source {numbers[point.source]}: {source.authors} {source.year}" in row[5]
    assert not panel.people_button.isChecked()


def test_reset_returns_to_the_chart_with_every_series(qtbot, panel: TimelinePanel) -> None:  # type: ignore[no-untyped-def]
    panel.show_view(TABLE)
    panel.legend_buttons["pills"].setChecked(False)
    panel.reset()
    assert panel.view == CHART and not panel.table_button.isChecked()
    assert all(b.isChecked() for b in panel.legend_buttons.values())
    assert panel.chart.scatters["pills"].isVisible()


def test_chart_restyles_when_the_window_grows(qtbot, window, panel: TimelinePanel) -> None:  # type: ignore[no-untyped-def]
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


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_renders_without_overlaps_or_clipping(qtbot, window, panel: TimelinePanel,  # type: ignore[no-untyped-def]
                                              size: tuple[int, int]) -> None:
    resize(qtbot, window, panel, size)
    chart = panel.chart
    plot_area = chart.view.sceneBoundingRect()
    scene_area = QRectF(chart.plot.rect())
    words = chart.label_rects()
    assert len(words) == len(chart.event_labels) + len(chart.value_labels)
    for text, rect in words:
        assert plot_area.contains(rect), f"{text!r} is clipped by the plot area at {size}"
    ticks = (charts.tick_label_rects(chart.plot, "bottom") + charts.tick_label_rects(chart.plot, "left"))
    name = chart.plot.getPlotItem().getAxis("bottom").label
    inset = name.document().documentMargin()  # empty space around the text, may touch the edge
    ticks.append((name.toPlainText(), name.mapRectToScene(name.boundingRect()).adjusted(
        inset, inset, -inset, -inset)))
    for text, rect in ticks:
        assert scene_area.contains(rect), f"tick {text!r} is clipped at {size}"
    _no_overlaps(words + ticks)

    # Widget text: every visible label lies inside the page, is tall enough for its wrapped
    # text, and touches no other label.
    body = panel.body
    placed: list[tuple[str, QRectF]] = []
    for label in body.findChildren(QLabel):
        if not label.isVisibleTo(body) or not label.text():
            continue
        rect = QRectF(label.rect().translated(label.mapTo(body, label.rect().topLeft())))
        inside = rect.left() >= 0 and rect.right() <= body.width() + 1
        assert inside, f"{label.text()!r} clipped at {size}"
        if label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()) - 1, f"{label.text()!r} cut off"
        else:
            assert label.width() >= label.sizeHint().width() - 1, f"{label.text()!r} cut off"
        placed.append((label.text(), rect.adjusted(0.5, 0.5, -0.5, -0.5)))
    _no_overlaps(placed)
    for button in (panel.people_button, panel.table_button, *panel.legend_buttons.values()):
        assert button.height() >= 44 and button.width() >= button.sizeHint().width() - 1
