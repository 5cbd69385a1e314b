"""A whole content pack: one language's files, validated and cross-checked."""


from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

import msgspec

from ketdesk.content.schema.conditions import ConditionsPanel
from ketdesk.content.schema.core import Model, PanelText, Source
from ketdesk.content.schema.mechanism import MechanismPanel
from ketdesk.content.schema.meta import Meta
from ketdesk.content.schema.overview import OverviewPanel
from ketdesk.content.schema.risks import RisksPanel
from ketdesk.content.schema.sources_panel import SourcesPanel
from ketdesk.content.schema.timeline import TimelinePanel
from ketdesk.content.schema.ui import UiStrings

# Panel ids in display order. The UI, --panel, --screenshot and the kiosk rotation use them.
PANEL_IDS: tuple[str, ...] = ("overview", "mechanism", "timeline", "conditions", "risks", "sources")

# Every file of a pack and the type it must validate as.
FILE_TYPES: dict[str, type[Model]] = {
    "meta.toml": Meta,
    "ui.toml": UiStrings,
    "overview.toml": OverviewPanel,
    "mechanism.toml": MechanismPanel,
    "timeline.toml": TimelinePanel,
    "conditions.toml": ConditionsPanel,
    "risks.toml": RisksPanel,
    "sources.toml": SourcesPanel,
}


class ContentPack(msgspec.Struct, frozen=True, kw_only=True):
    meta: Meta
    ui: UiStrings
    overview: OverviewPanel
    mechanism: MechanismPanel
    timeline: TimelinePanel
    conditions: ConditionsPanel
    risks: RisksPanel
    sources: SourcesPanel

    def panel(self, panel_id: str) -> PanelText:
        if panel_id not in PANEL_IDS:
            raise KeyError(panel_id)
        value: PanelText = getattr(self, panel_id)
        return value

    def source(self, source_id: str) -> Source:
        for source in self.sources.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def cited_by_panel(self) -> Mapping[str, tuple[str, ...]]:
        """Source ids each panel cites, in first-cited order (computed once per pack)."""
        return _derived(self).cited

    def source_numbers(self) -> Mapping[str, int]:
        """One number per source, in the order the Sources panel lists them."""
        return _derived(self).numbers


class _Derived(NamedTuple):
    pack: ContentPack
    cited: Mapping[str, tuple[str, ...]]
    numbers: Mapping[str, int]


# Frozen structs cannot hold a cache, and every panel asks for the numbering; a pack is
# immutable, so its numbering is computed once and kept while the pack is in use.
_DERIVED: dict[int, _Derived] = {}


def _derived(pack: ContentPack) -> _Derived:
    hit = _DERIVED.get(id(pack))
    if hit is not None and hit.pack is pack:
        return hit
    cited = {pid: tuple(dict.fromkeys(iter_source_refs(pack.panel(pid)))) for pid in PANEL_IDS}
    order: dict[str, None] = {}
    for ids in cited.values():
        order.update(dict.fromkeys(ids))
    order.update(dict.fromkeys(s.id for s in pack.sources.sources))
    numbers = {sid: i for i, sid in enumerate(order, start=1)}
    if len(_DERIVED) >= 8:  # a few packs at most (languages, a custom pack); stay bounded
        _DERIVED.clear()
    result = _Derived(pack, MappingProxyType(cited), MappingProxyType(numbers))
    _DERIVED[id(pack)] = result
    return result


def iter_source_refs(value: Any) -> Any:
    """Yield every source id referenced anywhere inside a content value.

    A reference is any field named ``sources`` (ids) or ``source`` (one id); the Sources
    panel's own ``Source`` records are definitions, not references.
    """
    if isinstance(value, Source):
        return
    if isinstance(value, msgspec.Struct):
        # __struct_fields__ is a plain tuple of names: much cheaper than structs.fields().
        for name in value.__struct_fields__:
            item = getattr(value, name)
            if name == "source" and isinstance(item, str):
                yield item
            elif name == "sources" and isinstance(item, tuple) and all(isinstance(x, str) for x in item):
                yield from item
            elif isinstance(item, msgspec.Struct | tuple | list | dict):
                yield from iter_source_refs(item)
        # Computed ``sources`` properties are derived from fields already walked.
    elif isinstance(value, tuple | list):
        for item in value:
            yield from iter_source_refs(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from iter_source_refs(item)
