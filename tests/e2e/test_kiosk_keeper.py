"""``ketdesk --kiosk`` under openbox, its window killed outright: the keeper covers the screen
with its notice and brings the kiosk back, fullscreen and on top; a visitor never sees the
desktop for longer than ``BACK_WITHIN`` seconds at a time."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.kiosk_process import Lines, running_kiosk, running_openbox, viewable, x_tool

BACK_WITHIN = 2.0
TIMEOUT = 60.0


def top_window(display: str) -> tuple[int, str]:
    """The topmost managed window that is drawn, with its title; (0, "") for the bare desktop."""
    out = x_tool(display, "xprop", "-root", "_NET_CLIENT_LIST_STACKING", check=False)
    ids = [int(x, 16) for x in out.split("#", 1)[1].split(",") if x.strip()] if "#" in out else []
    for window in reversed(ids):
        if viewable(display, str(window)):
            title = x_tool(display, "xprop", "-id", str(window), "WM_NAME", check=False)
            return window, title.split("=", 1)[-1].strip().strip('"')
    return 0, ""


def kiosk_pid(keeper: int) -> int | None:
    """The keeper's child that is the kiosk (not its notice)."""
    for task in Path(f"/proc/{keeper}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                if "--kiosk" in Path(f"/proc/{child}/cmdline").read_text():
                    return int(child)
            except OSError:
                continue
    return None


@pytest.fixture
def kept_kiosk(xvfb_display: str, tmp_path: Path) -> Iterator[tuple[int, Lines]]:
    with running_openbox(xvfb_display), running_kiosk(xvfb_display, tmp_path) as (keeper, lines):
        yield keeper.pid, lines


@pytest.mark.xvfb
def test_a_killed_kiosk_is_covered_then_back(xvfb_display: str, kept_kiosk: tuple[int, Lines]) -> None:
    keeper, _lines = kept_kiosk
    first = kiosk_pid(keeper)
    assert first is not None
    before, title = top_window(xvfb_display)
    assert title.startswith("Ketamine")
    os.kill(first, signal.SIGKILL)  # no clean-up, no recovery of its own: only the keeper
    seen: list[str] = []
    bare_since: float | None = None
    deadline = time.monotonic() + TIMEOUT
    while True:
        window, title = top_window(xvfb_display)
        now = time.monotonic()
        if not seen or seen[-1] != title:
            seen.append(title)
        if title:
            bare_since = None
        elif bare_since is None:
            bare_since = now
        else:
            assert now - bare_since <= BACK_WITHIN, f"the bare desktop showed for too long: {seen}"
        again = kiosk_pid(keeper)
        if title.startswith("Ketamine") and window != before and again not in (None, first):
            break
        assert now < deadline, f"the kiosk did not come back: {seen}"
        time.sleep(0.05)  # a pause between polls, not a wait for the result
    assert "ketdesk" in seen  # the keeper's notice covered the pause
    assert "Map State: IsViewable" in x_tool(xvfb_display, "xwininfo", "-id", str(window))
    states = x_tool(xvfb_display, "xprop", "-id", str(window), "_NET_WM_STATE")
    assert "_NET_WM_STATE_FULLSCREEN" in states and "_NET_WM_STATE_ABOVE" in states
