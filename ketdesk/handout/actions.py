"""What staff's "Print handout" and "Save handout" do, and the desktop's shortcuts for them.

The print dialog is for staff only: on the desktop (a staff computer) the shortcuts and a
patient-facing "Take this home" open it. In kiosk mode only the staff menu, behind the PIN,
prints, and to the default printer without a dialog: a dialog is a window of its own,
which can open behind a stays-on-top kiosk window where no one could reach it. PDF and printing modules are
imported when first used, never at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from ketdesk.content.schema.pack import ContentPack

log = logging.getLogger(__name__)

PRINT_KEYS = "Ctrl+P"
SAVE_KEYS = "Ctrl+Shift+S"


def print_with_dialog(parent: QWidget, pack: ContentPack) -> bool:
    """Ask for a printer (staff), then print; True when it was sent."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from ketdesk.handout.output import print_to

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_to(pack, printer)
    log.info("handout (%s) sent to printer %s", pack.meta.lang, printer.printerName() or "(file)")
    return True


def print_to_default(pack: ContentPack) -> str | None:
    """Print on the system's default printer, no dialog; its name, or None if there is none."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    from ketdesk.handout.output import print_to

    default = QPrinterInfo.defaultPrinter()
    if default.isNull():
        log.warning("handout not printed: no default printer is set up")
        return None
    printer = QPrinter(default, QPrinter.PrinterMode.HighResolution)
    print_to(pack, printer)
    log.info("handout (%s) sent to the default printer %s", pack.meta.lang, default.printerName())
    return default.printerName()


def save_to(pack: ContentPack, path: Path) -> Path | None:
    """Write the handout to ``path``; None (logged) when it cannot be written."""
    from ketdesk.handout.output import write_pdf

    try:
        written = write_pdf(pack, path)
    except OSError as exc:
        log.warning("handout not saved to %s: %s", path, exc)
        return None
    log.info("handout (%s) saved to %s", pack.meta.lang, written)
    return written


def save_with_dialog(parent: QWidget, pack: ContentPack) -> Path | None:
    """Ask where (staff), then write the PDF."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, pack.ui.clinic.staff_save,
                                          str(Path.home() / f"handout-{pack.meta.lang}.pdf"),
                                          "PDF (*.pdf)")
    return save_to(pack, Path(name)) if name else None


def install_desktop_handout(window: QWidget, current_pack: Callable[[], ContentPack],
                            set_take_home: Callable[[Callable[[], bool] | None], None]) -> None:
    """Desktop mode: Ctrl+P prints, Ctrl+Shift+S saves, "Take this home" prints."""
    QShortcut(QKeySequence(PRINT_KEYS), window).activated.connect(
        lambda: print_with_dialog(window, current_pack()))
    QShortcut(QKeySequence(SAVE_KEYS), window).activated.connect(
        lambda: save_with_dialog(window, current_pack()))
    set_take_home(lambda: print_with_dialog(window, current_pack()))
