"""Fixtures for the GUI tests: a window as start-up builds it, at a size and text scale."""

from __future__ import annotations

import pytest

from ketdesk.cli import Options
from ketdesk.screenshot import settle


@pytest.fixture
def make_window(qtbot, qapp_fonts):
    """``make(lang, scale, size, diagonal)``: a shown, settled window (1024x600 by default)."""
    from ketdesk.startup import build_window

    def make(lang: str = "en", scale: int = 100, size: tuple[int, int] = (1024, 600),
             diagonal: float = 0.0):
        window = build_window(Options(lang=lang, text_scale=scale), size=size,
                              screen_diagonal_in=diagonal, drawn_for=size)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        settle()
        return window

    return make
