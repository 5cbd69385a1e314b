"""Read a content pack from a folder: parse, validate, cross-check, and report every problem.

Problems are collected, not raised: ``check_content`` lists them all at once for staff
fixing a pack, and the app falls back to the built-in pack when a custom one has any.

Given a ``ParseCache`` (``ketdesk.content.parse_cache``), an unchanged pack's parsed files
come from it instead of ``tomllib``; every check after parsing runs all the same. What only
a broken file needs (``tomllib``'s errors explained, ``difflib``'s guesses, line numbers)
is imported when a file is parsed or has a problem, not on every start.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

import msgspec

from ketdesk.content.reading import PackBudget, RefusedError, check_nesting, read_pack_file
from ketdesk.content.registry import FILE_TYPES, PANELS
from ketdesk.content.schema.bounds import range_problem, text_problems
from ketdesk.content.schema.core import Model
from ketdesk.content.schema.pack import ContentPack, iter_source_refs

if TYPE_CHECKING:
    from ketdesk.content.parse_cache import ParseCache

log = logging.getLogger(__name__)

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class ContentProblem:
    file: Path
    line: int
    key_path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key_path or '(file)'}: {self.message}"


@dataclass(frozen=True)
class LoadResult:
    pack: ContentPack | None
    problems: tuple[ContentProblem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.problems


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key_text(key: str) -> str:
    """A key as TOML would write it: bare when it can be, else quoted with escapes.

    Quoting keeps a typed key with a space, a dot or a control character readable, and
    keeps every problem on one line of ``--check-content`` output.
    """
    if _BARE_KEY.fullmatch(key):
        return key
    escaped = "".join("\\" + c if c in '"\\' else c if c.isprintable() else f"\\u{ord(c):04x}"
                      for c in key)
    return f'"{escaped}"'


def format_path(path: KeyPath) -> str:
    """A key path for staff: ``key_facts item 2.label``, items counted from 1 as people do."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f" item {part + 1}"
        else:
            out += f".{_key_text(part)}" if out else _key_text(part)
    return out


def _type_name(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is Annotated:
        return _type_name(get_args(tp)[0])
    if origin in (tuple, list):
        return "an array"
    if isinstance(tp, type) and issubclass(tp, msgspec.Struct):
        return "a table"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(a) for a in get_args(tp) if a is not type(None))
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
    return names.get(tp, getattr(tp, "__name__", str(tp)))


def _describe(value: Any) -> str:
    kinds = {str: "text", int: "a whole number", float: "a number", bool: "true/false",
             list: "an array", dict: "a table"}
    return kinds.get(type(value), type(value).__name__)


@functools.cache
def _type_hints(tp: type) -> dict[str, Any]:
    # Resolving string annotations compiles code; do it once per type, not per value.
    return typing.get_type_hints(tp, include_extras=True)  # keep the ranges (bounds.py)


