"""Every number from the command line or the settings file is finite and in range.

A bad argument is one plain line and exit 2; a bad setting costs only itself (logged, its
default used) and the kiosk still starts.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ketdesk import settings as settings_mod
from ketdesk.cli import EXIT_USAGE, parse_args
from ketdesk.settings import LIMITS, Settings

BAD_NUMBERS = ["nan", "inf", "-inf", "1e12", "0", "-5", "1e400", "soon", ""]


@pytest.mark.parametrize("option", ["--idle-timeout", "--rotate-interval", "--screen", "--text-scale"])
@pytest.mark.parametrize("text", BAD_NUMBERS)
def test_a_bad_number_argument_is_one_line_and_exit_2(option: str, text: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    if option == "--screen" and text == "0":
        text = "64"  # 0 is the first screen
    with pytest.raises(SystemExit) as exited:
        parse_args(["--kiosk", option, text])
    assert exited.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"ketdesk: argument {option}: ")
    assert "Traceback" not in err


def test_other_usage_errors_are_one_line_too(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args(["--panel", "nope"])
    assert exited.value.code == EXIT_USAGE
    assert capsys.readouterr().err.count("\n") == 1


def test_numbers_in_range_are_taken() -> None:
    options = parse_args(["--kiosk", "--idle-timeout", "86400", "--rotate-interval", "2",
                          "--screen", "63", "--text-scale", "150%"])
    assert (options.idle_timeout, options.rotate_interval, options.screen, options.text_scale) == (
        86400.0, 2.0, 63, 150)


@pytest.mark.parametrize("name", list(LIMITS))
@pytest.mark.parametrize("raw", BAD_NUMBERS)
def test_a_bad_number_setting_takes_its_default_and_keeps_the_rest(
        tmp_path: Path, name: str, raw: str, caplog: pytest.LogCaptureFixture) -> None:
    if name == "screen" and raw == "0":
        raw = "64"
    if name == "screen_diagonal_in" and raw == "0":
        raw = "6"  # 0 means "not set" there; 6 inches is below its range
    path = tmp_path / "settings.ini"
    path.write_text(f"[ketdesk]\nclinic_name = Lakeside\nlang = es\n{name} = {raw}\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        loaded = settings_mod.load(path)
    assert loaded.settings == Settings(clinic_name="Lakeside", lang="es")
    assert loaded.problem == ""  # the file itself was fine: no .bak, no staff warning
    assert not (tmp_path / "settings.ini.bak").exists()
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 1 and name in warned[0] and "using the default" in warned[0], warned


def test_a_good_number_setting_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[ketdesk]\nidle_timeout = 45\nrotate_interval = 3600\nscreen = 2\n", encoding="utf-8")
    assert settings_mod.load(path).settings == Settings(idle_timeout=45.0, rotate_interval=3600.0, screen=2)


def test_an_out_of_range_number_is_never_saved(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="idle_timeout must be a number from 5 to 86400"):
        settings_mod.save(Settings(idle_timeout=1e12), tmp_path / "settings.ini")
