"""Fuzzed content packs: whatever staff (or a damaged USB stick) put in a pack, ketdesk copes.

Each example copies the shipped English pack and damages it in one to three ways: truncated
files, flipped bytes, invalid UTF-8, wrong value types, missing and unknown keys, huge
strings, deep nesting, a cited source that does not exist, NaN/infinite/negative numbers,
duplicated or deleted lines, a missing file, a folder where a file should be. Then:

* ``load_content`` / ``--check-content`` never raise, and every problem names a file of
  the pack (with a line number), so staff know where to look;
* ``choose_content`` shows the custom pack only when it has no problems, and otherwise
  falls back to the built-in pack and passes the problems on for the banner;
* a pack that passes validation can also be displayed: every format string the window
  fills in works.

The number of examples comes from the hypothesis profile chosen in ``tests/conftest.py``
(a few hundred in ``make test``, thousands in ``make soak``).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import io
import math
import shutil
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from ketdesk.app import run_check_content
from ketdesk.cli import EXIT_FAILED, EXIT_OK
from ketdesk.content import ContentPack, load_content
from ketdesk.content.placeholders import fill
from ketdesk.content.registry import FILE_TYPES
from ketdesk.content_source import builtin_pack, choose_content
from ketdesk.ui.text import format_date
from tests.conftest import BUILTIN_EN

FILES: tuple[str, ...] = tuple(sorted(FILE_TYPES))
ORIGINAL: dict[str, bytes] = {name: (BUILTIN_EN / name).read_bytes() for name in FILES}
PARSED: dict[str, dict[str, Any]] = {name: tomllib.loads(raw.decode()) for name, raw in ORIGINAL.items()}
KNOWN_SOURCES: frozenset[str] = frozenset(s["id"] for s in PARSED["sources.toml"]["sources"])


# --- a small TOML writer (inline tables only), so structural damage can be written back ---

class Deep:
    """A value nested ``depth`` times, written as text (a recursive writer would overflow)."""

    def __init__(self, depth: int, kind: str) -> None:
        self.depth, self.kind = depth, kind

    def toml(self) -> str:
        if self.kind == "array":
            return "[" * self.depth + "1" + "]" * self.depth
        return "{a = " * self.depth + "1" + "}" * self.depth


_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", 0x7F: "\\u007f",
            **{c: f"\\u{c:04x}" for c in range(0x20)}}


def toml_string(text: str) -> str:
    return '"' + text.translate(_ESCAPES) + '"'


def toml_key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key)
    return key if bare else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, Deep):
        return value.toml()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def dump_toml(data: dict[str, Any]) -> str:
    return "".join(f"{toml_key(k)} = {toml_value(v)}\n" for k, v in data.items())


# --- where in a parsed file a mutation can land ---------------------------------------

Path_ = tuple[str | int, ...]


def node_paths(value: Any, path: Path_ = ()) -> list[Path_]:
    """Every path inside ``value`` (tables, arrays and leaves), excluding the root."""
    found: list[Path_] = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found.append((*path, key))
        found.extend(node_paths(item, (*path, key)))
    return found


def get_at(data: Any, path: Path_) -> Any:
    for key in path:
        data = data[key]
    return data


def set_at(data: Any, path: Path_, value: Any) -> None:
    get_at(data, path[:-1])[path[-1]] = value


def deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [deep_copy(v) for v in value]
    return value


# --- the damage -----------------------------------------------------------------------

class Damage:
    """The pack as files to write (bytes, or None for "delete", or "dir" for a folder).

    A plain class, not a dataclass, so that hypothesis prints a failing example as the
    list of what was done (``__repr__``) instead of every byte of every file.
    """

    def __init__(self, log: list[str] | None = None) -> None:
        self.files: dict[str, bytes | str | None] = dict(ORIGINAL)
        self.data: dict[str, dict[str, Any]] = {}  # files being changed structurally
        self.log: list[str] = log or []

    def __repr__(self) -> str:
        return f"Damage({'; '.join(self.log) or 'none'})"

    def raw(self, name: str) -> bytes:
        if name in self.data:
            self.flush(name)
        current = self.files[name]
        return current if isinstance(current, bytes) else b""

    def parsed(self, name: str) -> dict[str, Any] | None:
        """The file's data for a structural change, or None once it is no longer TOML."""
        if name not in self.data:
            current = self.files[name]
            if not isinstance(current, bytes):
                return None
            try:
                self.data[name] = deep_copy(tomllib.loads(current.decode("utf-8")))
            except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
                return None
        return self.data[name]

    def flush(self, name: str) -> None:
        self.files[name] = dump_toml(self.data.pop(name)).encode("utf-8")

    def write(self, folder: Path) -> None:
        for name in list(self.data):
            self.flush(name)
        for name, content in self.files.items():
            target = folder / name
            if content is None:
                target.unlink()
            elif content == "dir":
                target.unlink()
                target.mkdir()
            else:
                assert isinstance(content, bytes)
                target.write_bytes(content)


