"""``ui.toml``: the words of the app's own controls, so that a content pack is a translation."""


from typing import TypeVar

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


def _all_filled(table: str, struct: Model, placeholders: dict[str, tuple[str, ...]]) -> None:
    """Every text of ``struct`` is not empty and has exactly its placeholders (none if unlisted)."""
    for field in msgspec.structs.fields(struct):
        value = getattr(struct, field.name)
        if not isinstance(value, str):
            continue
        if not value.strip():
            raise ValueError(f"{table}.{field.name} must not be empty")
        _check_placeholders(value, placeholders.get(field.name, ()), f"{table}.{field.name}")


class ClinicStrings(Model, frozen=True, kw_only=True):
    """``[clinic]``: the "Your clinic" panel's own words, the handout buttons and the
    content-review notes. The clinic's name, numbers and protocol are in clinic.toml."""

    contacts_heading: str
    phone: str  # "{number}"
    after_hours: str  # "{number}"
    crisis: str  # "{number}"
    web: str  # "{address}"
    take_home: str  # the patient's button: staff are asked to print the handout
    take_home_description: str
    take_home_sent: str  # shown after the patient asked
    staff_print: str
    staff_save: str
    staff_saved: str  # "{path}"
    staff_printed: str  # "{printer}": the kiosk prints to the default printer, no dialog
    staff_no_printer: str
    review_due: str  # "{date}": for staff, when the pack's review date has passed
    review_days_left: str  # "{date}": the next review, in the staff menu
    review_stale_public: str  # for patients, only where the clinic opts in

    def __post_init__(self) -> None:
        _all_filled("clinic", self, {"phone": ("number",), "after_hours": ("number",),
                                     "crisis": ("number",), "web": ("address",),
                                     "staff_saved": ("path",), "staff_printed": ("printer",),
                                     "review_due": ("date",),
                                     "review_days_left": ("date",)})


class HandoutStrings(Model, frozen=True, kw_only=True):
    """``[handout]``: headings of the printed take-home sheet (its facts come from the panels)."""

    title: str
    key_facts: str
    visit_steps: str
    tell_team: str
    crisis: str
    crisis_text: str  # "{number}": the clinic's crisis line, 988 by default
    contacts: str
    web_qr: str
    references: str
    reviewed: str  # "{date}"
    # Ids of the text blocks printed under "tell_team" (from any panel).
    tell_team_blocks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _all_filled("handout", self, {"crisis_text": ("number",), "reviewed": ("date",)})


TableT = TypeVar("TableT")


def _present(table: TableT | None, name: str) -> TableT:
    if table is None:
        raise LookupError(f"this pack's ui.toml has no [{name}] table; load it through "
                          "content_source, which adds the built-in one")
    return table


class PosterStrings(Model, frozen=True, kw_only=True):
    """``[poster]``: the words around every panel's poster (ketdesk.ui.poster)."""

    more: str  # the button under a poster that leads to the rest of the panel
    more_description: str  # what screen readers say it does
    name: str  # "Summary: {title}", the accessible name of a poster

    def __post_init__(self) -> None:
        for field in msgspec.structs.fields(self):
            if not getattr(self, field.name).strip():
                raise ValueError(f"poster.{field.name} must not be empty")
        _check_placeholders(self.more, (), "poster.more")
        _check_placeholders(self.more_description, (), "poster.more_description")
        _check_placeholders(self.name, ("title",), "poster.name")


class ListenStrings(Model, frozen=True, kw_only=True):
    """``[listen]``: the read-aloud control and how its voice is told to say numbers."""

    listen: str  # the button that starts reading the page aloud
    listen_name: str  # what screen readers call it
    stop: str  # the same button while reading
    stop_name: str
    percent: str  # "{number} percent": how "67%" is said
    range: str  # "{low} to {high}": how "6-8" is said

    def __post_init__(self) -> None:
        for field in msgspec.structs.fields(self):
            if not getattr(self, field.name).strip():
                raise ValueError(f"listen.{field.name} must not be empty")
        _check_placeholders(self.percent, ("number",), "listen.percent")
        _check_placeholders(self.range, ("low", "high"), "listen.range")
        for name in ("listen", "listen_name", "stop", "stop_name"):
            _check_placeholders(getattr(self, name), (), f"listen.{name}")


class TimeoutStrings(Model, frozen=True, kw_only=True):
    """``[timeout]``: the warning shown before the kiosk starts over for the next visitor."""

    still_reading: str  # "Still reading?"
    stay: str  # the large button: "Tap to stay"
    countdown: str  # "{seconds}" left before the screen starts over

    def __post_init__(self) -> None:
        for field in msgspec.structs.fields(self):
            if not getattr(self, field.name).strip():
                raise ValueError(f"timeout.{field.name} must not be empty")
        _check_placeholders(self.countdown, ("seconds",), "timeout.countdown")
        _check_placeholders(self.still_reading, (), "timeout.still_reading")
        _check_placeholders(self.stay, (), "timeout.stay")


class UsageStrings(Model, frozen=True, kw_only=True):
    """``[usage]``: the staff menu's chart of the hourly counts (docs/privacy.md)."""

    heading: str  # "Use in the last 4 weeks"
    axis: str  # the chart's bottom axis: "day (0 = today)"
    export: str  # the button that writes the counts as CSV
    exported: str  # "{path}" of the CSV written
    export_failed: str  # "{path}" that could not be written
    panel_shown: str  # the chart's legend, one per kind of count
    language_chosen: str
    details_opened: str
    read_aloud_used: str
    handout_requested: str

    def __post_init__(self) -> None:
        for field in msgspec.structs.fields(self):
            if not getattr(self, field.name).strip():
                raise ValueError(f"usage.{field.name} must not be empty")
            names = ("path",) if field.name in ("exported", "export_failed") else ()
            _check_placeholders(getattr(self, field.name), names, f"usage.{field.name}")


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
    # ``[clinic]`` and ``[handout]``: the "Your clinic" panel, the handout buttons, review
    # notes, the printed sheet. Newer than the other tables: a clinic's pack written before
    # them still loads, and the app fills them from the built-in pack of its language
    # (``content_source.complete_ui``), so the properties below always find them.
    clinic_table: ClinicStrings | None = msgspec.field(default=None, name="clinic")
    handout_table: HandoutStrings | None = msgspec.field(default=None, name="handout")

    @property
    def clinic(self) -> ClinicStrings:
        return _present(self.clinic_table, "clinic")

    @property
    def handout(self) -> HandoutStrings:
        return _present(self.handout_table, "handout")
    # Read-aloud, the kiosk's "Still reading?" warning, the staff menu's usage chart: newer
    # still, filled the same way.
    listen_table: ListenStrings | None = msgspec.field(default=None, name="listen")
    timeout_table: TimeoutStrings | None = msgspec.field(default=None, name="timeout")
    usage_table: UsageStrings | None = msgspec.field(default=None, name="usage")

    @property
    def listen(self) -> ListenStrings:
        return _present(self.listen_table, "listen")

    @property
    def timeout(self) -> TimeoutStrings:
        return _present(self.timeout_table, "timeout")

    @property
    def usage(self) -> UsageStrings:
        return _present(self.usage_table, "usage")

    poster_table: PosterStrings | None = msgspec.field(default=None, name="poster")

    @property
    def poster(self) -> PosterStrings:
        """The words around each panel's poster."""
        return _present(self.poster_table, "poster")

    sheet_table: SheetStrings | None = msgspec.field(default=None, name="sheet")

    @property
    def sheet(self) -> SheetStrings:
        """The details sheet and the source chips."""
        return _present(self.sheet_table, "sheet")

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
