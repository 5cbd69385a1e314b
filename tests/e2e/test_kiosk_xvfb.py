"""``ketdesk --kiosk`` in a real X session with no window manager: it fills the screen,
refuses Alt+F4, Escape, Ctrl+Q and Ctrl+W sent by xdotool, keeps running, and maps itself
again when another X client unmaps it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.kiosk_process import running_kiosk, viewable, wait_until_right, xdotool


@pytest.fixture
def kiosk(xvfb_display: str, tmp_path: Path):
    # The kiosk itself, not its keeper: an exit must show, not be covered by a restart.
    with running_kiosk(xvfb_display, tmp_path, keeper=False) as running:
        yield running


@pytest.mark.xvfb
def test_kiosk_refuses_exit_keys_and_keeps_running(xvfb_display: str, kiosk) -> None:
    proc, lines = kiosk
    window = xdotool(xvfb_display, "search", "--sync", "--onlyvisible", "--name", "Ketamine").split()[0]
    # No window manager here: the app must have sized itself to the whole screen.
    geometry = xdotool(xvfb_display, "getwindowgeometry", window)
    assert "Geometry: 1920x1080" in geometry
    xdotool(xvfb_display, "windowfocus", "--sync", window)
    for keys, refused in (("alt+F4", "Alt+F4"), ("Escape", "Escape"), ("ctrl+q", "Ctrl+Q"),
                          ("ctrl+w", "Ctrl+W")):
        xdotool(xvfb_display, "key", keys)
        assert lines.wait_for("kiosk-refused") == f"kiosk-refused {refused}"
        assert proc.poll() is None, f"the kiosk exited after {keys}"
    assert proc.poll() is None


@pytest.mark.xvfb
def test_kiosk_maps_itself_again_after_another_client_unmaps_it(xvfb_display: str, kiosk) -> None:
    window = xdotool(xvfb_display, "search", "--sync", "--onlyvisible", "--name", "Ketamine").split()[0]
    xdotool(xvfb_display, "windowunmap", "--sync", window)
    wait_until_right(lambda: [] if viewable(xvfb_display, window) else ["unmapped"], timeout=2.0)