def _collect(value: Any, tp: Any, path: KeyPath, out: list[tuple[KeyPath, str]]) -> None:
    """Check ``value`` against ``tp`` and append every problem found, not only the first."""
    origin = get_origin(tp)
    if origin is Annotated:
        base, *extras = get_args(tp)
        before = len(out)
        _collect(value, base, path, out)
        ranges = (range_problem(value, m) for m in extras if isinstance(m, msgspec.Meta))
        problem = next((p for p in ranges if p), None)
        if len(out) == before and problem:
            out.append((path, problem))
        return
    if origin in (Union, types.UnionType) and value is not None:
        # "a number or nothing": check a given value as the one type it can be.
        given = [a for a in get_args(tp) if a is not type(None)]
        if len(given) == 1:
            _collect(value, given[0], path, out)
            return
    if isinstance(tp, type) and issubclass(tp, msgspec.Struct):
        if not isinstance(value, dict):
            out.append((path, f"expected a table, got {_describe(value)}"))
            return
        hints = _type_hints(tp)
        fields = {f.encode_name: f for f in msgspec.structs.fields(tp)}
        before = len(out)
        missing = [name for name, info in fields.items() if info.required and name not in value]
        meant: set[str] = set()
        for key in value:
            if key not in fields:
                import difflib

                # A typo is one problem: "sesion_heading" is the missing session_heading.
                guess = difflib.get_close_matches(str(key), [m for m in missing if m not in meant], n=1)
                if guess:
                    meant.add(guess[0])
                    out.append(((*path, key), f"unknown key; did you mean {guess[0]}?"))
                    continue
                known = ", ".join(sorted(fields))
                out.append(((*path, key), f"unknown key (known keys: {known})"))
        for name, info in fields.items():
            if name not in value:
                if info.required and name not in meant:
                    out.append(((*path, name), "missing required key"))
                continue
            _collect(value[name], hints[info.name], (*path, name), out)
        if len(out) == before:
            # Field types are right; now run the type's own cross-field checks.
            try:
                msgspec.convert(value, tp)
            except msgspec.ValidationError as exc:
                out.append(_check_failure(exc, value, path))
        return
    if origin in (tuple, list):
        if not isinstance(value, list):
            out.append((path, f"expected an array, got {_describe(value)}"))
            return
        args = get_args(tp)
        item_type = args[0] if args else Any
        for i, item in enumerate(value):
            _collect(item, item_type, (*path, i), out)
        return
    if origin is dict:
        if not isinstance(value, dict):
            out.append((path, f"expected a table, got {_describe(value)}"))
            return
        _, value_type = get_args(tp)
        for key, item in value.items():
            _collect(item, value_type, (*path, key), out)
        return
    try:
        msgspec.convert(value, tp)
    except msgspec.ValidationError as exc:
        detail = str(exc).partition(" - at `$")[0]
        if detail.startswith("Expected"):
            detail = f"expected {_type_name(tp)}, got {_describe(value)}"
        out.append((path, detail))


def collect_problems(data: Any, tp: Any) -> list[tuple[str, str]]:
    """Every problem of ``data`` as type ``tp``: (key path, message) pairs, empty when valid."""
    found: list[tuple[KeyPath, str]] = []
    _collect(data, tp, (), found)
    return [(format_path(path), message) for path, message in found]


_LEADING_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def _check_failure(exc: msgspec.ValidationError, value: Any, path: KeyPath) -> tuple[KeyPath, str]:
    """Where a type's own check failed, as precisely as the message allows.

    msgspec places a ``__post_init__`` error at the table that ran the check; when the
    message starts with the key it is about ("last_reviewed has ...", "kiosk.pin_wrong must
    ..."), the problem names that key and its line instead of the table's.
    """
    message, _, where = str(exc).partition(" - at `$")
    sub = _parse_msgspec_path(where.rstrip("`")) if where else ()
    node: Any = value
    for part in sub:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
            break
    lead = _LEADING_KEY.match(message)
    if lead and isinstance(node, dict):
        parts = lead.group(0).split(".")
        for start in range(len(parts)):
            if _resolve(node, parts[start:]):
                return (*path, *sub, *parts[start:]), message
    return (*path, *sub), message


def _resolve(node: dict[str, Any], keys: list[str]) -> bool:
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def _parse_msgspec_path(text: str) -> KeyPath:
    """Turn msgspec's ``.a.b[2].c`` into a key path."""
    parts: list[str | int] = []
    for token in text.replace("[", ".[").split("."):
        if not token:
            continue
        if token.startswith("[") and token.endswith("]"):
            inner = token[1:-1]
            parts.append(int(inner) if inner.isdigit() else inner.strip("'\""))
        else:
            parts.append(token)
    return tuple(parts)


