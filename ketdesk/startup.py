"""The steps of start-up that the app, the self-test, the tests and the benchmarks share:
the QApplication, the window built from content and placed on the screen, charts warmed.

``ketdesk.app.main`` decides the order (and the kiosk, screenshot and self-test paths);
this module only builds. Qt, pyqtgraph and the window are imported inside the functions,
so importing this module stays as cheap as importing ``ketdesk.app``.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from ketdesk import __version__, paths
from ketdesk.cli import Options

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ketdesk.content.schema.pack import ContentPack
    from ketdesk.speech.reader import Reader
    from ketdesk.ui.about import AboutFacts
    from ketdesk.ui.main_window import MainWindow
    from ketdesk.ui.theme import Theme


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with ketdesk's names and bundled fonts (reuses one if it exists)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QGuiApplication
    from PySide6.QtWidgets import QApplication

    from ketdesk import APP_NAME, ORG_NAME
    from ketdesk.fonts import FAMILY, load_bundled_fonts

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scaling as the screen reports it: no rounding to whole factors.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    # The reverse-DNS app id of the desktop entry (org.ketdesk.ketdesk.desktop), the AppStream
    # metadata and the macOS bundle: Wayland's app id, and on X11 _GTK_APPLICATION_ID and
    # _KDE_NET_WM_DESKTOP_FILE (WM_CLASS stays "ketdesk": StartupWMClass in the entry).
    app.setDesktopFileName("org.ketdesk.ketdesk")
    load_bundled_fonts()
    app.setFont(QFont(FAMILY))
    return app


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    icon_path = paths.resource("icons/ketdesk.svg")
    return QIcon(str(icon_path)) if icon_path.exists() else QIcon()


def build_window(options: Options, settings_lang: str = "en", text_scale: int = 100,
                 clinic_name: str = "", reduce_motion: bool = False,
                 theme_name: str = "standard", size: tuple[int, int] = (1280, 800),
                 stale_notice: bool = False,
                 read_aloud: bool = True,
                 screen_diagonal_in: float = 0.0,
                 drawn_for: tuple[int, int] | None = None) -> MainWindow:
    """Content + main window, with the fallback banner when custom content is broken.

    Language, text size and theme given here are the session's defaults; a visitor's
    changes in the header are not saved. ``size`` is the size the window will open at;
    ``drawn_for`` the resolution of the screen it stands for when that is not the real one
    (a screenshot).
    """
    from ketdesk.choices import installed_languages
    from ketdesk.content.placeholders import fill
    from ketdesk.content_source import choose_content, pack_for_language
    from ketdesk.ui.main_window import MainWindow
    from ketdesk.ui.theme import SYSTEM_THEME, resolve_theme

    lang = options.lang or settings_lang
    chosen = choose_content(lang, options.content)
    scale = (options.text_scale or text_scale) / 100
    theme = clinic_theme(resolve_theme(theme_name), chosen.pack)
    window = MainWindow(chosen.pack, languages=installed_languages(), text_scale=scale,
                        clinic_name=clinic_name or (chosen.pack.clinic.name if chosen.pack.clinic else ""),
                        reduce_motion=reduce_motion, theme=theme,
                        pack_loader=lambda code: pack_for_language(code, options.content),
                        size=size, about=about_facts(), reader=make_reader(read_aloud),
                        screen_diagonal_in=options.screen_diagonal_in or screen_diagonal_in,
                        drawn_for=drawn_for)
    if theme_name == SYSTEM_THEME:
        from ketdesk.ui.theme import follow_system_contrast

        follow_system_contrast(window.set_theme)
    window.setWindowIcon(app_icon())
    if chosen.custom_problems:
        window.show_banner(fill(chosen.pack.ui.fallback_banner,
                                count=len(chosen.custom_problems), log=paths.log_file()))
    _report_review(window, stale_notice)
    if options.panel:
        if options.panel in window.panel_ids:
            window.show_panel(options.panel)
        else:  # the clinic's page without a clinic file: say so, open on the first panel
            log.warning("--panel %s: this pack has no such panel (is clinic.toml set up?)",
                        options.panel)
    return window


def _report_review(window: MainWindow, stale_notice: bool) -> None:
    """On every start: the log says when the content's review date has passed (the staff
    menu says so too); patients see a note only where the clinic opted in (stale_notice)."""
    import datetime

    from ketdesk.content.review import overdue_message, review_overdue

    meta = window.pack.meta
    if not review_overdue(meta, datetime.date.today()):
        return
    log.warning("content review overdue: %s", overdue_message(meta, datetime.date.today()))
    if stale_notice and not window.banner.isVisible():
        window.show_banner(window.pack.ui.clinic.review_stale_public)


def clinic_theme(theme: Theme, pack: ContentPack) -> Theme:
    """The standard theme in the clinic's accent colour (checked for WCAG AA when the
    clinic file was read); high contrast keeps its own colours."""
    import dataclasses

    from ketdesk.ui.theme import HIGH_CONTRAST

    clinic = pack.clinic
    if clinic is None or not clinic.accent or theme.name == HIGH_CONTRAST.name:
        return theme
    return dataclasses.replace(theme, accent=clinic.accent.upper())
def make_reader(enabled: bool) -> Reader | None:
    """The window's read-aloud reader, or None (no Listen control) with the reason logged."""
    from ketdesk.speech.engine import choose_voice
    from ketdesk.speech.reader import Reader

    choice = choose_voice(enabled)
    if choice.voice is None:
        log.info("read-aloud: off (%s)", choice.reason)
        return None
    log.info("read-aloud: %s", choice.reason)
    return Reader(choice.voice)


