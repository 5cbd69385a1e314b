"""clinic.toml: the schema, the logo's checks, the accent's contrast, where it is found,
and --check-content's verdict on it and on a pack past its review date."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ketdesk.app import run_check_content
from ketdesk.clinic_source import accent_rules, clinic_file, read_clinic, with_clinic
from ketdesk.content import load_content
from ketdesk.content.clinic import load_clinic
from ketdesk.content.logo import MAX_LOGO_BYTES, LogoError, check_logo
from ketdesk.content.review import days_until_review, review_due, review_overdue
from tests.clinic_support import CONTENT, EXAMPLE, clinic_folder, example_with, png


def problems_of(tmp_path: Path, text: str) -> list[str]:
    folder = clinic_folder(tmp_path, text)
    return [str(p) for p in load_clinic(folder / "clinic.toml", accent_rules()).problems]


def test_the_example_file_is_sound_in_both_languages() -> None:
    result = load_clinic(EXAMPLE / "clinic.toml", accent_rules())
    assert result.problems == ()
    assert result.clinic is not None
    assert result.clinic.logo_kind == "svg"
    english, spanish = result.clinic.content("en"), result.clinic.content("es")
    assert english.tab == "Your clinic" and spanish.tab == "Su clínica"
    assert english.phone == spanish.phone == "(555) 010-0100"
    assert english.crisis == "988"


def test_the_crisis_line_defaults_to_988(tmp_path: Path) -> None:
    text = "\n".join(line for line in (EXAMPLE / "clinic.toml").read_text().splitlines()
                     if not line.startswith("crisis ="))
    folder = clinic_folder(tmp_path, text)
    clinic = load_clinic(folder / "clinic.toml").clinic
    assert clinic is not None and clinic.content("es").crisis == "988"


def test_a_missing_language_is_named_with_its_file(tmp_path: Path) -> None:
    text = (EXAMPLE / "clinic.toml").read_text().split("\n[es]\n")[0]
    found = problems_of(tmp_path, text)
    assert found == [f"{tmp_path / 'content' / 'clinic.toml'}:1: es: missing required key"]


def test_an_accent_failing_wcag_aa_is_refused_on_its_line(tmp_path: Path) -> None:
    text = example_with(accent="#FFD400")  # yellow: white tab text on it is 1.4:1
    found = problems_of(tmp_path, text)
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if t.startswith("accent"))
    assert found and all(f"clinic.toml:{line}: accent: #FFD400 has" in p for p in found)
    assert any("WCAG AA needs 4.5:1" in p and "selected tab" in p for p in found)


def test_an_accent_that_is_not_a_colour_is_refused(tmp_path: Path) -> None:
    assert any("accent must be a colour" in p for p in problems_of(tmp_path, example_with(accent="blue")))


@pytest.mark.parametrize("url", ["http://example.org", "example.org", "https://", "https://a b"])
def test_the_web_page_must_be_https(tmp_path: Path, url: str) -> None:
    assert any("url must be a web address starting with https://" in p
               for p in problems_of(tmp_path, example_with(url=url)))


def test_a_long_address_is_bounded(tmp_path: Path) -> None:
    found = problems_of(tmp_path, example_with(url="https://example.org/" + "a" * 400))
    assert any("more than the 300 allowed" in p for p in found)


def test_a_phone_number_holds_only_phone_characters(tmp_path: Path) -> None:
    found = problems_of(tmp_path, example_with(phone="call <b>now</b>"))
    assert any(": phone may hold only digits" in p for p in found)


def test_the_logo_must_be_in_the_folder(tmp_path: Path) -> None:
    assert any("logo must be a file name in the same folder" in p
               for p in problems_of(tmp_path, example_with(logo="../secret.png")))
    found = problems_of(tmp_path / "b", example_with(logo="missing.png"))
    assert any("logo: missing.png is not in" in p for p in found)


def test_a_sound_png_passes_and_a_damaged_one_does_not() -> None:
    assert check_logo(png(64, 32), "logo.png") == "png"
    with pytest.raises(LogoError, match="damaged"):
        check_logo(png(64, 32, break_crc=True), "logo.png")
    with pytest.raises(LogoError, match="not a PNG"):
        check_logo(png(64, 32)[:-20], "logo.png")  # cut short: no IEND
    with pytest.raises(LogoError, match="not a PNG"):
        check_logo(b"GIF89a" + b"\0" * 100, "logo.png")


def test_a_logo_too_large_in_pixels_or_bytes_is_refused() -> None:
    with pytest.raises(LogoError, match="4096x16 pixels, more than the 2048x2048"):
        check_logo(png(4096, 16), "logo.png")
    with pytest.raises(LogoError, match="KB allowed"):
        check_logo(b"\x89PNG" + b"\0" * MAX_LOGO_BYTES, "logo.png")


@pytest.mark.parametrize(("svg", "message"), [
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg" width="9" '
     'height="9">&a;</svg>', "DOCTYPE or ENTITY"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>x()</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="9" '
     'height="9"><image xlink:href="http://tracker.example/x.png"/></svg>', "another file or address"),
    ('<svg xmlns="http://www.w3.org/2000/svg"></svg>', "gives no size"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9000 10"></svg>', "9000x10 pixels"),
    ('<html></html>', "not an SVG image"),
    ('<svg', "not an SVG image that can be read"),
])
def test_a_hostile_or_broken_svg_is_refused(svg: str, message: str) -> None:
    with pytest.raises(LogoError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_logo(svg.encode(), "logo.svg")


def test_the_clinic_file_is_found_beside_the_content_then_in_the_settings_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(config))
    pack = load_content(CONTENT / "en").pack
    assert pack is not None
    assert clinic_file(None) is None
    assert with_clinic(pack, None) is pack  # no file: no panel, the same pack
    (config / "clinic.toml").write_text((EXAMPLE / "clinic.toml").read_text().replace(
        'logo = "logo.svg"', 'logo = ""'), encoding="utf-8")
    assert clinic_file(None) == config / "clinic.toml"
    shown = with_clinic(pack, None)
    assert shown.clinic is not None and "clinic" in shown.panel_ids
    beside = clinic_folder(tmp_path)
    assert clinic_file(beside) == beside / "clinic.toml"


def test_a_broken_clinic_file_means_no_panel(tmp_path: Path) -> None:
    folder = clinic_folder(tmp_path, example_with(accent="#FFD400"))
    pack = load_content(CONTENT / "en").pack
    assert pack is not None
    assert read_clinic(folder / "clinic.toml").clinic is None
    assert with_clinic(pack, folder).panel_ids == pack.panel_ids


def test_check_content_checks_the_clinic_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today = datetime.date(2026, 12, 3)
    good = clinic_folder(tmp_path / "good")
    assert run_check_content(good, today) == 0
    assert f"{good / 'clinic.toml'}: content is valid." in capsys.readouterr().out
    bad = clinic_folder(tmp_path / "bad", example_with(url="http://example.org"))
    assert run_check_content(bad, today) == 1
    assert f"{bad / 'clinic.toml'}:" in capsys.readouterr().out


def test_review_dates() -> None:
    pack = load_content(CONTENT / "en").pack
    assert pack is not None
    meta = pack.meta
    assert meta.review_every_months == 12
    assert review_due(meta) == datetime.date(2027, 11, 27)
    assert days_until_review(meta, datetime.date(2026, 12, 3)) == 359
    assert not review_overdue(meta, datetime.date(2027, 11, 27))
    assert review_overdue(meta, datetime.date(2027, 11, 28))
    leap = type(meta)(**{**{f: getattr(meta, f) for f in meta.__struct_fields__},
                         "last_reviewed": datetime.date(2024, 1, 31), "review_every_months": 1})
    assert review_due(leap) == datetime.date(2024, 2, 29)


def test_check_content_fails_a_pack_past_its_review_date(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = clinic_folder(tmp_path)
    assert run_check_content(folder, datetime.date(2027, 11, 27)) == 0
    capsys.readouterr()
    assert run_check_content(folder, datetime.date(2027, 12, 1)) == 1
    out = capsys.readouterr().out
    due = "last_reviewed: the content was due for review on 2027-11-27"
    assert f"{folder / 'en' / 'meta.toml'}:7: {due}" in out


def test_review_every_months_is_bounded(pack_copy: Path) -> None:
    meta = pack_copy / "meta.toml"
    meta.write_text(meta.read_text() + "review_every_months = 600\n", encoding="utf-8")
    found = [str(p) for p in load_content(pack_copy).problems]
    assert any("review_every_months: must be from 1 to 60 months, not 600" in p for p in found), found


def test_a_pack_written_before_the_clinic_tables_still_loads_with_the_built_in_words(
        tmp_path: Path) -> None:
    from ketdesk.content_source import choose_content

    folder = clinic_folder(tmp_path)
    ui = folder / "es" / "ui.toml"
    text = ui.read_text(encoding="utf-8")
    ui.write_text(text[: text.index("\n[clinic]")] + "\n", encoding="utf-8")  # the old ui.toml
    chosen = choose_content("es", folder)
    assert chosen.custom_problems == () and chosen.custom_folder == folder / "es"
    assert chosen.pack.ui.clinic.staff_print == "Imprimir la hoja"
    assert chosen.pack.ui.handout.references == "Fuentes"
    builtin_ui = load_content(Path("resources/content/es")).pack
    assert builtin_ui is not None
    assert chosen.pack.ui.listen == builtin_ui.ui.listen  # and the tables newer still
    assert chosen.pack.ui.usage == builtin_ui.ui.usage
    bare = load_content(folder / "es").pack
    assert bare is not None and bare.ui.clinic_table is None
    with pytest.raises(LookupError, match="no \\[clinic\\] table"):
        _ = bare.ui.clinic
