"""Command-line arguments, parsed into one frozen ``Options`` value.

argparse (not QCommandLineParser) so that ``--help``, ``--version`` and ``--check-content``
answer without starting Qt at all.
"""

from __future__ import annotations

import argparse
import errno
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from ketdesk import __version__, choices
from ketdesk.content.registry import ALL_PANEL_IDS

# Documented exit codes, for staff scripts and supervisors (systemd, kiosk launchers).
EXIT_OK = 0
EXIT_FAILED = 1  # a check failed: --check-content found problems, --self-test failed
EXIT_USAGE = 2  # bad command-line arguments (argparse's own code)
EXIT_CONFIG = 3  # the app cannot run as configured (e.g. kiosk mode without a PIN)
EXIT_RESTART = 75  # kiosk mode recovered from an error and asks its supervisor to restart it


def file_problem(path: Path, error: OSError, what_to_do: str) -> str:
    """One plain line for a file-system failure: the path, what is wrong, what to do."""
    reasons = {errno.EEXIST: "it is a file, not a folder",
               errno.ENOTDIR: "a part of that path is a file, not a folder",
               errno.EACCES: "this user may not write there", errno.EPERM: "this user may not write there",
               errno.EROFS: "that disk is read-only", errno.ENOSPC: "the disk is full",
               errno.ENOENT: "a folder on that path does not exist and cannot be made"}
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return f"cannot write to {path}: {reason}. {what_to_do}"


@dataclass(frozen=True)
class Options:
    content: Path | None = None
    check_content: Path | None = None
    panel: str | None = None
    screenshot: Path | None = None
    full_page: bool = False
    theme: str | None = None
    size: tuple[int, int] = (1920, 1080)
    self_test: bool = False
    lang: str | None = None
    text_scale: int | None = None
    kiosk: bool = False
    screen: int | None = None
    idle_timeout: float | None = None
    rotate_interval: float | None = None
    screen_diagonal_in: float | None = None
    set_pin: bool = False
    install_autostart: bool = False
    remove_autostart: bool = False
    handout: Path | None = None
    watch: bool = False
    export_usage: Path | None = None
    check_voice: bool = False


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, not {text!r}") from None
    if not (320 <= width <= 8192 and 240 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"size {text} is outside 320x240 .. 8192x8192")
    return width, height


def _percent(text: str) -> int:
    try:
        value = int(text.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"text scale must be a percentage, not {text!r}") from None
    if not choices.percent_allowed(value):
        raise argparse.ArgumentTypeError(
            f"text scale must be between {choices.MIN_PERCENT} and {choices.MAX_PERCENT}")
    return value


def _in_range(name: str, kind: type[int] | type[float]) -> Callable[[str], float]:
    """An argparse type: a number within the setting ``name``'s limits (finite, in range)."""

    def parse(text: str) -> float:
        from ketdesk.settings import out_of_range  # the limits live with the settings

        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, not {text!r}") from None
        problem = out_of_range(name, value)
        if problem:
            raise argparse.ArgumentTypeError(problem)
        return value

    return parse


class _Version(argparse.Action):
    """``--version``: ketdesk's version and the Qt it runs on.

    PySide6.QtCore is imported here only, when the option is given, so that ``--help`` and
    every other option that needs no Qt never load it.
    """

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(version_text())  # stdout, as argparse's own version action does
        parser.exit()


def version_text() -> str:
    """``ketdesk 0.1.0 (Qt 6.11.3, PySide6 6.11.3, Python 3.11.2)``."""
    import platform

    try:
        import PySide6
        from PySide6 import QtCore
    except ImportError:  # a broken install still says its own version
        return f"ketdesk {__version__} (Qt not found, Python {platform.python_version()})"
    return (f"ketdesk {__version__} (Qt {QtCore.qVersion()}, PySide6 {PySide6.__version__}, "
            f"Python {platform.python_version()})")


