"""The clinic's logo as an image of a given height: PNG decoded, SVG drawn at that size.

The bytes were checked without Qt when the clinic file was read (``ketdesk.content.logo``);
Qt's own decoder gets the last word here, and a logo it cannot draw is left out (and
logged), never shown broken. Used by the "Your clinic" panel and the printed handout.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QImage, QPainter

log = logging.getLogger(__name__)


def logo_image(data: bytes, kind: str, height: int) -> QImage | None:
    """The logo ``height`` pixels tall (aspect kept), or None if Qt cannot draw it."""
    if not data or height <= 0:
        return None
    if kind == "svg":
        from PySide6.QtSvg import QSvgRenderer  # only a clinic with an SVG logo pays for it

        renderer = QSvgRenderer(QByteArray(data))
        size = renderer.defaultSize()
        if not renderer.isValid() or size.isEmpty():
            log.warning("the clinic's SVG logo could not be drawn; it is left out")
            return None
        width = max(1, round(size.width() * height / size.height()))
        image = QImage(QSize(width, height), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        return image
    image = QImage.fromData(data)
    if image.isNull():
        log.warning("the clinic's PNG logo could not be decoded; it is left out")
        return None
    return image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