Mutation = Callable[[st.DrawFn, Damage, str], None]

ODD_VALUES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.booleans(),
    st.dates(),
    st.times(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
    st.lists(st.dictionaries(st.sampled_from(["id", "text", "t", "x"]), st.text(max_size=5)), max_size=2),
)


def truncate(draw: st.DrawFn, damage: Damage, name: str) -> None:
    raw = damage.raw(name)
    cut = draw(st.integers(min_value=0, max_value=max(0, len(raw) - 1)))
    damage.files[name] = raw[:cut]
    damage.log.append(f"truncate {name} at {cut}")


def flip_bytes(draw: st.DrawFn, damage: Damage, name: str) -> None:
    raw = bytearray(damage.raw(name))
    if not raw:
        return
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        pos = draw(st.integers(min_value=0, max_value=len(raw) - 1))
        raw[pos] ^= draw(st.integers(min_value=1, max_value=255))
    damage.files[name] = bytes(raw)
    damage.log.append(f"flip bytes in {name}")


def invalid_utf8(draw: st.DrawFn, damage: Damage, name: str) -> None:
    raw = damage.raw(name)
    bad = draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                                b"\xe2\x82", b"\xc0\xaf", b"\x80"]))
    pos = draw(st.integers(min_value=0, max_value=len(raw)))
    damage.files[name] = raw[:pos] + bad + raw[pos:]
    damage.log.append(f"invalid UTF-8 {bad!r} in {name} at {pos}")


def edit_lines(draw: st.DrawFn, damage: Damage, name: str) -> None:
    lines = damage.raw(name).split(b"\n")
    index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    if draw(st.booleans()):
        lines.insert(index, lines[index])
        damage.log.append(f"duplicate line {index + 1} of {name}")
    else:
        del lines[index]
        damage.log.append(f"delete line {index + 1} of {name}")
    damage.files[name] = b"\n".join(lines)


def _structural(change: Callable[[st.DrawFn, Damage, str, dict[str, Any]], None]) -> Mutation:
    def mutation(draw: st.DrawFn, damage: Damage, name: str) -> None:
        data = damage.parsed(name)
        if data:  # an emptied file has nothing left to change structurally
            change(draw, damage, name, data)

    mutation.__name__ = change.__name__
    return mutation


@_structural
def wrong_type(draw: st.DrawFn, damage: Damage, name: str, data: dict[str, Any]) -> None:
    path = draw(st.sampled_from(node_paths(data)))
    value = draw(ODD_VALUES)
    set_at(data, path, value)
    damage.log.append(f"{name}: {path} = {value!r}")


@_structural
def missing_key(draw: st.DrawFn, damage: Damage, name: str, data: dict[str, Any]) -> None:
    tables = [(), *(p for p in node_paths(data) if isinstance(get_at(data, p), dict))]
    path = draw(st.sampled_from(tables))
    table = get_at(data, path)
    if table:
        key = draw(st.sampled_from(sorted(table)))
        del table[key]
        damage.log.append(f"{name}: delete {(*path, key)}")


@_structural
def unknown_key(draw: st.DrawFn, damage: Damage, name: str, data: dict[str, Any]) -> None:
    tables = [(), *(p for p in node_paths(data) if isinstance(get_at(data, p), dict))]
    path = draw(st.sampled_from(tables))
    table = get_at(data, path)
    key = draw(st.text(min_size=1, max_size=20).filter(lambda k: k not in table))
    table[key] = draw(ODD_VALUES)
    damage.log.append(f"{name}: add {(*path, key)}")


