"""The printed take-home handout: one or two pages per language, made with Qt alone.

- ``sections`` picks what the sheet says from a content pack, numbering its own sources
  (Qt-free: tested without a display).
- ``document`` lays it out as a ``QTextDocument``, with the clinic's logo and a QR code.
- ``qr`` draws the QR code of the clinic's web page (``segno``, imported only here).
- ``output`` writes a PDF (``QPdfWriter``) or sends the sheet to a ``QPrinter``.

Nothing here is imported at start-up: only when staff ask for a handout.
"""
