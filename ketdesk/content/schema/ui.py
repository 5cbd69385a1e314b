"""``ui.toml``: the words of the app's own controls, so that a content pack is a translation."""


import msgspec

from ketdesk.content.placeholders import check_template as _check_placeholders
from ketdesk.content.schema.core import Model


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
class KioskStrings(Model, frozen=True, kw_only=True):
    """``[kiosk]``: words of the attract loop, the staff PIN pad and the staff menu."""

    touch_to_explore: str  # the hint shown over the attract loop
    pause: str  # pause/play control of the attract loop
    play: str
    pin_title: str
    pin_prompt: str
    pin_delete: str  # removes the last digit
    pin_clear: str
    pin_ok: str
    pin_cancel: str
    pin_wrong: str  # "{tries}" tries left before the lock
    pin_locked: str  # "{seconds}" until the pad opens again
    staff_title: str
    staff_exit: str
    staff_pause: str
    staff_resume: str
    staff_back: str
    staff_version: str  # "{version}" of the app
    staff_log: str  # "{path}" of the log file
    staff_settings_warning: str  # "{backup}" copy of the unreadable settings file
    staff_rotation_paused: str  # status line while staff paused the rotation

    def __post_init__(self) -> None:
        for field in msgspec.structs.fields(self):
            if not getattr(self, field.name).strip():
                raise ValueError(f"kiosk.{field.name} must not be empty")
        _check_placeholders(self.pin_wrong, ("tries",), "kiosk.pin_wrong")
        _check_placeholders(self.pin_locked, ("seconds",), "kiosk.pin_locked")
        _check_placeholders(self.staff_version, ("version",), "kiosk.staff_version")
        _check_placeholders(self.staff_log, ("path",), "kiosk.staff_log")
        _check_placeholders(self.staff_settings_warning, ("backup",), "kiosk.staff_settings_warning")


class AboutStrings(Model, frozen=True, kw_only=True):
    """``[about]``: the About sheet (header button and kiosk staff menu): versions, licences,
    where the log and settings are. Versions and paths are filled in; the words are here."""

    button: str  # the header's button
    button_name: str  # what screen readers call it
    button_description: str
    title: str
    app_version: str  # "{app} version {version}"
    clinic: str  # "{clinic}": the clinic's name from the settings
    runs_on: str  # "{qt}", "{pyside}" and "{python}" versions
    licences_heading: str
    licence_app: str  # ketdesk's own licence (MIT)
    licence_qt: str  # Qt and PySide6 (LGPL-3) and how to replace the Qt libraries
    licence_font: str  # the bundled font (SIL Open Font License)
    notices: str  # "{path}" of THIRD-PARTY-NOTICES.txt in a built app's folder
    notices_unbuilt: str  # the same, said without a path (running from source)
    files_heading: str
    log: str  # "{path}" of the log file
    settings: str  # "{path}" of the settings file
    close: str
    close_description: str

    def __post_init__(self) -> None:
        for field in msgspec.structs.fields(self):
            if not getattr(self, field.name).strip():
                raise ValueError(f"about.{field.name} must not be empty")
        _check_placeholders(self.app_version, ("app", "version"), "about.app_version")
        _check_placeholders(self.clinic, ("clinic",), "about.clinic")
        _check_placeholders(self.runs_on, ("qt", "pyside", "python"), "about.runs_on")
        for name in ("notices", "log", "settings"):
            _check_placeholders(getattr(self, name), ("path",), f"about.{name}")
        for name in ("button", "button_name", "button_description", "title", "licences_heading",
                     "licence_app", "licence_qt", "licence_font", "notices_unbuilt",
                     "files_heading", "close", "close_description"):
            _check_placeholders(getattr(self, name), (), f"about.{name}")


class SheetStrings(Model, frozen=True, kw_only=True):
    """``[sheet]``: the details sheet a tap opens (a source, a chart point), and the source chips.

    A source chip shows its number; screen readers hear ``source_name`` ("Source 6: Zarate
    and others, 2006"), filled from the source's first author and year.
    """

    back: str  # the sheet's big button: back to where the visitor was
    back_description: str
    details_title: str  # the title of a chart point's or a bar's details
    source_title: str  # "Source {number}": the title of a citation in the sheet
    source_name: str  # "Source {number}: {authors}, {year}": a chip's accessible name
    and_others: str  # after the first author when there are more: "and others"
    chip_hint: str  # a chip's accessible description: what a tap or Enter does

    def __post_init__(self) -> None:
        for field in msgspec.structs.fields(self):
            if not getattr(self, field.name).strip():
                raise ValueError(f"sheet.{field.name} must not be empty")
        _check_placeholders(self.source_title, ("number",), "sheet.source_title")
        _check_placeholders(self.source_name, ("number", "authors", "year"), "sheet.source_name")
        for name in ("back", "back_description", "details_title", "and_others", "chip_hint"):
            _check_placeholders(getattr(self, name), (), f"sheet.{name}")


class UiStrings(Model, frozen=True, kw_only=True):
    months: tuple[str, ...]
    date_pattern: str  # e.g. "{month} {day}, {year}"
    last_reviewed: str  # "Last reviewed: {date}"
    # Who reviewed the pack (meta.reviewer), without and with a role; the defaults hold no
    # words, so a pack written before these lines existed shows the bare name.
    reviewed_by: str = "{reviewer}"  # "Reviewed by: {reviewer}"
    reviewed_by_role: str = "{reviewer}, {role}"  # "Reviewed by: {reviewer}, {role}"
    content_version: str  # "Content version {version}"
    fallback_banner: str  # "{count}" problems and "{log}" path
    dismiss: str
    sources_heading: str
    source_ref: str  # how a numbered citation reads inline: "Source {numbers}"
    panel_navigation: str  # accessible name of the tab bar
    secondary_source: str  # marks a figure seen only through a summary
    # Accessibility controls, grouped in their own table (kept apart from other additions).
    access: AccessStrings
    kiosk: KioskStrings  # kiosk mode: attract loop, PIN pad, staff menu
    about: AboutStrings  # the About sheet
    sheet: SheetStrings  # the details sheet and the source chips

    def __post_init__(self) -> None:
        if len(self.months) != 12:
            raise ValueError(f"months must list 12 month names, found {len(self.months)}")
        _check_placeholders(self.date_pattern, ("day", "month", "year"), "date_pattern")
        _check_placeholders(self.last_reviewed, ("date",), "last_reviewed")
        _check_placeholders(self.reviewed_by, ("reviewer",), "reviewed_by")
        _check_placeholders(self.reviewed_by_role, ("reviewer", "role"), "reviewed_by_role")
        _check_placeholders(self.content_version, ("version",), "content_version")
        _check_placeholders(self.fallback_banner, ("count", "log"), "fallback_banner")
        _check_placeholders(self.source_ref, ("numbers",), "source_ref")
