"""Is this file a logo we can show? A PNG or SVG within a byte and pixel-size cap, decoded.

A clinic's logo comes from whoever set up the screen, so it is treated like any pack file:
bounded before it is read, and decoded here, without Qt, so ``--check-content`` can refuse
a broken or hostile one on a machine with no display. A PNG is decoded as far as its
compressed pixels (every chunk's CRC, the header's size, and the inflated image data's
exact length, inflated with a cap so a small "zip bomb" cannot fill memory). An SVG must be
plain XML with an ``<svg>`` root and a size inside the cap: no DOCTYPE or entities (the
"billion laughs"), no scripts and no outside references.
"""

from __future__ import annotations

import re
import struct
import zlib

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_PIXELS = 2048  # width and height each: a header logo is drawn under 200 px tall

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Colour type -> channels, and the bit depths each allows (PNG specification, 11.2.2).
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}


class LogoError(ValueError):
    """Why a logo file cannot be shown, in words for staff."""


def check_logo(data: bytes, name: str) -> str:
    """The logo's kind, ``"png"`` or ``"svg"``; ``LogoError`` if it is not a sound one."""
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(f"{name} is {len(data) / 1024:,.0f} KB, more than the "
                        f"{MAX_LOGO_BYTES // 1024} KB allowed; save it smaller")
    if name.lower().endswith(".png"):
        _check_png(data, name)
        return "png"
    _check_svg(data, name)
    return "svg"


def _too_big(name: str, width: float, height: float) -> LogoError:
    return LogoError(f"{name} is {width:g}x{height:g} pixels, more than the "
                     f"{MAX_LOGO_PIXELS}x{MAX_LOGO_PIXELS} allowed; save it smaller")


def _check_png(data: bytes, name: str) -> None:
    broken = LogoError(f"{name} is not a PNG image that can be read; save it again as PNG")
    if not data.startswith(_PNG_SIGNATURE):
        raise broken
    position = len(_PNG_SIGNATURE)
    header: tuple[int, ...] | None = None
    compressed: list[bytes] = []
    ended = False
    while position + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        crc_at = position + 8 + length
        if len(body) != length or crc_at + 4 > len(data):
            raise broken
        (crc,) = struct.unpack(">I", data[crc_at:crc_at + 4])
        if zlib.crc32(kind + body) != crc:
            raise LogoError(f"{name} is damaged (a {kind.decode('latin-1')!r} block fails its "
                            "check); save it again as PNG")
        if header is None:
            if kind != b"IHDR" or length != 13:
                raise broken
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed.append(body)
        elif kind == b"IEND":
            ended = True
            break
        position = crc_at + 4
    if header is None or not ended or not compressed:
        raise broken
    width, height, depth, colour, _method, _filter, interlace = header
    if width == 0 or height == 0:
        raise broken
    if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
        raise _too_big(name, width, height)
    if colour not in _PNG_CHANNELS or depth not in _PNG_DEPTHS[colour] or interlace not in (0, 1):
        raise broken
    row_bytes = (width * _PNG_CHANNELS[colour] * depth + 7) // 8
    # Interlaced images store seven smaller passes: a little more than the plain size.
    expected = height * (1 + row_bytes)
    limit = expected * 2 + 64 if interlace else expected
    inflater = zlib.decompressobj()
    try:
        pixels = inflater.decompress(b"".join(compressed), limit + 1)
    except zlib.error:
        raise broken from None
    if len(pixels) > limit or (not interlace and len(pixels) != expected) or not inflater.eof:
        raise broken


_SVG_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


def _check_svg(data: bytes, name: str) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LogoError(f"{name} is not UTF-8 text; save the SVG again as UTF-8") from None
    from xml.etree import ElementTree  # only for an SVG logo: not at every start

    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        raise LogoError(f"{name} has a DOCTYPE or ENTITY, which a logo does not need; "
                        "save it as plain SVG")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise LogoError(f"{name} is not an SVG image that can be read ({exc})") from None
    if root.tag.rpartition("}")[2] != "svg":
        raise LogoError(f"{name} is not an SVG image (its first element is not <svg>)")
    for element in root.iter():
        tag = element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""
        if tag in ("script", "foreignObject"):
            raise LogoError(f"{name} holds a <{tag}>, which a logo may not; save it as plain SVG")
        for key, value in element.attrib.items():
            if key.rpartition("}")[2] == "href" and not value.startswith(("#", "data:image/")):
                raise LogoError(f"{name} refers to another file or address ({value[:60]!r}); "
                                "a logo must hold everything it draws")
    sizes = [_SVG_NUMBER.match(root.attrib.get(key, "")) for key in ("width", "height")]
    view_box = root.attrib.get("viewBox", "").replace(",", " ").split()
    if all(sizes):
        width, height = (float(m.group(1)) for m in sizes if m)
    elif len(view_box) == 4:
        try:
            width, height = float(view_box[2]), float(view_box[3])
        except ValueError:
            raise LogoError(f"{name} has a viewBox that is not four numbers") from None
    else:
        raise LogoError(f"{name} gives no size: add width and height, or a viewBox")
    if not (width > 0 and height > 0):
        raise LogoError(f"{name} has no area (width {width:g}, height {height:g})")
    if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
        raise _too_big(name, width, height)