@_structural
def huge_string(draw: st.DrawFn, damage: Damage, name: str, data: dict[str, Any]) -> None:
    leaves = [p for p in node_paths(data) if isinstance(get_at(data, p), str)]
    if leaves:
        path = draw(st.sampled_from(leaves))
        # Around and above the loader's 2 MB file limit, and long enough to hurt a layout.
        size = draw(st.sampled_from([10_000, 300_000, 2_100_000]))
        unit = draw(st.sampled_from(["x", "é", "字", "😀", "a b ", "\\"]))
        set_at(data, path, unit * (size // len(unit.encode())))
        damage.log.append(f"{name}: {path} = {size} bytes of {unit!r}")


@_structural
def deep_nesting(draw: st.DrawFn, damage: Damage, name: str, data: dict[str, Any]) -> None:
    path = draw(st.sampled_from(node_paths(data)))
    depth = draw(st.sampled_from([40, 400, 5_000, 50_000]))
    kind = draw(st.sampled_from(["array", "table"]))
    set_at(data, path, Deep(depth, kind))
    damage.log.append(f"{name}: {path} nested {depth} deep ({kind})")


@_structural
def bad_source(draw: st.DrawFn, damage: Damage, name: str, data: dict[str, Any]) -> None:
    refs = [p for p in node_paths(data) if p[-1] in ("sources", "source")
            and isinstance(get_at(data, p), str | list)]
    missing = draw(st.text(min_size=1, max_size=30).filter(lambda s: s not in KNOWN_SOURCES))
    defined = data.get("sources") if name == "sources.toml" else None
    if isinstance(defined, list) and defined:
        # Renaming a defined source breaks every citation of it in the other files.
        index = draw(st.integers(min_value=0, max_value=len(defined) - 1))
        if isinstance(defined[index], dict):
            defined[index]["id"] = missing
            damage.log.append(f"rename source {index} to {missing!r}")
        return
    if refs:
        path = draw(st.sampled_from(refs))
        current = get_at(data, path)
        set_at(data, path, [*current, missing] if isinstance(current, list) else missing)
        damage.log.append(f"{name}: cite {missing!r} at {path}")


@_structural
def bad_number(draw: st.DrawFn, damage: Damage, name: str, data: dict[str, Any]) -> None:
    paths = node_paths(data)
    # Chart times first (NaN and negative times), then any number, then anything.
    times = [p for p in paths if p[-1] in ("t", "y", "low", "high", "n")]
    numbers = [p for p in paths if isinstance(get_at(data, p), int | float)
               and not isinstance(get_at(data, p), bool)]
    path = draw(st.sampled_from(times or numbers or paths))
    value = draw(st.sampled_from([math.nan, -math.nan, math.inf, -math.inf, -1, -0.5, -1e300,
                                  0, 2**63, -(2**63) - 1, 1e308]))
    set_at(data, path, value)
    damage.log.append(f"{name}: {path} = {value!r}")


def remove_file(draw: st.DrawFn, damage: Damage, name: str) -> None:
    damage.data.pop(name, None)
    replacement = draw(st.sampled_from([None, "dir"]))
    damage.files[name] = replacement
    damage.log.append(f"{name} -> {replacement or 'deleted'}")


MUTATIONS: tuple[Mutation, ...] = (truncate, flip_bytes, invalid_utf8, edit_lines, wrong_type,
                                   missing_key, unknown_key, huge_string, deep_nesting, bad_source,
                                   bad_number, remove_file)


@st.composite
def damaged_packs(draw: st.DrawFn) -> Damage:
    damage = Damage()
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        name = draw(st.sampled_from(FILES))
        if not isinstance(damage.files[name], bytes):
            continue
        mutation = draw(st.sampled_from(MUTATIONS))
        event(f"mutation: {mutation.__name__}")
        mutation(draw, damage, name)
    return damage


# --- the properties ---------------------------------------------------------------------

@functools.cache
def builtin() -> ContentPack:
    # Not a fixture: hypothesis prints every argument of a failing example, and a whole
    # pack would drown the one line that matters.
    return builtin_pack("en")


def check_displayable(pack: ContentPack) -> None:
    """The strings the window fills in at start-up must work for any pack that validates."""
    ui, reviewed = pack.ui, pack.meta.last_reviewed
    date_text = format_date(reviewed.day, reviewed.month, reviewed.year, ui)
    fill(ui.last_reviewed, date=date_text)
    fill(ui.content_version, version=pack.meta.content_version)
    fill(ui.fallback_banner, count=3, log="/tmp/ketdesk.log")
    fill(ui.source_ref, numbers="1, 2")
    pack.source_numbers()


def check_pack(folder: Path, damage: Damage) -> None:
    result = load_content(folder)
    files = {folder / name for name in FILES}
    for problem in result.problems:
        assert problem.file in files, (str(problem), damage.log)
        assert problem.line >= 1
        assert str(problem).startswith(f"{problem.file}:{problem.line}: "), str(problem)
    assert (result.pack is None) == bool(result.problems), damage.log
    event("outcome: " + ("problems found" if result.problems else "still valid"))

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_check_content(folder)
    printed = out.getvalue().splitlines()
    if result.problems:
        assert code == EXIT_FAILED
        assert printed == [str(p) for p in result.problems]
        assert str(folder) in err.getvalue()
    else:
        assert code == EXIT_OK
        assert printed == [f"{folder}: content is valid."]

    chosen = choose_content("en", folder)
    if result.problems:
        assert chosen.pack == builtin(), damage.log
        assert chosen.custom_problems == result.problems
    else:
        assert result.pack is not None
        # repr, not ==: the same pack loaded twice must compare equal even if a number in it
        # were nan (nan != nan), which the loader refuses anyway.
        assert repr(chosen.pack) == repr(result.pack)
        assert chosen.custom_problems == ()
        check_displayable(chosen.pack)
    assert chosen.custom_folder == folder


def test_writer_round_trips_the_shipped_pack(tmp_path: Path) -> None:
    """The fuzzer's TOML writer alone must not damage anything, or every example lies."""
    for name, data in PARSED.items():
        text = dump_toml(data)
        assert tomllib.loads(text) == data
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert load_content(tmp_path).ok


@given(damage=damaged_packs())
@example(damage=Damage(log=["untouched"]))
def test_damaged_pack_never_crashes_and_falls_back(damage: Damage) -> None:
    with tempfile.TemporaryDirectory(prefix="ketdesk-fuzz-") as tmp:
        folder = Path(tmp) / "en"
        shutil.copytree(BUILTIN_EN, folder)
        damage.write(folder)
        check_pack(folder, damage)


# --- regressions the fuzzer found, kept as plain tests ----------------------------------

def test_odd_key_is_quoted_and_stays_on_one_line(pack_copy: Path) -> None:
    with (pack_copy / "conditions.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[extra]\n"a\\u0085b" = 1\n"line\\nbreak" = 2\n')
    problems = [str(p) for p in load_content(pack_copy).problems]
    assert len(problems) == 1
    assert 'extra: unknown key' in problems[0]
    text = "\n".join(problems)
    assert text.splitlines() == problems


@pytest.mark.parametrize("pattern", ["Last reviewed: {date} {x}", "Last reviewed: {date} {",
                                     "Last reviewed: {date!r:>{width}}", "Last reviewed: {date.year}",
                                     "Last reviewed: {date}{0}"])
def test_format_string_with_unknown_placeholder_is_a_problem(pack_copy: Path, pattern: str) -> None:
    """Such a pack used to pass --check-content and then stop the app at start-up."""
    path = pack_copy / "ui.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Last reviewed: {date}"', toml_string(pattern)), encoding="utf-8")
    problems = [str(p) for p in load_content(pack_copy).problems]
    assert len(problems) == 1, problems
    assert "ui.toml" in problems[0] and "last_reviewed" in problems[0]


def test_literal_braces_are_allowed(pack_copy: Path) -> None:
    path = pack_copy / "ui.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Last reviewed: {date}"', '"Last reviewed {{ok}}: {date}"'),
                    encoding="utf-8")
    result = load_content(pack_copy)
    assert result.ok, [str(p) for p in result.problems]
    assert result.pack is not None
    check_displayable(result.pack)
