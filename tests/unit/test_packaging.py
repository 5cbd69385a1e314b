"""Packaging inputs that a build would only reveal on a customer's machine: excluded modules
that ketdesk imports after all, and generated icon files that went stale or got damaged."""

from __future__ import annotations

import ast
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.elf_floor import load_freeze

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"


def imported_modules() -> dict[str, str]:
    """Every module named by an import statement in ketdesk (top level or inside functions)."""
    found: dict[str, str] = {}
    for path in (REPO / "ketdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                found.setdefault(name, str(path.relative_to(REPO)))
    return found


def test_no_module_ketdesk_imports_is_excluded_from_the_build() -> None:
    excludes = load_freeze().EXCLUDES
    clashes = {name: where for name, where in imported_modules().items()
               if any(name == ex or name.startswith(ex + ".") for ex in excludes)}
    assert not clashes, f"build.spec would leave out modules ketdesk imports: {clashes}"


def test_every_generated_png_size_exists_with_its_size() -> None:
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        data = (ICONS / f"ketdesk-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
        assert (width, height) == (size, size)


def test_ico_lists_each_size_with_png_data_inside_the_file() -> None:
    data = (ICONS / "ketdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        assert offset + length <= len(data)
        assert data[offset:offset + 4] == b"\x89PNG"
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_elements_add_up_to_the_file() -> None:
    data = (ICONS / "ketdesk.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, pos = [], 8
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        assert data[pos + 8:pos + 12] == b"\x89PNG"
        kinds.append(kind)
        pos += length
    assert pos == len(data)
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= set(kinds)  # 128, 256, 512 and 1024 px


def test_windows_legal_copyright_is_the_copyright_line_of_license() -> None:
    freeze = load_freeze()
    strings = dict(freeze.windows_version_strings("1.2.0rc1", "ketdesk", "Ketamine Infusion Treatment",
                                                  REPO / "LICENSE"))
    (line,) = re.findall(r"^Copyright .+$", (REPO / "LICENSE").read_text("utf-8"), re.MULTILINE)
    assert strings["LegalCopyright"] == line == "Copyright (c) 2026 The ketdesk authors"
    assert strings["FileVersion"] == strings["ProductVersion"] == "1.2.0rc1"
    assert freeze.windows_file_version("1.2.0rc1") == (1, 2, 0, 0)
    # build.spec takes its strings from there, with the repository's LICENSE.
    spec = (REPO / "build.spec").read_text("utf-8")
    assert re.search(r'freeze\.windows_version_strings\(\s*__version__, APP_NAME, DISPLAY_NAME,'
                     r' os\.path\.join\(ROOT, "LICENSE"\)\)', spec)
    assert "MIT License" not in spec


def test_a_license_without_a_copyright_line_fails_the_build(tmp_path: Path) -> None:
    licence = tmp_path / "LICENSE"
    licence.write_text("MIT License\n\nPermission is hereby granted...\n")
    with pytest.raises(ValueError, match="no line starting with 'Copyright'"):
        load_freeze().copyright_line(licence)


def test_readelf_search_paths_of_the_build_machine_are_found() -> None:
    from scripts.smoke_frozen import build_machine_paths

    pyenv = " 0x000000000000001d (RUNPATH)            Library runpath: [/root/.pyenv/versions/3.11.7/lib]\n"
    wheel = " 0x000000000000001d (RUNPATH)            Library runpath: [$ORIGIN:$ORIGIN/../lib:${ORIGIN}/x]\n"
    old = " 0x000000000000000f (RPATH)              Library rpath: [$ORIGIN/lib:/usr/local/lib]\n"
    assert build_machine_paths(pyenv) == ["/root/.pyenv/versions/3.11.7/lib"]
    assert build_machine_paths(wheel) == []
    assert build_machine_paths(old) == ["/usr/local/lib"]


@pytest.mark.skipif(shutil.which("patchelf") is None or shutil.which("strip") is None,
                    reason="patchelf or strip not installed (scripts/system-deps.sh dist)")
def test_stripped_python_binaries_lose_the_build_machines_runpath(tmp_path: Path) -> None:
    import math  # a standard-library extension from lib-dynload, like the ones the bundle copies

    if not hasattr(math, "__file__"):
        pytest.skip("math is built into this Python")
    extension = Path(math.__file__)
    if "RUNPATH" not in dynamic_section(extension):
        pytest.skip(f"{extension} has no RUNPATH to remove (not a pyenv or source build of Python)")
    (dest, src, kind), = load_freeze().strip_python_binaries(
        [("python3.11/lib-dynload/" + extension.name, str(extension), "EXTENSION")], str(tmp_path))
    assert Path(src).is_relative_to(tmp_path)
    assert "RUNPATH" not in dynamic_section(Path(src)) and "RPATH" not in dynamic_section(Path(src))
    assert (dest, kind) == ("python3.11/lib-dynload/" + extension.name, "EXTENSION")


def dynamic_section(path: Path) -> str:
    return subprocess.run(["readelf", "-d", "-W", str(path)], capture_output=True, text=True,
                          check=True).stdout


def test_the_packaging_folder_never_shadows_pypis_packaging() -> None:
    # build.spec puts the repository on sys.path, and PyInstaller and its hooks import
    # PyPI's packaging: the folder of that name here must stay a namespace portion.
    found = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import packaging.version;"
                               " print(packaging.version.__file__)", str(REPO)],
        capture_output=True, text=True, check=True, cwd=REPO / "tests").stdout.strip()
    assert not Path(found).is_relative_to(REPO / "packaging"), found