def _help_epilog() -> str:
    """Where the log and the settings are, the variables that move them, the exit codes."""
    from ketdesk import paths

    return "\n".join((
        f"log file:  {paths.log_file()}",
        "           (KETDESK_LOG_DIR=DIR puts it in DIR)",
        f"settings:  {paths.settings_file()}",
        "           (KETDESK_CONFIG_DIR=DIR reads and writes it in DIR)",
        "",
        "exit codes: 0 ok, 1 a check failed, 2 bad arguments, 3 not configured",
        "(e.g. kiosk mode without a PIN), 75 kiosk asks to be restarted.",
    ))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One plain line, not argparse's usage block: staff read this on a kiosk's console.
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ketdesk",
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the epilog's lines as written
        description="Ketamine Infusion Treatment: an offline patient-education viewer.",
        epilog=_help_epilog(),
    )
    parser.add_argument("--version", action=_Version,
                        help="show the version of ketdesk, Qt, PySide6 and Python, and exit")
    parser.add_argument("--content", type=Path, metavar="DIR",
                        help="use the content pack in DIR (falls back to the built-in pack if broken)")
    parser.add_argument("--watch", action="store_true",
                        help="watch --content DIR and show a new, fully valid pack between visitors "
                             "(also the watch_content setting)")
    parser.add_argument("--check-content", type=Path, metavar="DIR",
                        help="check the content pack in DIR, list every problem, and exit")
    parser.add_argument("--panel", choices=ALL_PANEL_IDS,
                        help="open on this panel (clinic: only when clinic.toml is set up)")
    parser.add_argument("--screenshot", type=Path, metavar="DIR",
                        help="render every panel to DIR/NN-<id>.png and exit")
    parser.add_argument("--full-page", action="store_true",
                        help="with --screenshot: render each panel's whole page, not only its first screen")
    parser.add_argument("--theme", choices=choices.THEME_NAMES,
                        help="colour theme for this run (default: the setting, else standard)")
    parser.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH",
                        help="window size for --screenshot (default 1920x1080)")
    parser.add_argument("--handout", type=Path, metavar="OUT.pdf",
                        help="write the take-home handout (one or two pages) for --lang to OUT.pdf and exit")
    parser.add_argument("--self-test", action="store_true",
                        help="build the whole UI offscreen, check every resource, and exit")
    parser.add_argument("--check-voice", action="store_true",
                        help="say one sentence through this computer's read-aloud voice (Listen) and exit;"
                             " if there is none, say why")
    parser.add_argument("--lang", choices=choices.installed_languages(), help="language of the content")
    parser.add_argument("--text-scale", type=_percent, metavar="PCT",
                        help=f"text size in percent, {choices.MIN_PERCENT} to {choices.MAX_PERCENT}")
    kiosk = parser.add_argument_group("kiosk mode (waiting-room screens)")
    kiosk.add_argument("--kiosk", action="store_true",
                       help="run fullscreen and locked, with an attract loop when idle")
    kiosk.add_argument("--screen", type=_in_range("screen", int), metavar="N",
                       help="screen number for kiosk mode")
    kiosk.add_argument("--idle-timeout", type=_in_range("idle_timeout", float), metavar="SECONDS",
                       help="seconds without input before the attract loop starts (default 90)")
    kiosk.add_argument("--rotate-interval", type=_in_range("rotate_interval", float), metavar="SECONDS",
                       help="seconds per panel in the attract loop (default 20)")
    kiosk.add_argument("--screen-diagonal", type=_in_range("screen_diagonal_in", float), metavar="INCHES",
                       dest="screen_diagonal_in",
                       help="the screen's diagonal, for posters readable from across the room "
                            "(7 to 100; default: the size the screen reports)")
    kiosk.add_argument("--set-pin", action="store_true",
                       help="set the staff PIN (asked twice; reads standard input when piped)")
    kiosk.add_argument("--install-autostart", action="store_true",
                       help="start ketdesk in kiosk mode when this user logs in")
    kiosk.add_argument("--remove-autostart", action="store_true",
                       help="undo --install-autostart")
    kiosk.add_argument("--export-usage", type=Path, metavar="OUT.csv",
                       help="write the hourly usage counts (docs/privacy.md) as CSV and exit")
    return parser


def parse_args(argv: list[str] | None = None) -> Options:
    ns = build_parser().parse_args(argv)
    return Options(
        content=ns.content, check_content=ns.check_content, panel=ns.panel,
        screenshot=ns.screenshot, full_page=ns.full_page, theme=ns.theme, size=ns.size,
        self_test=ns.self_test, lang=ns.lang,
        text_scale=ns.text_scale, kiosk=ns.kiosk, screen=ns.screen,
        idle_timeout=ns.idle_timeout, rotate_interval=ns.rotate_interval,
        screen_diagonal_in=ns.screen_diagonal_in, set_pin=ns.set_pin,
        install_autostart=ns.install_autostart, remove_autostart=ns.remove_autostart,
        handout=ns.handout, watch=ns.watch,
        export_usage=ns.export_usage, check_voice=ns.check_voice,
    )
