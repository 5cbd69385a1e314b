"""Fill ``{name}`` placeholders in content text, without ever treating content as a template.

A few content strings carry numbers the app fills in ("Step {current} of {total}"). They
used to go through ``str.format``, which made every such string a small program: ``{oops}``
raised KeyError when the window was built, ``{0:>999999999}`` asked for a gigabyte of
padding and ``{0.__class__}`` printed interpreter internals to patients. Here a field
declares the names it may use; ``check_template`` refuses anything else in braces when the
pack is loaded, and ``fill`` replaces exactly those names, once, and nothing else. Text
that is not a template (claims, titles, labels) is never filled: its braces are text.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# In a template, ``{{`` and ``}}`` are a literal brace (as staff may know from older packs);
# any other pair of braces is a placeholder: ``{count}``, but also ``{0:>9}``, ``{a.b}``, ``{}``.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
_LITERAL = {"{{": "{", "}}": "}"}


def _placeholders_in(text: str) -> list[str]:
    return [m.group(1) for m in _TOKEN.finditer(text) if m.group(0) not in _LITERAL]


def template_problem(text: str, names: Collection[str]) -> str | None:
    """Why ``text`` is not a sound template using exactly ``names``, or None when it is.

    Every declared name must appear as ``{name}``; no other braces may appear, so that a
    typo shows up in ``--check-content`` instead of on screen.
    """
    allowed = ", ".join("{" + n + "}" for n in names) or "no placeholders"
    used = _placeholders_in(text)
    unknown = [u for u in dict.fromkeys(used) if u not in names]
    if unknown:
        shown = ", ".join("{" + u + "}" for u in unknown)
        return (f"has unknown placeholder {shown}; this text may use {allowed}, "
                "written exactly like that")
    stray = _TOKEN.sub("", text)
    if "{" in stray or "}" in stray:
        return (f"has a brace that is not part of a placeholder; this text may use {allowed} "
                "(write {{ or }} for a brace itself)")
    missing = [n for n in names if n not in used]
    if missing:
        return f"must contain {', '.join('{' + n + '}' for n in missing)}"
    return None


def check_template(text: str, names: Collection[str], what: str) -> None:
    """Raise ValueError naming ``what`` when ``text`` is not a sound template of ``names``.

    For ``__post_init__`` checks: msgspec turns the error into a problem with a key path.
    """
    problem = template_problem(text, names)
    if problem is not None:
        raise ValueError(f"{what} {problem}")


def fill(template: str, **values: object) -> str:
    """``template`` with each ``{name}`` of ``values`` replaced by ``str(value)``.

    One pass, left to right: a value that itself holds braces is inserted as typed and
    never filled again, ``{{`` and ``}}`` become one brace, and a brace group that names no
    value stays as it was.
    """
    def replace(match: re.Match[str]) -> str:
        whole, name = match.group(0), match.group(1)
        if whole in _LITERAL:
            return _LITERAL[whole]
        return str(values[name]) if name in values else whole

    return _TOKEN.sub(replace, template)
