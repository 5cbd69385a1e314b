"""The attract loop shows the posters full screen; a touch always starts at the Overview."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from ketdesk.screenshot import settle
from tests.gui.kiosk_support import finger_tap_at, make_kiosk

FAST = {"idle_timeout": 600.0, "rotate_interval": 0.05, "tick_interval": 600.0}


def test_the_loop_shows_posters_full_screen(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config=FAST)
    window = kiosk.window
    window.resize(1024, 600)
    seen: list[str] = []
    problems: list[str] = []

    def check(panel_id: str) -> None:
        """While each poster is up: alone, full screen, its words clear of the hint."""
        seen.append(panel_id)
        settle()
        poster = window.panel(panel_id).poster()
        if poster is None or poster.more.isVisible():  # no target but the screen itself
            problems.append(f"{panel_id}: no poster, or More shown")
            return
        band_top = kiosk.overlay.band.mapTo(window, QPoint(0, 0)).y()
        parts = [w for w in (poster.headline, poster.visual, poster.message, poster.chip)
                 if w is not None and w.isVisible()]
        if max(w.mapTo(window, w.rect().bottomLeft()).y() for w in parts) > band_top:
            problems.append(f"{panel_id}: words under the hint")
        if poster.mapTo(window, poster.rect().bottomLeft()).y() < band_top:
            problems.append(f"{panel_id}: the page shows between poster and hint")

    kiosk.attract.rotated.connect(check)
    kiosk.attract.begin_now()
    assert window.poster_mode and not window.header.isVisible()
    posters = window.poster_panel_ids()
    # Generous: each poster is built and fitted on its first turn, slow on a loaded machine.
    qtbot.waitUntil(lambda: len(seen) >= len(posters), timeout=30000)
    kiosk.attract.rotated.disconnect(check)
    assert set(seen) == set(posters)  # only panels with a poster, each in turn
    assert not problems, problems
    # Only the footer's disclaimer: the header with its tabs is gone.
    assert window.footer.isVisible()


def test_a_touch_lands_on_the_overview_at_its_top(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config={**FAST, "default_lang": "en"})
    window = kiosk.window
    kiosk.attract.begin_now()
    window.show_panel("risks")  # the loop was showing Risks when the visitor came
    risks = window.panel("risks")
    risks.verticalScrollBar().setValue(200)
    with qtbot.waitSignal(kiosk.attract.stopped, timeout=3000):
        finger_tap_at(window, QPoint(window.width() // 2, window.height() // 3))
    assert window.current_panel_id == "overview"
    assert window.panel("overview").verticalScrollBar().value() == 0
    assert window.language == "en"
    assert not window.poster_mode and window.header.isVisible()
    overview = window.panel("overview").poster()
    assert overview is not None and overview.more.isVisible()


def test_reduced_motion_changes_posters_without_a_fade(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config=FAST, reduce_motion=True)
    kiosk.attract.begin_now()
    with qtbot.waitSignal(kiosk.attract.rotated, timeout=3000):
        pass
    assert not kiosk.attract.fade.running and not kiosk.attract.fade.isVisible()


def test_posters_fade_into_each_other(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config=FAST)
    assert not kiosk.window.reduce_motion
    kiosk.attract.begin_now()
    with qtbot.waitSignal(kiosk.attract.rotated, timeout=3000):
        pass
    assert kiosk.attract.fade.running and kiosk.attract.fade.isVisible()


def test_the_fades_picture_has_the_pages_colour(qtbot, qapp_fonts, pack) -> None:
    # The window paints the page's colour (the panels draw none of their own): the picture
    # the fade starts from is taken with it, in either theme, not on Qt's default grey.
    from PySide6.QtGui import QColor

    from ketdesk.ui.theme import HIGH_CONTRAST, STANDARD

    for theme in (STANDARD, HIGH_CONTRAST):  # the clinic's choice: the loop returns to it
        kiosk, _ = make_kiosk(qtbot, pack, config=FAST, theme=theme)
        window = kiosk.window
        kiosk.attract.begin_now()
        with qtbot.waitSignal(kiosk.attract.rotated, timeout=3000):
            pass
        picture = kiosk.attract.fade.pixmap().toImage()
        ratio = picture.devicePixelRatio()
        poster = window.panel(window.current_panel_id).poster()
        assert poster is not None
        corner = poster.mapTo(window.stack, QPoint(2, 2))  # the poster's margin: no words
        pixel = picture.pixelColor(int(corner.x() * ratio), int(corner.y() * ratio))
        assert pixel.name() == QColor(theme.window).name(), theme.name
        kiosk.stop()
