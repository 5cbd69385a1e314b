"""``--self-test``: build the whole UI offscreen and check every part, one line per check.

The packaged binary is smoke-tested with this in CI, so it checks what a broken package
would break: bundled files, fonts, content, chart imports, and every panel's rendering.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from ketdesk import __version__, paths
from ketdesk.cli import EXIT_FAILED, EXIT_OK, Options
from ketdesk.content.registry import PANEL_IDS
from ketdesk.startup import build_window

if TYPE_CHECKING:
    from ketdesk.ui.main_window import MainWindow

Check = tuple[str, Callable[[], str]]


def _content_checks() -> list[Check]:
    from ketdesk.choices import installed_languages
    from ketdesk.content import load_content

    def check(lang: str) -> Callable[[], str]:
        def run() -> str:
            result = load_content(paths.builtin_content_dir(lang))
            if result.pack is None:
                raise RuntimeError("; ".join(str(p) for p in result.problems[:3]))
            return f"{len(result.pack.sources.sources)} sources, {len(PANEL_IDS)} panels"
        return run

    return [(f"content ({lang})", check(lang)) for lang in installed_languages()]


def _review(options: Options) -> str:
    """Days until the shown content is due for review (reported, never a failure: an
    overdue pack still works, and staff are told in the menu and the log)."""
    import datetime

    from ketdesk.content.review import days_until_review, review_due
    from ketdesk.content_source import choose_content

    meta = choose_content(options.lang or "en", options.content).pack.meta
    days = days_until_review(meta, datetime.date.today())
    due = review_due(meta).isoformat()
    if days < 0:
        return f"OVERDUE by {-days} days (was due {due}); have a clinician review the content"
    return f"{days} days until review (due {due})"


def _handout(options: Options) -> str:
    """The take-home handout renders to a PDF and a QR code draws (segno is bundled)."""
    import tempfile
    from pathlib import Path

    from ketdesk.content_source import choose_content
    from ketdesk.handout.output import write_pdf
    from ketdesk.handout.qr import qr_image

    pack = choose_content(options.lang or "en", options.content).pack
    with tempfile.TemporaryDirectory(prefix="ketdesk-selftest-") as folder:
        size = write_pdf(pack, Path(folder) / "handout.pdf").stat().st_size
    qr = qr_image("https://example.org/", module_px=2)
    if qr.isNull():
        raise RuntimeError("the QR code did not draw")
    return f"PDF {size / 1024:.0f} KB, QR {qr.width()}x{qr.height()}"


def _fonts() -> str:
    from ketdesk.fonts import FAMILY, load_bundled_fonts

    families = load_bundled_fonts()
    if FAMILY not in families:
        raise RuntimeError(f"bundled font {FAMILY!r} did not load (got {families})")
    return FAMILY


def _icons() -> str:
    icons = sorted(p.name for p in paths.resource("icons").glob("*"))
    if "ketdesk.svg" not in icons:
        raise RuntimeError("resources/icons/ketdesk.svg is missing")
    return ", ".join(icons)


def _charts() -> str:
    from ketdesk.ui import charts

    return f"pyqtgraph {charts.pg().__version__}"


def _panels(options: Options) -> list[Check]:
    from ketdesk.screenshot import is_blank, render_panel, settle

    state: dict[str, object] = {}

    def window() -> MainWindow:
        if "window" not in state:
            win = build_window(Options(lang=options.lang))
            win.resize(1280, 800)
            win.show()
            settle()
            state["window"] = win
        return state["window"]  # type: ignore[return-value]

    def check(panel_id: str) -> Callable[[], str]:
        def run() -> str:
            image = render_panel(window(), panel_id)
            if image.isNull() or is_blank(image):
                raise RuntimeError("rendered blank")
            return f"rendered {image.width()}x{image.height()}"
        return run

    # The window is built on the first check; the clinic's page is checked when configured.
    from ketdesk.content_source import choose_content

    shown = choose_content(options.lang or "en", None).pack.panel_ids  # as the window: no --content
    return [(f"panel {pid}", check(pid)) for pid in shown]


def run_self_test(options: Options) -> int:
    checks: list[Check] = [
        ("version", lambda: __version__),
        ("resources", lambda: str(paths.resources_root())),
        ("fonts", _fonts),
        ("icons", _icons),
        *_content_checks(),
        ("content review", lambda: _review(options)),
        ("charts", _charts),
        ("handout", lambda: _handout(options)),
        *_panels(options),
    ]
    failed = 0
    for name, check in checks:
        try:
            detail = check()
            print(f"ok    {name}: {detail}", flush=True)
        except Exception as exc:
            failed += 1
            print(f"FAIL  {name}: {exc}", flush=True)
            traceback.print_exc(file=__import__("sys").stdout)
    print(f"self-test: {len(checks) - failed} passed, {failed} failed", flush=True)
    return EXIT_FAILED if failed else EXIT_OK
