"""The mechanism panel: stepping by button, key, swipe and Play all; motion; labels that fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QBoxLayout

from ketdesk.cli import Options
from ketdesk.content.schema.mechanism import DIAGRAM_PARTS, MechanismContent
from ketdesk.ui.colour import contrast_ratio, relative_luminance
from ketdesk.ui.panels.base import PanelContext
from ketdesk.ui.panels.mechanism import scene as sc
from ketdesk.ui.panels.mechanism.diagram import SynapseDiagram
from ketdesk.ui.panels.mechanism.shapes import DRAW_ORDER
from ketdesk.ui.panels.mechanism.view import MechanismPanel
from ketdesk.ui.source_chips import CitedLabel
from ketdesk.ui.theme import STANDARD, THEMES, Metrics


@pytest.fixture
def panel(qtbot, window) -> MechanismPanel:
    window.show_panel("mechanism")
    found = window.panel("mechanism")
    assert isinstance(found, MechanismPanel)
    found.reset()  # also ends the opening animation
    return found


def settled(qtbot, panel: MechanismPanel) -> None:
    qtbot.waitUntil(lambda: not panel.diagram.is_animating())


def test_opens_on_step_one_with_its_words(panel: MechanismPanel, pack) -> None:
    content = pack.content(MechanismContent)
    first = content.steps[0]
    assert panel.step == 0
    assert panel.step_label.text() == "Step 1 of 5"
    assert first.title in panel.step_title.text()
    assert first.caption in panel.caption.text()
    assert panel.for_you.text() == first.for_you
    assert panel.diagram.highlighted() == set(first.highlight)
    assert not panel.back_button.isEnabled() and panel.next_button.isEnabled()


def test_next_and_back_change_step_caption_and_highlight(qtbot, panel: MechanismPanel,
                                                          pack) -> None:
    steps = pack.content(MechanismContent).steps
    with qtbot.waitSignal(panel.step_changed) as blocker:
        qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [1]
    assert panel.step_label.text() == "Step 2 of 5"
    assert steps[1].caption in panel.caption.text()
    assert panel.for_you.text() == steps[1].for_you
    assert panel.diagram.highlighted() == set(steps[1].highlight)
    settled(qtbot, panel)
    states = panel.diagram.states()
    for part in DIAGRAM_PARTS:
        first = pack.content(MechanismContent).first_step_of(part)
        if part in steps[1].highlight:
            assert states[part].emphasis == sc.FULL and states[part].halo == 1.0, part
        elif first is not None and first < 1:
            assert states[part].emphasis == sc.DONE, part  # earlier step: still visible
        else:
            assert states[part].emphasis == sc.DIM, part  # later step: dimmed
    with qtbot.waitSignal(panel.step_changed) as blocker:
        qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [0]
    assert steps[0].caption in panel.caption.text()
    assert panel.diagram.highlighted() == set(steps[0].highlight)


def test_next_stops_at_the_last_step(qtbot, panel: MechanismPanel) -> None:
    for _ in range(panel.step_count + 2):
        if panel.next_button.isEnabled():
            qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.step == panel.step_count - 1
    assert panel.step_label.text() == "Step 5 of 5"
    assert not panel.next_button.isEnabled()
    # The disabled Next button must not keep the filled look of an active button.
    assert panel.next_button.property("primary") is False


def test_step_list_jumps_and_marks_the_current_step(qtbot, panel: MechanismPanel) -> None:
    qtbot.mouseClick(panel.step_buttons[3], Qt.MouseButton.LeftButton)
    assert panel.step == 3
    assert [b.isChecked() for b in panel.step_buttons] == [False, False, False, True, False]
    panel.previous_step()
    assert panel.step_buttons[2].isChecked()


def test_play_runs_through_every_step_then_stops(qtbot, panel: MechanismPanel, pack) -> None:
    panel.play_interval_ms = 20
    seen: list[int] = []
    panel.step_changed.connect(seen.append)
    with qtbot.waitSignal(panel.play_finished, timeout=10_000):
        qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
        assert panel.playing
        assert panel.play_button.text() == pack.content(MechanismContent).controls.pause
    assert seen == [1, 2, 3, 4]
    assert panel.step == panel.step_count - 1
    assert not panel.playing
    assert panel.play_button.text() == pack.content(MechanismContent).controls.play


def test_play_from_the_end_starts_again_and_a_visitor_can_take_over(
        qtbot, panel: MechanismPanel) -> None:
    panel.go_to(4)
    panel.play_interval_ms = 60_000  # never ticks during this test
    panel.play()
    assert panel.step == 0 and panel.playing
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.step == 1
    assert not panel.playing  # stepping by hand pauses Play all


def test_arrow_keys_step(qtbot, window, panel: MechanismPanel) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    panel.diagram.setFocus()
    qtbot.keyClick(panel.diagram, Qt.Key.Key_Right)
    assert panel.step == 1
    qtbot.keyClick(panel.diagram, Qt.Key.Key_Right)
    assert panel.step == 2
    # With a button focused, the arrows still step (a button alone would move focus).
    panel.next_button.setFocus()
    qtbot.keyClick(panel.next_button, Qt.Key.Key_Left)
    assert panel.step == 1
    assert panel.next_button.hasFocus()


def _drag(qtbot, widget, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(widget, pos=(start + end) / 2)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_swipe_with_a_mouse_drag(qtbot, panel: MechanismPanel) -> None:
    diagram = panel.diagram
    y = diagram.height() // 2
    left, right = QPoint(diagram.width() // 5, y), QPoint(diagram.width() * 4 // 5, y)
    _drag(qtbot, diagram, right, left)  # finger moves left: next
    assert panel.step == 1
    _drag(qtbot, diagram, right, left)
    assert panel.step == 2
    _drag(qtbot, diagram, left, right)  # finger moves right: back
    assert panel.step == 1
    # A tap, a short drag and a mostly vertical drag are not swipes.
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=left)
    _drag(qtbot, diagram, left, left + QPoint(10, 0))
    _drag(qtbot, diagram, QPoint(left.x(), 10), QPoint(right.x(), diagram.height() * 3))
    assert panel.step == 1


def test_swipe_with_a_finger(qtbot, panel: MechanismPanel) -> None:
    diagram = panel.diagram
    panel.ensureWidgetVisible(diagram)  # below the poster: the visitor scrolls to it first
    qtbot.waitUntil(lambda: not diagram.visibleRegion().isEmpty())
    device = QTest.createTouchDevice()
    y = diagram.visibleRegion().boundingRect().center().y()
    start, end = QPoint(diagram.width() * 4 // 5, y), QPoint(diagram.width() // 5, y)
    QTest.touchEvent(diagram, device).press(0, start, diagram).commit()
    QTest.touchEvent(diagram, device).move(0, (start + end) / 2, diagram).commit()
    QTest.touchEvent(diagram, device).release(0, end, diagram).commit()
    qtbot.waitUntil(lambda: panel.step == 1)
    QTest.touchEvent(diagram, device).press(0, end, diagram).commit()
    QTest.touchEvent(diagram, device).release(0, start, diagram).commit()
    qtbot.waitUntil(lambda: panel.step == 0)


def test_swipe_rules() -> None:
    from PySide6.QtWidgets import QWidget

    from ketdesk.ui.panels.mechanism.swipe import SwipeRecognizer

    widget = QWidget()
    widget.resize(1000, 500)
    swipe = SwipeRecognizer(widget)
    assert swipe.classify(QPointF(800, 200), QPointF(500, 220)) == 1
    assert swipe.classify(QPointF(500, 200), QPointF(800, 180)) == -1
    assert swipe.classify(QPointF(500, 200), QPointF(560, 200)) == 0  # too short (< 12%)
    assert swipe.classify(QPointF(500, 100), QPointF(700, 400)) == 0  # too steep


def test_steps_are_animated_unless_motion_is_reduced(qtbot, panel: MechanismPanel) -> None:
    panel.set_reduce_motion(False)
    with qtbot.waitSignal(panel.diagram.animation_finished):
        panel.next_step()
        assert panel.diagram.is_animating()
        assert panel.diagram.states() != panel.diagram.target_states()
    assert panel.diagram.states() == panel.diagram.target_states()

    box = panel.reduce_motion_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 3, box.height() // 2))
    assert panel.reduce_motion and panel.reduce_motion_box.isChecked()
    for move in (panel.next_step, panel.previous_step, panel.attract_tick):
        move()
        assert not panel.diagram.is_animating()
        assert panel.diagram.states() == panel.diagram.target_states()


def test_first_view_plays_step_one_and_a_restart_replays_it(qtbot, window) -> None:
    window.show_panel("mechanism")  # first time shown: step 1 happens on screen
    panel = window.panel("mechanism")
    assert isinstance(panel, MechanismPanel)
    assert panel.diagram.is_animating()
    assert panel.diagram.states()["ketamine"].active < 1.0
    settled(qtbot, panel)
    assert panel.diagram.states()["ketamine"].active == 1.0
    panel.go_to(3)
    settled(qtbot, panel)
    panel.go_to(0)
    # Back to the start from further on clears the picture (no cascade run backwards).
    assert panel.diagram.is_animating()
    assert panel.diagram.states()["glutamate"].active == 0.0
    assert panel.diagram.states()["glutamate"].emphasis == sc.DIM
    settled(qtbot, panel)
    assert panel.diagram.states() == panel.diagram.target_states()


def test_reducing_motion_mid_animation_jumps_to_the_end(panel: MechanismPanel) -> None:
    panel.set_reduce_motion(False)
    panel.next_step()
    assert panel.diagram.is_animating()
    panel.reduce_motion_box.setChecked(True)
    assert not panel.diagram.is_animating()
    assert panel.diagram.states() == panel.diagram.target_states()


def test_reduce_motion_setting_is_honoured_from_the_start(qtbot, qapp_fonts, pack) -> None:
    panel = MechanismPanel(PanelContext(pack=pack, metrics=Metrics(em=24), reduce_motion=True))
    qtbot.addWidget(panel)
    panel.resize(1600, 900)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.reduce_motion_box.isChecked()
    assert panel.reduce_motion_box.text() == pack.content(MechanismContent).controls.reduce_motion
    assert not panel.diagram.is_animating()  # no opening animation either
    panel.next_step()
    assert not panel.diagram.is_animating()


def test_attract_tick_advances_and_wraps(panel: MechanismPanel) -> None:
    seen = []
    for _ in range(panel.step_count):
        panel.attract_tick()
        seen.append(panel.step)
    assert seen == [1, 2, 3, 4, 0]


def test_reset_goes_back_to_step_one_and_the_top(qtbot, window, panel: MechanismPanel) -> None:
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: panel.verticalScrollBar().maximum() > 0)
    panel.go_to(3)
    panel.play_interval_ms = 60_000
    panel.verticalScrollBar().setValue(panel.verticalScrollBar().maximum())
    panel.reset()
    assert panel.step == 0
    assert panel.verticalScrollBar().value() == 0
    assert not panel.playing and not panel.diagram.is_animating()


def test_screenshot_state_shows_the_whole_cascade_labelled(panel: MechanismPanel, pack) -> None:
    panel.prepare_for_screenshot()
    assert panel.step == panel.step_count - 1
    assert not panel.diagram.is_animating()
    for part, state in panel.diagram.states().items():
        assert state.emphasis == sc.FULL and state.active == 1.0, part
    for label in pack.content(MechanismContent).labels:
        assert panel.diagram.label_text(label.id) == (label.name, f"({label.gloss})")
    # A visitor (or the attract loop) takes it from there.
    panel.attract_tick()
    assert panel.step == 0


def test_every_part_is_drawn_and_labelled(pack) -> None:
    assert sorted(DRAW_ORDER) == sorted(DIAGRAM_PARTS)
    assert sorted(sc.LABEL_SLOTS) == sorted(DIAGRAM_PARTS)
    assert sorted(label.id for label in pack.content(MechanismContent).labels) == sorted(DIAGRAM_PARTS)


def test_part_states() -> None:
    highlights = [("a",), ("b", "a"), ("c",)]
    parts = ("a", "b", "c", "context")
    before = sc.part_states(parts, highlights, None)
    assert {p: s.emphasis for p, s in before.items()} == {"a": sc.DIM, "b": sc.DIM, "c": sc.DIM,
                                                          "context": sc.DONE}
    middle = sc.part_states(parts, highlights, 1)
    assert middle["a"] == sc.PartState(sc.FULL, 1.0, 1.0)  # highlighted again in step 2
    assert middle["b"] == sc.PartState(sc.FULL, 1.0, 1.0)
    assert middle["c"] == sc.PartState(sc.DIM, 0.0)
    last = sc.part_states(parts, highlights, 2)
    assert last["a"] == sc.PartState(sc.DONE, 1.0)
    everything = sc.part_states(parts, highlights, 2, show_all=True)
    assert all(s == sc.PartState(sc.FULL, 1.0) for s in everything.values())


def test_controls_are_touch_sized_and_worded_from_content(panel: MechanismPanel, pack) -> None:
    controls = pack.content(MechanismContent).controls
    assert panel.back_button.text() == controls.back
    assert panel.next_button.text() == controls.next
    assert panel.play_button.text() == controls.play
    assert panel.hint.text() == controls.hint
    assert panel.diagram.accessibleName() == controls.diagram
    for button in (panel.back_button, panel.next_button, panel.play_button, *panel.step_buttons):
        assert button.height() >= max(44, panel.context.metrics.touch), button.objectName()
    assert panel.reduce_motion_box.height() >= 44


def test_caption_source_numbers_open_their_citation(window, panel: MechanismPanel, pack) -> None:
    number = pack.source_numbers()["zanos2018"]
    caption = panel.caption
    assert isinstance(caption, CitedLabel)  # its source numbers are chips
    chip = next(c for c in caption.chips if c.number == number)
    chip.click()
    assert window.current_panel_id == "mechanism"
    assert window.detail_sheet.is_open
    assert window.detail_sheet.heading.text() == f"Source {number}"


# Every window size the panel must serve, at every text size, in both languages.
LABEL_SIZES = ((1024, 600), (1920, 1080), (3840, 2160), (1080, 1920))
LABEL_CASES = [(lang, scale, size) for lang in ("en", "es") for scale in (100, 150, 200)
               for size in LABEL_SIZES]


@pytest.fixture
def make_window(qtbot, qapp_fonts):
    from ketdesk.startup import build_window

    def make(lang: str, scale: int, size: tuple[int, int]):
        window = build_window(Options(lang=lang, text_scale=scale))
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def assert_labels_clear(diagram: SynapseDiagram, where: object) -> None:
    """No label box overlaps another, leaves the picture, hides a key part of the drawing,
    or is crossed by another label's leader line or covers its end dot."""
    view = QRectF(diagram.rect())
    plates = diagram.label_rects()
    assert sorted(plates) == sorted(DIAGRAM_PARTS)
    for part, plate in plates.items():
        assert view.contains(plate), (where, part, plate, view)
        for text_rect in diagram.label_text_rects(part):
            assert plate.contains(text_rect), (where, part, text_rect, plate)
    names = sorted(plates)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not plates[a].intersects(plates[b]), (where, a, b, plates[a], plates[b])
    leaders = diagram.label_leaders()
    dots = diagram.leader_dot_rects()
    for owner, lines in leaders.items():
        for line in lines:
            assert view.contains(line.p1()) and view.contains(line.p2()), (where, owner, line)
            for part, plate in plates.items():
                if part != owner:
                    assert not segment_hits_rect(line, plate), (where, f"{owner} leader crosses {part}")
        for dot in dots[owner]:
            for part, plate in plates.items():
                if part != owner:
                    assert not dot.intersects(plate), (where, f"{owner} leader dot on {part}")
    for drawn, rects in diagram.key_rects().items():
        for key in rects:
            for part, plate in plates.items():
                assert not key.intersects(plate), (where, f"{part} label covers the {drawn} drawing")


