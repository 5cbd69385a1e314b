"""The warning before the kiosk starts over: seen, answered by a touch, never mid-read."""

from __future__ import annotations

from ketdesk.content.registry import PANEL_IDS
from ketdesk.speech.reader import Reader
from tests.gui.kiosk_support import finger_tap, make_kiosk
from tests.speech_double import RecordingVoice


def test_warning_counts_down_and_a_touch_keeps_the_page(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    window = kiosk.window
    window.show_panel(PANEL_IDS[2])
    kiosk.attract.time_out_now()
    warning = kiosk.warning
    assert warning.isVisible() and kiosk.attract.warning_shown
    assert warning.title.text() == pack.ui.timeout.still_reading
    assert "20" in warning.countdown.text()  # 20 s: WCAG 2.2.1's floor
    assert warning.stay_button.height() >= 88  # twice the 44 px target
    assert warning.stay_button.text() == pack.ui.timeout.stay
    finger_tap(window, warning.stay_button)
    qtbot.waitUntil(lambda: not warning.isVisible())
    assert not kiosk.attract.active
    assert window.current_panel_id == PANEL_IDS[2]  # the visitor's page is kept


def test_a_touch_anywhere_also_answers_it(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack)
    kiosk.attract.time_out_now()
    finger_tap(kiosk.window, kiosk.window.footer)
    qtbot.waitUntil(lambda: not kiosk.warning.isVisible())
    assert not kiosk.attract.active


def test_nobody_answers_then_the_kiosk_starts_over(qtbot, qapp_fonts, pack) -> None:
    kiosk, _ = make_kiosk(qtbot, pack, config={"idle_timeout": 0.2})
    with qtbot.waitSignal(kiosk.warning.expired, timeout=5000):
        pass
    qtbot.waitUntil(lambda: kiosk.attract.active)
    assert not kiosk.warning.isVisible()


def test_no_warning_and_no_reset_while_a_page_is_read_aloud(qtbot, qapp_fonts, pack) -> None:
    from ketdesk.choices import installed_languages
    from ketdesk.content_source import pack_for_language
    from ketdesk.kiosk.config import KioskConfig
    from ketdesk.kiosk.controller import Kiosk
    from ketdesk.ui.main_window import MainWindow
    from tests.gui.kiosk_support import pin_hash

    voice = RecordingVoice()
    window = MainWindow(pack, pack_loader=pack_for_language, languages=installed_languages(),
                        reader=Reader(voice))
    kiosk = Kiosk(window, KioskConfig(pin_hash=pin_hash(), idle_timeout=600.0),
                  quit_app=lambda code: None)
    qtbot.addWidget(window, before_close_func=lambda _w: kiosk.stop())
    kiosk.start()
    window.panel(PANEL_IDS[0]).listen.toggle()
    assert window.reader is not None and window.reader.reading
    kiosk.attract.time_out_now()
    assert not kiosk.warning.isVisible()
    assert not kiosk.attract.active
    window.reader.stop()
    kiosk.attract.time_out_now()
    assert kiosk.warning.isVisible()
    kiosk.stop()
