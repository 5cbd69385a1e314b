"""The one way a pack file is read: a regular file, of bounded size, nested to a bounded depth.

A pack comes from a clinic's USB stick or shared folder, so a "file" may be anything: a
FIFO (reading it waits forever), a link to ``/dev/zero`` (reading it fills memory), a
device, a socket, a link out of the pack, or TOML nested ten thousand levels deep (the
parser and every walk over its result recurse). Each is refused here, before parsing, with
a ``RefusedError`` that says what was found and what to do; the loader turns it into a
``file:line: key: message`` problem and the app falls back to the built-in pack.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

# The shipped files are under 30 KB; a few MB is generous for any real pack.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_PACK_BYTES = 8 * 1024 * 1024
# Tables, arrays and dotted keys, counted together. The shipped files nest 6 deep.
MAX_DEPTH = 24

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class RefusedError(Exception):
    """Why a pack file was not read, for staff: what was found and what to do."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class PackBudget:
    """Bytes left for the rest of a pack, so eight files cannot add up to a huge one."""

    def __init__(self, limit: int = MAX_PACK_BYTES) -> None:
        self.limit = limit
        self.left = limit

    def take(self, size: int) -> None:
        if size > self.left:
            raise RefusedError(f"the pack is larger than the {_mb(self.limit)} allowed for all its files "
                          "together; remove what is not a content file, or shorten the text")
        self.left -= size


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _target(path: Path, root: Path) -> Path:
    """The file to open: ``path`` itself, or where its link points when that is inside the pack."""
    if not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link or a loop of links
        raise RefusedError("is a link that points nowhere; copy the real file into the pack folder") from None
    if not target.is_relative_to(root.resolve()):
        raise RefusedError(f"is a link to {target}, outside the pack folder; copy the file itself into "
                      "the pack folder") from None
    return target


def read_pack_file(path: Path, root: Path, budget: PackBudget | None = None) -> bytes:
    """The bytes of one pack file, or ``RefusedError``. Never blocks, never reads past the cap.

    ``FileNotFoundError`` passes through, so the caller can say which file to copy.
    """
    target = _target(path, root)
    info = target.stat()
    if not stat.S_ISREG(info.st_mode):
        raise RefusedError(f"is {_kind(info.st_mode)}, not a file; put the TOML file itself here")
    if info.st_size > MAX_FILE_BYTES:
        raise RefusedError(f"file is {info.st_size} bytes, larger than the {MAX_FILE_BYTES} "
                      f"({_mb(MAX_FILE_BYTES)}) allowed; is this the right file?")
    # O_NONBLOCK: should the file be swapped for a FIFO after the check, open() still
    # returns at once. O_NOFOLLOW: nor may it become a link in between.
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOFOLLOW", "O_BINARY"):  # each where the system has it
        flags |= getattr(os, name, 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if isinstance(exc, PermissionError | FileNotFoundError):
            raise
        raise RefusedError(f"cannot be opened ({exc.strerror or exc}); copy the file into the pack "
                           "again") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RefusedError("changed into something that is not a file while it was read; try again")
        raw = handle.read(MAX_FILE_BYTES + 1)  # a file that grows after the check stops here
    if len(raw) > MAX_FILE_BYTES:
        raise RefusedError(f"file is larger than the {MAX_FILE_BYTES} bytes allowed; is this the right file?")
    if budget is not None:
        budget.take(len(raw))
    return raw


# Strings and comments first (their brackets and dots are text), then the characters that
# nest: brackets, braces, dots of dotted keys, "=", "," and line ends.
_TOKEN = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*'
                    r"|[\[\]{}.=,\n]")


def check_nesting(text: str, limit: int = MAX_DEPTH) -> None:
    """Refuse TOML nested deeper than ``limit`` before ``tomllib`` (or anything) recurses.

    A cheap scan, not a parser: it counts the parts of ``[table.headers]``, of dotted keys
    and the open ``[`` and ``{`` of values. It may overcount a float inside an inline table
    by one (its dot looks like a key's), which a limit this far above real packs absorbs.
    """
    line = 1
    table = 0  # parts of the current [table] header
    base = 0  # depth of the value being written, below the table
    stack: list[tuple[str, int]] = []  # open brackets and the depth outside each
    header: int | None = None  # parts counted so far inside a [header]
    in_key = True
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first in "\"'":
            line += token.count("\n")
            continue
        if first == "#":
            continue
        if first == "\n":
            line += 1
            if not stack:
                base, in_key, header = 0, True, None
            continue
        if header is not None:
            if first in ".[":  # "[[" opens an array of tables; more "[" only nest
                header += 1
            elif first == "]":
                table = header
            if header > limit:
                raise _too_deep(line, limit)
            continue
        if first == "[" and in_key and not stack:
            header = 1
            continue
        if first == "." and in_key:
            base += 1
        elif first == "=":
            in_key = False
            base += 1
        elif first in "[{":
            stack.append((first, base))
            base += 1
            in_key = first == "{"
        elif first in "]}":
            if stack:
                _, base = stack.pop()
            in_key = False
        elif first == "," and stack:
            base = stack[-1][1] + 1
            in_key = stack[-1][0] == "{"
        if table + base > limit:
            raise _too_deep(line, limit)


def _too_deep(line: int, limit: int) -> RefusedError:
    return RefusedError(f"is nested more than {limit} levels deep (tables, arrays and dotted keys); "
                   "a content file needs far fewer, so this is not a content file", line)
