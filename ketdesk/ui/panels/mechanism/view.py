"""How ketamine may work: a five-step synapse diagram to step through, then how sure we are.

The diagram sits beside the step's words (below them on narrow windows). Back/Next, the
arrow keys, a sideways swipe on the picture, and Play all move between steps; each step
lights up its parts of the picture and eases there unless the visitor asked for reduced
motion. Below: the contrast with the usual depression pills and the certainty note.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.mechanism import DIAGRAM_PARTS, MechanismContent
from ketdesk.ui.panels.base import Panel, PanelContext
from ketdesk.ui.panels.mechanism import scene as sc
from ketdesk.ui.panels.mechanism.diagram import SynapseDiagram
from ketdesk.ui.panels.mechanism.swipe import SwipeRecognizer
from ketdesk.ui.text import claim_html
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import Card, ResponsiveGrid, button_text, make_label

# Below this many text-widths (em) the words go under the picture instead of beside it.
SIDE_BY_SIDE_MIN_EM = 50


class MechanismPanel(Panel):

    step_changed = Signal(int)  # the 0-based index of the step now shown
    play_finished = Signal()  # Play all reached the last step and stopped

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        content = self.content
        controls = content.controls
        self._step = 0
        self._show_all = False
        self._intro_done = False
        self._reduce_motion = context.reduce_motion
        self._highlights = [step.highlight for step in content.steps]
        # Time each step stays up during Play all: long enough to read two short sentences.
        self.play_interval_ms = 7000

        badges = {part: (None if (i := content.first_step_of(part)) is None else i + 1)
                  for part in DIAGRAM_PARTS}
        self.diagram = SynapseDiagram(content.labels, badges, context.theme, context.metrics)
        self.diagram.setObjectName("mechanism-diagram")
        self.diagram.setAccessibleName(controls.diagram)
        self.swipe = SwipeRecognizer(self.diagram)
        self.swipe.swiped.connect(lambda direction: self._user_step(direction))

        self.side = self._build_side()

        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        # Top-aligned, the picture keeps its height for its width whatever the words need.
        self.row.addWidget(self.diagram, 3, Qt.AlignmentFlag.AlignTop)
        self.row.addWidget(self.side, 2)
        self.layout_.addLayout(self.row)

        # --- after the steps: the contrast with other pills, then how sure science is ---
        self.contrast_card = self._contrast_card()
        cards = [self.contrast_card, *(self.block_card(block) for block in content.blocks)]
        self.after = ResponsiveGrid(cards, max_columns=2, min_column_em=20)
        self.layout_.addWidget(self.after)
        self.finish_layout()
        # Let the page be exactly as tall as its content at its width (height-for-width):
        # otherwise QScrollArea sizes it to the layout's minimum, which measures every
        # wrapped text at its narrowest and leaves a screen of blank space at the end.
        self.layout_.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        policy = self.body.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.body.setSizePolicy(policy)

        self._play_timer = QTimer(self)
        self._play_timer.timeout.connect(self._on_play_tick)
        for key, delta in ((Qt.Key.Key_Left, -1), (Qt.Key.Key_Right, 1)):
            shortcut = QShortcut(QKeySequence(key), self)
            # Only while this panel (or a control on it) has focus; buttons would
            # otherwise take the arrow keys to move focus.
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self._user_step(d))
        self._apply_step(animate=False)
        self.apply_metrics(context.metrics)

    # --- content -----------------------------------------------------------------------
    @property
    def content(self) -> MechanismContent:
        return self.context.pack.content(MechanismContent)

    @property
    def step(self) -> int:
        return self._step

    @property
    def step_count(self) -> int:
        return len(self.content.steps)

    @property
    def reduce_motion(self) -> bool:
        return self._reduce_motion

    @property
    def playing(self) -> bool:
        return self._play_timer.isActive()

    def _build_side(self) -> QWidget:
        """The words beside the picture; the buttons come first so they never move."""
        content = self.content
        controls = content.controls
        widget = QWidget()
        side = QVBoxLayout(widget)
        side.setContentsMargins(0, 0, 0, 0)
        self._side_layout = side
        self.step_label = make_label("", "h2")
        self.step_label.setObjectName("step-indicator")
        self.back_button = self._button(controls.back, "back")
        self.next_button = self._button(controls.next, "next")
        self.next_button.setProperty("primary", True)
        self.play_button = self._button(controls.play, "play")
        for button in (self.back_button, self.next_button, self.play_button):
            button.setAccessibleDescription(controls.hint)  # what the steps are and how to move
        self.back_button.clicked.connect(lambda: self._user_step(-1))
        self.next_button.clicked.connect(lambda: self._user_step(1))
        self.play_button.clicked.connect(self.toggle_play)
        buttons = QHBoxLayout()
        self._buttons_row = buttons
        buttons.addWidget(self.back_button, 1)
        buttons.addWidget(self.next_button, 1)
        buttons.addWidget(self.play_button, 1)
        self.step_title = make_label("", "h2")
        self.step_title.setObjectName("step-title")
        self.caption = self.rich_label("", "lead")
        self.caption.setObjectName("step-caption")
        self.for_you_card = Card("note")
        self.for_you_card.setObjectName("for-you")
        self.for_you_heading = make_label(controls.for_you, "body")
        self.for_you_heading.setStyleSheet("font-weight: bold;")
        self.for_you = make_label("", "body")
        self.for_you.setObjectName("step-for-you")
        self.for_you_card.body.addWidget(self.for_you_heading)
        self.for_you_card.body.addWidget(self.for_you)
        self._cards.append(self.for_you_card)
        # Every step by name: where the visitor is in the story, and a way to jump to a step.
        self.step_buttons: list[QPushButton] = []
        self._step_group = QButtonGroup(self)
        self._step_group.setExclusive(True)
        for index, step in enumerate(content.steps):
            button = self._button(f"{index + 1}. {step.title}", f"step-{index + 1}")
            button.setAccessibleDescription(step.caption)  # what choosing the step shows
            button.setCheckable(True)
            button.setStyleSheet("text-align: left;")
            self._step_group.addButton(button, index)
            self.step_buttons.append(button)
        self._step_group.idClicked.connect(self._on_step_clicked)
        self.reduce_motion_box = QCheckBox(button_text(controls.reduce_motion))
        self.reduce_motion_box.setObjectName("reduce-motion")
        self.reduce_motion_box.setAccessibleName(controls.reduce_motion)
        self.reduce_motion_box.setAccessibleDescription(controls.diagram)  # what it calms
        self.reduce_motion_box.setChecked(self._reduce_motion)
        self.reduce_motion_box.toggled.connect(self.set_reduce_motion)
        self.hint = make_label(controls.hint, "small")
        side.addWidget(self.step_label)
        side.addLayout(buttons)
        side.addWidget(self.step_title)
        side.addWidget(self.caption)
        side.addWidget(self.for_you_card)
        side.addSpacing(self.context.metrics.gap)
        self._step_list = QVBoxLayout()
        for button in self.step_buttons:
            self._step_list.addWidget(button)
        side.addLayout(self._step_list)
        side.addStretch(1)
        side.addWidget(self.reduce_motion_box)
        side.addWidget(self.hint)
        return widget

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(button_text(text))
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    def _contrast_card(self) -> Card:
        contrast = self.content.contrast
        link = self.context.theme.link
        card = Card()
        card.setObjectName("contrast")
        card.body.addWidget(make_label(contrast.heading, "h2"))
        sides = []
        for side in contrast.sides:
            box = Card("note")
            box.setObjectName(f"contrast-{side.id}")
            title = make_label(side.name, "body")
            title.setStyleSheet("font-weight: bold;")
            box.body.addWidget(title)
            for point in side.points:
                label = self.rich_label(claim_html(point, self._numbers, self.context.ui, link))
                label.setAccessibleName(point.text)
                box.body.addWidget(label)
            box.body.addStretch(1)
            self._cards.append(box)
            sides.append(box)
        self.contrast_sides = ResponsiveGrid(sides, max_columns=2, min_column_em=12)
        card.body.addWidget(self.contrast_sides)
        card.body.addStretch(1)
        self._cards.append(card)
        return card

    # --- stepping ----------------------------------------------------------------------
    def go_to(self, index: int, *, animate: bool = True) -> None:
        """Show step ``index`` (0-based, clamped); eased unless reduced motion is on."""
        index = max(0, min(self.step_count - 1, index))
        changed = index != self._step or self._show_all
        restart = index == 0 and (self._step > 1 or self._show_all)
        self._step = index
        self._show_all = False
        animate = animate and not self._reduce_motion
        if animate and restart:
            # Back to the start from further on: rather than run the whole cascade
            # backwards, clear the picture and let step 1 happen again.
            self._show_before_first_step()
        self._apply_step(animate=animate)
        if changed:
            self.step_changed.emit(index)

    def next_step(self) -> None:
        self.go_to(self._step + 1)

    def previous_step(self) -> None:
        self.go_to(self._step - 1)

    def _user_step(self, delta: int) -> None:
        """A visitor stepped (button, key or swipe): they take over from Play all."""
        self.pause()
        self.go_to(self._step + delta)

    def _on_step_clicked(self, index: int) -> None:
        self.pause()
        self.go_to(index)

    def _apply_step(self, *, animate: bool) -> None:
        content = self.content
        step = content.steps[self._step]
        controls = content.controls
        total = self.step_count
        self.step_label.setText(fill(controls.step_of, current=self._step + 1, total=total))
        self.step_title.setText(f"{self._step + 1}. {step.title}")
        self.set_cited_text(self.caption, self.cited_html(step.caption, step.sources))
        self.for_you.setText(step.for_you)
        self.for_you.setAccessibleName(step.for_you)
        self.back_button.setEnabled(self._step > 0)
        at_end = self._step >= total - 1
        self.next_button.setEnabled(not at_end)
        # A disabled button in the filled "primary" style would read as active.
        _set_property(self.next_button, "primary", not at_end)
        self.step_buttons[self._step].setChecked(True)
        states = sc.part_states(DIAGRAM_PARTS, self._highlights, self._step, show_all=self._show_all)
        self.diagram.set_states(states, animate=animate,
                                current_badge=None if self._show_all else self._step + 1)
        lit = [content.label(p) for p in DIAGRAM_PARTS if p in step.highlight]
        self.diagram.setAccessibleDescription(
            f"{self.step_label.text()}. {step.title}. "
            + "; ".join(f"{label.name} ({label.gloss})" for label in lit))

    # --- Play all ----------------------------------------------------------------------
    def toggle_play(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        """From step 1, one step every ``play_interval_ms``, stopping after the last."""
        self.go_to(0)
        self._play_timer.start(max(1, self.play_interval_ms))
        self._set_play_text()

    def pause(self) -> None:
        if self._play_timer.isActive():
            self._play_timer.stop()
            self._set_play_text()

    def _on_play_tick(self) -> None:
        self.go_to(self._step + 1)
        if self._step >= self.step_count - 1:
            self._play_timer.stop()
            self._set_play_text()
            self.play_finished.emit()

    def _set_play_text(self) -> None:
        controls = self.content.controls
        text = controls.pause if self.playing else controls.play
        self.play_button.setText(button_text(text))
        self.play_button.setAccessibleName(text)

    # --- reduce motion -----------------------------------------------------------------
    def set_reduce_motion(self, on: bool) -> None:
        self._reduce_motion = on
        if self.reduce_motion_box.isChecked() != on:
            self.reduce_motion_box.setChecked(on)
        if on and self.diagram.is_animating():
            # Jump to where the animation was going.
            self.diagram.set_states(self.diagram.target_states(), animate=False,
                                    current_badge=None if self._show_all else self._step + 1)

    # --- hooks the window calls --------------------------------------------------------
    def _show_before_first_step(self) -> None:
        before = sc.part_states(DIAGRAM_PARTS, self._highlights, None)
        self.diagram.set_states(before, animate=False, current_badge=1)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._intro_done and not self.preparing:
            # The first time the panel appears, step 1 happens before the visitor's eyes
            # (not the off-screen show of prepare_hidden, which nobody sees).
            self._intro_done = True
            if not self._reduce_motion and self._step == 0 and not self._show_all:
                self._show_before_first_step()
                self._apply_step(animate=True)

    def reset(self) -> None:
        self.pause()
        self.go_to(0, animate=False)
        super().reset()

    def prepare_for_screenshot(self) -> None:
        """The last step with every part drawn in full: the whole cascade, fully labelled."""
        self.pause()
        last = self.step_count - 1
        changed = self._step != last
        self._step = last
        self._show_all = True
        self._apply_step(animate=False)
        if changed:
            self.step_changed.emit(last)

    def attract_tick(self) -> None:
        self.pause()
        self.go_to(0 if self._show_all else (self._step + 1) % self.step_count)

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        self.diagram.set_metrics(metrics)
        self.row.setSpacing(metrics.px(1.0))
        self._side_layout.setSpacing(metrics.gap)
        self._buttons_row.setSpacing(metrics.px(0.4))
        for button in (self.back_button, self.next_button, self.play_button):
            button.setMinimumHeight(metrics.touch)
        self.reduce_motion_box.setMinimumHeight(metrics.touch)
        self._step_list.setSpacing(max(4, metrics.px(0.25)))
        for button in self.step_buttons:
            button.setMinimumHeight(metrics.touch)
        self.after.set_spacing(metrics.gap)
        self.contrast_sides.set_spacing(metrics.gap)
        self._update_direction()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_direction()

    def _update_direction(self) -> None:
        viewport = self.viewport()
        width_em = viewport.width() / max(1, self.context.metrics.em)
        # Side by side on landscape screens with room; a portrait screen or very large
        # text puts the words under a full-width picture.
        beside = width_em >= SIDE_BY_SIDE_MIN_EM and viewport.width() >= viewport.height()
        wanted = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != wanted:
            self.row.setDirection(wanted)


def _set_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on, and restyle the widget if it changed."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
