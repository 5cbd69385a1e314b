"""The content loader on good content and on each kind of bad content."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketdesk.content import load_content
from ketdesk.content.loader import collect_problems
from ketdesk.content.schema.core import Series


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in load_content(folder).problems]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_pack_loads_without_problems(pack_copy: Path) -> None:
    result = load_content(pack_copy)
    assert result.ok
    assert result.pack is not None
    assert result.pack.meta.lang == "en"


def test_unknown_key_is_named_with_its_line(pack_copy: Path) -> None:
    replace_in(pack_copy / "overview.toml", 'session_heading = ', 'sesion_heading = "x"\nsession_heading = ')
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    line = (pack_copy / "overview.toml").read_text().splitlines().index('sesion_heading = "x"') + 1
    assert problems[0].startswith(f"{pack_copy / 'overview.toml'}:{line}: sesion_heading: unknown key")


def test_missing_key(pack_copy: Path) -> None:
    replace_in(pack_copy / "meta.toml", 'app_title = "Ketamine Infusion Treatment"\n', "")
    assert any("meta.toml:1: app_title: missing required key" in p for p in problems_of(pack_copy))


def test_wrong_type_names_key_path_and_line(pack_copy: Path) -> None:
    replace_in(pack_copy / "sources.toml", "year = 2000", 'year = "two thousand"')
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    assert "sources item 3.year: expected a whole number, got text" in problems[0]
    line = int(problems[0].split(":")[1])
    assert "two thousand" in (pack_copy / "sources.toml").read_text().splitlines()[line - 1]


def test_every_problem_is_listed_at_once(pack_copy: Path) -> None:
    replace_in(pack_copy / "sources.toml", "year = 2000", 'year = "x"')
    replace_in(pack_copy / "sources.toml", "year = 2006", "year = []")
    replace_in(pack_copy / "overview.toml", 'tab = "Overview"', "tab = 3")
    problems = problems_of(pack_copy)
    assert len(problems) == 3
    assert sum("sources.toml" in p for p in problems) == 2


def test_claim_citing_unknown_source(pack_copy: Path) -> None:
    replace_in(pack_copy / "overview.toml", '["ketalar-label"]', '["no-such-paper"]')
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    assert "overview.toml" in problems[0]
    assert "cites source 'no-such-paper', which sources.toml does not define" in problems[0]


def test_empty_panel(pack_copy: Path) -> None:
    # Drop every [[blocks]] table and keep the rest, so that only the missing text is wrong.
    kept: list[str] = []
    in_blocks = False
    for line in (pack_copy / "risks.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            in_blocks = line.startswith("[[blocks")
        if not in_blocks:
            kept.append(line)
    (pack_copy / "risks.toml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    problems = problems_of(pack_copy)
    assert any("risks.toml" in p and "at least one text block" in p for p in problems)


def test_not_utf8(pack_copy: Path) -> None:
    path = pack_copy / "ui.toml"
    path.write_bytes(path.read_bytes().replace(b"Close", b"Cl\xffse"))
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    assert "ui.toml" in problems[0] and "is not UTF-8" in problems[0]


def test_not_toml(pack_copy: Path) -> None:
    replace_in(pack_copy / "ui.toml", 'dismiss = "Close"', "dismiss = = Close")
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    line = (pack_copy / "ui.toml").read_text().splitlines().index("dismiss = = Close") + 1
    assert f"ui.toml:{line}: (file): is not valid TOML" in problems[0]


def test_missing_file(pack_copy: Path) -> None:
    (pack_copy / "mechanism.toml").unlink()
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    assert "mechanism.toml:1: (file): file is missing" in problems[0]


def test_missing_folder(tmp_path: Path) -> None:
    result = load_content(tmp_path / "nowhere")
    assert result.pack is None
    assert "is not a folder" in str(result.problems[0])


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ([{"t": 2, "y": 1, "source": "a"}, {"t": 1, "y": 2, "source": "a"}], "time order"),
        ([{"t": -1, "y": 1, "source": "a"}], "must be from 0 to"),
        ([{"t": float("nan"), "y": 1, "source": "a"}], "finite"),
        ([], "at least one point"),
    ],
)
def test_bad_series(points: list[dict[str, object]], message: str) -> None:
    problems = collect_problems({"id": "s", "label": "S", "points": points}, Series)
    assert problems, "a bad series must be reported"
    assert any(message in text for _, text in problems)


def test_good_series_has_no_problems() -> None:
    data = {"id": "s", "label": "S", "points": [{"t": 0.5, "y": 1, "source": "a"},
                                                 {"t": 2, "y": 3, "source": "a"}]}
    assert collect_problems(data, Series) == []


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_non_finite_numbers_anywhere_are_refused(pack_copy: Path, value: str) -> None:
    path = pack_copy / "risks.toml"
    text = path.read_text(encoding="utf-8")
    import re

    match = re.search(r"^(low|high|value|mg|mmhg|t) = [0-9.]+$", text, flags=re.M)
    assert match, "risks.toml has no plain number to damage"
    path.write_text(text.replace(match.group(0), f"{match.group(1)} = {value}", 1), encoding="utf-8")
    problems = problems_of(pack_copy)
    assert len(problems) == 1
    assert "risks.toml" in problems[0] and "must be a finite number" in problems[0]
