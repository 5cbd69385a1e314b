"""TOML syntax errors in words for clinic staff: what is wrong, and the line as it should be.

``tomllib`` says "Invalid value (at line 7, column 17)" for a date typed ``27/11/2026`` and
"Illegal character" for a missing closing quote. Staff edit packs in Notepad or paste from a
word processor; the common slips are recognised here and explained with the fixed line.
"""

from __future__ import annotations

import re

_CURLY = re.compile("[\u201c\u201d\u201e\u201f\u2018\u2019\u00ab\u00bb]")
_CURLY_DOUBLE = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb]")
_DAY_FIRST = re.compile(r"^(\s*[\w.\"'-]+\s*=\s*)(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*(#.*)?$")
_ISO_DATE = re.compile(r"^(\s*[\w.\"'-]+\s*=\s*)\d{4}-\d{1,2}-\d{1,2}\b")
_EXAMPLE_DATE = "2026-11-27"
_WHERE = re.compile(r" \(at (?:line (\d+), column \d+|end of document)\)$")


def split_position(message: str, text: str) -> tuple[str, int]:
    """tomllib's message without its "(at line N, column M)", and the line it names."""
    match = _WHERE.search(message)
    if match is None:
        return message, 1
    line = int(match.group(1)) if match.group(1) else max(1, text.count("\n") + (not text.endswith("\n")))
    return message[: match.start()], line


def _unclosed_quote_line(lines: list[str]) -> int | None:
    """The first line with an odd number of unescaped double quotes (outside a comment)."""
    for number, line in enumerate(lines, start=1):
        code = re.sub(r"\\.", "", line)
        if '"""' in code or "'''" in code:
            continue  # multi-line strings: leave them to tomllib's own words
        if code.split("#")[0].count('"') % 2 == 1 or code.split("#")[0].count("'") % 2 == 1:
            return number
    return None


def explain(text: str, message: str) -> tuple[int, str]:
    """(line, words) for a TOML syntax error in ``text`` reported by tomllib as ``message``."""
    message, line = split_position(message, text)
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if _CURLY.search(source) and ("Invalid value" in message or "Illegal" in message):
        fixed = _CURLY_DOUBLE.sub('"', source.strip())
        if not fixed.count('"'):
            fixed = _CURLY.sub('"', source.strip())
        return line, ("this line uses curly quotes (\u201c \u201d), as a word processor types them; "
                      f"TOML needs straight quotes: {fixed}")
    day_first = _DAY_FIRST.match(source)
    if day_first:
        key, day, month, year = day_first.group(1), *day_first.group(2, 3, 4)
        return line, ("dates are written year-month-day; write "
                      f"{key.strip()} {year}-{int(month):02d}-{int(day):02d}")
    iso = _ISO_DATE.match(source)
    if iso and ("Expected newline" in message or "Invalid" in message):
        return line, ("this is not a real date; write it year-month-day, like "
                      f"{iso.group(1).strip()} {_EXAMPLE_DATE}")
    if "\r" in text.replace("\r\n", "") and "newline" in message:
        return line, ("the file has old-style line ends (a carriage return alone); save the file again with "
                      "ordinary line ends (Windows or Unix)")
    if "Illegal character '\\x00'" in message:
        return line, ("the file holds a NUL character: the file is damaged or saved as UTF-16; save it "
                      "again as UTF-8")
    unclosed = _unclosed_quote_line(lines)
    if unclosed is not None and ("Illegal character '\\n'" in message or message.startswith("Expected")):
        return unclosed, ('a text is missing its closing quote; end it on the same line, like '
                          f'{_key_of(lines[unclosed - 1])} = "..."')
    if "overwrite" in message or "twice" in message:
        return line, f"{message}: a key or a table is written twice; keep one of them"
    return line, message


def _key_of(line: str) -> str:
    return line.split("=", 1)[0].strip() or "key"
