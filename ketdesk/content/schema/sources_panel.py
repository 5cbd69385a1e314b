"""``sources.toml``: the citation list and the words of the Sources panel."""


from ketdesk.content.schema.core import PanelContent, Source


class SourcesContent(PanelContent, frozen=True, kw_only=True):
    # Heading for sources that no panel cites directly (kept for completeness).
    uncited_heading: str
    sources: tuple[Source, ...]

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.sources:
            raise ValueError("the pack needs at least one source")
        seen: set[str] = set()
        for source in self.sources:
            if source.id in seen:
                raise ValueError(f"source id {source.id!r} is listed twice")
            seen.add(source.id)
