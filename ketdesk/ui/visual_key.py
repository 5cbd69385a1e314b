"""The app's one visual key: what each colour and pattern means, on every chart and picture.

A colour means one thing everywhere (docs/visual-language.md): ketamine is blue, pills are
green, a comparison drug or placebo is grey, a risk or harm is orange, what clinics say
(not a study result) is purple with a dashed outline. Stripes only ever mean "an uncertain
range"; solid means a measured result. A mark never relies on its colour alone: each
meaning also has its own marker shape and line style, and a label says it in words.

Plain strings and no chart code: the poster path and the QPainter pictures import it
without pyqtgraph, and the tests read it directly. Both themes
have their own colours; ``pairs()`` lists every foreground/background pairing drawn, so
one test checks them all against WCAG AA.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from ketdesk.choices import HIGH_CONTRAST_THEME, STANDARD_THEME
from ketdesk.content.schema.core import MarkRole
from ketdesk.ui.colour import contrast_ratio

# The meanings a mark can have; content names them (``role = "pills"``).
Role = MarkRole
ROLES: tuple[Role, ...] = get_args(MarkRole)
Dash = Literal["solid", "dash", "dot", "dashdot"]


@dataclass(frozen=True)
class Mark:
    """How one meaning is drawn: a colour, a marker shape (pyqtgraph symbol name) and a line."""

    colour: str
    marker: str
    dash: Dash
    outline_dashed: bool = False  # figures of a claim get a dashed outline as well


@dataclass(frozen=True)
class DiagramPart:
    """A part of the synapse picture: its fill and its outline."""

    fill: str
    outline: str


@dataclass(frozen=True)
class VisualKey:
    theme: str
    background: str  # what charts and pictures are drawn on (the theme's surface)
    page: str  # the page behind cards (the theme's window)
    note: str  # a note card's ground (the theme's note_bg): some pictures sit on one
    ink: str  # text, axes, figure outlines, leader lines
    casing: str  # the halo drawn under a leader line, so it reads over any fill
    marks: dict[str, Mark]
    diagram: dict[str, DiagramPart]
    # The strength-of-evidence ladder: one ink, steps filled or left empty (no new colour).
    evidence_fill: str
    evidence_empty: str
    # A stretch of time shaded behind a chart (the drip): a neutral ground, not a colour
    # that means something (it was the note cards' pale blue, read as "ketamine").
    span_ground: str

    def mark(self, role: str) -> Mark:
        """The mark for a role; unknown roles are drawn as ``neutral`` (content is checked)."""
        return self.marks.get(role, self.marks["neutral"])

    def colour(self, role: str) -> str:
        return self.mark(role).colour

    def pairs(self) -> dict[str, tuple[str, str, float]]:
        """Every pairing a chart or picture draws: name -> (foreground, background, minimum).

        Marks need 3:1 against what they sit on (WCAG 1.4.11); text 4.5:1 (1.4.3).
        """
        out: dict[str, tuple[str, str, float]] = {}
        for ground_name, ground in (("chart", self.background), ("page", self.page),
                                    ("note", self.note)):
            for role, mark in self.marks.items():
                out[f"{role} on {ground_name}"] = (mark.colour, ground, 3.0)
            out[f"ink on {ground_name}"] = (self.ink, ground, 4.5)
            out[f"evidence step on {ground_name}"] = (self.evidence_fill, ground, 3.0)
        out["empty evidence step vs filled"] = (self.evidence_empty, self.evidence_fill, 3.0)
        # Marks and words are drawn over the shaded span too.
        for role, mark in self.marks.items():
            out[f"{role} on span"] = (mark.colour, self.span_ground, 3.0)
        out["ink on span"] = (self.ink, self.span_ground, 4.5)
        for part, look in self.diagram.items():
            # A part shows by its fill or by its outline (a pale cell on white by its outline).
            out[f"diagram {part} on chart"] = (_best_against(self.background, look.fill, look.outline),
                                       self.background, 3.0)
            # A leader line crossing this part: its core or its casing must stand out.
            out[f"leader over {part}"] = (_best_against(look.fill, self.ink, self.casing), look.fill, 3.0)
        out["leader core on casing"] = (self.ink, self.casing, 4.5)
        return out


def _best_against(ground: str, *colours: str) -> str:
    """Of ``colours``, the one that stands out most on ``ground``."""
    return max(colours, key=lambda c: contrast_ratio(c, ground))


_MARKERS: dict[str, tuple[str, Dash]] = {
    "ketamine": ("o", "solid"),
    "ketamine_series": ("s", "dash"),
    "pills": ("t", "solid"),
    "comparison": ("d", "dot"),
    "risk": ("star", "solid"),
    "claim": ("p", "dashdot"),
    "neutral": ("o", "dot"),
}


def _marks(colours: dict[str, str]) -> dict[str, Mark]:
    return {role: Mark(colours[role], *_MARKERS[role], outline_dashed=role == "claim")
            for role in ROLES}


# Okabe-Ito hues (Okabe & Ito 2008), darkened on white just enough for 3:1 on every light
# ground (the pale note cards included); on black the bright originals.
STANDARD_KEY = VisualKey(
    theme=STANDARD_THEME,
    background="#FFFFFF",
    page="#F7F5F0",
    note="#E8F1F8",
    ink="#1B1B1F",
    casing="#FFFFFF",
    marks=_marks({
        "ketamine": "#0072B2",  # Okabe-Ito blue
        "ketamine_series": "#0072B2",  # the same drug: same hue, square marker, dashed line
        "pills": "#00795A",  # Okabe-Ito bluish green, darker
        "comparison": "#6B6B6B",  # grey: a comparison drug or a placebo
        "risk": "#C05200",  # Okabe-Ito vermillion, darker
        "claim": "#9E4A84",  # Okabe-Ito reddish purple, darker
        "neutral": "#4A4A55",
    }),
    diagram={
        "gaba": DiagramPart("#C9C1DE", "#5B4A8C"),
        "nmda": DiagramPart("#D55E00", "#753400"),
        "ketamine": DiagramPart("#0072B2", "#00324F"),
        "brake": DiagramPart("#D55E00", "#753400"),
        "sender": DiagramPart("#F5D9A0", "#7F5800"),
        "vesicle": DiagramPart("#FFFFFF", "#7F5800"),
        "glutamate": DiagramPart("#E69F00", "#674700"),
        "receiver": DiagramPart("#E4E1DA", "#5E5A52"),
        "ampa": DiagramPart("#009E73", "#005740"),
        "bdnf": DiagramPart("#F0E442", "#605B1A"),
        "synapses": DiagramPart("#80CFB9", "#005740"),
    },
    evidence_fill="#1B1B1F",
    evidence_empty="#FFFFFF",
    span_ground="#ECE9E2",
)

HIGH_CONTRAST_KEY = VisualKey(
    theme=HIGH_CONTRAST_THEME,
    background="#000000",
    page="#000000",
    note="#002B55",
    ink="#FFFFFF",
    casing="#000000",
    marks=_marks({
        "ketamine": "#56B4E9",  # Okabe-Ito sky blue
        "ketamine_series": "#56B4E9",
        "pills": "#2EC290",
        "comparison": "#BDBDBD",
        "risk": "#E69F00",  # Okabe-Ito orange
        "claim": "#CC79A7",
        "neutral": "#E0E0E0",
    }),
    # Same hues as the standard picture; the leader lines get a black casing to cross them.
    diagram=STANDARD_KEY.diagram,
    evidence_fill="#FFFFFF",
    evidence_empty="#000000",
    span_ground="#303030",
)

KEYS: dict[str, VisualKey] = {STANDARD_KEY.theme: STANDARD_KEY, HIGH_CONTRAST_KEY.theme: HIGH_CONTRAST_KEY}


def key_for(theme_name: str) -> VisualKey:
    """The key of a theme (by name); unknown names get the standard key."""
    return KEYS.get(theme_name, STANDARD_KEY)
