"""Chart taps and hovers are touch-safe: a finger or a mouse on any data point never raises.

For every data point of every chart (How fast, Other uses, Risks: the session lanes and
markers and both bar charts), in English and in Spanish, the test presses, moves a little and
releases on the point, then leaves it, once with the mouse and once with a finger on a
touch screen. Any exception in the event loop fails the test: pyqtgraph's HoverEvent has no
position when the pointer leaves a plot, and reading one crashed the kiosk on every tap.
Every tooltip shown on the way must read as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolTip, QWidget

from ketdesk.cli import Options
from ketdesk.content.schema.timeline import TimelineContent
from ketdesk.screenshot import settle

# The offscreen platform cannot raise the tooltip window; harmless there.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

_TOUCH: list[QPointingDevice] = []


def touch_screen() -> QPointingDevice:
    """One touch-screen device for the whole run (Qt keeps every device it registers)."""
    if not _TOUCH:
        _TOUCH.append(QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen))
    return _TOUCH[0]


@dataclass(frozen=True)
class Target:
    """One data point: the widget that receives its events and where on it the point is."""

    what: str
    widget: QWidget
    pos: QPoint


def plot_target(what: str, plot, item, view_pos: QPointF) -> Target:
    scene = item.getViewBox().mapViewToScene(view_pos)
    return Target(what, plot.viewport(), plot.mapFromScene(scene))


def timeline_targets(window) -> Iterator[Target]:
    chart = window.panel("timeline").chart
    for series_id, scatter in chart.scatters.items():
        for spot in scatter.points():
            yield plot_target(f"timeline {series_id} #{spot.index()}", chart.plot, scatter, spot.pos())


def conditions_targets(window) -> Iterator[Target]:
    chart = window.panel("conditions").chart
    for spot in chart.hit_points.points():
        yield plot_target(f"conditions bar #{spot.index()}", chart.plot, chart.hit_points, spot.pos())


def risks_targets(window) -> Iterator[Target]:
    panel = window.panel("risks")
    session = panel.session_chart
    for lane, scatter, _points in session.scatters:
        for spot in scatter.points():
            yield plot_target(f"risks mark {lane.id} #{spot.index()}", session.plot, scatter, spot.pos())
    for item in session.spans:
        centre = item.sceneBoundingRect().center()
        yield Target(f"risks span {item.span.detail[:20]!r}", session.plot.viewport(),
                     session.plot.mapFromScene(centre))
    for name, chart in (("pressure", panel.pressure_chart), ("doses", panel.dose_chart)):
        for box in chart.layout_for(chart.width()).bars:
            yield Target(f"risks {name} bar {box.bar.id}", chart, box.solid.center())


PANELS = {"timeline": timeline_targets, "conditions": conditions_targets, "risks": risks_targets}


def show_chart_panel(qtbot, window, panel_id: str) -> None:
    window.show_panel(panel_id)
    panel = window.panel(panel_id)
    if panel_id == "timeline":
        panel.show_view(0)  # the detailed chart: one tap away from the 10 people
    built = {"timeline": lambda: panel.chart.shown_ticks != [],
             "conditions": lambda: panel.chart.is_built,
             "risks": lambda: panel.session_chart.built}[panel_id]
    qtbot.waitUntil(built)
    settle()  # the charts' deferred layouts: points sit where they are drawn


def bring_into_view(qtbot, window, panel_id: str, target: Target) -> QPoint:
    """Scroll the page until the point is on screen; return it in window coordinates."""
    panel = window.panel(panel_id)
    local = target.widget.mapTo(panel.widget(), target.pos)
    panel.ensureVisible(local.x(), local.y(), 8, 8)
    at = target.widget.mapTo(window, target.pos)
    hit = window.childAt(at)
    # Events go to the widget under the point; make sure that is the chart, or the test
    # would tap something else and prove nothing.
    assert hit is target.widget or target.widget.isAncestorOf(hit), f"{target.what} is covered by {hit!r}"
    return at


def assert_plain(tip: str, what: str) -> None:
    document = QTextDocument()
    document.setHtml(tip)
    shown = document.toPlainText()
    assert not any(tag in shown for tag in ("<p", "<b>", "<br", "&lt;", "&amp;")), f"{what}: {shown!r}"


def mouse_over(qtbot, window, target: Target) -> str:
    """Hover, press, move, release and leave; returns the tooltip shown, if any."""
    widget = target.widget
    qtbot.mouseMove(widget, target.pos)
    tip = QToolTip.text() if QToolTip.isVisible() else ""
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=target.pos)
    qtbot.mouseMove(widget, target.pos + QPoint(2, 1))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=target.pos + QPoint(2, 1))
    # The click opens the point's details in the sheet: read them there, then close it.
    sheet = window.detail_sheet
    if sheet.is_open:
        tip = tip or sheet.body.text()
        sheet.close_sheet()
    # Off the chart: the header. This is what sends pyqtgraph's position-less exit event.
    qtbot.mouseMove(window.tools, QPoint(2, 2))
    return tip


def finger_on(window, target: Target, at: QPoint) -> str:
    """Tap the point with a finger; the details the tap opened in the sheet ("" if none).
    Then a tap somewhere else, as the next visitor's finger would: it closes the sheet."""
    device = touch_screen()
    QTest.touchEvent(window, device).press(0, at, window).commit()
    QTest.touchEvent(window, device).move(0, at + QPoint(2, 1), window).commit()
    QTest.touchEvent(window, device).release(0, at + QPoint(2, 1), window).commit()
    sheet = window.detail_sheet
    shown = sheet.body.text() if sheet.is_open else ""
    away = window.tools.mapTo(window, QPoint(2, 2))
    QTest.touchEvent(window, device).press(0, away, window).commit()
    QTest.touchEvent(window, device).release(0, away, window).commit()
    assert not sheet.is_open, "a tap on the backdrop must close the sheet"
    return shown


