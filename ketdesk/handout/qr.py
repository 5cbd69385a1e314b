"""The QR code of the clinic's web page, as a black-on-white image for the handout.

``segno`` (pure Python, no dependencies, about 200 KB) is imported here only, when a
handout is made: never at start-up. Error correction "M" survives a crease or a smudge on
paper; the quiet zone is the standard four modules.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter

QUIET_MODULES = 4


def qr_image(address: str, module_px: int = 12) -> QImage:
    """``address`` as a QR code image, ``module_px`` pixels per module."""
    import segno

    code = segno.make(address, error="m", micro=False)
    matrix = code.matrix
    modules = len(matrix) + 2 * QUIET_MODULES
    image = QImage(modules * module_px, modules * module_px, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#000000"))
    for row, values in enumerate(matrix):
        for column, dark in enumerate(values):
            if dark:
                painter.drawRect(QRect((column + QUIET_MODULES) * module_px,
                                       (row + QUIET_MODULES) * module_px, module_px, module_px))
    painter.end()
    return image
