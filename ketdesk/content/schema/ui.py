"""``ui.toml``: the words of the app's own controls, so that a content pack is a translation."""

from __future__ import annotations

from ketdesk.content.schema.core import Model


def _check_placeholders(text: str, names: tuple[str, ...], what: str) -> None:
    missing = [name for name in names if "{" + name + "}" not in text]
    if missing:
        raise ValueError(f"{what} must contain {', '.join('{' + n + '}' for n in missing)}")


class LanguageChoice(Model, frozen=True, kw_only=True):
    """One button of the header's language switch: "ES", named "Español" in its own language."""

    code: str  # a content pack folder: "en", "es"
    short: str  # the button's label, two or three letters
    name: str  # the language's name in itself, for screen readers


class AccessStrings(Model, frozen=True, kw_only=True):
    """``[access]``: the header's text size, contrast and language controls.

    Short labels (``A+``, ``EN``) keep the header on one row on small kiosks; the ``*_name``
    and ``*_description`` strings are what screen readers announce.
    """

    tools_name: str  # the group of display controls
    text_smaller: str
    text_smaller_name: str
    text_larger: str
    text_larger_name: str
    text_size_now: str  # "Text size {percent}%": description and tooltip of the size buttons
    contrast: str
    contrast_name: str
    contrast_description: str
    language_name: str  # the group of language buttons
    language_description: str  # "{language}" is the language's name in itself
    languages: tuple[LanguageChoice, ...]
    links_hint: str  # description of a text with source numbers: how to reach them
    dismiss_description: str

    def __post_init__(self) -> None:
        _check_placeholders(self.text_size_now, ("percent",), "access.text_size_now")
        _check_placeholders(self.language_description, ("language",), "access.language_description")
        codes = [choice.code for choice in self.languages]
        if len(codes) < 1 or len(set(codes)) != len(codes):
            raise ValueError("access.languages must list each language once")


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
    # Accessibility controls, grouped in their own table (kept apart from other additions).
    access: AccessStrings

    def __post_init__(self) -> None:
        if len(self.months) != 12:
            raise ValueError(f"months must list 12 month names, found {len(self.months)}")
        _check_placeholders(self.date_pattern, ("day", "month", "year"), "date_pattern")
        _check_placeholders(self.last_reviewed, ("date",), "last_reviewed")
        _check_placeholders(self.content_version, ("version",), "content_version")
        _check_placeholders(self.fallback_banner, ("count", "log"), "fallback_banner")
        _check_placeholders(self.source_ref, ("numbers",), "source_ref")
