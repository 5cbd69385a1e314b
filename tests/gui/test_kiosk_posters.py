"""The attract loop shows the posters full screen; a touch always starts at the Overview."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from tests.gui.kiosk_support import finger_tap_at, make_kiosk

FAST = {"idle_timeout": 600.0, "rotate_interval": 0.05, "tick_interval": 600.0}


def test_the_loop_shows_posters_full_screen(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config=FAST)
    window = kiosk.window
    window.resize(1024, 600)
    seen: list[str] = []
    kiosk.attract.rotated.connect(seen.append)
    kiosk.attract.begin_now()
    assert window.poster_mode and not window.header.isVisible()
    posters = window.poster_panel_ids()
    qtbot.waitUntil(lambda: len(seen) >= len(posters), timeout=10000)
    assert set(seen) == set(posters)  # only panels with a poster, each in turn
    for panel_id in seen:
        panel = window.panel(panel_id)
        poster = panel.poster()
        assert poster is not None and not poster.more.isVisible()  # no target but the screen
        # The poster is alone on its screen and clear of the loop's hint at the bottom.
        bottom = poster.mapTo(window, poster.rect().bottomLeft()).y()
        assert bottom <= kiosk.overlay.band.mapTo(window, QPoint(0, 0)).y()
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