def segment_hits_rect(line: QLineF, rect: QRectF) -> bool:
    """True when the segment passes through the rectangle (sampled finely: a test oracle
    independent of the layout code's own clipping maths)."""
    steps = max(2, int(line.length()))
    return any(rect.contains(line.pointAt(i / steps)) for i in range(steps + 1))


@pytest.mark.parametrize(("lang", "scale", "size"), LABEL_CASES,
                         ids=[f"{lang}-{scale}-{w}x{h}" for lang, scale, (w, h) in LABEL_CASES])
def test_labels_fit_and_never_overlap(qtbot, make_window, lang: str, scale: int,
                                      size: tuple[int, int]) -> None:
    window = make_window(lang, scale, size)
    expected = Metrics.for_window(*size, scale / 100).em
    qtbot.waitUntil(lambda: window.metrics.em == expected)
    window.show_panel("mechanism")
    panel = window.panel("mechanism")
    assert isinstance(panel, MechanismPanel)
    panel.reset()
    for step in [*range(panel.step_count), "screenshot"]:
        if step == "screenshot":
            panel.prepare_for_screenshot()
        else:
            panel.go_to(step, animate=False)
        qtbot.waitUntil(lambda: panel.body.width() <= panel.viewport().width())
        diagram = panel.diagram
        assert_labels_clear(diagram, (lang, scale, size, step, diagram.width(), diagram.height(),
                                      diagram.heightForWidth(diagram.width()), diagram.labels_fit()))
    # The picture fits the page's width: the page only ever scrolls vertically.
    diagram_right = panel.diagram.mapTo(panel.body, QPoint(panel.diagram.width(), 0)).x()
    assert diagram_right <= panel.viewport().width()
    assert panel.side.mapTo(panel.body, QPoint(panel.side.width(), 0)).x() <= panel.viewport().width()
    for button in (panel.back_button, panel.next_button, panel.play_button, *panel.step_buttons):
        assert button.sizeHint().width() <= button.width(), (size, button.text())  # words not cut
    # Labels are body-sized text, readable from across the room, and never shrunk to fit.
    assert panel.diagram.label_font_px() >= expected
    # The diagram is given the height its words need (the page scrolls instead).
    assert panel.diagram.height() >= panel.diagram.heightForWidth(panel.diagram.width())
    # Words beside the picture on landscape screens with room, under it on portrait ones.
    beside = panel.row.direction() == QBoxLayout.Direction.LeftToRight
    if size[0] < size[1]:
        assert not beside
    elif scale == 100:
        assert beside


