"""The other-conditions panel: cards, evidence meters, details sheet, the people chart and
its table, at the three reference window sizes."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ketdesk.content import load_content
from ketdesk.content.schema.conditions import ConditionsContent
from ketdesk.ui import charts
from ketdesk.ui.panels.base import PanelContext
from ketdesk.ui.panels.conditions.view import ConditionsPanel
from tests.refcounts import needs_mortal_singletons, references_kept

REPO = Path(__file__).resolve().parents[2]
SIZES = [(1024, 600, 16), (1920, 1080, 24), (3840, 2160, 48)]


@pytest.fixture
def panel(qtbot, window):
    window.show_panel("conditions")
    page = window.panel("conditions")
    qtbot.waitUntil(lambda: page.chart.is_built)
    return page


def test_importing_the_panel_does_not_import_pyqtgraph() -> None:
    code = ("import sys, ketdesk.ui.panels.conditions.view; "
            "sys.exit(1 if 'pyqtgraph' in sys.modules or 'numpy' in sys.modules else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_chart_is_built_on_first_show_only(qtbot, qapp_fonts, pack) -> None:
    page = ConditionsPanel(PanelContext(pack=pack))
    qtbot.addWidget(page)
    assert not page.chart.is_built
    page.show()
    qtbot.waitUntil(lambda: page.chart.is_built)
    assert page.chart.plot is not None


def test_every_condition_has_a_card_with_sources(panel, pack) -> None:
    assert list(panel.card_views) == [c.id for c in pack.content(ConditionsContent).cards]
    for card in pack.content(ConditionsContent).cards:
        view = panel.card_views[card.id]
        assert view.heading.text() == card.name
        assert view.summary.text() == card.summary
        assert card.counts_text in view.counts.text()
        assert view.counts.chips  # its source numbers, as chips to tap
        assert view.finding.chips
        assert view.approval is not None and view.approval.chips


def test_meters_show_the_content_level_in_words_and_bars(panel, pack) -> None:
    expected = {"bipolar": (2, "Limited"), "ptsd": (2, "Limited"), "crps": (3, "Moderate"),
                "fibromyalgia": (1, "Weak")}
    for card_id, (filled, word) in expected.items():
        meter = panel.card_views[card_id].meter
        assert (meter.filled, meter.total, meter.word) == (filled, 4, word)
        assert meter.accessibleName() == f"Strength of proof: {word}, {filled} of 4 bars filled"


def test_meter_follows_a_changed_level(qtbot, qapp_fonts, pack_copy: Path) -> None:
    path = pack_copy / "conditions.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('strength = "weak"', 'strength = "strong"', 1), encoding="utf-8")
    changed = load_content(pack_copy).pack
    assert changed is not None
    page = ConditionsPanel(PanelContext(pack=changed))
    qtbot.addWidget(page)
    meter = page.card_views["fibromyalgia"].meter
    assert (meter.filled, meter.word) == (4, "Strong")


def test_click_opens_details_and_close_button_closes(qtbot, panel) -> None:
    view = panel.card_views["crps"]
    details = panel.details
    assert not details.is_open
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(view.width() // 2, 4))
    qtbot.waitUntil(lambda: details.is_open)
    assert details.card_id == "crps"
    assert details.heading.text() == view.card.name
    assert details.close_button.height() >= 44
    assert details.close_button.text() == "Close"
    qtbot.mouseClick(details.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not details.is_open)


def test_more_details_button_opens_details(qtbot, panel) -> None:
    view = panel.card_views["ptsd"]
    qtbot.mouseClick(view.more, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.details.is_open)
    assert panel.details.card_id == "ptsd"


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_keyboard_opens_details_and_escape_closes(qtbot, window, panel, key) -> None:
    window.activateWindow()
    view = panel.card_views["bipolar"]
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, key)
    qtbot.waitUntil(lambda: panel.details.is_open)
    assert panel.details.card_id == "bipolar"
    qtbot.waitUntil(panel.details.close_button.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not panel.details.is_open)
    qtbot.waitUntil(view.hasFocus)  # back where the visitor was


def test_tab_stays_inside_the_open_sheet(qtbot, window, panel) -> None:
    window.activateWindow()
    panel.open_details("fibromyalgia")
    qtbot.waitUntil(panel.details.close_button.hasFocus)
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None and panel.details.isAncestorOf(focus)


@needs_mortal_singletons
def test_opening_details_does_not_drop_references_to_true(qtbot, panel) -> None:
    # PySide6 6.12's Signal.emit() from Python loses a reference to True per call; a kiosk
    # opening cards all day would crash. The card and sheet must not emit from Python.
    panel.open_details("ptsd")
    panel.details.close_details()
    with references_kept(True, slack=1):
        for _ in range(20):
            panel.card_views["ptsd"].activate()
            panel.details.close_details()


def test_details_list_every_source_of_the_card(panel, pack) -> None:
    numbers = pack.source_numbers()
    for card in pack.content(ConditionsContent).cards:
        panel.open_details(card.id)
        listed = [[chip.number for chip in label.chips] for label in panel.details.source_labels]
        assert len(listed) == len(card.all_sources)
        for source_id in card.all_sources:
            assert [numbers[source_id]] in listed, source_id
        for block in card.details:
            assert panel.details.findChild(QWidget, f"details-{block.id}") is not None
        panel.details.close_details()


def test_source_number_in_details_opens_it_inside_the_sheet(qtbot, window, panel, pack) -> None:
    panel.open_details("crps")
    number = pack.source_numbers()["sigtermans2009"]
    panel._on_link(f"source:{number}")
    assert window.current_panel_id == "conditions"
    assert window.detail_sheet.is_open and panel.details.is_open
    assert window.detail_sheet.heading.text() == f"Source {number}"
    window.detail_sheet.close_sheet()
    assert panel.details.is_open  # Back returns to the condition's details


def test_chart_data_equals_the_content(panel, pack) -> None:
    text = pack.content(ConditionsContent)
    chart = panel.chart
    cards = text.cards
    opts = chart.bars.opts
    assert list(opts["width"]) == [c.people for c in cards]
    assert list(opts["y"]) == list(range(len(cards)))
    assert list(opts["x0"]) == [0] * len(cards)
    comparison = text.chart.comparison
    assert comparison is not None
    assert list(chart.comparison_bar.opts["width"]) == [comparison.people]
    assert list(chart.comparison_bar.opts["y"]) == [len(cards)]
    labels = [r.label for r in text.chart_rows()]
    ticks = chart.plot.getPlotItem().getAxis("left")._tickLevels[0]
    assert [label for _, label in ticks] == labels
    assert [v.textItem.toPlainText() for v in chart.value_items] == [r.value_text for r in text.chart_rows()]
    assert chart.plot.getPlotItem().getAxis("bottom").labelText == text.chart.axis
    assert chart.title.text() == text.chart.title
    # The [to verify] size of the second CRPS trial is not in the chart.
    assert 60 in list(opts["width"]) and 79 not in list(opts["width"])


def test_table_toggle_shows_the_same_data(qtbot, panel, pack) -> None:
    chart = panel.chart
    text = pack.content(ConditionsContent)
    assert chart.toggle.text() == "Show as table" and not chart.showing_table
    assert not chart.table_built  # built on the first tap, not with the chart
    qtbot.mouseClick(chart.toggle, Qt.MouseButton.LeftButton)
    assert chart.showing_table
    assert chart.toggle.text() == "Show as chart"
    assert chart.table.accessibleName() == text.chart.table_name
    cells = chart.table.cell_texts()
    assert [row[:3] for row in cells] == [[r.label, r.value_text, r.counts_text] for r in text.chart_rows()]
    assert all(row[3].startswith("Sources: ") for row in cells)
    panel.reset()
    assert not chart.showing_table


def test_tapping_a_bar_shows_its_counts(panel, pack) -> None:
    points = panel.chart.hit_points.points()
    assert len(points) == len(pack.content(ConditionsContent).chart_rows())
    rows = pack.content(ConditionsContent).chart_rows()
    assert [p.pos().x() for p in points] == [r.people / 2 for r in rows]


# --- layout at the three reference sizes ------------------------------------------------
def visible_labels(root: QWidget) -> list[QLabel]:
    return [w for w in root.findChildren(QLabel) if w.isVisibleTo(root) and w.text()]


def assert_label_fits(label: QLabel) -> None:
    if label.wordWrap():
        assert label.height() >= label.heightForWidth(label.width()) - 1, label.text()[:60]
    else:
        assert label.width() >= label.sizeHint().width() - 1, label.text()[:60]


def assert_no_overlap(widgets: list[QLabel], root: QWidget) -> None:
    rects = [(w, QRect(w.mapTo(root, QPoint(0, 0)), w.size())) for w in widgets]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            assert not ra.intersects(rb), (a.objectName() or a.text()[:40], b.objectName() or b.text()[:40])


@pytest.mark.parametrize(("width", "height", "em"), SIZES)
def test_renders_without_clipping_or_overlap(qtbot, window, panel, width, height, em) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.metrics.em == em)
    qtbot.waitUntil(lambda: panel.body.width() <= panel.viewport().width())
    # Render once, as a screenshot would: pyqtgraph places text items when it paints.
    window.grab()
    # Scrolls vertically only.
    assert panel.horizontalScrollBar().maximum() == 0 or not panel.horizontalScrollBar().isVisible()
    labels = visible_labels(panel.body)
    for label in labels:
        assert_label_fits(label)
        assert label.mapTo(panel.body, QPoint(label.width(), 0)).x() <= panel.body.width()
    for view in panel.card_views.values():
        children = [w for w in view.findChildren(QWidget) if w.isVisibleTo(view) and w.parent() is view]
        assert_no_overlap(children, view)
        assert view.more.height() >= 44
    assert_no_overlap(list(panel.card_views.values()), panel.body)

    chart = panel.chart
    metrics = window.metrics
    # Bring the chart into view and render it: pyqtgraph places text items as it paints.
    panel.ensureWidgetVisible(chart)
    window.grab()
    assert chart.toggle.width() >= chart.toggle.sizeHint().width()
    # Chart text follows the window's text size.
    left = chart.plot.getPlotItem().getAxis("left")
    assert left.style["tickFont"].pixelSize() == charts.chart_font(metrics).pixelSize()
    # Every axis word fits its axis, and every number sits inside the plot, right of its bar.
    font_metrics = QFontMetrics(charts.chart_font(metrics))
    widest = max(font_metrics.horizontalAdvance(r.label) for r in chart.rows)
    qtbot.waitUntil(lambda: left.width() >= widest)  # the scene lays out on its next event
    window.grab()
    view_box = chart.plot.getPlotItem().getViewBox()
    box = view_box.sceneBoundingRect()
    boxes = []
    for i, (row, value) in enumerate(zip(chart.rows, chart.value_items, strict=True)):
        rect = value.sceneBoundingRect()
        assert box.left() <= rect.left() and rect.right() <= box.right() + 1, row.label
        bar_end = view_box.mapViewToScene(QPointF(row.people, i)).x()
        assert rect.left() >= bar_end, row.label  # right of its bar, not on it
        boxes.append(rect)
    # The numbers' boxes do not overlap one another.
    for a, b in itertools.pairwise(boxes):
        assert a.bottom() <= b.top() + 1

    # The details sheet fits the window with its Close button whole and large enough.
    panel.open_details("crps")
    QApplication.processEvents()
    sheet = panel.details.sheet
    sheet_rect = QRect(sheet.mapTo(panel, QPoint(0, 0)), sheet.size())
    assert panel.rect().contains(sheet_rect)
    close = panel.details.close_button
    assert close.height() >= max(44, metrics.touch) - 1
    assert sheet.rect().contains(QRect(close.mapTo(sheet, QPoint(0, 0)), close.size()))
    assert close.width() >= close.sizeHint().width()
    for label in visible_labels(panel.details.scroller.widget()):
        assert_label_fits(label)
    panel.details.close_details()


def test_ladder_ranks_by_strength_of_proof_not_people(panel) -> None:
    """At a glance, the four conditions by how strong the proof is: CRPS (moderate) on top,
    PTSD (most people studied, but its largest trial found no benefit) not above it."""
    from ketdesk.content.schema.conditions import STRENGTH_ORDER, meter_fill

    ladder = panel.ladder
    assert ladder.isVisible()
    cards = {c.id: c for c in panel.content.cards}
    order = ladder.order()
    assert sorted(order) == sorted(cards)
    levels = [STRENGTH_ORDER.index(cards[i].strength) for i in order]
    assert levels == sorted(levels, reverse=True)
    most_people = max(cards.values(), key=lambda c: c.people)
    assert most_people.id == "ptsd" and order[0] != "ptsd" and order[0] == "crps"
    for card_id, steps, word in zip(order, ladder.steps, ladder.words, strict=True):
        assert steps.filled == meter_fill(cards[card_id].strength)[0]
        assert word.text() == panel.content.level(cards[card_id].strength).word
        assert steps.accessibleName()
    # Large: the ladder's steps are more than twice the card meter's size.
    card_meter = panel.card_views["crps"].meter.bars
    assert ladder.steps[0].height() >= 2 * card_meter.height()
    # Above the cards: the first thing under the title.
    assert ladder.mapTo(panel.body, ladder.rect().topLeft()).y() < \
        panel.card_views[order[0]].mapTo(panel.body, panel.card_views[order[0]].rect().topLeft()).y()


def test_more_details_adds_and_does_not_repeat_the_card(qtbot, panel) -> None:
    from PySide6.QtWidgets import QLabel

    card = next(c for c in panel.content.cards if c.id == "ptsd")
    panel.open_details("ptsd")
    qtbot.waitUntil(lambda: panel.details.is_open)
    # What each label says, without the "Sources: 26" its accessible name ends with.
    shown = [re.sub(r" Sources: [\d, ]+$", "", label.accessibleName() or label.text())
             for label in panel.details.scroller.widget().findChildren(QLabel)]
    repeats = [card.summary, card.finding.text, *([card.approval.text] if card.approval else [])]
    for repeated in repeats:
        assert repeated not in shown, f"the sheet repeats the card: {repeated!r}"
    assert card.strength_basis.text in shown  # why the level: not on the card
    for block in card.details:
        for claim in block.claims:
            assert claim.text in shown
    panel.details.close_details()


def test_poster_shows_the_ladder_strongest_first(panel) -> None:
    from ketdesk.ui.panels.conditions.ladder_poster import LadderPoster

    poster = panel.poster()
    assert poster is not None and isinstance(poster.visual, LadderPoster)
    words = {c.chart_label: panel.content.level(c.strength).word for c in panel.content.cards}
    assert [r.name for r in poster.visual.rungs] == [
        next(c.chart_label for c in panel.content.cards if c.id == i) for i in panel.ladder.order()]
    assert all(r.word == words[r.name] for r in poster.visual.rungs)
    assert poster.visual.rungs[0].name != "PTSD"
