"""The portability floor: scripts/elf_floor.py on small inputs, packaging/hostcheck.sh's
answers on a pretend old or bare system, and the floor stated the same everywhere.

The ELF tests use a copy of a real system binary with one version string rewritten, so
readelf reads exactly what it would read in a bundle that needs a newer glibc.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts import elf_floor

REPO = Path(__file__).resolve().parents[2]
FREEZE = elf_floor.load_freeze()
HOSTCHECK = REPO / "packaging" / "hostcheck.sh"
FLOORS = {"GLIBC": "2.35"}

needs_readelf = pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils not installed")

READELF_SAMPLE = """
Version symbols section '.gnu.version' contains 4 entries:
  000:   0 (*local*)       2 (GLIBC_2.99)    3 (GLIBC_2.2.5)

Version needs section '.gnu.version_r' contains 2 entries:
 Addr: 0x0000000000001718  Offset: 0x00001718  Link: 7 (.dynstr)
  000000: Version: 1  File: libz.so.1  Cnt: 1
  0x0010:   Name: ZLIB_1.2.9  Flags: none  Version: 4
  0x0020: Version: 1  File: libc.so.6  Cnt: 2
  0x0030:   Name: GLIBC_2.4  Flags: none  Version: 3
  0x0040:   Name: GLIBC_2.34  Flags: none  Version: 2
