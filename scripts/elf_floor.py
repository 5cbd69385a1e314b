"""The frozen app's portability floor, read from its ELF files (``make smoke`` runs it).

    python3 scripts/elf_floor.py [DIR] [--floor GLIBC=2.35 ...]

Every ELF file under DIR (default ``dist/ketdesk``) is read with ``readelf --version-info``
and the check fails when

- any of them needs a symbol version newer than the stated floor (``VERSION_FLOORS`` in
  packaging/freeze.py: glibc 2.35 and Ubuntu 22.04's C++ runtime), which would stop the app
  on an older system with ``version `GLIBC_2.36' not found``;
- a host library that packaging/freeze.py leaves to the system (``HOST_LIBS``...) is bundled
  again, for instance after a PyInstaller or hook update.

Why readelf and not pyelftools: Debian's binutils is already a build dependency (PyInstaller
reads ELF files with it, scripts/system-deps.sh installs it), this script runs under any
system python3 with the standard library only, like scripts/smoke_frozen.py, and readelf's
version sections are the reference the loader's error messages are checked against.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
VERSION_NAME = re.compile(r"^([A-Z]+)_(\d+(?:\.\d+)*)$")  # GLIBC_2.35, GLIBCXX_3.4.30


def load_freeze() -> ModuleType:
    """packaging/freeze.py, the one place the floor and the host libraries are declared."""
    spec = importlib.util.spec_from_file_location("ketdesk_freeze", REPO / "packaging" / "freeze.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def version_key(version: str) -> tuple[int, ...]:
    """``"2.4"`` < ``"2.35"``: compare numerically, part by part."""
    return tuple(int(part) for part in version.split("."))


def parse_version_needs(readelf_output: str) -> dict[str, set[str]]:
    """The ``Version needs`` section of ``readelf -V -W``: needed file -> version names."""
    needs: dict[str, set[str]] = {}
    in_needs = False
    current: set[str] | None = None
    for line in readelf_output.splitlines():
        if line.startswith("Version needs section"):
            in_needs = True
            continue
        if line.startswith("Version ") or not line.strip():
            # The next section (definitions, symbols) or the blank line that ends this one.
            in_needs = in_needs and not line.startswith("Version ")
            continue
        if not in_needs:
            continue
        file_match = re.search(r"\bFile: (\S+)", line)
        if file_match:
            current = needs.setdefault(file_match.group(1), set())
            continue
        name_match = re.search(r"\bName: (\S+)", line)
        if name_match and current is not None:
            current.add(name_match.group(1))
    return needs


def read_version_needs(path: Path) -> dict[str, set[str]]:
    result = subprocess.run(["readelf", "--version-info", "--wide", str(path)], capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"readelf could not read {path}: {result.stderr.strip()}")
    return parse_version_needs(result.stdout)


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


@dataclass
class Report:
    files: int = 0
    # prefix -> (highest version needed, file that needs it)
    highest: dict[str, tuple[str, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def check_needs(report: Report, name: str, needs: Mapping[str, Iterable[str]],
                floors: Mapping[str, str], releases: str) -> None:
    """Add ``name``'s needed versions to ``report``: the highest per prefix, and each that is
    newer than its floor as a problem."""
    for versions in needs.values():
        for version_name in versions:
            match = VERSION_NAME.match(version_name)
            if not match or match.group(1) not in floors:
                continue  # GLIBC_PRIVATE, other libraries' own version nodes
            prefix, version = match.groups()
            best = report.highest.get(prefix)
            if best is None or version_key(version) > version_key(best[0]):
                report.highest[prefix] = (version, name)
            if version_key(version) > version_key(floors[prefix]):
                report.problems.append(
                    f"{name} needs {version_name}, newer than the floor {prefix} {floors[prefix]}"
                    + (f" ({releases})" if releases else "") + ": it would not start there")


def check_tree(root: Path, floors: Mapping[str, str], host_libs: Iterable[str], releases: str,
               read: Callable[[Path], dict[str, set[str]]] | None = None) -> Report:
    """Check every file under ``root``; ``read`` is replaceable for tests."""
    reader = read or read_version_needs
    host = set(host_libs)
    report = Report()
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.name in host and (path.is_file() or path.is_symlink()):
            report.problems.append(
                f"{name} is a host library that packaging/freeze.py leaves to the system"
                " (HOST_LIBS): it must not be bundled")
        if is_elf(path):
            report.files += 1
            check_needs(report, name, reader(path), floors, releases)
    return report


def format_report(report: Report, root: Path, floors: Mapping[str, str], host_count: int) -> str:
    lines = [f"elf floor: {report.files} ELF files under {root} read with readelf"]
    for prefix, floor in floors.items():
        version, name = report.highest.get(prefix, ("-", "nothing needs it"))
        lines.append(f"  {prefix:<8} highest needed {version:<7} floor {floor:<7} ({name})")
    bundled = [p for p in report.problems if "host library" in p]
    lines.append(f"  host libraries bundled: {len(bundled)} of the {host_count} left to the system")
    lines += [f"  FAIL {p}" for p in report.problems]
    return "\n".join(lines)


def never_bundled(freeze: ModuleType) -> list[str]:
    """Host libraries the bundle must not carry: HOST_LIBS, their chains, the optional
    printing libraries, read-aloud's sound libraries and the C++ runtime."""
    return [*freeze.HOST_LIBS, *freeze.HOST_LIB_DEPENDENCIES, *freeze.OPTIONAL_HOST_LIBS,
            *freeze.SPEECH_HOST_LIBS, "libstdc++.so.6", "libgcc_s.so.1"]


def main(argv: list[str] | None = None) -> int:
    freeze = load_freeze()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", type=Path, default=REPO / "dist" / "ketdesk")
    parser.add_argument("--floor", action="append", default=[], metavar="PREFIX=VERSION",
                        help="override one floor, e.g. GLIBC=2.31 to ask about an older release")
    args = parser.parse_args(argv)
    floors = dict(freeze.VERSION_FLOORS)
    for item in args.floor:
        prefix, _, version = item.partition("=")
        if prefix not in floors or not re.fullmatch(r"\d+(\.\d+)*", version):
            parser.error(f"--floor {item}: expected one of {', '.join(floors)}=VERSION")
        floors[prefix] = version
    if not args.root.is_dir():
        print(f"elf floor: {args.root} not found; run `make dist` first", file=sys.stderr)
        return 1
    host = never_bundled(freeze)
    # The releases named in the messages are those of the stated floor, not of an override.
    releases = freeze.FLOOR_RELEASES if floors == freeze.VERSION_FLOORS else ""
    report = check_tree(args.root, floors, host, releases)
    print(format_report(report, args.root, floors, len(host)))
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