def _non_finite_numbers(value: Any, path: KeyPath) -> Iterator[KeyPath]:
    """Paths of every nan or inf in parsed TOML: no content number may be one.

    Checked once here for every file, rather than in each schema type, because a NaN
    slips past ``<`` and ``>`` comparisons and never equals itself.
    """
    if isinstance(value, float):
        if not math.isfinite(value):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite_numbers(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _non_finite_numbers(item, (*path, index))


def _is_utf16(raw: bytes) -> bool:
    try:
        raw.decode("utf-16")
    except UnicodeDecodeError:
        return False
    return True


def _read(path: Path, problems: list[ContentProblem], budget: PackBudget | None) -> bytes | None:
    """The file's bytes, within the pack's budget; None (and the problem noted) if refused."""
    try:
        return read_pack_file(path, path.parent, budget)
    except RefusedError as refused:
        line, message = refused.line, refused.message
    except FileNotFoundError:
        line, message = 1, "file is missing; copy it from the built-in pack and edit it"
    except OSError as exc:
        line, message = 1, f"cannot be read ({exc.strerror or exc}); check its permissions"
    problems.append(ContentProblem(path, line, "", message))
    return None


def _text(path: Path, raw: bytes, problems: list[ContentProblem]) -> str | None:
    """The file as text, if it is UTF-8 without a BOM and not nested too deeply."""
    def problem(line: int, message: str) -> None:
        problems.append(ContentProblem(path, line, "", message))

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) and _is_utf16(raw):
        problem(1, "is saved as UTF-16; save it again as UTF-8 (in Notepad: Save as, Encoding: UTF-8)")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problem(1, "starts with a byte-order mark (BOM), which TOML does not allow; save it as "
                "UTF-8 without BOM (in Notepad: Encoding: UTF-8, not 'UTF-8 with BOM')")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem(line, f"is not UTF-8 text (byte {exc.start}); save it as UTF-8")
        return None
    try:
        check_nesting(text)
    except RefusedError as refused:
        problem(refused.line, refused.message)
        return None
    return text


def _parse(path: Path, text: str, problems: list[ContentProblem]) -> dict[str, Any] | None:
    """The file's TOML as plain values (a table), or None with the problem noted."""
    import tomllib  # not needed at all on a start whose pack is cached

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from ketdesk.content.toml_errors import explain as explain_toml_error

        line, message = explain_toml_error(text, str(exc))
        problems.append(ContentProblem(path, line, "", f"is not valid TOML: {message}"))
    except RecursionError:
        problems.append(ContentProblem(path, 1, "", "is nested too deeply to be a content file"))
    return None


def _validate(path: Path, data: Any, tp: type[Model], problems: list[ContentProblem], text: str) -> Any:
    """The parsed file as ``tp``, or None with every problem noted (lines found in ``text``)."""

    def problem(line: int, key: str, message: str) -> None:
        problems.append(ContentProblem(path, line, key, message))

    def problem_lines(found: list[tuple[KeyPath, str]]) -> None:
        from ketdesk.content.toml_lines import index_lines, line_of  # a broken file only

        lines = index_lines(text)
        for key_path, message in found:
            problem(line_of(lines, key_path), format_path(key_path), message)

    # Checked on the parsed file before the schema: a NaN slips past every comparison, and
    # a huge text or list costs time and memory in every later step.
    early = [(key_path, "must be a finite number (nan and inf are not allowed)")
             for key_path in _non_finite_numbers(data, ())]
    early.extend(text_problems(data))
    if early:
        problem_lines(early)
        return None
    try:
        # Fast path: msgspec validates a sound file in C, in well under a millisecond.
        return msgspec.convert(data, tp)
    except msgspec.ValidationError:
        pass  # walk the file to list every problem, not only the first
    except RecursionError:
        problem(1, "", "is nested too deeply to be a content file")
        return None
    found: list[tuple[KeyPath, str]] = []
    try:
        _collect(data, tp, (), found)
    except RecursionError:
        found.append(((), "is nested too deeply to be a content file"))
    if not found:
        # The walk and msgspec disagree only on checks the walk cannot see; report msgspec's.
        try:
            msgspec.convert(data, tp)
        except msgspec.ValidationError as exc:
            found.append(_check_failure(exc, data, ()))
    problem_lines(found)
    return None


def _load_file(path: Path, tp: type[Model], problems: list[ContentProblem],
               budget: PackBudget | None = None, texts: dict[str, str] | None = None) -> Any:
    """Read, parse and validate one file: the value, or None with its problems noted."""
    raw = _read(path, problems, budget)
    text = None if raw is None else _text(path, raw, problems)
    if text is None:
        return None
    if texts is not None:
        texts[path.name] = text
    data = _parse(path, text, problems)
    return None if data is None else _validate(path, data, tp, problems, text)


_QUOTED = re.compile(r'"((?:\\.|[^"\\\n])*)"')


