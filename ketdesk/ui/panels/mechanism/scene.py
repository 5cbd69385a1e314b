"""The synapse picture's geometry and state, in a fixed design space (no widgets here).

Shapes are described in a 1000 x 640 design space and scaled by the painter, so the picture
is vector at every window size. Each part of the picture has two animated numbers:

* ``emphasis``: how strongly it is drawn (dim before its step, full in its step, between
  after it), which is how a step highlights its parts and dims the rest;
* ``active``: how far its own event has happened (ketamine docked, brake eased, glutamate
  released, receptors open, BDNF out, spines grown), so moving between steps shows motion.

``part_states`` computes both from the step list; the diagram widget animates between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF

DESIGN_W = 1000.0
DESIGN_H = 640.0

# Emphasis levels: parts of later steps are faint, parts of earlier steps stay readable,
# the current step's parts are drawn at full strength with a halo.
DIM = 0.22
DONE = 0.62
FULL = 1.0


@dataclass(frozen=True)
class PartState:
    emphasis: float  # opacity: DIM, DONE or FULL
    active: float  # 0 before the part's event, 1 after it
    halo: float = 0.0  # 1 for the parts of the step being shown

    def mix(self, other: PartState, t: float) -> PartState:
        return PartState(self.emphasis + (other.emphasis - self.emphasis) * t,
                         self.active + (other.active - self.active) * t,
                         self.halo + (other.halo - self.halo) * t)


def part_states(parts: Sequence[str], highlights: Sequence[Sequence[str]], current: int | None,
                *, show_all: bool = False) -> dict[str, PartState]:
    """The resting state of every part when step ``current`` (0-based) is shown.

    ``current=None`` is the state before the first step (nothing has happened yet), used
    for the opening animation. ``show_all`` draws every part at full strength: the whole
    cascade at once, for screenshots and print.
    """
    states: dict[str, PartState] = {}
    for part in parts:
        first = next((i for i, hl in enumerate(highlights) if part in hl), None)
        if show_all:
            states[part] = PartState(FULL, 1.0)
        elif first is None:
            # Never highlighted: context, drawn as if its moment had passed.
            states[part] = PartState(DONE, 1.0)
        elif current is None or first > current:
            states[part] = PartState(DIM, 0.0)
        elif part in highlights[current]:
            states[part] = PartState(FULL, 1.0, 1.0)
        else:
            states[part] = PartState(DONE, 1.0)
    return states


@dataclass(frozen=True)
class LabelSlot:
    """Where a part's words would like to go.

    ``at`` is a point in design space and ``align`` says which point of the label box sits
    on it (``"tl"`` top-left, ``"br"`` bottom-right, ``"t"`` top-centre, ...). ``width`` is
    the widest the box may be, in design units. A label is placed at its slot when there is
    room, otherwise nearby (``placement``), with a leader line to ``label_anchor``.
    ``leader=False`` marks a big cell: a label sitting on the cell needs no leader.
    """

    at: QPointF
    align: str
    width: float
    leader: bool = True


# --- Shapes (design units) -----------------------------------------------------------------
GABA_CENTER = QPointF(150, 470)
GABA_RADIUS = 92.0
NMDA_AT = QPointF(150, GABA_CENTER.y() - GABA_RADIUS)  # on the top of the calming cell
KETAMINE_DOCKED = (QPointF(150, NMDA_AT.y() - 20), QPointF(112, NMDA_AT.y() - 52),
                   QPointF(190, NMDA_AT.y() - 60))
KETAMINE_FLOATING = (QPointF(80, 250), QPointF(40, 300), QPointF(110, 200))

# The diagram grows taller than the design space when its words need room (see
# labels.py): the axon and the receiving cell then run on to the widget's edges.
OVERRUN = 4000.0
SENDER_AXON = QRectF(560, -OVERRUN, 52, OVERRUN + 100)  # x, y, w, h: the axon from the top
SENDER_TERMINAL = QRectF(440, 96, 300, 156)  # the swollen end that stores glutamate
GAP_TOP = SENDER_TERMINAL.bottom()
RECEIVER_TOP = 352.0  # the receiving cell's outer wall, across the gap
RECEIVER = QRectF(330, RECEIVER_TOP, 700 + OVERRUN, 300 + OVERRUN)  # off the right and bottom
VESICLES = (QPointF(500, 200), QPointF(566, 165), QPointF(632, 198), QPointF(690, 160),
            QPointF(586, 222))
AMPA_XS = (548.0, 676.0)
BRAKE_AT = QPointF(SENDER_AXON.left(), 44)  # where the calming cell's brake touches
BDNF_STARS = (QPointF(712, 424), QPointF(774, 452), QPointF(706, 494))
SPINE_XS = (880.0, 960.0)
SPINE_HEIGHT = 84.0

LABEL_SLOTS: dict[str, LabelSlot] = {
    "ketamine": LabelSlot(QPointF(6, 6), "tl", 250),
    "nmda": LabelSlot(QPointF(236, 330), "l", 240),
    "gaba": LabelSlot(QPointF(6, 634), "bl", 250, leader=False),
    "brake": LabelSlot(QPointF(280, 6), "tl", 230),
    "sender": LabelSlot(QPointF(760, 6), "tl", 236),
    "glutamate": LabelSlot(QPointF(426, 300), "r", 220),
    "ampa": LabelSlot(QPointF(604, 412), "tr", 240),
    "receiver": LabelSlot(QPointF(350, 634), "bl", 260, leader=False),
    "bdnf": LabelSlot(QPointF(820, 460), "l", 200),
    "synapses": LabelSlot(QPointF(994, 634), "br", 240),
}


# Parts whose leader-line end moves during their step (the others' leaders are cached).
MOVING_ANCHORS = frozenset({"ketamine"})


def label_anchor(part: str, active: float) -> QPointF:
    """The point a label's leader line points at, following the part as it moves."""
    if part == "ketamine":
        a, b = KETAMINE_FLOATING[0], KETAMINE_DOCKED[0]
        return QPointF(a.x() + (b.x() - a.x()) * active, a.y() + (b.y() - a.y()) * active)
    anchors = {
        "nmda": QPointF(NMDA_AT.x() + 22, NMDA_AT.y()),
        "gaba": GABA_CENTER,
        "brake": QPointF(BRAKE_AT.x() - 14, BRAKE_AT.y()),
        "sender": QPointF(SENDER_TERMINAL.right() - 20, SENDER_TERMINAL.top() + 40),
        "glutamate": QPointF(486, 300),
        "ampa": QPointF(AMPA_XS[0], RECEIVER_TOP + 24),
        "receiver": QPointF(500, 560),
        "bdnf": QPointF(BDNF_STARS[1].x() + 12, BDNF_STARS[1].y()),
        "synapses": QPointF(SPINE_XS[1], RECEIVER_TOP + 10),
    }
    return anchors[part]
