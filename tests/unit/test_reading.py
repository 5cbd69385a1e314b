"""One reading path for every pack file: regular files only, bounded size, bounded nesting.

A FIFO once hung the app forever, a link to /dev/zero filled 3.7 GB, and TOML nested a
thousand levels deep ended in RecursionError with no fallback. Each is now one
``file:line: (file): message`` problem, and the built-in pack is shown.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from ketdesk.content import load_content
from ketdesk.content.reading import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_PACK_BYTES,
    PackBudget,
    RefusedError,
    check_nesting,
    read_pack_file,
)
from ketdesk.content_source import builtin_pack, choose_content

TARGET = "ui.toml"


def only_problem(folder: Path, name: str = TARGET) -> str:
    """The pack's one problem, after checking that it names the file and the app falls back."""
    result = load_content(folder)
    problems = [str(p) for p in result.problems]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{folder / name}:"), problems[0]
    chosen = choose_content("en", folder)
    assert chosen.pack == builtin_pack("en") and chosen.custom_problems == result.problems
    return problems[0]


def replace_with_link(folder: Path, target: Path | str, name: str = TARGET) -> None:
    (folder / name).unlink()
    (folder / name).symlink_to(target)


def test_a_fifo_is_refused_without_waiting(pack_copy: Path) -> None:
    (pack_copy / TARGET).unlink()
    os.mkfifo(pack_copy / TARGET)  # nobody writes to it: opening it to read would block
    assert "is a named pipe (FIFO), not a file" in only_problem(pack_copy)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_link_to_a_device_is_refused(pack_copy: Path, device: str) -> None:
    replace_with_link(pack_copy, device)
    assert f"is a link to {device}, outside the pack folder" in only_problem(pack_copy)


def test_a_device_itself_is_refused(tmp_path: Path) -> None:
    # A device node cannot be made without root; read_pack_file is asked about one directly.
    with pytest.raises(RefusedError, match="is a device, not a file"):
        read_pack_file(Path("/dev/null"), Path("/dev"))


def test_a_socket_is_refused(pack_copy: Path) -> None:
    (pack_copy / TARGET).unlink()
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(pack_copy / TARGET))
        assert "is a socket, not a file" in only_problem(pack_copy)


def test_a_folder_in_place_of_a_file_is_refused(pack_copy: Path) -> None:
    (pack_copy / TARGET).unlink()
    (pack_copy / TARGET).mkdir()
    assert "is a folder, not a file" in only_problem(pack_copy)


def test_a_link_inside_the_pack_is_read(pack_copy: Path) -> None:
    (pack_copy / "originals").mkdir()
    (pack_copy / TARGET).rename(pack_copy / "originals" / TARGET)
    (pack_copy / TARGET).symlink_to(Path("originals") / TARGET)
    assert load_content(pack_copy).ok


def test_a_link_out_of_the_pack_is_refused(pack_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_bytes((pack_copy / TARGET).read_bytes())
    replace_with_link(pack_copy, outside)
    assert "outside the pack folder; copy the file itself" in only_problem(pack_copy)


@pytest.mark.parametrize("loop", [False, True])
def test_a_dangling_or_looping_link_is_refused(pack_copy: Path, loop: bool) -> None:
    replace_with_link(pack_copy, pack_copy / TARGET if loop else pack_copy / "gone.toml")
    assert "is a link that points nowhere" in only_problem(pack_copy)


def test_a_huge_file_is_refused_before_reading(pack_copy: Path) -> None:
    with (pack_copy / TARGET).open("ab") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk and must not be read
    assert f"larger than the {MAX_FILE_BYTES}" in only_problem(pack_copy)


def test_a_pack_too_large_in_all_is_refused(pack_copy: Path) -> None:
    # Each file under the per-file cap (a long comment), together over the pack's cap.
    padding = b"\n# " + b"x" * (MAX_PACK_BYTES // 6) + b"\n"
    assert len(padding) < MAX_FILE_BYTES
    for name in sorted(p.name for p in pack_copy.glob("*.toml"))[:7]:
        with (pack_copy / name).open("ab") as handle:
            handle.write(padding)
    problems = [str(p) for p in load_content(pack_copy).problems]
    assert problems and all("the pack is larger than the 8 MB allowed" in p for p in problems)


def test_budget_counts_across_files() -> None:
    budget = PackBudget(10)
    budget.take(6)
    with pytest.raises(RefusedError, match="pack is larger"):
        budget.take(5)


DEEP = 1000
NESTINGS = {
    "arrays": "deep = " + "[" * DEEP + "1" + "]" * DEEP,
    "inline tables": "deep = " + "{a = " * DEEP + "1" + "}" * DEEP,
    "dotted keys": ".".join(["a"] * DEEP) + " = 1",
    "table headers": "[" + ".".join(["a"] * DEEP) + "]\nb = 1",
    "arrays of tables": "[[" + ".".join(["a"] * DEEP) + "]]\nb = 1",
}


@pytest.mark.parametrize("kind", list(NESTINGS))
def test_deep_nesting_is_refused_before_parsing(pack_copy: Path, kind: str) -> None:
    path = pack_copy / TARGET
    lines = path.read_text(encoding="utf-8").count("\n")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n" + NESTINGS[kind] + "\n")
    problem = only_problem(pack_copy)
    assert f"{path}:{lines + 2}: (file): is nested more than {MAX_DEPTH} levels deep" in problem


@pytest.mark.parametrize("text", [
    'a = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["',  # brackets in strings are text
    "a = '{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{'",
    '# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
    'a = """\n' + "{" * 100 + '\n"""',
    "x = [" + ", ".join(["1.5"] * 200) + "]",  # many floats: dots, but not deeper
])
def test_shallow_text_passes_the_depth_scan(text: str) -> None:
    check_nesting(text)


def test_shipped_packs_are_well_inside_the_depth_cap() -> None:
    root = Path(__file__).resolve().parents[2] / "resources" / "content"
    for path in root.glob("*/*.toml"):
        check_nesting(path.read_text(encoding="utf-8"), limit=MAX_DEPTH // 3)
