"""``clinic.toml``: the clinic's own name, logo, colour, numbers, web page and protocol.

One file for every language: the shared facts at the top, then one table per language
(``[en]``, ``[es]``) with the "Your clinic" panel's tab, title, lead and the clinic's
protocol as text blocks. One file keeps the phone numbers and the address in one place
(a clinic changing its phone number edits one line, not one per language), and a missing
language is a "missing required key" problem naming that table.

``ClinicFile`` is what the file holds; ``ClinicContent`` is one language of it as the
panel's content, with the logo's checked bytes, built by ``ketdesk.content.clinic``.
"""

import re
from typing import Literal

from ketdesk.content.schema.core import Model, PanelContent, _require_text

CLINIC_FILE = "clinic.toml"
# A phone number as people write it: digits, spaces, + - ( ) . and "ext" for extensions.
_PHONE = re.compile(r"^[0-9+() .\-]*(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$", re.IGNORECASE)
MAX_PHONE_CHARS = 40
MAX_NAME_CHARS = 120
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
# The US Suicide & Crisis Lifeline (call or text): the shipped default crisis number.
DEFAULT_CRISIS = "988"
LOGO_SUFFIXES = (".png", ".svg")


def _check_phone(value: str, name: str, *, required: bool = False) -> None:
    if required:
        _require_text(value, name)
    if len(value) > MAX_PHONE_CHARS:
        raise ValueError(f"{name} is {len(value)} characters long, more than the {MAX_PHONE_CHARS} allowed")
    if not _PHONE.match(value):
        raise ValueError(f"{name} may hold only digits, spaces, + - ( ) . and an extension "
                         f"like 'ext 12', not {value!r}")


class ClinicFile(Model, frozen=True, kw_only=True):
    name: str
    # A PNG or SVG file in the same folder as clinic.toml, e.g. logo = "logo.png".
    logo: str = ""
    # "#RRGGBB": tabs and big numbers; refused when it fails WCAG AA against the theme.
    accent: str = ""
    phone: str = ""
    after_hours: str = ""
    crisis: str = DEFAULT_CRISIS
    # The clinic's own web page (https only): printed on the handout, with a QR code.
    url: str = ""
    en: PanelContent
    es: PanelContent

    def __post_init__(self) -> None:
        _require_text(self.name, "name")
        if len(self.name) > MAX_NAME_CHARS:
            raise ValueError(f"name is {len(self.name)} characters long, more than the "
                             f"{MAX_NAME_CHARS} allowed")
        _check_phone(self.phone, "phone")
        _check_phone(self.after_hours, "after_hours")
        _check_phone(self.crisis, "crisis", required=True)
        if self.accent and not _HEX.match(self.accent):
            raise ValueError(f"accent must be a colour like \"#1F5FA8\", not {self.accent!r}")
        if self.url and (not self.url.startswith("https://") or len(self.url) <= len("https://")
                         or any(c.isspace() for c in self.url)):
            raise ValueError(f"url must be a web address starting with https://, not {self.url!r}")
        if self.logo:
            if "/" in self.logo or "\\" in self.logo or self.logo.startswith("."):
                raise ValueError("logo must be a file name in the same folder as clinic.toml, "
                                 f"like \"logo.png\", not {self.logo!r}")
            if not self.logo.lower().endswith(LOGO_SUFFIXES):
                raise ValueError(f"logo must be a .png or .svg file, not {self.logo!r}")

    def text(self, lang: str) -> PanelContent:
        return self.es if lang == "es" else self.en


class ClinicContent(PanelContent, frozen=True, kw_only=True):
    """One language of ``clinic.toml``: the "Your clinic" panel's content."""

    name: str
    phone: str = ""
    after_hours: str = ""
    crisis: str = DEFAULT_CRISIS
    url: str = ""
    accent: str = ""
    logo: bytes = b""  # checked by ketdesk.content.logo: a PNG or SVG within its caps
    logo_kind: Literal["", "png", "svg"] = ""
