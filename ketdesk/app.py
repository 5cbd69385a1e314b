"""The entry point: arguments, logging, Qt, fonts, content, window, in the order first
paint needs. The steps themselves (shared with the self-test) are in ``ketdesk.startup``.

pyqtgraph and numpy are not imported here: they load after the first frame (or when a
chart panel is first shown), because importing them costs more than a bare window's
whole start-up.
"""

from __future__ import annotations

import datetime
import logging
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from ketdesk import __version__
from ketdesk.cli import EXIT_CONFIG, EXIT_FAILED, EXIT_OK, Options, parse_args
from ketdesk.logs import FILE_ONLY, setup_logging
from ketdesk.startup import (
    build_window,
    create_application,
    opening_size,
    show_sized_to_screen,
    stop_on_signals,
    warm_up,
)

log = logging.getLogger("ketdesk")

_STARTED = time.perf_counter()

NO_DISPLAY = ("no display found (DISPLAY and WAYLAND_DISPLAY are not set); start ketdesk from the "
              "desktop, or use --screenshot DIR or --self-test, which need no display")


def _no_display() -> bool:
    """True on Linux when Qt would find no display server to open a window on."""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return False  # the usual case, decided without importing the kiosk's check
    from ketdesk.display import has_display

    return not has_display()


def run_check_content(folder: Path, today: datetime.date | None = None) -> int:
    """``--check-content``: every problem on its own line, exit 1 if any. No Qt needed.

    A folder holding one pack per language (``en/``, ``es/``) is checked language by
    language, as ``--content`` would load it; then the clinic file ``--content`` would use
    (``clinic.toml`` beside the packs, else in the settings folder). A pack whose review
    date has passed fails too, naming the date.
    """
    from ketdesk.clinic_source import clinic_file, read_clinic
    from ketdesk.content import load_content
    from ketdesk.content.review import overdue_message, review_overdue
    from ketdesk.content.toml_lines import index_lines, line_of
    from ketdesk.content_source import folders_to_check

    today = today or datetime.date.today()
    failed = False

    def report(where: Path, problems: list[str]) -> None:
        nonlocal failed
        for problem in problems:
            print(problem)
        if problems:
            failed = True
            print(f"{len(problems)} problem(s) in {where}; fix them and run --check-content again.",
                  file=sys.stderr)
        else:
            print(f"{where}: content is valid.")

    for pack_folder in folders_to_check(folder):
        result = load_content(pack_folder)
        problems = [str(problem) for problem in result.problems]
        if result.pack is not None and review_overdue(result.pack.meta, today):
            meta_file = pack_folder / "meta.toml"
            try:
                line = line_of(index_lines(meta_file.read_text(encoding="utf-8")), ("last_reviewed",))
            except (OSError, UnicodeDecodeError):
                line = 1
            problems.append(f"{meta_file}:{line}: last_reviewed: {overdue_message(result.pack.meta, today)}")
        report(pack_folder, problems)
    clinic = clinic_file(folder)
    if clinic is not None:
        report(clinic, [str(problem) for problem in read_clinic(clinic).problems])
    return EXIT_FAILED if failed else EXIT_OK


