"""A whole content pack: one language's files, validated and cross-checked."""


from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

import msgspec

from ketdesk.content.registry import PANEL_IDS, ordered, spec_for_content
from ketdesk.content.schema.clinic import ClinicContent
from ketdesk.content.schema.core import PanelContent, Source
from ketdesk.content.schema.meta import Meta
from ketdesk.content.schema.sources_panel import SourcesContent
from ketdesk.content.schema.ui import UiStrings

ContentT = TypeVar("ContentT", bound=PanelContent)


@dataclass(frozen=True)
class ContentPack:
    """One language's validated files: ``meta``, ``ui`` and each panel's content by id.

    Packs compare by value (two loads of one folder are equal) and are not hashable.
    """

    __hash__ = None  # type: ignore[assignment]  # holds a mapping: equal by value only

    meta: Meta
    ui: UiStrings
    panels: Mapping[str, PanelContent]

    def __post_init__(self) -> None:
        missing = [pid for pid in PANEL_IDS if pid not in self.panels]
        if missing:
            raise ValueError(f"a pack needs every panel; missing {missing}")

    @property
    def panel_ids(self) -> tuple[str, ...]:
        """The panels this pack shows, in display order: every required one, and the
        optional ones it was given (the clinic's own panel when configured)."""
        return ordered(tuple(self.panels))

    def with_panel(self, panel_id: str, content: PanelContent) -> "ContentPack":
        """This pack with one more (optional) panel, e.g. the clinic's own."""
        return ContentPack(meta=self.meta, ui=self.ui, panels=MappingProxyType(
            {**self.panels, panel_id: content}))

    def parts(self) -> dict[str, Any]:
        """Every file's content by its name without ``.toml``: meta, ui, then the panels."""
        return {"meta": self.meta, "ui": self.ui, **self.panels}

    def panel(self, panel_id: str) -> PanelContent:
        if panel_id not in self.panels:
            raise KeyError(panel_id)
        return self.panels[panel_id]

    def content(self, kind: type[ContentT]) -> ContentT:
        """The content of the panel declared with type ``kind``, typed as such."""
        value = self.panels[spec_for_content(kind).id]
        if not isinstance(value, kind):
            raise TypeError(f"{spec_for_content(kind).id} holds {type(value).__name__}")
        return value

    @property
    def clinic(self) -> ClinicContent | None:
        """The clinic's own page (``clinic.toml``), None where no clinic is configured."""
        value = self.panels.get(spec_for_content(ClinicContent).id)
        return value if isinstance(value, ClinicContent) else None

    @property
    def sources(self) -> SourcesContent:
        """The citation list (the Sources panel's content), which every panel cites from."""
        return self.content(SourcesContent)

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
    cited = {pid: tuple(dict.fromkeys(iter_source_refs(pack.panel(pid)))) for pid in pack.panel_ids}
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
