"""The handout laid out as a ``QTextDocument``: escaped text in simple HTML, black on white.

Print is read at arm's length by someone who may be tired after an infusion: the bundled
Atkinson Hyperlegible font at 11 pt, headings in bold, the crisis line boxed, sources
small at the end. The clinic's logo and the QR code are images added to the document, so
nothing is read from disk or the network while it is laid out.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QTextDocument

from ketdesk.fonts import FAMILY
from ketdesk.handout.sections import Handout, Line, reference_text

BODY_PT = 11
LOGO_URL = "ketdesk-handout:logo"
QR_URL = "ketdesk-handout:qr"
# Image sizes in the document's own pixels (laid out at 96 per inch before printing).
LOGO_HEIGHT = 56
QR_SIZE = 110


def _line_html(line: Line) -> str:
    text = html.escape(line.text)
    if line.lead:
        text = f"<b>{html.escape(line.lead)}</b>: {text}"
    if line.numbers:
        text += f" <span style='color:#444444'>[{', '.join(str(n) for n in line.numbers)}]</span>"
    return f"<li>{text}</li>"


def _heading(text: str) -> str:
    return f"<h2 style='font-size:12pt; margin-top:8px; margin-bottom:2px'>{html.escape(text)}</h2>"


def handout_html(handout: Handout, *, logo_width: int, has_qr: bool) -> str:
    """The sheet as HTML; ``logo_width`` 0 when there is no logo to show."""
    parts = []
    if logo_width:
        parts.append(f"<p style='margin:0'><img src='{LOGO_URL}' width='{logo_width}' "
                     f"height='{LOGO_HEIGHT}'></p>")
    parts.append(f"<h1 style='font-size:18pt; margin-top:4px; margin-bottom:0'>"
                 f"{html.escape(handout.title)}</h1>")
    if handout.clinic_name:
        parts.append(f"<p style='font-size:12pt; margin:0'>{html.escape(handout.clinic_name)}</p>")
    for section in handout.sections:
        items = "".join(_line_html(line) for line in section.lines)
        if section.contacts and has_qr:
            # The QR code beside the clinic's contacts, with the address it opens.
            items = (f"<table width='100%' cellspacing='0' cellpadding='0'><tr><td valign='top'>"
                     f"<ul style='margin-top:0'>{items}</ul></td><td width='1%' valign='top' "
                     f"align='center' style='padding-left:12px'><img src='{QR_URL}' "
                     f"width='{QR_SIZE}' height='{QR_SIZE}'><br><span style='font-size:8pt'>"
                     f"{html.escape(handout.url_caption)}</span></td></tr></table>")
            heading = _heading(section.heading)
            parts.append(f"{heading}{items}")
            continue
        heading = _heading(section.heading)
        if section.style == "warning":
            parts.append("<table width='100%' border='1' cellspacing='0' cellpadding='6' "
                         f"style='border-color:#000000; margin-top:10px'><tr><td>{heading}"
                         "<p style='margin:0; font-size:13pt'>"
                         f"<b>{html.escape(section.lines[0].text)}</b></p>"
                         "</td></tr></table>")
        else:
            parts.append(f"{heading}<ul style='margin-top:0'>{items}</ul>")
    if handout.references:
        parts.append(f"<h2 style='font-size:11pt; margin-top:10px; margin-bottom:2px'>"
                     f"{html.escape(handout.references_heading)}</h2>")
        parts.append("<table cellspacing='0' cellpadding='1' style='font-size:8pt'>")
        for number, source in handout.references:
            parts.append(f"<tr><td valign='top'>{number}.</td>"
                         f"<td>{html.escape(reference_text(source))}</td></tr>")
        parts.append("</table>")
    footer = " · ".join(html.escape(text) for text in handout.footer if text)
    parts.append(f"<p style='font-size:9pt; margin-top:10px; color:#333333'>{footer}</p>")
    return "".join(parts)


def handout_document(handout: Handout) -> QTextDocument:
    """The whole sheet, ready for ``QTextDocument.print_`` on a PDF writer or a printer."""
    from ketdesk.ui.logo import logo_image

    document = QTextDocument()
    document.setDefaultFont(QFont(FAMILY, BODY_PT))
    # Tables and headings would otherwise fall back to the platform's serif font.
    document.setDefaultStyleSheet(f"body, p, li, td, h1, h2, span, b {{ font-family: '{FAMILY}'; }}")
    document.setDocumentMargin(0)
    logo = logo_image(handout.logo, handout.logo_kind, LOGO_HEIGHT * 4)  # sharp in print
    if logo is not None:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(LOGO_URL), logo)
    has_qr = bool(handout.url)
    if has_qr:
        from ketdesk.handout.qr import qr_image

        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(QR_URL),
                             qr_image(handout.url))
    logo_width = round(LOGO_HEIGHT * logo.width() / logo.height()) if logo is not None else 0
    document.setHtml(handout_html(handout, logo_width=logo_width, has_qr=has_qr))
    return document
