"""Write the handout: to a PDF file (``QPdfWriter``) or to a printer staff chose.

US Letter with 15 mm margins, the paper of the clinics the shipped content is written for
(988, FDA); A4 printers shrink it to fit. The PDF's title is the handout's title, so a
saved file says what it is.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from ketdesk.content.schema.pack import ContentPack
from ketdesk.handout.document import handout_document
from ketdesk.handout.sections import Handout, build_handout

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

RESOLUTION = 300  # dots per inch: sharp text and a QR code any phone reads
MARGIN_MM = 15


def pack_handout(pack: ContentPack) -> Handout:
    from ketdesk.ui.text import format_date

    day: datetime.date = pack.meta.last_reviewed
    return build_handout(pack, format_date(day.day, day.month, day.year, pack.ui))


def _page(device: QPagedPaintDevice) -> None:
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.Letter),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))


# The document is laid out at 96 units per inch (the sizes in ``document``), one page the
# size of the paper's printable area; printing scales it to the device. Without a page
# size, Qt lays it out at the screen's resolution, which offscreen is not 96, and the text
# then filled only part of the line.
LAYOUT_DPI = 96


def _print(document: QTextDocument, device: QPagedPaintDevice) -> None:
    area = device.pageLayout().paintRect(QPageLayout.Unit.Inch)
    document.setPageSize(QSizeF(area.width() * LAYOUT_DPI, area.height() * LAYOUT_DPI))
    document.print_(device)


def write_pdf(pack: ContentPack, path: Path) -> Path:
    """The handout of ``pack`` as a PDF at ``path``; OSError when it cannot be written."""
    handout = pack_handout(pack)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab"):  # a clear OSError for an unwritable place, before Qt's silent one
        pass
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(handout.title)
    writer.setCreator("ketdesk")
    _page(writer)
    _print(handout_document(handout), writer)
    del writer  # finishes the file
    if path.stat().st_size == 0:
        raise OSError(f"nothing was written to {path}")
    return path


def print_to(pack: ContentPack, printer: QPrinter) -> None:
    """Send the handout to ``printer`` (configured by staff in the print dialog)."""
    _print(handout_document(pack_handout(pack)), printer)
