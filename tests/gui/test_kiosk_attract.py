"""The attract loop: idle starts it, input stops it, it visits every panel in order."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from ketdesk.content.registry import PANEL_IDS
from tests.gui.kiosk_support import make_kiosk, tap

FAST = {"idle_timeout": 0.05, "rotate_interval": 0.03, "tick_interval": 0.01}


def test_idle_starts_rotation_and_input_stops_it(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config=FAST, start=False)
    attract = kiosk.attract
    # The first start builds every poster it will show: seconds on a loaded 2-core machine
    # (CI ran out of 3 s once); the wait ends as soon as it starts.
    with qtbot.waitSignal(attract.started, timeout=10_000):
        kiosk.start()
    assert attract.active
    assert attract.rotating
    assert kiosk.overlay.isVisible()
    assert kiosk.overlay.hint.text() == "Touch to explore"

    with qtbot.waitSignal(attract.stopped, timeout=3000):
        qtbot.mouseClick(kiosk.overlay, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert not attract.active
    assert not attract.rotating
    # ... and it comes back after the idle timeout.
    with qtbot.waitSignal(attract.started, timeout=10_000):
        pass
    assert attract.rotating


def test_input_hides_the_hint(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    kiosk.attract.begin_now()
    qtbot.waitUntil(kiosk.overlay.isVisible)
    with qtbot.waitSignal(kiosk.attract.stopped, timeout=3000):
        qtbot.mouseClick(kiosk.overlay, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    qtbot.waitUntil(lambda: not kiosk.overlay.isVisible())


def test_key_stops_the_loop(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config=FAST, start=False)
    with qtbot.waitSignal(kiosk.attract.started, timeout=3000):
        kiosk.start()
    with qtbot.waitSignal(kiosk.attract.stopped, timeout=3000):
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Space)
    assert not kiosk.attract.rotating


def test_waking_tap_does_not_press_the_button_beneath(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    window = kiosk.window
    kiosk.attract.begin_now()
    assert window.current_panel_id == "overview"
    with qtbot.waitSignal(kiosk.attract.stopped, timeout=3000):
        tap(qtbot, window.tab_buttons["risks"])
    assert window.current_panel_id == "overview"
    qtbot.waitUntil(lambda: not kiosk.overlay.isVisible())
    tap(qtbot, window.tab_buttons["risks"])
    assert window.current_panel_id == "risks"


def test_rotation_visits_every_poster_in_order(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config=FAST, start=False)
    seen: list[str] = []
    kiosk.attract.rotated.connect(seen.append)
    kiosk.start()
    posters = [pid for pid in PANEL_IDS if pack.panel(pid).poster is not None]
    assert posters[0] == PANEL_IDS[0] and len(posters) >= 5
    qtbot.waitUntil(lambda: len(seen) >= len(posters) + 1, timeout=20000)
    expected = [*posters[1:], posters[0], posters[1]]
    assert seen[: len(expected)] == expected


def test_ticks_step_the_shown_panel(qtbot, qapp_fonts, pack, monkeypatch) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config={"idle_timeout": 0.02, "tick_interval": 0.01})
    overview = kiosk.window.panel("overview")
    ticks: list[str] = []
    monkeypatch.setattr(overview, "attract_tick", lambda: ticks.append("overview"))
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=5000)
    assert kiosk.window.current_panel_id == "overview"


def test_attract_resets_for_the_next_visitor(qtbot, qapp_fonts, pack) -> None:
    from ketdesk.content_source import builtin_pack

    kiosk, _ = make_kiosk(qtbot, pack, config={"default_lang": "en"})
    window = kiosk.window
    window.set_language("es")  # the last visitor read in Spanish
    assert window.panel("overview").title_label.text() == builtin_pack("es").panel("overview").title
    window.resize(1024, 600)
    window.show_panel("risks")
    risks = window.panel("risks")
    risks.verticalScrollBar().setValue(risks.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: risks.verticalScrollBar().value() > 0)
    kiosk.open_staff()
    assert kiosk.staff.isVisible()
    window.set_text_scale(2.0)  # the last visitor made the text bigger

    kiosk.attract.begin_now()
    assert window.current_panel_id == "overview"
    # The language change rebuilt the panels; whichever Risks the next visitor gets is at its top.
    assert window.panel("risks").verticalScrollBar().value() == 0
    assert not kiosk.staff.isVisible()
    assert window.text_scale == 1.0
    # The next visitor sees English again: the words on screen, not only the setting.
    assert window.language == "en"
    assert window.panel("overview").title_label.text() == pack.panel("overview").title
    assert window.tab_buttons["risks"].text() == pack.panel("risks").tab


def test_attract_survives_a_default_language_that_will_not_load(qtbot, qapp_fonts, pack) -> None:
    def loader(lang: str):
        raise RuntimeError(f"the {lang} pack is damaged")  # e.g. a broken install

    kiosk, _ = make_kiosk(qtbot, pack, pack_loader=loader, config={"default_lang": "es"})
    kiosk.window.show_panel("timeline")
    kiosk.attract.begin_now()  # logs the failure, resets everything else
    assert kiosk.window.current_panel_id == "overview"
    assert kiosk.window.language == "en"
    assert kiosk.attract.active


def test_pause_control_pauses_instead_of_stopping(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config={"rotate_interval": 0.05})
    attract, overlay = kiosk.attract, kiosk.overlay
    attract.begin_now()
    qtbot.waitUntil(overlay.isVisible)
    button = overlay.pause_button
    assert button.text() == "Pause"
    assert button.height() >= 44
    tap(qtbot, button)
    assert attract.active
    assert not attract.rotating
    assert button.text() == "Play"
    tap(qtbot, button)
    assert attract.rotating
    assert button.text() == "Pause"


def test_staff_pause_stops_rotation_but_not_the_reset(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    kiosk.attract.set_staff_paused(True)
    kiosk.window.show_panel("sources")
    kiosk.attract.begin_now()
    assert kiosk.window.current_panel_id == "overview"
    assert kiosk.attract.active
    assert not kiosk.attract.rotating
    assert not kiosk.overlay.pause_button.isVisible()
    kiosk.attract.set_staff_paused(False)
    assert kiosk.attract.rotating