class _Geometry:
    """Stand-in for the diagram's laid-out geometry, to break the check on purpose."""

    def __init__(self) -> None:
        self.plates = {part: QRectF(10 + 60 * i, 10, 50, 30) for i, part in enumerate(DIAGRAM_PARTS)}
        self.leaders = {part: [QLineF(plate.center().x(), plate.bottom(), plate.center().x(), 200)]
                        for part, plate in self.plates.items()}
        self.keys = {"brake": [QRectF(600, 300, 20, 20)]}

    def rect(self) -> QRectF:
        return QRectF(0, 0, 700, 400)

    def label_rects(self) -> dict[str, QRectF]:
        return dict(self.plates)

    def label_text_rects(self, part: str) -> tuple[QRectF, QRectF]:
        plate = self.plates[part]
        return (plate.adjusted(2, 2, -2, -16), plate.adjusted(2, 16, -2, -2))

    def label_leaders(self) -> dict[str, list[QLineF]]:
        return self.leaders

    def leader_dot_rects(self) -> dict[str, list[QRectF]]:
        return {part: [QRectF(line.p2() - QPointF(3, 3), line.p2() + QPointF(3, 3)) for line in lines]
                for part, lines in self.leaders.items()}

    def key_rects(self) -> dict[str, list[QRectF]]:
        return self.keys


