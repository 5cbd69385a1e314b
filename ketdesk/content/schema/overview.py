"""``overview.toml``: what ketamine infusion is, who it is for, how a session goes."""


from ketdesk.content.schema.core import Model, PanelContent, SourceIds


class SessionStep(Model, frozen=True, kw_only=True):
    """One stage of a treatment visit, shown as a numbered step on the Overview and on Risks."""

    title: str
    duration: str  # in words, e.g. "about 40 minutes"
    text: str
    sources: SourceIds = ()

    def __post_init__(self) -> None:
        if not self.sources:
            raise ValueError(f"step {self.title!r} needs a source")


class KeyFact(Model, frozen=True, kw_only=True):
    """A big number or short phrase with its meaning, for the eye to find first."""

    value: str
    label: str
    sources: SourceIds = ()


class OverviewContent(PanelContent, frozen=True, kw_only=True):
    key_facts: tuple[KeyFact, ...]
    session_heading: str
    session_steps: tuple[SessionStep, ...]

    def __post_init__(self) -> None:
        super().__post_init__()
        if len(self.session_steps) < 2:
            raise ValueError("the overview needs the steps of a visit (at least two)")
