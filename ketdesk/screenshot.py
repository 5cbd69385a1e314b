"""Render every panel to PNG files, offscreen, for review and documentation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter, QRegion
from PySide6.QtWidgets import QApplication, QWidget

from ketdesk.ui.main_window import MainWindow


def settle() -> None:
    """Let layouts, deferred timers and style polish finish before grabbing pixels."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.sendPostedEvents()
        app.processEvents()


def render_panel(window: MainWindow, panel_id: str, *, full_page: bool = False) -> QImage:
    """The window showing the panel (its first screen: the poster, where it has one), or
    with ``full_page`` the panel's whole page, as tall as its content, without the window."""
    window.show_panel(panel_id)
    panel = window.panel(panel_id)
    panel.reset()
    settle()
    panel.prepare_for_screenshot()
    settle()
    if full_page:
        # The page widget holds everything the scroll area scrolls through; rendering it
        # draws the parts below the fold too, on the page's colour (which the window
        # paints on screen: the page itself draws no background).
        image = QImage(panel.body.size() * panel.body.devicePixelRatioF(), QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(panel.body.devicePixelRatioF())
        image.fill(QColor(window.theme.window))
        painter = QPainter(image)
        try:
            panel.body.render(painter, QPoint(0, 0), QRegion(), QWidget.RenderFlag.DrawChildren)
        finally:
            painter.end()
        return image
    return window.grab().toImage()


def take_screenshots(window: MainWindow, folder: Path, size: tuple[int, int], *,
                     full_page: bool = False) -> list[Path]:
    """Write ``folder/NN-<id>.png`` for every panel the window shows, NN = 01.. in order
    (the clinic's own page too, when clinic.toml is set up); ``full_page``: each panel whole."""
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*size)
    window.show()
    settle()
    written: list[Path] = []
    for number, panel_id in enumerate(window.panel_ids, start=1):
        image = render_panel(window, panel_id, full_page=full_page)
        path = folder / f"{number:02d}-{panel_id}.png"
        if not image.save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written


def is_blank(image: QImage, *, sample_step: int = 7) -> bool:
    """True when an image is (nearly) one colour: a panel that drew nothing."""
    colours: set[int] = set()
    for y in range(0, image.height(), max(1, image.height() // 60)):
        for x in range(0, image.width(), sample_step * max(1, image.width() // 400)):
            colours.add(image.pixel(x, y))
            if len(colours) > 8:
                return False
    return True