@pytest.fixture(scope="module")
def packs():
    from ketdesk import paths
    from ketdesk.content import load_content

    loaded = {lang: load_content(paths.builtin_content_dir(lang)) for lang in ("en", "es")}
    assert all(result.pack is not None for result in loaded.values())
    return {lang: result.pack for lang, result in loaded.items()}


def _diagram(qtbot, pack, metrics: Metrics, width: int, theme=STANDARD) -> SynapseDiagram:
    content = pack.content(MechanismContent)
    badges = {part: (None if (i := content.first_step_of(part)) is None else i + 1) for part in DIAGRAM_PARTS}
    diagram = SynapseDiagram(content.labels, badges, theme, metrics)
    qtbot.addWidget(diagram)
    diagram.resize(width, diagram.heightForWidth(width))
    diagram.show()
    qtbot.waitExposed(diagram)
    return diagram


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("width_em", [12, 18, 21, 25, 33, 60])
def test_labels_stay_clear_at_any_width(qtbot, qapp_fonts, packs, lang: str, width_em: int) -> None:
    """However narrow or wide the diagram, no label clashes: near their parts when there is
    room, and in a column beside a smaller picture when there is not."""
    metrics = Metrics(em=32)
    diagram = _diagram(qtbot, packs[lang], metrics, width_em * metrics.em)
    highlights = [step.highlight for step in packs[lang].content(MechanismContent).steps]
    for step in [None, *range(len(highlights)), "all"]:
        states = sc.part_states(DIAGRAM_PARTS, highlights, None if step == "all" else step,
                                show_all=step == "all")
        diagram.set_states(states, animate=False, current_badge=None)
        assert_labels_clear(diagram, (lang, width_em, step))
    assert diagram.labels_fit()
    assert diagram.label_font_px() == metrics.em  # words never shrink to fit
    # Bigger words, same width: the diagram grows taller rather than crowding them.
    width = width_em * metrics.em
    assert diagram.heightForWidth(width) >= round(width * sc.DESIGN_H / sc.DESIGN_W)


