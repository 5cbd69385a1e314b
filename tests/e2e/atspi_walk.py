"""Read the real app's accessibility tree over AT-SPI, as Orca would (run by the system python3).

Run inside a private D-Bus session (``dbus-run-session``): starts the AT-SPI bus, then the
app (the command after ``--``), waits for it in the tree, and prints one JSON object: the
tree on the first panel, after pressing the "Risks" tab through its default action, after
opening a source chip's citation, and after pressing the Spanish radio button. The venv
has no pyatspi (it comes with Debian's python3-pyatspi), hence a script of its own.

Usage: python3 atspi_walk.py BUS_LAUNCHER -- APP_COMMAND...
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

import pyatspi

TIMEOUT = 60.0


def wait_for(what: str, check: Any, timeout: float = TIMEOUT) -> Any:
    """Poll ``check`` until it returns something truthy (the bus has no event to wait on here)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise SystemExit(f"atspi_walk: timed out waiting for {what}")


def find_app() -> Any:
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and "ketdesk" in (app.name or "").lower():
            return app
    return None


def states(node: Any) -> list[str]:
    names = []
    state_set = node.getState()
    for state in ("showing", "visible", "focusable", "focused", "selected", "checked",
                  "selectable", "checkable", "editable", "read_only"):
        if state_set.contains(getattr(pyatspi, f"STATE_{state.upper()}")):
            names.append(state)
    return names


def walk(node: Any, depth: int = 0, out: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every showing node: role, name, states, locale, actions, depth, index in parent."""
    out = [] if out is None else out
    if node is None or depth > 40:
        return out
    try:
        showing = node.getState().contains(pyatspi.STATE_SHOWING) or depth < 2
    except Exception:  # a node that went away while walking
        return out
    if not showing:
        return out
    try:
        node.clear_cache()  # the locale is cached per object; a language switch changes it
        locale = node.get_object_locale()
    except Exception:
        locale = ""
    try:
        action = node.queryAction()
        actions = [action.getName(i) for i in range(action.nActions)]
    except NotImplementedError:
        actions = []
    out.append({"role": node.getRoleName(), "name": node.name or "", "states": states(node),
                "locale": locale, "actions": actions, "depth": depth,
                "index": node.getIndexInParent(), "siblings": node.parent.childCount if node.parent else 0})
    for index in range(node.childCount):
        walk(node.getChildAtIndex(index), depth + 1, out)
    return out


def find(app: Any, role: str, name: str) -> Any:
    def search(node: Any) -> Any:
        if node is None:
            return None
        if node.getRoleName() == role and (node.name or "") == name:
            return node
        for index in range(node.childCount):
            hit = search(node.getChildAtIndex(index))
            if hit is not None:
                return hit
        return None

    return search(app)


def press(node: Any) -> None:
    node.queryAction().doAction(0)


def main() -> None:
    launcher, sep, *app_cmd = sys.argv[1:]
    assert sep == "--"
    bus = subprocess.Popen([launcher, "--launch-immediately"])
    env = {**os.environ, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_ACCESSIBILITY": "1"}
    app_process = subprocess.Popen(app_cmd, env=env, stdout=subprocess.DEVNULL)
    result: dict[str, Any] = {}
    try:
        app = wait_for("the app in the accessibility tree", find_app)
        wait_for("the app's window", lambda: app.childCount > 0 and find(app, "page tab", "Risks"))
        if os.environ.get("ATSPI_WALK_KIOSK") == "1":
            # The kiosk's staff keys open the PIN pad (docs/kiosk.md), as staff press them.
            subprocess.run(["xdotool", "key", "ctrl+shift+alt+k"], check=True)
            wait_for("the PIN pad", lambda: next(
                (n for n in _all(app) if n.getRoleName() == "dialog"
                 and n.getState().contains(pyatspi.STATE_SHOWING)), None))
            result["pin"] = walk(app)
            return
        result["start"] = walk(app)
        press(find(app, "page tab", "Risks"))
        wait_for("Risks selected", lambda: "selected" in states(find(app, "page tab", "Risks")))
        result["risks"] = walk(app)
        chip = wait_for("a source chip", lambda: next(
            (n for n in _all(app) if n.getRoleName() == "push button" and (n.name or "").startswith("Source ")
             and n.getState().contains(pyatspi.STATE_SHOWING)), None))
        result["chip"] = chip.name
        press(chip)
        wait_for("the sheet", lambda: next((n for n in _all(app) if n.getRoleName() == "dialog"
                                            and n.getState().contains(pyatspi.STATE_SHOWING)), None))
        result["sheet"] = walk(app)
        back = next(n for n in _all(app) if n.getRoleName() == "push button" and n.name == "Back"
                    and n.getState().contains(pyatspi.STATE_SHOWING))
        press(back)
        press(find(app, "radio button", "Español"))
        wait_for("Spanish", lambda: find(app, "page tab", "Riesgos"))
        result["spanish"] = walk(app)
    finally:
        app_process.terminate()
        app_process.wait(timeout=20)
        bus.terminate()
        bus.wait(timeout=20)
        print(json.dumps(result))


def _all(node: Any) -> list[Any]:
    found = [node]
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is not None:
            found.extend(_all(child))
    return found


if __name__ == "__main__":
    main()
