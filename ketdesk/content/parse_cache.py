"""A cache of parsed content files, so an unchanged pack skips TOML parsing at start-up.

Parsing the pack's TOML is most of loading it (about 12 ms of 15 here, and ``tomllib`` is
one more import before the first frame). A pack that loaded cleanly is stored as the
parsed files, in the state folder beside the log (``paths.cache_dir``), under a key made
of every file's name and bytes. On the next start the files are still read through the
pack's size budget and hashed; only when the key matches does the cached data stand in
for ``tomllib.loads``. Everything after parsing still runs on it: the nan and size
checks, msgspec's validation and the pack's cross-checks, so a cache entry can never
make a pack valid that its files would not make valid.

Nothing in the file is trusted blindly: it is at most ``MAX_CACHE_BYTES``, starts with a
magic line and the SHA-256 of the rest (a truncated or damaged file fails), is MessagePack
decoded by msgspec into plain values of a fixed shape (never pickle), and must name the
same key. Any doubt, a missing or unreadable folder, a read-only disk: the caller parses
the files as if there were no cache. Failing to write it only costs the next start time.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from ketdesk.content.reading import MAX_PACK_BYTES

log = logging.getLogger(__name__)

# Bump when the stored shape changes: an old file then simply fails to match.
FORMAT = b"ketdesk parsed content 1\n"
# Parsed data is about the size of its text; the pack's own limit, with room for framing.
MAX_CACHE_BYTES = MAX_PACK_BYTES + 64 * 1024
_DIGEST_BYTES = 32

# TOML's dates and times, kept as themselves (MessagePack alone would turn them into text).
_EXT_DATE, _EXT_TIME, _EXT_DATETIME = 1, 2, 3


class _Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    key: str
    files: dict[str, dict[str, Any]]


def cache_key(raws: Mapping[str, bytes]) -> str:
    """The key for a pack's files: their names and bytes, and the Python that parsed them."""
    digest = hashlib.sha256(FORMAT)
    digest.update(sys.version.encode())
    for name in sorted(raws):
        data = raws[name]
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _cache_file(folder: Path, pack_folder: Path) -> Path:
    """One file per pack folder (the English and Spanish packs do not evict each other)."""
    name = hashlib.sha256(os.fsencode(os.path.abspath(pack_folder))).hexdigest()[:24]
    return folder / f"content-{name}.msgpack"


def _to_ext(value: Any) -> Any:
    if isinstance(value, datetime.datetime):  # before date: a datetime is a date too
        return msgspec.msgpack.Ext(_EXT_DATETIME, value.isoformat().encode())
    if isinstance(value, datetime.date):
        return msgspec.msgpack.Ext(_EXT_DATE, value.isoformat().encode())
    if isinstance(value, datetime.time):
        return msgspec.msgpack.Ext(_EXT_TIME, value.isoformat().encode())
    if isinstance(value, dict):
        return {key: _to_ext(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_to_ext(item) for item in value]
    return value


def _from_ext(code: int, data: memoryview) -> Any:
    text = bytes(data).decode("ascii")
    if code == _EXT_DATE:
        return datetime.date.fromisoformat(text)
    if code == _EXT_TIME:
        return datetime.time.fromisoformat(text)
    if code == _EXT_DATETIME:
        return datetime.datetime.fromisoformat(text)
    raise ValueError(f"unknown extension type {code}")


class ParseCache:
    """Parsed content files by pack folder, in ``folder``; see the module's docstring."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, pack_folder: Path, key: str) -> dict[str, Any] | None:
        """The parsed files stored for ``pack_folder`` under ``key``, or None."""
        path = _cache_file(self.folder, pack_folder)
        try:
            with path.open("rb") as handle:
                blob = handle.read(MAX_CACHE_BYTES + 1)
        except OSError:
            return None  # no cache yet, or not readable: parse the files
        head = len(FORMAT) + _DIGEST_BYTES
        if len(blob) > MAX_CACHE_BYTES or len(blob) < head or not blob.startswith(FORMAT):
            return None
        body = blob[head:]
        if hashlib.sha256(body).digest() != blob[len(FORMAT):head]:
            log.info("content cache %s is damaged; parsing the pack", path)
            return None
        try:
            record = msgspec.msgpack.decode(body, type=_Record, ext_hook=_from_ext)
        except (msgspec.DecodeError, msgspec.ValidationError, ValueError, RecursionError):
            log.info("content cache %s cannot be read; parsing the pack", path)
            return None
        return record.files if record.key == key else None

    def put(self, pack_folder: Path, key: str, files: Mapping[str, dict[str, Any]]) -> None:
        """Store a cleanly loaded pack's parsed files; a failure is logged, never raised."""
        path = _cache_file(self.folder, pack_folder)
        try:
            body = msgspec.msgpack.encode(_Record(key, {n: _to_ext(d) for n, d in files.items()}))
        except (TypeError, ValueError, OverflowError) as exc:  # a value MessagePack cannot hold
            log.info("content of %s not cached: %s", pack_folder, exc)
            return
        blob = FORMAT + hashlib.sha256(body).digest() + body
        if len(blob) > MAX_CACHE_BYTES:
            return
        import tempfile  # only when writing: not on a start that finds its cache

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".content-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(blob)
                os.replace(temporary, path)  # a reader sees the old file or the new, never half
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.info("content cache not written to %s: %s", self.folder, exc)
