"""The panels, declared once.

Everything that lists panels is derived from ``PANELS``: the files of a content pack and
the types they validate as, the loader, the tabs and their order, ``--panel`` and
``--screenshot``, the Ctrl+1..9 shortcuts, the kiosk rotation, the reading-grade report and
the tests. Adding a panel is one line here plus its two content files (``<id>.toml`` in
each language), and one view module if plain text blocks are not enough.

An *optional* panel (``optional=True``) has no file in the pack: it exists only when its
content is configured (the "Your clinic" panel, from ``clinic.toml``). A pack holds it or
not; everything that lists a pack's panels asks ``ContentPack.panel_ids``, so absent
settings mean no tab, no shortcut, no screenshot and no stop in the kiosk rotation,
never an empty panel. ``PANEL_IDS`` lists the panels every pack has.

The view is named as ``"module:Class"`` text, not imported: the content model knows no Qt,
and a panel's widgets are imported only when it is first shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from ketdesk.content.schema.clinic import ClinicContent
from ketdesk.content.schema.conditions import ConditionsContent
from ketdesk.content.schema.core import Model, PanelContent
from ketdesk.content.schema.mechanism import MechanismContent
from ketdesk.content.schema.meta import Meta
from ketdesk.content.schema.overview import OverviewContent
from ketdesk.content.schema.risks import RisksContent
from ketdesk.content.schema.sources_panel import SourcesContent
from ketdesk.content.schema.timeline import TimelineContent
from ketdesk.content.schema.ui import UiStrings

# Renders a panel's title, lead and text blocks: the view of a text-only panel.
TEXT_VIEW = "ketdesk.ui.panels.text_panel:TextPanel"
# Panels past the ninth have no Ctrl+digit shortcut (Ctrl+Tab still reaches them).
MAX_SHORTCUTS = 9


@dataclass(frozen=True)
class PanelSpec:
    """One panel: its id (also its file name and tab order), content type and view."""

    id: str
    content: type[PanelContent]
    view: str = TEXT_VIEW
    # Shown only when configured: no file in the pack, and a pack may lack it.
    optional: bool = False

    @property
    def file_name(self) -> str:
        return f"{self.id}.toml"


# Display order: the tab bar, Ctrl+1..9 and the kiosk rotation follow it.
PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("overview", OverviewContent, "ketdesk.ui.panels.overview.view:OverviewPanel"),
    PanelSpec("mechanism", MechanismContent, "ketdesk.ui.panels.mechanism.view:MechanismPanel"),
    PanelSpec("timeline", TimelineContent, "ketdesk.ui.panels.timeline.view:TimelinePanel"),
    PanelSpec("conditions", ConditionsContent, "ketdesk.ui.panels.conditions.view:ConditionsPanel"),
    PanelSpec("risks", RisksContent, "ketdesk.ui.panels.risks.view:RisksPanel"),
    PanelSpec("before", PanelContent),
    PanelSpec("sources", SourcesContent, "ketdesk.ui.panels.sources.view:SourcesPanel"),
    # Optional panels last: a pack without one keeps a hidden tab for it (tabs never change
    # order), and a hidden tab before a shown one would throw off the screen reader's
    # "tab 7 of 7" (Qt counts hidden children in a tab's index).
    PanelSpec("clinic", ClinicContent, "ketdesk.ui.panels.clinic.view:ClinicPanel", optional=True),
)

# The panels every pack has, and every panel that may be shown (``--panel``'s choices).
PANEL_IDS: tuple[str, ...] = tuple(spec.id for spec in PANELS if not spec.optional)
ALL_PANEL_IDS: tuple[str, ...] = tuple(spec.id for spec in PANELS)

# Files every pack has besides the panels' own.
PACK_FILES: dict[str, type[Model]] = {"meta.toml": Meta, "ui.toml": UiStrings}

# Every file of a pack and the type it must validate as.
FILE_TYPES: dict[str, type[Model]] = {
    **PACK_FILES, **{spec.file_name: spec.content for spec in PANELS if not spec.optional}}


def panel_spec(panel_id: str) -> PanelSpec:
    for spec in PANELS:
        if spec.id == panel_id:
            return spec
    raise KeyError(panel_id)


def spec_for_content(kind: type[PanelContent]) -> PanelSpec:
    """The one panel whose content is of type ``kind``."""
    for spec in PANELS:
        if spec.content is kind:
            return spec
    raise KeyError(kind.__name__)


def shortcut(panel_id: str, shown: tuple[str, ...] = PANEL_IDS) -> str | None:
    """The panel's Ctrl+digit key sequence, from its place among the ``shown`` panels."""
    position = shown.index(panel_id) + 1
    return f"Ctrl+{position}" if position <= MAX_SHORTCUTS else None


def ordered(panel_ids: set[str] | frozenset[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The given panels in the declared display order."""
    return tuple(pid for pid in ALL_PANEL_IDS if pid in panel_ids)


def _check(panels: tuple[PanelSpec, ...]) -> None:
    ids = [spec.id for spec in panels]
    if len(set(ids)) != len(ids):
        raise ValueError(f"panel ids must be unique: {ids}")
    kinds = [spec.content for spec in panels if spec.content is not PanelContent]
    if len(set(kinds)) != len(kinds):
        raise ValueError("two panels share one content type; give each its own")
    if any(spec.optional and spec.content is SourcesContent for spec in panels):
        raise ValueError("the Sources panel cannot be optional")
    if SourcesContent not in kinds:
        raise ValueError("the Sources panel is required: every citation is listed there")
    clashes = {spec.file_name for spec in panels} & set(PACK_FILES)
    if clashes:
        raise ValueError(f"panel ids clash with pack files: {sorted(clashes)}")


_check(PANELS)
# Where a tap on a source number leads.
SOURCES_PANEL_ID = spec_for_content(SourcesContent).id
