"""Qt's messages go to the log: platform chatter at INFO (log file only), real warnings at
WARNING (also on a console). ketdesk/logs.py ``route_qt_messages``."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from ketdesk.logs import route_qt_messages


@pytest.fixture
def routed(qapp: object) -> Iterator[None]:
    previous = route_qt_messages()
    yield
    qInstallMessageHandler(previous)  # pytest-qt's own handler, which fails tests on warnings


def test_platform_chatter_goes_to_the_log_below_the_console_level(routed: None,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="qt"):
        qWarning("This plugin does not support propagateSizeHints()")
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("qt", logging.INFO, "This plugin does not support propagateSizeHints()")]


def test_a_real_qt_warning_stays_a_warning(routed: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="qt"):
        qWarning("QPainter::begin: Paint device returned engine == 0")
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, "QPainter::begin: Paint device returned engine == 0")]
