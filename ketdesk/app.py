"""Start-up: arguments, logging, Qt, fonts, content, window, in the order first paint needs.

pyqtgraph and numpy are not imported here: they load after the first frame (or when a
chart panel is first shown), because importing them costs more than a bare window's
whole start-up.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ketdesk import __version__, paths
from ketdesk.cli import EXIT_FAILED, EXIT_OK, Options, parse_args
from ketdesk.logs import setup_logging

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ketdesk.ui.main_window import MainWindow

log = logging.getLogger("ketdesk")

_STARTED = time.perf_counter()


def run_check_content(folder: Path) -> int:
    """``--check-content``: every problem on its own line, exit 1 if any. No Qt needed."""
    from ketdesk.content import check_content

    problems = check_content(folder)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {folder}; fix them and run --check-content again.",
              file=sys.stderr)
        return EXIT_FAILED
    print(f"{folder}: content is valid.")
    return EXIT_OK


def _install_excepthook(on_error: object | None = None) -> None:
    """Log uncaught exceptions with their traceback; never show one to a patient."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if callable(on_error):
            on_error(value)

    sys.excepthook = hook


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
    app.setDesktopFileName("ketdesk")
    load_bundled_fonts()
    app.setFont(QFont(FAMILY))
    return app


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    icon_path = paths.resource("icons/ketdesk.svg")
    return QIcon(str(icon_path)) if icon_path.exists() else QIcon()


def build_window(options: Options, settings_lang: str = "en", text_scale: int = 100,
                 clinic_name: str = "", reduce_motion: bool = False,
                 theme_name: str = "standard", size: tuple[int, int] = (1280, 800)
                 ) -> MainWindow:
    """Content + main window, with the fallback banner when custom content is broken.

    Language, text size and theme given here are the session's defaults; a visitor's
    changes in the header are not saved. ``size`` is the size the window will open at.
    """
    from ketdesk.content_source import choose_content, pack_for_language
    from ketdesk.ui.main_window import MainWindow
    from ketdesk.ui.theme import SYSTEM_THEME, resolve_theme

    lang = options.lang or settings_lang
    chosen = choose_content(lang, options.content)
    scale = (options.text_scale or text_scale) / 100
    window = MainWindow(chosen.pack, text_scale=scale, clinic_name=clinic_name,
                        reduce_motion=reduce_motion, theme=resolve_theme(theme_name),
                        pack_loader=lambda code: pack_for_language(code, options.content),
                        size=size)
    if theme_name == SYSTEM_THEME:
        from ketdesk.ui.theme import follow_system_contrast

        follow_system_contrast(window.set_theme)
    window.setWindowIcon(app_icon())
    if chosen.custom_problems:
        window.show_banner(chosen.pack.ui.fallback_banner.format(
            count=len(chosen.custom_problems), log=paths.log_file()))
    if options.panel:
        window.show_panel(options.panel)
    return window


def warm_up_charts() -> None:
    """Import pyqtgraph once the first frame is up, so the first chart panel opens fast."""
    from ketdesk.ui import charts

    charts.pg()


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if options.check_content is not None:
        return run_check_content(options.check_content)

    offscreen_job = options.screenshot is not None or options.self_test
    if offscreen_job and "QT_QPA_PLATFORM" not in os.environ:
        # Rendering files needs no display; this also works over SSH and in CI.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    log_path = setup_logging()
    log.info("ketdesk %s starting (log: %s)", __version__, log_path)
    from ketdesk.logs import route_qt_messages

    route_qt_messages()  # before Qt starts: its platform chatter goes to the log, not the user
    _install_excepthook()
    if options.set_pin or options.install_autostart or options.remove_autostart:
        from ketdesk.kiosk.launch import run_command

        return run_command(options)

    from ketdesk import settings as settings_mod

    loaded = settings_mod.load()
    settings = loaded.settings
    kiosk_plan = None
    if (options.kiosk or settings.kiosk) and not offscreen_job:
        from ketdesk.kiosk.launch import plan_kiosk

        planned = plan_kiosk(options, loaded, sys.argv[1:] if argv is None else argv)
        if isinstance(planned, int):
            return planned  # no PIN (EXIT_CONFIG) or no display yet (EXIT_RESTART)
        kiosk_plan = planned
        # A crash in kiosk mode restarts the app instead of leaving a dead screen.
        _install_excepthook(kiosk_plan.recovery.on_uncaught)
    app = create_application()

    if options.self_test:
        from ketdesk.selftest import run_self_test

        return run_self_test(options)

    instance = None
    if kiosk_plan is not None:
        from ketdesk.kiosk.launch import claim_single_instance

        instance = claim_single_instance()
        if instance is None:
            return EXIT_OK  # the kiosk already running was asked to come to the front

    from ketdesk.content_source import BuiltinContentError

    if kiosk_plan is not None:
        from ketdesk.kiosk.window_mode import kiosk_geometry

        size = kiosk_geometry(kiosk_plan.config.screen).size().toTuple()
    else:
        size = opening_size()
    try:
        window = build_window(options, settings.lang, settings.text_scale,
                              settings.clinic_name, settings.reduce_motion, settings.theme,
                              size=size)
    except BuiltinContentError as exc:
        log.error("%s", exc)
        print(f"ketdesk: {exc}", file=sys.stderr)
        return EXIT_FAILED

    if options.screenshot is not None:
        from ketdesk.screenshot import take_screenshots

        written = take_screenshots(window, options.screenshot, options.size)
        for path in written:
            print(path)
        return EXIT_OK

    from ketdesk.ui.first_paint import on_first_paint

    def after_first_paint() -> None:
        log.info("first paint after %.3f s", time.perf_counter() - _STARTED)
        if os.environ.get("KETDESK_REPORT_FIRST_PAINT"):
            print(f"first-paint {time.time():.6f}", flush=True)
            if os.environ.get("KETDESK_EXIT_AFTER_FIRST_PAINT"):
                app.quit()
                return
        # Give the event loop one idle turn before the import, so input is not delayed.
        from PySide6.QtCore import QTimer

        QTimer.singleShot(50, warm_up_charts)

    on_first_paint(window, after_first_paint)
    if kiosk_plan is not None:
        from ketdesk.kiosk.launch import run_kiosk

        return run_kiosk(kiosk_plan, app, window, instance)
    show_sized_to_screen(window)
    return app.exec()


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