def about_facts() -> AboutFacts:
    """The versions and paths the About sheet shows (the window looks up no paths itself)."""
    from ketdesk.ui.about import AboutFacts

    notices = paths.notices_file()
    return AboutFacts.of_this_run(log_path=str(paths.log_file()),
                                  settings_path=str(paths.settings_file()),
                                  notices_path=str(notices) if notices is not None else "")


def warm_up_charts() -> None:
    """Import pyqtgraph once the first frame is up, so the first chart panel opens fast."""
    from ketdesk.ui import charts

    charts.pg()


def warm_up(window: MainWindow) -> None:
    """After the first frame: import pyqtgraph, then build the other panels in idle time."""
    warm_up_charts()
    window.prebuild_panels()


def _available_area() -> QRect | None:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def _opens_maximised(area: QRect) -> bool:
    return area.width() < 1280 or area.height() < 760


def opening_size() -> tuple[int, int]:
    """The size ``show_sized_to_screen`` will give the window, known before it is built."""
    area = _available_area()
    if area is None:
        return (1280, 800)
    if _opens_maximised(area):
        return (area.width(), area.height())
    return (min(1800, round(area.width() * 0.85)), min(1100, round(area.height() * 0.85)))


def show_sized_to_screen(window: MainWindow) -> None:
    """Open large on a laptop or monitor, and maximised on a small screen."""
    area = _available_area()
    if area is None:
        window.show()
        return
    if _opens_maximised(area):
        window.showMaximized()
        return
    window.resize(*opening_size())  # already this size when built with it: no restyle
    window.move(area.center() - window.rect().center())
    window.show()


def stop_on_signals(app: QApplication) -> None:
    """SIGTERM and SIGINT end the desktop app through its event loop, with one log line.

    Python's default would end it on the spot (SIGTERM) or not until a Python slot runs
    (SIGINT), and the log would not say why the app went away. Python runs a handler only
    between bytecodes, so a timer gives the interpreter a turn a few times a second while
    Qt waits in C++. The exit code is the shell's 128 + the signal's number. (Kiosk mode has
    its own handling, ``ketdesk.kiosk.stop_signals``.)
    """
    import logging
    import signal

    from PySide6.QtCore import QTimer

    log = logging.getLogger("ketdesk")

    def stop(number: int, _frame: object) -> None:
        log.info("stopped by %s", signal.Signals(number).name)
        app.exit(128 + number)

    for name in ("SIGTERM", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    ticker = QTimer(app)
    ticker.setObjectName("signalTicker")
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
