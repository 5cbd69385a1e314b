"""Messages staff meet on the way: each says what is wrong and shows the line as it should be.

TOML slips from Notepad and word processors, a typo in a key (one problem, not two), a pipe
closed by ``head``, and a start without a display.
"""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import pytest

from ketdesk import __main__ as launcher
from ketdesk.app import main
from ketdesk.cli import EXIT_CONFIG, EXIT_OK
from tests.conftest import BUILTIN_EN
from tests.unit.test_loader import problems_of, replace_in


def one_problem(folder: Path) -> str:
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize(("old", "new", "message"), [
    ('tab = "Overview"', 'tab = "Overview', 'a text is missing its closing quote; end it on the same line, '
                                            'like tab = "..."'),
    ('tab = "Overview"', "tab = \u201cOverview\u201d",
     'this line uses curly quotes (\u201c \u201d), as a word processor types them; TOML needs straight '
     'quotes: tab = "Overview"'),
])
def test_quote_slips_show_the_fixed_line(pack_copy: Path, old: str, new: str, message: str) -> None:
    replace_in(pack_copy / "overview.toml", old, new)
    assert one_problem(pack_copy).endswith(f"overview.toml:2: (file): is not valid TOML: {message}")


@pytest.mark.parametrize(("date", "message"), [
    ("27/11/2026", "dates are written year-month-day; write last_reviewed = 2026-11-27"),
    ("27.11.2026", "dates are written year-month-day; write last_reviewed = 2026-11-27"),
    ("2026-13-45", "this is not a real date; write it year-month-day, like last_reviewed = 2026-11-27"),
])
def test_a_date_in_another_form_shows_the_expected_form(pack_copy: Path, date: str, message: str) -> None:
    replace_in(pack_copy / "meta.toml", "last_reviewed = 2026-11-27", f"last_reviewed = {date}")
    assert one_problem(pack_copy).endswith(f"meta.toml:7: (file): is not valid TOML: {message}")


@pytest.mark.parametrize(("change", "message"), [
    (lambda b: b"\xef\xbb\xbf" + b, "starts with a byte-order mark (BOM)"),
    (lambda b: b.decode().encode("utf-16"), "is saved as UTF-16; save it again as UTF-8"),
])
def test_encoding_slips_say_how_to_save(pack_copy: Path, change, message: str) -> None:
    path = pack_copy / "ui.toml"
    path.write_bytes(change(path.read_bytes()))
    assert f"ui.toml:1: (file): {message}" in one_problem(pack_copy)


def test_one_typo_is_one_problem(pack_copy: Path) -> None:
    replace_in(pack_copy / "overview.toml", "session_heading =", "sesion_heading =")
    assert one_problem(pack_copy).endswith("sesion_heading: unknown key; did you mean session_heading?")


def test_a_new_key_that_resembles_nothing_lists_the_known_keys(pack_copy: Path) -> None:
    replace_in(pack_copy / "overview.toml", 'tab = "Overview"', 'tab = "Overview"\nzzz = 1')
    assert "zzz: unknown key (known keys: blocks, key_facts" in one_problem(pack_copy)


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    # `ketdesk --screenshot DIR | head` once logged BrokenPipeError as an uncaught exception.
    monkeypatch.setattr(sys, "argv", ["ketdesk", "--check-content", str(BUILTIN_EN)])
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert launcher.main() == EXIT_OK
    assert not isinstance(sys.stdout, ClosedPipe)  # later writes go nowhere, not to a dead pipe
    sys.stdout.close()


def test_no_display_is_one_clear_line(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(logging.getLogger(), "_ketdesk_configured", True, raising=False)
    assert main([]) == EXIT_CONFIG
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    for words in ("DISPLAY", "WAYLAND_DISPLAY", "--screenshot", "--self-test"):
        assert words in err[0]


def test_list_items_are_counted_from_one(pack_copy: Path) -> None:
    replace_in(pack_copy / "overview.toml", 'value = "5 in 10"', "value = 5")
    problem = one_problem(pack_copy)
    line = (pack_copy / "overview.toml").read_text(encoding="utf-8").splitlines().index("value = 5") + 1
    assert problem.endswith(f"overview.toml:{line}: key_facts item 2.value: expected text, "
                            "got a whole number")