def test_leader_clipping_matches_a_sampled_line() -> None:
    """``segment_hits`` (the label placers' exact test) agrees with walking along the line."""
    import random

    from ketdesk.ui.geometry import segment_hits

    rng = random.Random(7)
    for _ in range(2000):
        a = (rng.uniform(0, 100), rng.uniform(0, 100))
        b = (rng.uniform(0, 100), rng.uniform(0, 100))
        x, y = rng.uniform(0, 90), rng.uniform(0, 90)
        rect = (x, y, x + rng.uniform(1, 30), y + rng.uniform(1, 30))
        line = QLineF(*a, *b)
        sampled = segment_hits_rect(line, QRectF(rect[0], rect[1], rect[2] - rect[0], rect[3] - rect[1]))
        if sampled:  # the sampled walk can miss a corner it only grazes, never the reverse
            assert segment_hits((a, b), rect), (a, b, rect)


def test_label_check_catches_overlaps_and_crossings() -> None:
    """The check above is not vacuous: each kind of clash it names makes it fail."""
    geometry = _Geometry()
    assert_labels_clear(geometry, "clear")  # type: ignore[arg-type]
    geometry.plates["brake"] = QRectF(geometry.plates["nmda"]).translated(0, 5)
    with pytest.raises(AssertionError, match=r"'brake', 'nmda'"):
        assert_labels_clear(geometry, "stacked")  # type: ignore[arg-type]
    geometry = _Geometry()
    geometry.plates["brake"] = QRectF(geometry.plates["ketamine"].center().x() - 20, 100, 50, 30)
    geometry.leaders["brake"] = []
    with pytest.raises(AssertionError, match="ketamine leader crosses brake"):
        assert_labels_clear(geometry, "on a leader")  # type: ignore[arg-type]
    geometry = _Geometry()
    geometry.leaders["ketamine"] = [QLineF(35, 60, 68, 41)]  # its end dot touches the nmda label
    with pytest.raises(AssertionError, match="ketamine leader dot on nmda"):
        assert_labels_clear(geometry, "dot on a label")  # type: ignore[arg-type]
    geometry = _Geometry()
    geometry.keys["brake"] = [QRectF(geometry.plates["sender"].center(), QSizeF(10, 10))]
    with pytest.raises(AssertionError, match="sender label covers the brake drawing"):
        assert_labels_clear(geometry, "on the drawing")  # type: ignore[arg-type]


