"""Shared fixtures for end-to-end tests: a private Xvfb display."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scripts.xdisplay import XvfbError, private_display


@pytest.fixture(scope="module")
def xvfb_display() -> Iterator[str]:
    try:
        with private_display("1920x1080x24") as display:
            yield display
    except XvfbError as exc:
        pytest.fail(str(exc))
