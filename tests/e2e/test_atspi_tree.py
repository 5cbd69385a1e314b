"""The real app as a screen reader meets it: under Xvfb, a private D-Bus session and the
AT-SPI bus, its accessibility tree read with pyatspi (``atspi_walk.py``, run by the system
python3, which has Debian's python3-pyatspi; the venv does not).

Asserted: no control without a name; the topics are a page tab list of page tabs, one
selected, and the Risks tab's default action selects it; as many source chips as the
paragraphs say ("Sources: 3, 5"); a chip opens a dialog named by the source; the content
reports the locale of its language; and, in a second walk of ``ketdesk --kiosk`` with the
staff keys pressed (xdotool), the PIN pad is a dialog whose entry is a password field.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ketdesk.content.registry import PANEL_IDS

REPO = Path(__file__).resolve().parents[2]
WALKER = Path(__file__).with_name("atspi_walk.py")
LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = "/usr/bin/python3"
CONTROLS = {"push button", "page tab", "radio button", "check box", "toggle button", "link",
            "entry", "password text", "slider", "combo box", "spin button"}


def _why_not() -> str:
    if shutil.which("dbus-run-session") is None:
        return "dbus-run-session is missing (Debian: dbus); scripts/system-deps.sh test installs it"
    if not LAUNCHER.exists():
        return f"{LAUNCHER} is missing (Debian: at-spi2-core); scripts/system-deps.sh test installs it"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
    if probe.returncode != 0:
        return "the system python3 has no pyatspi (Debian: python3-pyatspi); scripts/system-deps.sh test"
    return ""


def _walk(env: dict[str, str], *app_args: str) -> dict[str, Any]:
    """Run the app under the walker on a private D-Bus session; the tree it read."""
    env = {**env}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # a private session, never the desktop's
    command = ["dbus-run-session", "--", SYSTEM_PYTHON, str(WALKER), str(LAUNCHER), "--",
               sys.executable, "-m", "ketdesk", *app_args]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=240, check=False)
    if result.returncode != 0 and "org.a11y.Bus" in result.stderr:
        pytest.skip(f"the AT-SPI bus could not start: {result.stderr[-300:]}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    line = [out for out in result.stdout.splitlines() if out.startswith("{")][-1]
    found: dict[str, Any] = json.loads(line)
    return found


@pytest.fixture(scope="module")
def tree(xvfb_display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb",
           "KETDESK_LOG_DIR": str(tmp_path_factory.mktemp("log"))}
    return _walk(env, "--size", "1280x800")


@pytest.fixture(scope="module")
def kiosk_tree(xvfb_display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    reason = _why_not() or ("" if shutil.which("xdotool") else "xdotool is missing")
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("kiosk")
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb",
           "KETDESK_CONFIG_DIR": str(folder), "KETDESK_LOG_DIR": str(folder),
           "XDG_RUNTIME_DIR": str(folder), "KETDESK_KEEPER": "0", "ATSPI_WALK_KIOSK": "1"}
    set_pin = subprocess.run([sys.executable, "-m", "ketdesk", "--set-pin"], cwd=REPO, env=env,
                             input="246813\n246813\n", capture_output=True, text=True,
                             timeout=120, check=False)
    assert set_pin.returncode == 0, set_pin.stderr
    return _walk(env, "--kiosk")


@pytest.mark.xvfb
def test_the_pin_pad_is_a_dialog_with_a_password_field(kiosk_tree: dict[str, Any]) -> None:
    nodes = kiosk_tree["pin"]
    assert any(n["role"] == "dialog" and n["name"].strip() for n in nodes)
    assert [n for n in nodes if n["role"] == "password text"], [n["role"] for n in nodes]
    # Its digits are not readable as text: no plain entry or label holds the PIN.
    assert not [n for n in nodes if n["role"] == "entry"]


@pytest.mark.xvfb
def test_every_control_has_a_name(tree: dict[str, Any]) -> None:
    for state in ("start", "risks", "sheet", "spanish"):
        unnamed = [n["role"] for n in tree[state] if n["role"] in CONTROLS and not n["name"].strip()]
        assert not unnamed, (state, unnamed)


@pytest.mark.xvfb
def test_topics_are_a_page_tab_list_with_one_tab_selected(tree: dict[str, Any]) -> None:
    for state, selected in (("start", "Overview"), ("risks", "Risks")):
        nodes = tree[state]
        assert any(n["role"] == "page tab list" and n["name"] == "Topics" for n in nodes)
        tabs = [n for n in nodes if n["role"] == "page tab"]
        assert len(tabs) == len(PANEL_IDS)
        assert [t["name"] for t in tabs if "selected" in t["states"]] == [selected]
        assert [t["index"] for t in tabs] == list(range(len(PANEL_IDS)))  # "tab 2 of 7"
        assert all("press" in t["actions"] or "Press" in t["actions"] for t in tabs)
    assert any(n["role"] == "radio button" and n["name"] == "Español" for n in tree["start"])


def _said_numbers(nodes: list[dict[str, Any]], word: str) -> int:
    count = 0
    for node in nodes:
        found = re.search(rf"{word}: ([\d, ]+)$", node["name"]) if node["role"] == "label" else None
        if found:
            count += len(found.group(1).split(","))
    return count


@pytest.mark.xvfb
def test_as_many_source_chips_as_the_paragraphs_say(tree: dict[str, Any]) -> None:
    for state in ("start", "risks"):
        chips = [n for n in tree[state] if n["role"] == "push button" and n["name"].startswith("Source ")]
        assert chips, state
        assert all(re.fullmatch(r"Source \d+: .+, \d{4}", c["name"]) for c in chips)
        assert len(chips) == _said_numbers(tree[state], "Sources"), state


@pytest.mark.xvfb
def test_a_chip_opens_a_dialog_named_by_its_source(tree: dict[str, Any]) -> None:
    number = tree["chip"].split(":")[0]  # "Source 8"
    dialogs = [n for n in tree["sheet"] if n["role"] == "dialog"]
    assert [d["name"] for d in dialogs] == [number]
    assert not [n for n in tree["risks"] if n["role"] == "dialog"]


@pytest.mark.xvfb
def test_the_content_reports_the_locale_of_its_language(tree: dict[str, Any]) -> None:
    assert {n["locale"] for n in tree["start"]} == {"en_US"}
    # The panel's words are made anew in Spanish; AT-SPI clients cache an object's
    # locale, so the page's words (not the frame made before the switch) are what counts.
    words = [n for n in tree["spanish"] if n["role"] in ("label", "heading") and n["name"]]
    spanish = [n for n in words if n["locale"].startswith("es")]
    assert len(spanish) > len(words) // 2, sorted({n["locale"] for n in words})
