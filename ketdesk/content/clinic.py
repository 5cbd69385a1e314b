"""Read ``clinic.toml`` and its logo: parse, validate, check the accent's contrast.

Problems are ``ContentProblem`` s, ``file:line: key: message`` like every pack file's, so
``--check-content`` lists them the same way. A clinic file with any problem is not used:
the app shows no "Your clinic" panel rather than a half-filled one, and logs why.

The accent colour is checked against colours the caller gives (the theme's), because this
package knows no theme: the theme lives in the UI layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ketdesk.content.loader import ContentProblem, _load_file
from ketdesk.content.logo import LogoError, check_logo
from ketdesk.content.reading import RefusedError, read_pack_file
from ketdesk.content.schema.clinic import CLINIC_FILE, ClinicContent, ClinicFile
from ketdesk.content.toml_lines import index_lines, line_of
from ketdesk.contrast import hex_contrast

__all__ = ["CLINIC_FILE", "AccentRule", "Clinic", "ClinicResult", "accent_problems", "load_clinic"]


@dataclass(frozen=True)
class AccentRule:
    """The accent must reach ``minimum`` contrast with ``colour`` (``what`` says where)."""

    what: str
    colour: str
    minimum: float


@dataclass(frozen=True)
class Clinic:
    """A sound clinic file and its checked logo."""

    file: ClinicFile
    logo: bytes = b""
    logo_kind: str = ""

    def content(self, lang: str) -> ClinicContent:
        """The "Your clinic" panel's content in one language."""
        text = self.file.text(lang)
        info = self.file
        return ClinicContent(tab=text.tab, title=text.title, lead=text.lead, blocks=text.blocks,
                             name=info.name, phone=info.phone, after_hours=info.after_hours,
                             crisis=info.crisis, url=info.url, accent=info.accent,
                             logo=self.logo, logo_kind=self.logo_kind)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ClinicResult:
    clinic: Clinic | None
    problems: tuple[ContentProblem, ...] = ()


def accent_problems(accent: str, rules: Sequence[AccentRule]) -> list[str]:
    """Why ``accent`` fails WCAG AA against the rules' colours: one message per failure."""
    found = []
    for rule in rules:
        contrast = hex_contrast(accent, rule.colour)
        if contrast < rule.minimum:
            found.append(f"{accent} has {contrast:.1f}:1 contrast with {rule.what} ({rule.colour}); "
                         f"WCAG AA needs {rule.minimum:g}:1, so choose a "
                         f"{'darker' if hex_contrast(rule.colour, '#FFFFFF') < 2 else 'lighter'} colour")
    return found


def load_clinic(path: Path, accent_rules: Sequence[AccentRule] = ()) -> ClinicResult:
    """Load ``path`` (a ``clinic.toml``); never raises for a bad file."""
    problems: list[ContentProblem] = []
    texts: dict[str, str] = {}
    info = _load_file(path, ClinicFile, problems, None, texts)
    if info is None:
        return ClinicResult(None, tuple(problems))
    lines = index_lines(texts.get(path.name, ""))

    def problem(key: str, message: str) -> None:
        problems.append(ContentProblem(path, line_of(lines, (key,)), key, message))

    if info.accent:
        for message in accent_problems(info.accent, accent_rules):
            problem("accent", message)
    logo, kind = b"", ""
    if info.logo:
        logo_path = path.parent / info.logo
        try:
            logo = read_pack_file(logo_path, path.parent)
            kind = check_logo(logo, info.logo)
        except FileNotFoundError:
            problem("logo", f"{info.logo} is not in {path.parent}; put the logo file beside clinic.toml")
        except RefusedError as refused:
            problem("logo", f"{info.logo} {refused.message}")
        except LogoError as bad:
            problem("logo", str(bad))
        except OSError as exc:
            problem("logo", f"{info.logo} cannot be read ({exc.strerror or exc}); check its permissions")
    if problems:
        return ClinicResult(None, tuple(problems))
    return ClinicResult(Clinic(info, logo, kind), ())