def run_handout(options: Options, settings_lang: str) -> int:
    """``--handout OUT.pdf``: the take-home sheet of the pack ``--content``/``--lang`` pick."""
    from ketdesk.cli import file_problem
    from ketdesk.content_source import BuiltinContentError, choose_content
    from ketdesk.handout.output import write_pdf

    try:
        pack = choose_content(options.lang or settings_lang, options.content).pack
        written = write_pdf(pack, options.handout or Path("handout.pdf"))
    except BuiltinContentError as exc:
        print(f"ketdesk: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        target = options.handout or Path("handout.pdf")
        print(f"ketdesk: {file_problem(target, exc, 'Give --handout a file in a folder you can write to.')}",
              file=sys.stderr)
        return EXIT_FAILED
    log.info("handout written to %s", written)
    print(written)
    return EXIT_OK


def _install_excepthook(on_error: object | None = None) -> None:
    """Log uncaught exceptions with their traceback; never show one to a patient."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if callable(on_error):
            on_error(value)

    sys.excepthook = hook


def main(argv: list[str] | None = None) -> int:
    if os.environ.get("KETDESK_RESTART_NOTICE") == "1":
        # The kiosk keeper's "one moment" screen between two kiosk runs; nothing else.
        from ketdesk.kiosk.notice import run_notice

        return run_notice()
    options = parse_args(argv)
    if options.check_content is not None:
        return run_check_content(options.check_content)
    if options.export_usage is not None:
        from ketdesk.usage.export import run_export

        return run_export(options.export_usage)

    offscreen_job = (options.screenshot is not None or options.self_test or options.handout is not None
                     or options.check_voice)
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
        from ketdesk.kiosk import supervisor

        if supervisor.wanted():
            # This process stays small and watches; the kiosk itself runs as its child.
            return supervisor.run_keeper(sys.argv[1:] if argv is None else argv)
        # A crash in kiosk mode restarts the app instead of leaving a dead screen.
        _install_excepthook(kiosk_plan.recovery.on_uncaught)
    elif not offscreen_job and _no_display():
        # Without this, Qt aborts with "xcb-cursor0 is needed ... reinstalling may fix this".
        print(f"ketdesk: {NO_DISPLAY}", file=sys.stderr)
        log.error("%s", NO_DISPLAY, extra=FILE_ONLY)  # printed above in full: not twice
        return EXIT_CONFIG
    app = create_application()

    if options.self_test:
        from ketdesk.selftest import run_self_test

        return run_self_test(options)

    if options.handout is not None:
        return run_handout(options, settings.lang)

    if options.check_voice:
        from ketdesk.speech.check import run_check_voice

        return run_check_voice(options.lang or settings.lang, options.content)

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
                              settings.clinic_name, settings.reduce_motion,
                              options.theme or settings.theme,
                              size=size, stale_notice=settings.stale_notice,
                              read_aloud=settings.read_aloud and not offscreen_job,
                              screen_diagonal_in=settings.screen_diagonal_in,
                              # A screenshot at --size shows a screen of that resolution.
                              drawn_for=options.size if options.screenshot is not None else None)
    except BuiltinContentError as exc:
        log.error("%s", exc)
        print(f"ketdesk: {exc}", file=sys.stderr)
        return EXIT_FAILED

    if options.screenshot is not None:
        from ketdesk.screenshot import take_screenshots

        try:
            written = take_screenshots(window, options.screenshot, options.size,
                                       full_page=options.full_page)
        except OSError as exc:
            from ketdesk.cli import file_problem

            message = file_problem(options.screenshot, exc, "Give --screenshot a folder you can write to.")
            log.info("screenshots failed: %s", message)  # the log file only: stderr has it below
            print(f"ketdesk: {message}", file=sys.stderr)
            return EXIT_FAILED
        for path in written:
            print(path)
        return EXIT_OK

    if (options.watch or settings.watch_content) and options.content is not None:
        from ketdesk.content_watch import start_watching

        start_watching(window, options.content, kiosk=kiosk_plan is not None)

    from ketdesk.ui.first_paint import on_first_paint

    # The first frame shows the opening panel's poster, which fills the screen; the page
    # below it is polished and laid out right after that frame, not before it.
    opening = window.panel(window.current_panel_id)
    opening.hold_page()

    def after_first_paint() -> None:
        log.info("first paint after %.3f s", time.perf_counter() - _STARTED)
        if os.environ.get("KETDESK_REPORT_FIRST_PAINT"):
            print(f"first-paint {time.time():.6f}", flush=True)
            if os.environ.get("KETDESK_EXIT_AFTER_FIRST_PAINT"):
                app.quit()
                return
        opening.release_page()
        # Give the event loop one idle turn before the import and the panels' prebuild, so
        # input is not delayed.
        from PySide6.QtCore import QTimer

        QTimer.singleShot(50, lambda: warm_up(window))

    on_first_paint(window, after_first_paint)
    if kiosk_plan is not None:
        from ketdesk.kiosk.launch import run_kiosk

        return run_kiosk(kiosk_plan, app, window, instance)
    from ketdesk.handout.actions import install_desktop_handout

    install_desktop_handout(window, lambda: window.pack, window.set_take_home)
    stop_on_signals(app)
    show_sized_to_screen(window)
    return app.exec()
