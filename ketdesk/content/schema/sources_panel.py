"""``sources.toml``: the citation list and the words of the Sources panel."""


from ketdesk.content.placeholders import template_problem
from ketdesk.content.schema.core import PanelContent, Source

# What the Sources poster's items may say: the app fills in how many sources there are and
# when the pack was last reviewed.
POSTER_VALUE_NAMES = (("count",), ("year",), ())
POSTER_LABEL_NAMES = (("date",), ())


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
        for index, item in enumerate(self.poster.items if self.poster else ()):
            for text, choices in ((item.value, POSTER_VALUE_NAMES), (item.label, POSTER_LABEL_NAMES)):
                if all(template_problem(text, names) for names in choices):
                    allowed = " or ".join("{" + n[0] + "}" for n in choices if n)
                    raise ValueError(f"poster item {index + 1}: {text!r} may use only {allowed}, "
                                     "once, written exactly like that")