def _string_lines(text: str) -> dict[str, int]:
    """The first line of every double-quoted string: one pass, however many ids there are."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _QUOTED.finditer(line):
            found.setdefault(match.group(1), number)
    return found


def _cross_check(folder: Path, values: dict[str, Any], problems: list[ContentProblem],
                 texts: dict[str, str]) -> None:
    """Checks that span files: every cited source exists, and the pack agrees with itself."""
    sources_panel = values.get("sources.toml")
    if sources_panel is None:
        return
    known = {s.id for s in sources_panel.sources}
    for filename, value in values.items():
        if filename == "sources.toml" or value is None:
            continue
        lines: dict[str, int] | None = None
        for ref in dict.fromkeys(iter_source_refs(value)):
            if ref not in known:
                if lines is None:
                    lines = _string_lines(texts.get(filename, ""))
                line = lines.get(ref, 1)
                problems.append(ContentProblem(
                    folder / filename, line, "sources",
                    f"cites source {ref!r}, which sources.toml does not define"))
    meta = values.get("meta.toml")
    # Only a folder named like a language must match: "EN" is "en", and "v2" or "clinic"
    # are just folder names.
    named = folder.name.lower()
    if meta is not None and re.fullmatch("[a-z]{2}", named) and named != meta.lang:
        line = _string_lines(texts.get("meta.toml", "")).get(meta.lang, 1)
        problems.append(ContentProblem(
            folder / "meta.toml", line, "lang",
            f"says {meta.lang!r} but the folder is {folder.name!r}; rename the folder or fix lang"))


def load_content(folder: Path, cache: ParseCache | None = None) -> LoadResult:
    """Load and validate the pack in ``folder``; never raises for bad content.

    With ``cache``, an unchanged pack's parsed files come from it (and a cleanly loaded
    pack is stored in it); on any doubt the files are parsed as without one.
    """
    problems: list[ContentProblem] = []
    if not folder.is_dir():
        problems.append(ContentProblem(folder, 1, "", "is not a folder; point --content at a "
                                       "folder holding meta.toml, ui.toml and the panel files"))
        return LoadResult(None, tuple(problems))
    # Every file of the pack is read through one budget, and read once. Problems are kept
    # per file so that they are listed file by file, as the files are read.
    budget = PackBudget()
    file_problems: dict[str, list[ContentProblem]] = {name: [] for name in FILE_TYPES}
    raws = {name: _read(folder / name, file_problems[name], budget) for name in FILE_TYPES}
    key = ""
    if cache is not None and all(raw is not None for raw in raws.values()):
        from ketdesk.content.parse_cache import cache_key

        key = cache_key({name: raw for name, raw in raws.items() if raw is not None})
        pack = _from_cache(folder, cache.get(folder, key))
        if pack is not None:
            return LoadResult(pack, ())
    texts: dict[str, str] = {}
    parsed: dict[str, dict[str, Any]] = {}
    values: dict[str, Any] = {}
    for name, tp in FILE_TYPES.items():
        raw, found = raws[name], file_problems[name]
        text = None if raw is None else _text(folder / name, raw, found)
        data = None if text is None else _parse(folder / name, text, found)
        values[name] = None
        if text is not None and data is not None:
            texts[name], parsed[name] = text, data
            values[name] = _validate(folder / name, data, tp, found, text)
    problems = [problem for name in FILE_TYPES for problem in file_problems[name]]
    _cross_check(folder, values, problems, texts)
    if problems:
        return LoadResult(None, tuple(problems))
    if cache is not None and key:
        cache.put(folder, key, parsed)
    return LoadResult(_pack(values), ())


def _pack(values: Mapping[str, Any]) -> ContentPack:
    return ContentPack(meta=values["meta.toml"], ui=values["ui.toml"],
                       panels={spec.id: values[spec.file_name] for spec in PANELS if not spec.optional})


def _from_cache(folder: Path, parsed: dict[str, dict[str, Any]] | None) -> ContentPack | None:
    """The pack from cached parsed files, checked exactly as parsed ones are; None on any
    problem (the caller then parses the files, which names the problem and its line)."""
    if parsed is None or set(parsed) != set(FILE_TYPES):
        return None
    problems: list[ContentProblem] = []
    values = {name: _validate(folder / name, parsed[name], tp, problems, "")
              for name, tp in FILE_TYPES.items()}
    _cross_check(folder, values, problems, {})
    return None if problems else _pack(values)


def check_content(folder: Path) -> list[ContentProblem]:
    return list(load_content(folder).problems)
