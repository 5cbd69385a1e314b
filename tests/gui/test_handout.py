"""The take-home handout: a one- or two-page PDF per language whose text (pdftotext) says
the facts, the crisis line, the clinic's contacts, the sources and the review date, and
whose QR code (pdftoppm, then zbarimg) opens the clinic's web page. PDF and QR code
modules are not imported at start-up."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ketdesk.app import main
from ketdesk.content_source import choose_content
from ketdesk.handout.output import write_pdf
from tests.clinic_support import REPO, clinic_folder, example_with

TOOLS = ("pdftotext", "pdftoppm", "pdfinfo")
needs_poppler = pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                                   reason="poppler-utils (pdftotext, pdftoppm, pdfinfo) not installed; "
                                          "scripts/system-deps.sh test installs them")
needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None,
                                reason="zbar-tools (zbarimg) not installed; scripts/system-deps.sh test")


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match, info
    return int(match.group(1))


def qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(prefix)], check=True)
    found: list[str] = []
    for image in sorted(tmp_path.glob(f"{pdf.stem}-*.png")):
        result = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
        found.extend(line for line in result.stdout.splitlines() if line)
    return found


@needs_poppler
@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["Ketamine infusion: facts to take home", "Key facts", "What happens at a visit",
            "Tell your care team", "Call or text 988, any time, day or night.",
            "Your clinic: Riverside Ketamine Clinic", "Call the clinic: (555) 010-0100",
            "Sources", "1. Kishimoto T", "Facts last reviewed: November 27, 2026"]),
    ("es", ["Infusión de ketamina: información para llevar a casa", "Datos clave",
            "Dígale a su equipo de salud", "Llame o envíe un texto al 988",
            "Su clínica: Riverside Ketamine Clinic", "Fuentes",
            "Última revisión: 27 de noviembre de 2026"]),
])
def test_the_handout_says_it_all_on_two_pages_at_most(qapp_fonts, tmp_path, lang, words) -> None:
    pack = choose_content(lang, clinic_folder(tmp_path)).pack
    pdf = write_pdf(pack, tmp_path / f"{lang}.pdf")
    assert 1 <= pages_of(pdf) <= 2
    text = text_of(pdf)
    for expected in words:
        assert expected in text, expected
    # Every source number cited on the sheet has its numbered reference.
    cited = {int(n) for group in re.findall(r"\[(\d+(?:, \d+)*)\]", text) for n in group.split(", ")}
    listed = {int(n) for n in re.findall(r"(?:^| )(\d+)\. [A-Z]", text)}
    assert cited and cited <= listed


@needs_poppler
@needs_zbar
def test_the_qr_code_opens_the_clinic_web_page(qapp_fonts, tmp_path) -> None:
    folder = clinic_folder(tmp_path, example_with(url="https://riverside.example/ketamine?from=sheet"))
    pdf = write_pdf(choose_content("en", folder).pack, tmp_path / "en.pdf")
    assert qr_codes(pdf, tmp_path) == ["https://riverside.example/ketamine?from=sheet"]


@needs_poppler
@needs_zbar
def test_without_a_clinic_the_handout_has_988_and_no_qr_code(qapp_fonts, tmp_path, pack) -> None:
    pdf = write_pdf(pack, tmp_path / "plain.pdf")
    text = text_of(pdf)
    assert "Call or text 988" in text and "Your clinic" not in text
    assert qr_codes(pdf, tmp_path) == []


@needs_poppler
def test_the_command_line_writes_the_spanish_handout(qapp_fonts, tmp_path) -> None:
    out = tmp_path / "sheets" / "es.pdf"
    assert main(["--handout", str(out), "--lang", "es", "--content", str(clinic_folder(tmp_path))]) == 0
    assert "Fuentes" in text_of(out)


def test_an_unwritable_handout_path_is_one_plain_line(qapp_fonts, tmp_path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["--handout", str(blocker / "es.pdf")]) == 1
    assert "cannot write to" in capsys.readouterr().err


def test_start_up_imports_no_pdf_printing_or_qr_code() -> None:
    code = ("import sys; from ketdesk.cli import Options; from ketdesk.startup import build_window, "
            "create_application; app = create_application(); w = build_window(Options()); "
            "import ketdesk.handout.actions; "
            "print(sorted(m for m in ('segno', 'PySide6.QtPrintSupport', 'ketdesk.handout.document') "
            "if m in sys.modules))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_the_self_test_makes_a_handout_and_a_qr_code(qapp_fonts) -> None:
    from ketdesk.cli import Options
    from ketdesk.selftest import _handout

    assert re.fullmatch(r"PDF \d+ KB, QR \d+x\d+", _handout(Options(lang="es")))