def test_dimmed_labels_are_opaque_and_readable(qtbot, make_window) -> None:
    """A label of a later step is dimmed by its colours, not by see-through: its plate hides
    the drawing behind it and its words keep 4.5:1 contrast."""
    window = make_window("en", 100, (1920, 1080))
    window.show_panel("mechanism")
    panel = window.panel("mechanism")
    assert isinstance(panel, MechanismPanel)
    panel.reset()
    panel.go_to(0, animate=False)
    diagram = panel.diagram
    assert diagram.states()["synapses"].emphasis == sc.DIM
    image = diagram.grab().toImage()
    theme = panel.context.theme
    plate = diagram.label_rects()["synapses"]
    name_rect, _ = diagram.label_text_rects("synapses")
    ratio = image.devicePixelRatio()
    surface = QColor(theme.surface)
    text_rect = name_rect.adjusted(1, 1, -1, -1)
    darkest = min((image.pixelColor(x, y)
                   for y in range(int(text_rect.top() * ratio), int(text_rect.bottom() * ratio))
                   for x in range(int(text_rect.left() * ratio), int(text_rect.right() * ratio))),
                  key=relative_luminance)
    assert contrast_ratio(darkest, surface) >= 4.5
    # Inside the plate but away from its words, the plate is the opaque surface colour.
    corner = QPointF(plate.right() - 4, plate.bottom() - 4)
    assert image.pixelColor(int(corner.x() * ratio), int(corner.y() * ratio)) == surface
    for colour in diagram.label_colours(dim=True):
        assert contrast_ratio(colour, surface) >= 4.5, colour


def test_dimmed_words_keep_contrast_in_every_theme(qtbot, qapp_fonts, packs) -> None:
    for theme in THEMES.values():
        diagram = _diagram(qtbot, packs["en"], Metrics(em=24), 1000, theme)
        for dim in (False, True):
            for colour in diagram.label_colours(dim=dim):
                assert contrast_ratio(colour, theme.surface) >= 4.5, (theme.name, dim, colour.name())
        # Dimmed means visibly fainter than the full look, not the same colour.
        assert diagram.label_colours(dim=True)[0] != diagram.label_colours(dim=False)[0]


