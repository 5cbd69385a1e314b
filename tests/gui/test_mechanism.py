"""The mechanism panel: stepping by button, key, swipe and Play all; motion; labels that fit."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QBoxLayout

from ketdesk.content.schema.mechanism import DIAGRAM_PARTS
from ketdesk.ui.panels import mechanism_scene as sc
from ketdesk.ui.panels.base import PanelContext
from ketdesk.ui.panels.mechanism import MechanismPanel
from ketdesk.ui.panels.mechanism_shapes import DRAW_ORDER
from ketdesk.ui.theme import Metrics


@pytest.fixture
def panel(qtbot, window) -> MechanismPanel:  # type: ignore[no-untyped-def]
    window.show_panel("mechanism")
    found = window.panel("mechanism")
    assert isinstance(found, MechanismPanel)
    found.reset()  # also ends the opening animation
    return found


def settled(qtbot, panel: MechanismPanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not panel.diagram.is_animating())


def test_opens_on_step_one_with_its_words(panel: MechanismPanel, pack) -> None:  # type: ignore[no-untyped-def]
    content = pack.mechanism
    first = content.steps[0]
    assert panel.step == 0
    assert panel.step_label.text() == "Step 1 of 5"
    assert first.title in panel.step_title.text()
    assert first.caption in panel.caption.text()
    assert panel.for_you.text() == first.for_you
    assert panel.diagram.highlighted() == set(first.highlight)
    assert not panel.back_button.isEnabled() and panel.next_button.isEnabled()


def test_next_and_back_change_step_caption_and_highlight(qtbot, panel: MechanismPanel,  # type: ignore[no-untyped-def]
                                                          pack) -> None:
    steps = pack.mechanism.steps
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
        first = pack.mechanism.first_step_of(part)
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


def test_next_stops_at_the_last_step(qtbot, panel: MechanismPanel) -> None:  # type: ignore[no-untyped-def]
    for _ in range(panel.step_count + 2):
        if panel.next_button.isEnabled():
            qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.step == panel.step_count - 1
    assert panel.step_label.text() == "Step 5 of 5"
    assert not panel.next_button.isEnabled()
    # The disabled Next button must not keep the filled look of an active button.
    assert panel.next_button.property("primary") is False


def test_step_list_jumps_and_marks_the_current_step(qtbot, panel: MechanismPanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.step_buttons[3], Qt.MouseButton.LeftButton)
    assert panel.step == 3
    assert [b.isChecked() for b in panel.step_buttons] == [False, False, False, True, False]
    panel.previous_step()
    assert panel.step_buttons[2].isChecked()


def test_play_runs_through_every_step_then_stops(qtbot, panel: MechanismPanel, pack) -> None:  # type: ignore[no-untyped-def]
    panel.play_interval_ms = 20
    seen: list[int] = []
    panel.step_changed.connect(seen.append)
    with qtbot.waitSignal(panel.play_finished, timeout=10_000):
        qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
        assert panel.playing
        assert panel.play_button.text() == pack.mechanism.controls.pause
    assert seen == [1, 2, 3, 4]
    assert panel.step == panel.step_count - 1
    assert not panel.playing
    assert panel.play_button.text() == pack.mechanism.controls.play


def test_play_from_the_end_starts_again_and_a_visitor_can_take_over(  # type: ignore[no-untyped-def]
        qtbot, panel: MechanismPanel) -> None:
    panel.go_to(4)
    panel.play_interval_ms = 60_000  # never ticks during this test
    panel.play()
    assert panel.step == 0 and panel.playing
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.step == 1
    assert not panel.playing  # stepping by hand pauses Play all


def test_arrow_keys_step(qtbot, window, panel: MechanismPanel) -> None:  # type: ignore[no-untyped-def]
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


def _drag(qtbot, widget, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(widget, pos=(start + end) / 2)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_swipe_with_a_mouse_drag(qtbot, panel: MechanismPanel) -> None:  # type: ignore[no-untyped-def]
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


def test_swipe_with_a_finger(qtbot, panel: MechanismPanel) -> None:  # type: ignore[no-untyped-def]
    diagram = panel.diagram
    device = QTest.createTouchDevice()
    y = diagram.height() // 2
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

    from ketdesk.ui.panels.mechanism_swipe import SwipeRecognizer

    widget = QWidget()
    widget.resize(1000, 500)
    swipe = SwipeRecognizer(widget)
    assert swipe.classify(QPointF(800, 200), QPointF(500, 220)) == 1
    assert swipe.classify(QPointF(500, 200), QPointF(800, 180)) == -1
    assert swipe.classify(QPointF(500, 200), QPointF(560, 200)) == 0  # too short (< 12%)
    assert swipe.classify(QPointF(500, 100), QPointF(700, 400)) == 0  # too steep


def test_steps_are_animated_unless_motion_is_reduced(qtbot, panel: MechanismPanel) -> None:  # type: ignore[no-untyped-def]
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


def test_first_view_plays_step_one_and_a_restart_replays_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
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


def test_reduce_motion_setting_is_honoured_from_the_start(qtbot, qapp_fonts, pack) -> None:  # type: ignore[no-untyped-def]
    panel = MechanismPanel(PanelContext(pack=pack, metrics=Metrics(em=24), reduce_motion=True))
    qtbot.addWidget(panel)
    panel.resize(1600, 900)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.reduce_motion_box.isChecked()
    assert panel.reduce_motion_box.text() == pack.mechanism.controls.reduce_motion
    assert not panel.diagram.is_animating()  # no opening animation either
    panel.next_step()
    assert not panel.diagram.is_animating()


def test_attract_tick_advances_and_wraps(panel: MechanismPanel) -> None:
    seen = []
    for _ in range(panel.step_count):
        panel.attract_tick()
        seen.append(panel.step)
    assert seen == [1, 2, 3, 4, 0]


def test_reset_goes_back_to_step_one_and_the_top(qtbot, window, panel: MechanismPanel) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: panel.verticalScrollBar().maximum() > 0)
    panel.go_to(3)
    panel.play_interval_ms = 60_000
    panel.verticalScrollBar().setValue(panel.verticalScrollBar().maximum())
    panel.reset()
    assert panel.step == 0
    assert panel.verticalScrollBar().value() == 0
    assert not panel.playing and not panel.diagram.is_animating()


def test_screenshot_state_shows_the_whole_cascade_labelled(panel: MechanismPanel, pack) -> None:  # type: ignore[no-untyped-def]
    panel.prepare_for_screenshot()
    assert panel.step == panel.step_count - 1
    assert not panel.diagram.is_animating()
    for part, state in panel.diagram.states().items():
        assert state.emphasis == sc.FULL and state.active == 1.0, part
    for label in pack.mechanism.labels:
        assert panel.diagram.label_text(label.id) == (label.name, f"({label.gloss})")
    # A visitor (or the attract loop) takes it from there.
    panel.attract_tick()
    assert panel.step == 0


def test_every_part_is_drawn_and_labelled(pack) -> None:  # type: ignore[no-untyped-def]
    assert sorted(DRAW_ORDER) == sorted(DIAGRAM_PARTS)
    assert sorted(sc.LABEL_SLOTS) == sorted(DIAGRAM_PARTS)
    assert sorted(label.id for label in pack.mechanism.labels) == sorted(DIAGRAM_PARTS)


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


def test_controls_are_touch_sized_and_worded_from_content(panel: MechanismPanel, pack) -> None:  # type: ignore[no-untyped-def]
    controls = pack.mechanism.controls
    assert panel.back_button.text() == controls.back
    assert panel.next_button.text() == controls.next
    assert panel.play_button.text() == controls.play
    assert panel.hint.text() == controls.hint
    assert panel.diagram.accessibleName() == controls.diagram
    for button in (panel.back_button, panel.next_button, panel.play_button, *panel.step_buttons):
        assert button.height() >= max(44, panel.context.metrics.touch), button.objectName()
    assert panel.reduce_motion_box.height() >= 44


def test_caption_source_numbers_open_the_sources_panel(window, panel: MechanismPanel, pack) -> None:  # type: ignore[no-untyped-def]
    number = pack.source_numbers()["zanos2018"]
    assert f"source:{number}" in panel.caption.text()
    panel.caption.linkActivated.emit(f"source:{number}")
    assert window.current_panel_id == "sources"


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080), (3840, 2160), (1080, 1920)])
def test_labels_fit_and_never_overlap(qtbot, window, panel: MechanismPanel,  # type: ignore[no-untyped-def]
                                      size: tuple[int, int]) -> None:
    window.resize(*size)
    expected = Metrics.for_window(*size).em
    qtbot.waitUntil(lambda: window.metrics.em == expected)
    for step in [*range(panel.step_count), "screenshot"]:
        if step == "screenshot":
            panel.prepare_for_screenshot()
        else:
            panel.go_to(step, animate=False)
        qtbot.waitUntil(lambda: panel.body.width() <= panel.viewport().width())
        diagram = panel.diagram
        view = QRectF(diagram.rect())
        plates = diagram.label_rects()
        assert sorted(plates) == sorted(DIAGRAM_PARTS)
        for part, plate in plates.items():
            assert view.contains(plate), (size, part, plate, view)
            for text_rect in diagram.label_text_rects(part):
                assert plate.contains(text_rect), (size, part, text_rect, plate)
        names = sorted(plates)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                assert not plates[a].intersects(plates[b]), (size, a, b)
    # The picture fits the page's width: the page only ever scrolls vertically.
    diagram_right = panel.diagram.mapTo(panel.body, QPoint(panel.diagram.width(), 0)).x()
    assert diagram_right <= panel.viewport().width()
    assert panel.side.mapTo(panel.body, QPoint(panel.side.width(), 0)).x() <= panel.viewport().width()
    for button in (panel.back_button, panel.next_button, panel.play_button, *panel.step_buttons):
        assert button.sizeHint().width() <= button.width(), (size, button.text())  # words not cut
    # Labels are body-sized text, readable from across the room.
    assert panel.diagram.label_font_px() >= expected
    # Words beside the picture on landscape screens, under it on portrait ones.
    beside = panel.row.direction() == QBoxLayout.Direction.LeftToRight
    assert beside == (size[0] > size[1])


def test_many_void_qt_calls_do_not_abort(qapp_fonts) -> None:  # type: ignore[no-untyped-def]
    """The diagram makes hundreds of void Qt calls a frame; PySide6 6.12.0 on Python 3.11
    drained None's refcount and aborted after a few thousand (hence the 6.11 pin)."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -100
