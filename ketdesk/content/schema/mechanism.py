"""``mechanism.toml``: the words of the mechanism panel's step-through synapse diagram.

The diagram's shapes are drawn in code, one shape per *part id* listed in ``DIAGRAM_PARTS``;
every word around them (part labels and their plain glosses, the five steps' captions,
the contrast with other antidepressants, the certainty note, the button words) lives here
so the panel can be reviewed by a clinician and translated without touching code.
"""


from ketdesk.content.placeholders import check_template as check_placeholders
from ketdesk.content.schema.core import Claim, Model, PanelContent, SourceIds

# The shapes the diagram knows how to draw, in the order of the cascade. The content must
# label every one of them (so a screenshot of the whole cascade is fully labelled) and may
# highlight only these.
DIAGRAM_PARTS: tuple[str, ...] = (
    "ketamine",  # the medicine's molecules
    "nmda",  # NMDA receptor on the calming cell
    "gaba",  # the calming (GABA) nerve cell
    "brake",  # its brake on the sending cell
    "sender",  # the sending nerve cell
    "glutamate",  # glutamate released into the gap
    "ampa",  # AMPA receptors on the receiving cell
    "receiver",  # the receiving nerve cell
    "bdnf",  # BDNF, the growth signal
    "synapses",  # new connections (spines and synapses)
)


def _require(value: str, what: str) -> None:
    if not value.strip():
        raise ValueError(f"{what} must not be empty")


class PartLabel(Model, frozen=True, kw_only=True):
    """The words drawn next to one part of the diagram: a name and a plain-language gloss."""

    id: str  # one of DIAGRAM_PARTS
    name: str  # e.g. "NMDA receptor"
    gloss: str  # e.g. "a glutamate receptor"; drawn in brackets under the name

    def __post_init__(self) -> None:
        if self.id not in DIAGRAM_PARTS:
            raise ValueError(f"unknown diagram part {self.id!r} (known: {', '.join(DIAGRAM_PARTS)})")
        _require(self.name, "label name")
        _require(self.gloss, "label gloss")


class MechanismStep(Model, frozen=True, kw_only=True):
    """One step of the cascade: what the diagram highlights and what the panel says."""

    id: str
    title: str  # short, shown as the step's heading and on the step buttons
    caption: str  # one or two short sentences
    for_you: str  # "what this means for you", one short sentence or two
    highlight: tuple[str, ...]  # part ids lit up in this step
    sources: SourceIds  # back both the caption and the for-you line

    def __post_init__(self) -> None:
        _require(self.id, "step id")
        _require(self.title, "step title")
        _require(self.caption, "step caption")
        _require(self.for_you, "step for_you")
        if not self.highlight:
            raise ValueError("a step must highlight at least one part of the diagram")
        unknown = [p for p in self.highlight if p not in DIAGRAM_PARTS]
        if unknown:
            raise ValueError(f"highlight names unknown part(s) {unknown} (known: {', '.join(DIAGRAM_PARTS)})")
        if not self.sources:
            raise ValueError("a step must cite at least one source")


class ContrastSide(Model, frozen=True, kw_only=True):
    """One side of the comparison: a kind of medicine and what it acts on, how fast."""

    id: str
    name: str
    points: tuple[Claim, ...]

    def __post_init__(self) -> None:
        _require(self.name, "contrast side name")
        if not self.points:
            raise ValueError("a contrast side needs at least one point")


class Contrast(Model, frozen=True, kw_only=True):
    """Ketamine beside the usual depression pills (monoamines versus glutamate)."""

    heading: str
    sides: tuple[ContrastSide, ...]

    def __post_init__(self) -> None:
        _require(self.heading, "contrast heading")
        if len(self.sides) < 2:
            raise ValueError("the contrast needs two sides to compare")


class MechanismControls(Model, frozen=True, kw_only=True):
    """Words on the panel's own controls."""

    back: str
    next: str
    play: str  # "Play all"
    pause: str
    step_of: str  # "Step {current} of {total}"
    reduce_motion: str  # the checkbox
    for_you: str  # heading of the "what this means for you" line
    diagram: str  # accessible name of the diagram
    hint: str  # how to move between steps (swipe, arrow keys)

    def __post_init__(self) -> None:
        for name in ("back", "next", "play", "pause", "reduce_motion", "for_you", "diagram", "hint"):
            _require(getattr(self, name), f"controls.{name}")
            check_placeholders(getattr(self, name), (), f"controls.{name}")
        check_placeholders(self.step_of, ("current", "total"), "controls.step_of")


class MechanismContent(PanelContent, frozen=True, kw_only=True):
    """The mechanism panel: diagram labels, the steps, the contrast and the certainty note.

    ``blocks`` must hold a block with id ``certainty``: the plain statement that this is the
    leading explanation and is still being studied.
    """

    labels: tuple[PartLabel, ...]
    steps: tuple[MechanismStep, ...]
    contrast: Contrast
    controls: MechanismControls

    def __post_init__(self) -> None:
        super().__post_init__()
        ids = [label.id for label in self.labels]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"diagram part(s) labelled twice: {', '.join(duplicates)}")
        unlabelled = [p for p in DIAGRAM_PARTS if p not in ids]
        if unlabelled:
            raise ValueError(f"every diagram part needs a label; missing: {', '.join(unlabelled)}")
        if len(self.steps) < 2:
            raise ValueError("the cascade needs at least two steps")
        step_ids = [step.id for step in self.steps]
        if len(set(step_ids)) != len(step_ids):
            raise ValueError("step ids must be unique")
        for step in self.steps:
            missing = [p for p in step.highlight if p not in ids]
            if missing:
                raise ValueError(f"step {step.id!r} highlights unlabelled part(s): {', '.join(missing)}")
        if not any(block.id == "certainty" for block in self.blocks):
            raise ValueError("add a block with id 'certainty' saying how sure science is")

    def label(self, part_id: str) -> PartLabel:
        for label in self.labels:
            if label.id == part_id:
                return label
        raise KeyError(part_id)

    def first_step_of(self, part_id: str) -> int | None:
        """Index of the first step that highlights a part, or None if no step does."""
        for index, step in enumerate(self.steps):
            if part_id in step.highlight:
                return index
        return None
