"""Write THIRD-PARTY-NOTICES.txt for the frozen app from what the build actually bundled.

    build/venv-dist/bin/python packaging/notices.py BUILD_DIR OUTPUT

BUILD_DIR is PyInstaller's work folder for build.spec (``build/pyinstaller/build``): its
``COLLECT-00.toc`` lists every file copied into the onedir and ``PYZ-00.toc`` every module in
the archive, each with the path it came from. Each source path is traced to its origin:

- a file some installed distribution lists in its RECORD (run this with the build venv's
  Python, so those are the distributions that were frozen): name, version, licence field,
  and the licence files from its dist-info;
- Python's own standard library and libpython: Python's LICENSE;
- a system library (the build machine is Debian): the Debian package that owns it
  (``dpkg -S``) and that package's ``/usr/share/doc/<package>/copyright``;
- ketdesk's own source and resources: its LICENSE, and the bundled font's OFL.

Anything it cannot trace fails the build: a notice that leaves out a bundled file is the
kind of mistake a clinic's IT or legal review finds first. Standard library only.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Debian keeps the full texts of common licences here; the PySide6 wheels carry none.
COMMON_LICENSES = Path("/usr/share/common-licenses")

QT_NOTICE = """\
Qt, PySide6 and Shiboken6 (LGPL-3.0)
------------------------------------
This program uses Qt {qt} and PySide6/Shiboken6 {pyside} under the GNU Lesser General Public
License version 3 (LGPL-3.0-only; its text and the GPL-3.0 it supplements are at the end of this
file). They are shipped unmodified, as in the PySide6-Essentials {pyside} wheel on PyPI, as
shared libraries that the program loads at run time:

  _internal/PySide6/Qt/lib/libQt6*.so.6     the Qt libraries
  _internal/PySide6/Qt/plugins/             Qt's plugins (platforms, image formats, ...)
  _internal/PySide6/*.abi3.so, _internal/libpyside6.abi3.so.6.11      PySide6
  _internal/shiboken6/, _internal/libshiboken6.abi3.so.6.11          Shiboken6
  (_internal/libQt6*.so.6 are symbolic links to the files in PySide6/Qt/lib.)

You may replace them with versions you build or modify yourself: no relinking is needed. Build
Qt {qt} (or a later 6.{minor}.x release, which keeps the binary interface) from its source,
then replace the files in _internal/PySide6/Qt/lib/ and _internal/PySide6/Qt/plugins/ with
yours, keeping the file names; the PySide6 modules find Qt there through their RUNPATH
($ORIGIN/Qt/lib). To change PySide6 or Shiboken6 too, build them from the pyside-setup source
of the same version against your Qt and replace the files listed above.

Source code: Qt at https://download.qt.io/official_releases/qt/{minor_full}/{qt}/single/ and
PySide6/Shiboken6 at https://download.qt.io/official_releases/QtForPython/pyside6/ (the
pyside-setup-everywhere-src-{pyside} archive), and in the git repositories at
https://code.qt.io/.
"""


@dataclass
class Component:
    name: str
    version: str
    licence: str
    texts: list[tuple[str, str]] = field(default_factory=list)  # (title, text)
    files: list[str] = field(default_factory=list)  # bundled destination names


def read_toc(path: Path) -> list[tuple[str, str, str]]:
    """PyInstaller writes its TOC files as Python literals."""
    data = ast.literal_eval(path.read_text("utf-8"))
    entries = data[1] if isinstance(data[0], str) else data[0]  # PYZ: (archive, [entries])
    return [tuple(entry) for entry in entries]


def distribution_files() -> dict[str, metadata.Distribution]:
    """Absolute path of every file an installed distribution lists -> that distribution."""
    owners: dict[str, metadata.Distribution] = {}
    for dist in metadata.distributions():
        for file in dist.files or []:
            owners[os.path.realpath(str(dist.locate_file(file)))] = dist
    return owners


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    texts = []
    for file in dist.files or []:
        parts = Path(str(file)).parts
        name = parts[-1].upper()
        in_dist_info = parts[0].endswith(".dist-info")
        if in_dist_info and (name.startswith(("LICEN", "COPYING", "NOTICE")) or "licenses" in parts):
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                texts.append((str(Path(*parts[1:])), path.read_text("utf-8", errors="replace")))
    return texts


def licence_field(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    return meta.get("License-Expression") or meta.get("License") or "see the licence text below"


def debian_package(path: str) -> str | None:
    for candidate in {path, os.path.realpath(path)}:
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    return None


def debian_version(package: str) -> str:
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True,
                          text=True, check=False).stdout.strip() or "?"


def trace(build_dir: Path) -> tuple[dict[str, Component], list[str]]:
    """Components keyed by name, and the bundled files that could not be traced."""
    owners = distribution_files()
    stdlib = {os.path.realpath(sysconfig.get_paths()[key]) for key in ("stdlib", "platstdlib")}
    base = os.path.realpath(sys.base_prefix)
    stripped = os.path.realpath(build_dir / "stripped")  # freeze.strip_python_binaries' copies
    components: dict[str, Component] = {}
    untraced: list[str] = []
    own_dirs = ("ketdesk", "resources", "packaging")  # packaging/launcher.py is the entry script

    python = Component("Python", sys.version.split()[0], "PSF-2.0")
    licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    python.texts.append(("LICENSE.txt", licence.read_text("utf-8")))
    ketdesk = Component("ketdesk", "", "MIT")
    ketdesk.texts.append(("LICENSE", (REPO / "LICENSE").read_text("utf-8")))
    font_licence = REPO / "resources" / "fonts" / "OFL.txt"
    font = Component("Atkinson Hyperlegible (bundled font)", "", "OFL-1.1")
    font.texts.append(("resources/fonts/OFL.txt", font_licence.read_text("utf-8")))

    entries = read_toc(build_dir / "COLLECT-00.toc") + read_toc(build_dir / "PYZ-00.toc")
    for dest, src, kind in entries:
        if kind == "SYMLINK" or not src:
            continue
        real = os.path.realpath(src)
        if real == os.path.realpath(build_dir / "base_library.zip"):
            python.files.append(dest)  # the standard library modules the bootloader needs first
        elif real == os.path.realpath(build_dir / dest) and "/" not in dest:
            # The executable: PyInstaller's bootloader (GPL with an exception for it).
            dist = metadata.distribution("pyinstaller")
            components.setdefault("pyinstaller", Component(
                "PyInstaller bootloader", dist.version, licence_field(dist), licence_texts(dist)))
            components["pyinstaller"].files.append(dest)
        elif real.startswith(os.path.realpath(REPO / "resources" / "fonts") + os.sep):
            font.files.append(dest)
        elif real.startswith(tuple(os.path.realpath(REPO / d) + os.sep for d in own_dirs)):
            # The spec freezes the source tree (even where a copy of ketdesk is installed).
            ketdesk.files.append(dest)
        elif real in owners:
            dist = owners[real]
            name = dist.metadata["Name"]
            if name not in components:
                components[name] = Component(name, dist.version, licence_field(dist), licence_texts(dist))
            components[name].files.append(dest)
        elif any(real.startswith(d + os.sep) for d in stdlib) or real.startswith(stripped + os.sep) \
                or (real.startswith(base + os.sep) and "libpython3" in real):
            python.files.append(dest)
        elif (package := debian_package(src)) is not None:
            key = f"debian:{package}"
            if key not in components:
                copyright_file = Path("/usr/share/doc") / package.split(":")[0] / "copyright"
                text = copyright_file.read_text("utf-8", errors="replace") if copyright_file.is_file() else ""
                components[key] = Component(f"{package} (Debian package)", debian_version(package),
                                            "see its copyright file below",
                                            [("copyright", text)] if text else [])
            components[key].files.append(dest)
        else:
            untraced.append(f"{dest} (from {src})")
    for extra in (python, ketdesk, font):
        if extra.files:
            components[extra.name] = extra
    return components, untraced


def qt_release() -> str | None:
    """The Qt version inside the PySide6 that was frozen (the build venv's)."""
    try:
        from PySide6 import QtCore
    except ImportError:
        return None
    return str(QtCore.qVersion())


def render(components: dict[str, Component]) -> str:
    pyside = components.get("PySide6_Essentials") or components.get("pyside6_essentials")
    pyside_version = pyside.version if pyside else "?"
    qt_version = qt_release() or pyside_version
    minor = ".".join(qt_version.split(".")[:2])
    ordered = sorted(components.values(), key=lambda c: (c.name != "ketdesk", c.name.lower()))
    out = ["Third-party notices for ketdesk", "=" * 31, "",
           "Generated by packaging/notices.py from what this build bundles. Every component in",
           "the app folder, with its version, licence and the files it contributes.", ""]
    for comp in ordered:
        out.append(f"- {comp.name} {comp.version}".rstrip() + f": {comp.licence} ({len(comp.files)} files)")
    out += ["", QT_NOTICE.format(qt=qt_version, pyside=pyside_version, minor=minor.split(".")[1],
                                 minor_full=minor), ""]
    for comp in ordered:
        out += ["", "=" * 78, f"{comp.name} {comp.version}".rstrip(), f"Licence: {comp.licence}",
                "Bundled files: " + ", ".join(sorted(comp.files)[:12])
                + (f" and {len(comp.files) - 12} more" if len(comp.files) > 12 else ""), "=" * 78]
        if not comp.texts:
            out.append("(no licence file shipped; the licence field above applies)")
        for title, text in comp.texts:
            out += ["", f"--- {title} ---", text.rstrip()]
    for name in ("LGPL-3", "GPL-3"):
        out += ["", "=" * 78, f"{name} (for Qt, PySide6 and Shiboken6)", "=" * 78,
                (COMMON_LICENSES / name).read_text("utf-8").rstrip()]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    build_dir, output = Path(args[0]), Path(args[1])
    components, untraced = trace(build_dir)
    if untraced:
        print("notices: cannot tell where these bundled files come from, so no licence can be"
              " named for them; teach packaging/notices.py about them:\n  " + "\n  ".join(untraced),
              file=sys.stderr)
        return 1
    output.write_text(render(components), "utf-8")
    print(f"notices: {output} ({len(components)} components)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
