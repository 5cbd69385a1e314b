"""A catalogue of hostile content packs: each breaks a copy of the shipped English pack one way.

Shared by ``tests/gui/test_hostile_packs.py`` (the cheap ones, in ``make test``) and
``benchmarks/hostile_soak.py`` (every one, as a subprocess under a time and memory cap, in
``make soak``). A maker edits the pack in ``folder`` and returns the file that every
problem message must name.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import BUILTIN_EN

Maker = Callable[[Path], str]


@dataclass(frozen=True)
class Hostile:
    category: str
    name: str
    make: Maker
    expensive: bool = False  # kept for make soak: a subprocess, a device or 100,000 levels


def edit(folder: Path, name: str, old: str, new: str) -> str:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {name}; update tests/hostile_packs.py"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return name


def append(folder: Path, name: str, text: str) -> str:
    with (folder / name).open("a", encoding="utf-8") as handle:
        handle.write("\n" + text + "\n")
    return name


def raw(folder: Path, name: str, change: Callable[[bytes], bytes]) -> str:
    path = folder / name
    path.write_bytes(change(path.read_bytes()))
    return name


def replace_file(folder: Path, name: str, make: Callable[[Path], object]) -> str:
    path = folder / name
    path.unlink()
    make(path)
    return name


def link(folder: Path, name: str, target: str | Path) -> str:
    return replace_file(folder, name, lambda path: path.symlink_to(target))


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()  # the socket file stays; nothing listens


def _outside(folder: Path) -> str:
    outside = folder.parent / "outside.toml"
    shutil.copy(folder / "ui.toml", outside)
    return link(folder, "ui.toml", outside)


def _huge_pack(folder: Path) -> str:
    padding = "# " + "x" * 1_500_000
    for name in ("meta.toml", "ui.toml", "overview.toml", "mechanism.toml", "timeline.toml",
                 "conditions.toml"):
        append(folder, name, padding)
    return "conditions.toml"  # read after the five before it: the one over the total


def _sparse(folder: Path) -> str:
    with (folder / "risks.toml").open("ab") as handle:
        handle.truncate(3 * 1024 * 1024)
    return "risks.toml"


def _many_ids(folder: Path) -> str:
    ids = ", ".join(f'"nobody{i}"' for i in range(20_000))
    return edit(folder, "overview.toml", 'sources = ["kishimoto2016", "rush2006"]', f"sources = [{ids}]")


def _deep(kind: str, depth: int) -> Maker:
    texts = {
        "dotted keys": ".".join(["a"] * depth) + " = 1",
        "table headers": "[" + ".".join(["a"] * depth) + "]\nb = 1",
        "arrays": "deep = " + "[" * depth + "1" + "]" * depth,
        "inline tables": "deep = " + "{a = " * depth + "1" + "}" * depth,
    }
    return lambda folder: append(folder, "ui.toml", texts[kind])


def _edit(name: str, old: str, new: str) -> Maker:
    return lambda folder: edit(folder, name, old, new)


def _bytes(name: str, change: Callable[[bytes], bytes]) -> Maker:
    return lambda folder: raw(folder, name, change)


def _link(target: str) -> Maker:
    return lambda folder: link(folder, "ui.toml", target)


def _tab(text: str) -> Maker:
    return _edit("overview.toml", 'tab = "Overview"', f"tab = {text}")


def _ui(new: str) -> Maker:
    return _edit("ui.toml", '"Last reviewed: {date}"', f'"Last reviewed: {{date}} {new}"')


def _reviewed(value: str) -> Maker:
    return _edit("meta.toml", "last_reviewed = 2026-11-27", f"last_reviewed = {value}")


def _claim(text: str) -> Maker:
    old = '"Ketamine has been used to put people to sleep for surgery since 1970."'
    return _edit("overview.toml", old, text)


TEMPLATES = ("{oops}", "{0:>999999999}", "{0.__class__}")

HOSTILE: tuple[Hostile, ...] = (
    # Nesting: parsers and every walk over the result recurse.
    *(Hostile("deep nesting", f"{kind}, 1,000 levels", _deep(kind, 1_000))
      for kind in ("dotted keys", "table headers", "arrays", "inline tables")),
    *(Hostile("deep nesting", f"{kind}, 100,000 levels", _deep(kind, 100_000), expensive=True)
      for kind in ("dotted keys", "arrays")),
    # What a "file" may be.
    Hostile("not a file", "FIFO", lambda f: replace_file(f, "ui.toml", os.mkfifo)),
    Hostile("not a file", "socket", lambda f: replace_file(f, "ui.toml", _socket)),
    Hostile("not a file", "folder", lambda f: replace_file(f, "ui.toml", Path.mkdir)),
    Hostile("not a file", "link to /dev/zero", _link("/dev/zero"), expensive=True),
    Hostile("not a file", "link to /dev/urandom", _link("/dev/urandom"), expensive=True),
    Hostile("not a file", "link outside the pack", _outside),
    Hostile("not a file", "dangling link", _link("gone.toml")),
    Hostile("not a file", "missing", lambda f: replace_file(f, "mechanism.toml", lambda p: None)),
    Hostile("not a file", "empty", _bytes("sources.toml", lambda b: b"")),
    Hostile("size", "3 MB file (sparse)", _sparse),
    Hostile("size", "pack over 8 MB", _huge_pack),
    # Numbers no drawing code can draw.
    Hostile("huge numbers", "people = 10**18", _edit("conditions.toml", "people = 49", f"people = {10**18}")),
    Hostile("huge numbers", "axis end 1e300", _edit("timeline.toml", "end = 2016.0 ", "end = 1e300 ")),
    Hostile("huge numbers", "study size 10**15", _edit("timeline.toml", "n = 234", f"n = {10**15}")),
    Hostile("huge numbers", "session 1e12 minutes", _edit("risks.toml", "t_max = 180", "t_max = 1e12")),
    Hostile("huge numbers", "negative time", _edit("risks.toml", "end = 230", "end = -230")),
    Hostile("NaN and infinity", "nan", _edit("risks.toml", "x_max = 320", "x_max = nan")),
    Hostile("NaN and infinity", "inf", _edit("timeline.toml", "n = 234", "n = inf")),
    # Texts no screen can hold.
    Hostile("huge strings", "10,000-character word in a tab", _tab('"' + "W" * 10_000 + '"')),
    Hostile("huge strings", "500-character word in a text", _claim('"' + "w" * 500 + '"')),
    Hostile("huge strings", "20,000 unknown source ids", _many_ids),
    # Content as a template.
    *(Hostile("format strings", pattern, _ui(pattern)) for pattern in TEMPLATES),
    # Encodings and invisible characters.
    Hostile("encodings", "Latin-1", _bytes("meta.toml", lambda b: b.replace(b"English", b"Engl\xe9sh"))),
    Hostile("encodings", "UTF-16", _bytes("meta.toml", lambda b: b.decode().encode("utf-16"))),
    Hostile("encodings", "BOM", _bytes("meta.toml", lambda b: b"\xef\xbb\xbf" + b)),
    Hostile("encodings", "NUL byte", _bytes("meta.toml", lambda b: b.replace(b"English", b"Eng\0lish"))),
    Hostile("encodings", "bare CR line ends", _bytes("meta.toml", lambda b: b.replace(b"\n", b"\r"))),
    Hostile("control characters", "escape \\u001b", _claim('"Ketamine \\u001b[31m red"')),
    Hostile("control characters", "NUL as \\u0000", _claim('"Ketamine \\u0000 hidden"')),
    Hostile("right-to-left overrides", "U+202E", _claim('"Ketamine is \\u202Eefas\\u202C safe"')),
    Hostile("zero-width characters", "U+200B", _claim('"Keta\\u200Bmine"')),
    # Syntax slips staff make.
    Hostile("syntax", "missing closing quote", _tab('"Overview')),
    Hostile("syntax", "curly quotes", _tab("\u201cOverview\u201d")),
    Hostile("dates", "27/11/2026", _reviewed("27/11/2026")),
    Hostile("dates", "2026-13-45", _reviewed("2026-13-45")),
    Hostile("dates", "year 1900", _reviewed("1900-01-01")),
    Hostile("dates", "year 9999", _reviewed("9999-12-31")),
    Hostile("dates", "a date and time", _reviewed("2026-11-27T10:00:00")),
    Hostile("duplicates", "duplicate key", _tab('"Overview"\ntab = "Again"')),
    Hostile("duplicates", "duplicate source id", _edit("sources.toml", 'id = "spravato-label"',
                                                       'id = "ketalar-label"')),
    Hostile("duplicates", "duplicate card id", _edit("conditions.toml", 'id = "ptsd"', 'id = "bipolar"')),
    Hostile("wrong types", "text for a number", _edit("conditions.toml", "people = 49", 'people = "49"')),
    Hostile("wrong types", "table for a text", _tab("{ a = 1 }")),
    Hostile("wrong types", "array for a table", lambda f: append(f, "ui.toml", "access = [1, 2]")),
    Hostile("unknown keys", "typo in a key", _edit("overview.toml", "session_heading =", "sesion_heading =")),
    Hostile("folders", "pack says es in folder en", _edit("meta.toml", 'lang = "en"', 'lang = "es"')),
)


def hostile_pack(tmp: Path, hostile: Hostile) -> tuple[Path, Path]:
    """(pack folder, the file problems must name) for one hostile pack built under ``tmp``."""
    folder = tmp / "en"
    shutil.copytree(BUILTIN_EN, folder)
    target = hostile.make(folder)
    return folder, folder / target
