"""Find the line of a key path in TOML text, so that errors can say ``file:line``.

``tomllib`` keeps no positions, so this scans the text for table headers and key
assignments. It understands the subset content files use (tables, arrays of tables,
dotted and quoted keys, multi-line strings and arrays); anything it cannot place falls
back to the nearest enclosing key it found, and finally to line 1.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_BARE_OR_QUOTED = r"(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')"
_KEY = re.compile(rf"^\s*({_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*)\s*=")


def _split_key(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.split(r"\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", dotted)]


def index_lines(text: str) -> dict[Path, int]:
    """Map each key path found in ``text`` to its 1-based line number."""
    lines: dict[Path, int] = {}
    array_counts: dict[Path, int] = {}
    table: Path = ()
    in_multiline: str | None = None
    depth = 0  # open brackets of a multi-line array or inline table
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_multiline:
            if in_multiline in line:
                in_multiline = None
            continue
        if depth > 0:
            depth += line.count("[") + line.count("{") - line.count("]") - line.count("}")
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            keys = _split_key(header.group(2))
            # [[series.points]] belongs to the last [[series]] so far: series[n].points[m].
            prefix: Path = ()
            for part in keys[:-1]:
                prefix = (*prefix, part)
                if prefix in array_counts:
                    prefix = (*prefix, array_counts[prefix] - 1)
            last: Path = (*prefix, keys[-1])
            if header.group(1) == "[[":
                index = array_counts.get(last, 0)
                array_counts[last] = index + 1
                table = (*last, index)
            else:
                table = last
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if not key:
            continue
        path = (*table, *_split_key(key.group(1)))
        lines.setdefault(path, number)
        rest = line[key.end():]
        for quote in ('"""', "'''"):
            if rest.count(quote) == 1:
                in_multiline = quote
        if not in_multiline:
            stripped = re.sub(r"\"(?:\\.|[^\"\\])*\"|'[^']*'", "", rest).split("#")[0]
            depth = stripped.count("[") + stripped.count("{") - stripped.count("]") - stripped.count("}")
    return lines


def line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of ``path``, or of its nearest ancestor that has one, or 1."""
    for end in range(len(path), 0, -1):
        found = lines.get(tuple(path[:end]))
        if found:
            return found
    return 1
