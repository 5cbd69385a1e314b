"""Find the clinic's ``clinic.toml`` and add its "Your clinic" panel to a content pack.

Where it is looked for, first found wins: beside the custom content (``--content DIR``
or the ``content_dir`` setting: ``DIR/clinic.toml``, also when DIR holds one folder per
language), then the settings folder (``KETDESK_CONFIG_DIR``, ``--help`` names it). No file:
no panel. A file with problems: no panel either, and every problem is logged, so a typo
never shows patients a half-filled page; ``--check-content`` lists the same problems.

The accent colour is checked against the standard theme's colours here, because the
content layer knows no theme. A sound file is read once per change of its bytes' size or
time (a language switch reuses it). Without a clinic file nothing more than the lookup runs:
the loader of clinic files is imported only when there is one to read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ketdesk import paths
from ketdesk.content.registry import spec_for_content
from ketdesk.content.schema.clinic import CLINIC_FILE, ClinicContent
from ketdesk.content.schema.pack import ContentPack

if TYPE_CHECKING:
    from ketdesk.content.clinic import AccentRule, ClinicResult

log = logging.getLogger(__name__)
CLINIC_PANEL_ID = spec_for_content(ClinicContent).id


def accent_rules() -> tuple[AccentRule, ...]:
    """What the accent must pass (WCAG AA) in the standard theme: the selected tab's text on
    it, and the accent as text (big numbers) on cards and on the page. High contrast keeps
    its own accent, so it needs no rule."""
    from ketdesk.content.clinic import AccentRule
    from ketdesk.contrast import AA_TEXT
    from ketdesk.ui.theme import STANDARD  # plain data, no Qt

    return (AccentRule("the selected tab's text", STANDARD.accent_text, AA_TEXT),
            AccentRule("the cards' background", STANDARD.surface, AA_TEXT),
            AccentRule("the page background", STANDARD.window, AA_TEXT))


def clinic_file(custom: Path | None) -> Path | None:
    """The clinic file in use: beside the custom content, else in the settings folder."""
    candidates = [custom / CLINIC_FILE] if custom is not None else []
    candidates.append(paths.user_config_dir() / CLINIC_FILE)
    for candidate in candidates:
        try:
            if candidate.exists():
                return candidate
        except OSError:
            continue
    return None


@dataclass(frozen=True)
class _Cached:
    key: tuple[str, int, int]
    result: ClinicResult


_cache: dict[str, _Cached] = {}


def read_clinic(path: Path) -> ClinicResult:
    """``load_clinic`` with the standard theme's accent rules, reused while the file is unchanged."""
    try:
        info = path.stat()
        key = (str(path), info.st_mtime_ns, info.st_size)
    except OSError:
        key = (str(path), -1, -1)
    from ketdesk.content.clinic import load_clinic

    hit = _cache.get(str(path))
    if hit is not None and hit.key == key and key[1] != -1:
        return hit.result
    result = load_clinic(path, accent_rules())
    if result.problems:
        log.warning("clinic file %s has %d problem(s); no clinic panel is shown",
                    path, len(result.problems))
        for problem in result.problems:
            log.warning("clinic problem: %s", problem)
    _cache[str(path)] = _Cached(key, result)
    return result


def with_clinic(pack: ContentPack, custom: Path | None) -> ContentPack:
    """``pack`` plus the clinic's panel in its language, when a sound clinic file is found."""
    path = clinic_file(custom)
    if path is None:
        return pack
    clinic = read_clinic(path).clinic
    if clinic is None:
        return pack
    return pack.with_panel(CLINIC_PANEL_ID, clinic.content(pack.meta.lang))