"""


def test_reads_only_the_version_needs_section() -> None:
    # GLIBC_2.99 in the symbols section is a label, not a need: it must not be counted.
    assert elf_floor.parse_version_needs(READELF_SAMPLE) == {
        "libz.so.1": {"ZLIB_1.2.9"}, "libc.so.6": {"GLIBC_2.4", "GLIBC_2.34"}}


def test_versions_compare_as_numbers() -> None:
    report = elf_floor.Report()
    elf_floor.check_needs(report, "x.so", {"libc.so.6": {"GLIBC_2.4", "GLIBC_2.35", "GLIBC_PRIVATE"}},
                          FLOORS, "")
    assert report.problems == []
    assert report.highest["GLIBC"] == ("2.35", "x.so")


def test_a_fake_need_for_glibc_2_36_fails_the_floor() -> None:
    report = elf_floor.Report()
    elf_floor.check_needs(report, "_internal/libexpat.so.1", {"libc.so.6": {"GLIBC_2.36"}}, FLOORS,
                          "Ubuntu 22.04 or newer")
    assert report.problems == ["_internal/libexpat.so.1 needs GLIBC_2.36, newer than the floor GLIBC 2.35"
                               " (Ubuntu 22.04 or newer): it would not start there"]


def real_elf_needing_glibc() -> tuple[Path, bytes]:
    """A system binary with a GLIBC_2.NN need at or under 2.35, and that version string."""
    for candidate in ("/usr/bin/ls", "/usr/bin/true", "/bin/ls"):
        path = Path(candidate)
        if not path.is_file():
            continue
        needs = elf_floor.read_version_needs(path).get("libc.so.6", set())
        two_digit = sorted(v for v in needs if re.fullmatch(r"GLIBC_2\.\d\d", v)
                           and elf_floor.version_key(v[6:]) <= (2, 35))
        if two_digit:
            return path, two_digit[-1].encode()
    pytest.skip("no system binary with a GLIBC_2.NN need to copy")


@needs_readelf
def test_a_bundle_whose_binary_needs_glibc_2_36_fails(tmp_path: Path) -> None:
    source, version = real_elf_needing_glibc()
    root = tmp_path / "ketdesk"
    (root / "_internal").mkdir(parents=True)
    good = root / "ketdesk"
    shutil.copy(source, good)
    assert elf_floor.check_tree(root, FLOORS, [], "").problems == []

    data = good.read_bytes()
    assert data.count(version + b"\0") == 1
    bad = root / "_internal" / "libfake.so.1"
    bad.write_bytes(data.replace(version + b"\0", b"GLIBC_2.36\0"))  # same length: offsets hold
    report = elf_floor.check_tree(root, FLOORS, [], "")
    assert report.files == 2
    assert report.problems == ["_internal/libfake.so.1 needs GLIBC_2.36, newer than the floor GLIBC 2.35"
                               ": it would not start there"]
    assert report.highest["GLIBC"] == ("2.36", "_internal/libfake.so.1")


@needs_readelf
def test_a_bundled_libexpat_fails(tmp_path: Path) -> None:
    source, _version = real_elf_needing_glibc()
    root = tmp_path / "ketdesk"
    (root / "_internal").mkdir(parents=True)
    shutil.copy(source, root / "_internal" / "libexpat.so.1")
    problems = elf_floor.check_tree(root, FLOORS, elf_floor.never_bundled(FREEZE), "").problems
    assert problems == ["_internal/libexpat.so.1 is a host library that packaging/freeze.py leaves to"
                        " the system (HOST_LIBS): it must not be bundled"]


def test_the_command_fails_on_a_bundled_host_library_and_passes_without(tmp_path: Path) -> None:
    root = tmp_path / "ketdesk"
    root.mkdir()
    (root / "README").write_text("no ELF here")
    assert elf_floor.main([str(root)]) == 0
    (root / "libz.so.1").symlink_to("README")  # a link counts as bundling it too
    assert elf_floor.main([str(root)]) == 1


def test_libexpat_and_the_dbus_chain_are_left_to_the_host() -> None:
    host = set(elf_floor.never_bundled(FREEZE))
    assert {"libexpat.so.1", "libfontconfig.so.1", "libdbus-1.so.3", "libsystemd.so.0",
            "libgcrypt.so.20", "libgpg-error.so.0", "libz.so.1", "libX11.so.6"} <= host
    # Kept on purpose (a minimal desktop may lack them): must not creep into the list.
    assert not host & {"libglib-2.0.so.0", "libxcb-cursor.so.0", "libxkbcommon.so.0", "libffi.so.8"}


# ---- hostcheck.sh, the check on the target machine ----

def hostcheck_table() -> dict[str, str]:
    text = HOSTCHECK.read_text()
    block = text.split('REQUIRED_LIBS="', 1)[1].split('"', 1)[0]
    return dict(line.split() for line in block.strip().splitlines())


def run_hostcheck(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(HOSTCHECK), *args], env={"PATH": "/usr/bin:/bin", **env},
                          capture_output=True, text=True, check=False, timeout=30)


def fake_libdir(tmp_path: Path, missing: set[str]) -> Path:
    libdir = tmp_path / "lib"
    libdir.mkdir()
    for soname in hostcheck_table():
        if soname not in missing:
            (libdir / soname).touch()
    return libdir


def test_hostcheck_passes_on_a_system_that_has_everything(tmp_path: Path) -> None:
    libdir = fake_libdir(tmp_path, set())
    result = run_hostcheck({"HOSTCHECK_GLIBC": "2.35", "HOSTCHECK_LIBDIRS": str(libdir)},
                           "--run", "echo", "hi")
    assert (result.returncode, result.stdout, result.stderr) == (0, "hi\n", "")


def test_hostcheck_says_in_one_line_that_glibc_is_too_old(tmp_path: Path) -> None:
    libdir = fake_libdir(tmp_path, set())
    result = run_hostcheck({"HOSTCHECK_GLIBC": "2.31", "HOSTCHECK_LIBDIRS": str(libdir)},
                           "--run", "echo", "hi")
    assert result.returncode == 1 and result.stdout == ""  # the app was not started
    (line,) = result.stderr.splitlines()
    assert line.startswith("ketdesk: this system has glibc 2.31; ketdesk needs 2.35 or newer (Ubuntu 22.04")


def test_hostcheck_names_missing_libraries_and_the_exact_apt_get_line(tmp_path: Path) -> None:
    libdir = fake_libdir(tmp_path, {"libEGL.so.1", "libfontconfig.so.1"})
    result = run_hostcheck({"HOSTCHECK_GLIBC": "2.41", "HOSTCHECK_LIBDIRS": str(libdir)})
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("ketdesk: system libraries missing: libEGL.so.1 libfontconfig.so.1; install")
    assert line.endswith("apt-get install -y libegl1 libfontconfig1")


def test_hostcheck_can_be_skipped(tmp_path: Path) -> None:
    result = run_hostcheck({"HOSTCHECK_GLIBC": "2.17", "HOSTCHECK_LIBDIRS": str(tmp_path),
                            "KETDESK_SKIP_HOSTCHECK": "1"})
    assert (result.returncode, result.stderr) == (0, "")


def test_hostcheck_checks_every_library_the_bundle_takes_from_the_host() -> None:
    table = hostcheck_table()
    # HOST_LIBS are what bundled binaries link directly; the graphics stack and C++ runtime
    # were never bundled. (HOST_LIB_DEPENDENCIES come with these.)
    expected = {*FREEZE.HOST_LIBS, "libGL.so.1", "libEGL.so.1", "libxcb.so.1", "libstdc++.so.6",
                "libgcc_s.so.1"}
    assert set(table) == expected


def test_the_floor_is_stated_the_same_everywhere() -> None:
    text = HOSTCHECK.read_text()
    assert f"GLIBC_FLOOR={FREEZE.GLIBC_FLOOR}\n" in text
    assert f'FLOOR_RELEASES="{FREEZE.FLOOR_RELEASES}"' in text
    for doc in ("README.md", "packaging/INSTALL.txt", "docs/portability.md"):
        words = " ".join((REPO / doc).read_text("utf-8").split())
        assert f"glibc {FREEZE.GLIBC_FLOOR}" in words, doc
        assert FREEZE.FLOOR_RELEASES in words, doc
