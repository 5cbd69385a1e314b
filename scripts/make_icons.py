"""Render the app icon from resources/icons/ketdesk.svg into every file a platform wants.

    .venv/bin/python scripts/make_icons.py          # (re)write the files, then commit them
    .venv/bin/python scripts/make_icons.py --check  # exit 1 if the committed files are stale

Writes ``ketdesk-<N>.png`` (Linux hicolor sizes), ``ketdesk.ico`` (Windows) and
``ketdesk.icns`` (macOS) beside the SVG, and ``ketdesk.stamp``, which records what they were
made from. Qt renders the SVG (QSvgRenderer); the ICO and ICNS containers are written here with
PNG-compressed entries, which Windows Vista+ and macOS 10.7+ read, so no image library beyond
PySide6 is needed.

How ``--check`` decides "stale", and why. Qt's rasteriser rounds anti-aliased edges a little
differently from one CPU to the next (its SIMD paths differ), so the same SVG rendered on two
machines gives PNGs that differ in a few pixels by a level or two. Comparing bytes therefore
answered "does this machine round like the one that made the files?" and failed `make dist`
on some machines with an unchanged SVG. The check now asks two questions instead:

1. Did a source change? ``ketdesk.stamp`` holds the SHA-256 of the SVG and of this script.
   Any edit to either, however small, is caught exactly and the same way on every machine,
   which a pixel tolerance alone could not promise for a small edit.
2. Is every generated file still a picture of that SVG? Each PNG (also those inside the ICO
   and ICNS) must decode, have its size, and match a fresh render within a tolerance far
   above rounding noise and far below any real change (``TOLERANCE`` below). This catches a
   file damaged or replaced by hand, which the stamp cannot see.

Rendering at build time instead (and committing no binaries) would have removed the question,
but the Linux archive, the Windows and the macOS builds would then each need Qt's SVG module
at build time on every platform, and the hicolor PNGs in the repository are what the desktop
file and AppStream tooling read.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import struct
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

REPO = Path(__file__).resolve().parent.parent
ICONS = REPO / "resources" / "icons"
SVG_NAME = "ketdesk.svg"
STAMP_NAME = "ketdesk.stamp"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (Apple's icns format).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"icp6", 64), (b"ic12", 64),
              (b"ic07", 128), (b"ic08", 256), (b"ic13", 256), (b"ic09", 512), (b"ic14", 512),
              (b"ic10", 1024))
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Tolerance:
    """How far a committed icon may be from a fresh render and still be the same picture.

    Seen between an AMD EPYC and an Intel Xeon: 7 of 65,536 pixels of the 256 px icon, each
    off by one level of 255. A real change to the drawing (a colour, a stroke, a moved shape)
    moves hundreds of pixels by tens of levels.
    """

    level: int = 8  # a channel off by at most this many levels (of 255) counts as the same
    share: float = 0.002  # at most this share of the pixels may be off by more


TOLERANCE = Tolerance()


def source_digest(path: Path) -> str:
    """SHA-256 of a text source, with line endings folded (a CRLF checkout is no change)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def stamp_text(icons: Path) -> str:
    """What ``ketdesk.stamp`` says for the sources as they are now."""
    lines = ["# Written by scripts/make_icons.py: the sources the icons beside it were made from.",
             "# Do not edit; run the script after changing either file."]
    for name, path in ((SVG_NAME, icons / SVG_NAME), ("scripts/make_icons.py", Path(__file__))):
        lines.append(f"{source_digest(path)}  {name}")
    return "\n".join(lines) + "\n"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def encode_png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stubs say bytes, runtime wants str
        raise RuntimeError(f"could not encode a {image.width()}px PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file: header, one directory entry per size, then the PNG data."""
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = len(header) + 16 * len(ICO_SIZES)
    entries, blobs = b"", b""
    for size in ICO_SIZES:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def ico_entries(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(size, PNG bytes) of each entry of an ICO file written by ``ico``."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    if (reserved, kind) != (0, 1):
        raise ValueError("not an ICO file")
    for i in range(count):
        side, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        if offset + length > len(data):
            raise ValueError("an entry runs past the end of the file")
        yield side or 256, data[offset:offset + length]


def icns_entries(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(size, PNG bytes) of each element of an ICNS file written by ``icns``."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not an ICNS file, or its length is wrong")
    sizes = dict(ICNS_TYPES)
    pos = 8
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        if kind not in sizes or length < 8:
            raise ValueError(f"unexpected element {kind!r}")
        yield sizes[kind], data[pos + 8:pos + length]
        pos += length


def pixels(image: QImage) -> np.ndarray:
    """An image's straight-alpha ARGB channels as an (h, w, 4) array."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    view = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = view.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4).astype(np.int16)


def compare(label: str, data: bytes, expected: QImage, tolerance: Tolerance = TOLERANCE) -> str | None:
    """None when ``data`` is a PNG of ``expected``'s picture; else what is wrong, in words."""
    if data[:8] != PNG_MAGIC:
        return f"{label}: not PNG data"
    image = QImage.fromData(data, "PNG")  # type: ignore[call-overload]
    if image.isNull():
        return f"{label}: the PNG does not decode"
    if image.size() != expected.size():
        return f"{label}: {image.width()}x{image.height()} px, expected {expected.width()} px"
    # Fully transparent pixels carry no colour: compare premultiplied-equivalent values there.
    ours, theirs = pixels(image), pixels(expected)
    ours[ours[..., 3] == 0] = 0
    theirs[theirs[..., 3] == 0] = 0
    off = int((np.abs(ours - theirs).max(axis=2) > tolerance.level).sum())
    allowed = tolerance.share * expected.width() * expected.height()
    if off > allowed:
        return f"{label}: {off} pixels differ from the SVG's render (at most {allowed:.0f} may)"
    return None


def generate(icons: Path) -> tuple[dict[Path, bytes], dict[int, QImage]]:
    """The files to write, and the rendered image of each size."""
    svg = icons / SVG_NAME
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    images = {size: render(renderer, size) for size in {*PNG_SIZES, 1024}}
    pngs = {size: encode_png(image) for size, image in images.items()}
    files = {icons / f"ketdesk-{size}.png": pngs[size] for size in PNG_SIZES}
    files[icons / "ketdesk.ico"] = ico(pngs)
    files[icons / "ketdesk.icns"] = icns(pngs)
    return files, images


def problems(icons: Path) -> list[str]:
    """Why the committed icons in ``icons`` are stale or damaged; empty when they are good."""
    found: list[str] = []
    stamp = icons / STAMP_NAME
    if not stamp.is_file():
        found.append(f"{STAMP_NAME} is missing: the icons' sources are unknown")
    elif stamp.read_text("utf-8").replace("\r\n", "\n") != stamp_text(icons):
        found.append(f"{SVG_NAME} or make_icons.py changed since the icons were made")
    _files, images = generate(icons)
    for size in PNG_SIZES:
        path = icons / f"ketdesk-{size}.png"
        if not path.is_file():
            found.append(f"{path.name} is missing")
        elif problem := compare(path.name, path.read_bytes(), images[size]):
            found.append(problem)
    for name, entries, sizes in (("ketdesk.ico", ico_entries, ICO_SIZES),
                                 ("ketdesk.icns", icns_entries, tuple(s for _k, s in ICNS_TYPES))):
        path = icons / name
        if not path.is_file():
            found.append(f"{name} is missing")
            continue
        try:
            listed = list(entries(path.read_bytes()))
        except (ValueError, struct.error) as error:
            found.append(f"{name}: {error}")
            continue
        if tuple(size for size, _data in listed) != sizes:
            found.append(f"{name}: holds sizes {[size for size, _data in listed]}, expected {list(sizes)}")
            continue
        found += [problem for size, data in listed
                  if (problem := compare(f"{name} {size} px", data, images[size]))]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check the committed files against their sources")
    parser.add_argument("--icons", type=Path, default=ICONS, help="the folder with ketdesk.svg")
    args = parser.parse_args(argv)
    icons: Path = args.icons.resolve()
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    if args.check:
        found = problems(icons)
        for problem in found:
            print(f"stale: {problem}")
        if found:
            print("Run `.venv/bin/python scripts/make_icons.py` and commit resources/icons/.")
        return 1 if found else 0
    files, _images = generate(icons)
    files[icons / STAMP_NAME] = stamp_text(icons).encode("utf-8")
    for path, data in sorted(files.items()):
        path.write_bytes(data)
        print(f"wrote {path.name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
