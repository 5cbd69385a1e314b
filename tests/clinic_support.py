"""A content folder with both shipped packs and the example clinic file, for the clinic tests."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "docs" / "examples" / "clinic"
CONTENT = REPO / "resources" / "content"


def clinic_folder(tmp_path: Path, clinic_text: str | None = None) -> Path:
    """``tmp_path/content`` with en/, es/, clinic.toml (the example, or ``clinic_text``) and its logo."""
    folder = tmp_path / "content"
    for lang in ("en", "es"):
        shutil.copytree(CONTENT / lang, folder / lang)
    shutil.copy(EXAMPLE / "logo.svg", folder / "logo.svg")
    (folder / "clinic.toml").write_text(
        clinic_text if clinic_text is not None else (EXAMPLE / "clinic.toml").read_text(encoding="utf-8"),
        encoding="utf-8")
    return folder


def example_with(**changes: str) -> str:
    """The example clinic file with top-level keys replaced (``key = "value"`` lines)."""
    lines = (EXAMPLE / "clinic.toml").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        key = line.split("=", 1)[0].strip()
        if "=" in line and key in changes and not line.startswith(" "):
            out.append(f'{key} = "{changes.pop(key)}"')
        else:
            out.append(line)
    assert not changes, f"keys not in the example: {changes}"
    return "\n".join(out) + "\n"


def png(width: int, height: int, *, break_crc: bool = False) -> bytes:
    """A real, grey PNG of this size (8-bit greyscale), optionally with a broken checksum."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) ^ (1 if break_crc and kind == b"IDAT" else 0)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
