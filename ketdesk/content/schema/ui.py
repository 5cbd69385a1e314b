"""``ui.toml``: the words of the app's own controls, so that a content pack is a translation."""

from __future__ import annotations

from ketdesk.content.schema.core import Model


def _check_placeholders(text: str, names: tuple[str, ...], what: str) -> None:
    missing = [name for name in names if "{" + name + "}" not in text]
    if missing:
        raise ValueError(f"{what} must contain {', '.join('{' + n + '}' for n in missing)}")


class UiStrings(Model, frozen=True, kw_only=True):
    months: tuple[str, ...]
    date_pattern: str  # e.g. "{month} {day}, {year}"
    last_reviewed: str  # "Last reviewed: {date}"
    content_version: str  # "Content version {version}"
    fallback_banner: str  # "{count}" problems and "{log}" path
    dismiss: str
    sources_heading: str
    source_ref: str  # how a numbered citation reads inline: "Source {numbers}"
    panel_navigation: str  # accessible name of the tab bar
    secondary_source: str  # marks a figure seen only through a summary

    def __post_init__(self) -> None:
        if len(self.months) != 12:
            raise ValueError(f"months must list 12 month names, found {len(self.months)}")
        _check_placeholders(self.date_pattern, ("day", "month", "year"), "date_pattern")
        _check_placeholders(self.last_reviewed, ("date",), "last_reviewed")
        _check_placeholders(self.content_version, ("version",), "content_version")
        _check_placeholders(self.fallback_banner, ("count", "log"), "fallback_banner")
        _check_placeholders(self.source_ref, ("numbers",), "source_ref")