@pytest.fixture(params=["en", "es"])
def any_window(request, qtbot, qapp_fonts):
    from ketdesk.startup import build_window

    window = build_window(Options(lang=request.param))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("panel_id", list(PANELS))
def test_every_point_survives_mouse_and_touch(qtbot, any_window, panel_id: str) -> None:
    window = any_window
    show_chart_panel(qtbot, window, panel_id)
    targets = list(PANELS[panel_id](window))
    assert targets, f"{panel_id} has no data points to tap"
    tips: list[tuple[str, str]] = []
    untapped: list[str] = []
    with qtbot.captureExceptions() as errors:
        for target in targets:
            at = bring_into_view(qtbot, window, panel_id, target)
            tip = mouse_over(qtbot, window, target)
            if tip:
                tips.append((target.what, tip))
            # Never hover-only: a finger's tap opens the same details in the sheet.
            tapped = finger_on(window, target, at)
            if not tapped:
                untapped.append(target.what)
            QToolTip.hideText()
    assert not errors, "\n".join(f"{exc_type.__name__}: {exc}" for exc_type, exc, _tb in errors)
    assert tips, f"no point of {panel_id} showed a tooltip on hover"
    assert not untapped, f"a tap opened no details on {untapped}"
    for what, tip in tips:
        assert_plain(tip, what)


def test_a_tap_shows_the_point_in_plain_words(qtbot, any_window) -> None:
    window = any_window
    show_chart_panel(qtbot, window, "timeline")
    target = next(timeline_targets(window))
    at = bring_into_view(qtbot, window, "timeline", target)
    with qtbot.captureExceptions() as errors:
        qtbot.mouseMove(target.widget, target.pos)
        qtbot.waitUntil(QToolTip.isVisible)
        tip = QToolTip.text()
        finger_on(window, target, at)
    assert not errors
    assert_plain(tip, target.what)
    document = QTextDocument()
    document.setHtml(tip)
    pack = window.pack
    first = pack.content(TimelineContent).series[0]
    assert document.toPlainText().splitlines()[0] == f"{first.label}, {first.points[0].when}"
    QToolTip.hideText()
