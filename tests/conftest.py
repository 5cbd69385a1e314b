"""Shared fixtures: offscreen Qt, private config/log folders, the shipped content pack."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Before any Qt import: tests run offscreen unless a test starts its own display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

# Property-based tests: 50 examples in `make test`, thousands in `make soak`
# (KETDESK_HYPOTHESIS_PROFILE=soak). No deadline: file I/O on a shared machine is jittery.
settings.register_profile("default", max_examples=50, deadline=None, print_blob=True)
settings.register_profile("soak", max_examples=5000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("KETDESK_HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parent.parent
BUILTIN_EN = REPO / "resources" / "content" / "en"


@pytest.fixture(autouse=True, scope="session")
def _private_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Never touch the real user's settings or log while testing."""
    config = tmp_path_factory.mktemp("config")
    logs = tmp_path_factory.mktemp("logs")
    old = {k: os.environ.get(k) for k in ("KETDESK_CONFIG_DIR", "KETDESK_LOG_DIR")}
    os.environ["KETDESK_CONFIG_DIR"] = str(config)
    os.environ["KETDESK_LOG_DIR"] = str(logs)
    yield
    for key, value in old.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(autouse=True)
def _logging_as_found() -> Iterator[None]:
    """A test that runs ``main()`` sets up logging: its console handler writes to that test's
    captured stderr, closed after the test, and a later test on the same worker that logs a
    warning got "Logging error ... I/O operation on closed file" (a traceback) in its output.
    Every test leaves the root logger's handlers as it found them."""
    root = logging.getLogger()
    handlers = list(root.handlers)
    configured = root.__dict__.get("_ketdesk_configured")
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    if configured is None:
        root.__dict__.pop("_ketdesk_configured", None)
    else:
        root.__dict__["_ketdesk_configured"] = configured


@pytest.fixture(autouse=True)
def _no_kiosk_left_running() -> Iterator[None]:
    """A kiosk a test started must be stopped by the end of that test (its teardown)."""
    yield
    support = sys.modules.get("tests.gui.kiosk_support")
    if support is not None:
        left = support.running_kiosks()
        for kiosk in left:
            kiosk.stop()
        assert not left, f"{len(left)} kiosk(s) still running after the test; stop them"


@pytest.fixture(scope="session")
def pack():
    from ketdesk.content import load_content

    result = load_content(BUILTIN_EN)
    assert result.ok, [str(p) for p in result.problems]
    return result.pack


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped English pack, to break on purpose."""
    target = tmp_path / "en"
    shutil.copytree(BUILTIN_EN, target)
    return target


@pytest.fixture
def qapp_fonts(qapp):
    from ketdesk.startup import create_application

    return create_application()


@pytest.fixture
def window(qtbot, qapp_fonts, pack):
    from ketdesk.choices import installed_languages
    from ketdesk.content_source import pack_for_language
    from ketdesk.ui.main_window import MainWindow

    win = MainWindow(pack, pack_loader=pack_for_language, languages=installed_languages())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win
