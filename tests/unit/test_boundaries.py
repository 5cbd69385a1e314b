"""The layers' import boundaries, read from the source with ``ast`` (ARCHITECTURE.md).

Every import statement counts: at the top of a module, inside a function (the lazy imports
that keep start-up fast) and under ``TYPE_CHECKING``. The rules:

1. ``ketdesk/content`` knows no Qt and nothing of the UI, the kiosk or the disk layer, so
   content can be checked without a display.
2. A panel subpackage ``ketdesk/ui/panels/<id>/`` imports only the kit (``ketdesk.ui``
   outside ``panels``, bar the window), its own subpackage, ``ketdesk.ui.panels.base``,
   ``ketdesk.content`` and the bundled font's name: never another panel, never the kiosk.
3. ``ketdesk/ui/main_window.py`` reads no files: the content comes in as a pack and a loader.
4. ``ketdesk/kiosk`` never imports a panel: it resets the window through
   ``MainWindow.reset_for_next_visitor()``, which uses the ``Panel`` hooks.
5. No import circles between ketdesk's modules, lazy ones included (``app`` and
   ``selftest`` share ``startup`` instead of importing each other).

Each rule is also run on a planted bad import, so a rule that stopped matching anything
fails here instead of passing quietly.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ketdesk.content.registry import PANELS, TEXT_VIEW

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ketdesk"
PANELS_PACKAGE = "ketdesk.ui.panels"


@dataclass(frozen=True)
class Import:
    """One module an import statement loads, and the names it takes from it."""

    module: str
    names: tuple[str, ...] = ()
    line: int = 0


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_ketdesk_module(name: str) -> bool:
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _absolute(module: str, is_package: bool, level: int, target: str | None) -> str:
    """``from ..x import y`` seen from ``module``, as an absolute module name."""
    if level == 0:
        return target or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    parts = parts[: len(parts) - (level - 1)]
    return ".".join([*parts, target] if target else parts)


def imports_of(module: str, source: str, *, is_package: bool = False) -> list[Import]:
    """The modules ``source`` imports. ``from pkg import sub`` counts as importing
    ``pkg.sub`` when that is a module of ketdesk, so ``from ketdesk.ui.panels import
    mechanism`` is caught as importing the mechanism panel."""
    found: list[Import] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, (), node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node.level, node.module)
            names = tuple(alias.name for alias in node.names)
            submodules = [n for n in names if is_ketdesk_module(f"{base}.{n}")]
            found.extend(Import(f"{base}.{n}", (), node.lineno) for n in submodules)
            rest = tuple(n for n in names if n not in submodules)
            if rest or not submodules:
                found.append(Import(base, rest, node.lineno))
    return found


def package_imports() -> dict[str, list[Import]]:
    return {module_name(path): imports_of(module_name(path), path.read_text("utf-8"),
                                          is_package=path.name == "__init__.py")
            for path in sorted(PACKAGE.rglob("*.py"))}


def within(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def panel_of(module: str) -> str | None:
    """The panel subpackage a module belongs to (``ketdesk.ui.panels.timeline``), if any."""
    parts = module.split(".")
    if len(parts) < 4 or not within(module, PANELS_PACKAGE):
        return None
    package = ".".join(parts[:4])
    return package if (ROOT.joinpath(*parts[:4]) / "__init__.py").is_file() else None


# --- the rules: each says why an import is not allowed, or None --------------------------------
def content_rule(imp: Import) -> str | None:
    if within(imp.module, "PySide6", "shiboken6", "pyqtgraph"):
        return "the content model imports no Qt"
    if within(imp.module, "ketdesk.ui", "ketdesk.kiosk", "ketdesk.content_source"):
        return "the content model knows nothing of the UI, the kiosk or the disk layer"
    return None


# Outside ketdesk.ui, a panel may use only the bundled font's family name.
PANEL_MAY_ALSO_USE = ("ketdesk.content", "ketdesk.fonts", f"{PANELS_PACKAGE}.base")
NOT_KIT = (PANELS_PACKAGE, "ketdesk.ui.main_window", "ketdesk.ui.header_tools")


def panel_rule(module: str) -> Callable[[Import], str | None]:
    own = panel_of(module)

    def check(imp: Import) -> str | None:
        name = imp.module
        if not within(name, "ketdesk"):
            return None  # Qt, pyqtgraph, numpy, the standard library
        if own is not None and within(name, own):
            return None
        if within(name, *PANEL_MAY_ALSO_USE):
            return None
        if within(name, "ketdesk.ui") and not within(name, *NOT_KIT):
            return None  # the kit
        if panel_of(name) is not None:
            return f"a panel never imports another panel ({panel_of(name)}): share it in the kit"
        return "a panel imports only the kit, its own subpackage, panels.base and the content"
    return check


# What the window must not use: the disk layer, settings, the pack loader, file APIs.
WINDOW_READS_NO_FILES = ("ketdesk.content_source", "ketdesk.paths", "ketdesk.settings",
                         "ketdesk.content.loader", "ketdesk.content.toml_lines", "ketdesk.fonts",
                         "tomllib", "configparser", "pathlib", "os", "io", "glob", "shutil", "json")
QT_FILE_CLASSES = {"QFile", "QSaveFile", "QDir", "QFileInfo", "QSettings", "QDirIterator"}


def window_rule(imp: Import) -> str | None:
    if imp.module == "ketdesk.content":
        return "the window takes a ContentPack; ketdesk.content's package exports the loader"
    if within(imp.module, *WINDOW_READS_NO_FILES):
        return "the window reads no files: it is given a pack and a pack loader"
    if within(imp.module, "PySide6") and QT_FILE_CLASSES & set(imp.names):
        return "the window reads no files (Qt file classes)"
    if imp.module == "ketdesk.choices" and "installed_languages" in imp.names:
        return "the window is given the languages on offer (listing them reads a folder)"
    return None


def kiosk_rule(imp: Import) -> str | None:
    if within(imp.module, PANELS_PACKAGE) and imp.module != f"{PANELS_PACKAGE}.base":
        return "the kiosk uses MainWindow.reset_for_next_visitor() and the Panel hooks, no panel"
    return None


@dataclass(frozen=True)
class Rule:
    name: str
    applies: Callable[[str], bool]
    check: Callable[[str], Callable[[Import], str | None]]
    # A module it applies to, with an import it must reject and one it must allow.
    planted: tuple[str, str, str]


RULES = (
    Rule("content imports no Qt, ui, kiosk or content_source",
         lambda m: within(m, "ketdesk.content"), lambda m: content_rule,
         ("ketdesk.content.loader",
          "def load():\n    from PySide6.QtCore import QFile\n",
          "import tomllib\nfrom ketdesk.content.schema.core import Block\n")),
    Rule("a panel imports the kit, its own subpackage, base and content only",
         lambda m: panel_of(m) is not None, panel_rule,
         ("ketdesk.ui.panels.timeline.layout",
          "from ketdesk.ui.panels.mechanism import placement\n",
          "from ketdesk.ui import geometry\nfrom ketdesk.ui.panels.timeline import words\n")),
    Rule("the main window reads no files",
         lambda m: m == "ketdesk.ui.main_window", lambda m: window_rule,
         ("ketdesk.ui.main_window",
          "def pack():\n    from ketdesk.content_source import builtin_pack\n",
          "from ketdesk.content.schema.pack import ContentPack\n")),
    Rule("the kiosk imports no panel",
         lambda m: within(m, "ketdesk.kiosk"), lambda m: kiosk_rule,
         ("ketdesk.kiosk.idle",
          "from ketdesk.ui.panels.timeline.view import TimelinePanel\n",
          "from ketdesk.ui.main_window import MainWindow\n")),
)


def violations(rule: Rule, graph: dict[str, list[Import]]) -> list[str]:
    return [f"{module}:{imp.line} imports {imp.module}: {reason}"
            for module, found in graph.items() if rule.applies(module)
            for imp in found if (reason := rule.check(module)(imp)) is not None]


@pytest.fixture(scope="module")
def graph() -> dict[str, list[Import]]:
    return package_imports()  # parsed once: about a second for the whole package


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_rule_holds_for_every_module(rule: Rule, graph: dict[str, list[Import]]) -> None:
    assert any(rule.applies(module) for module in graph), "the rule applies to no module"
    assert violations(rule, graph) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_rule_rejects_a_planted_bad_import(rule: Rule) -> None:
    module, bad, fine = rule.planted
    assert rule.applies(module)
    assert len(violations(rule, {module: imports_of(module, bad)})) == 1
    assert violations(rule, {module: imports_of(module, fine)}) == []


def import_circle(graph: dict[str, list[Import]]) -> list[str]:
    """One circle of modules that import each other (first module repeated at the end), or []."""
    edges = {m: sorted({i.module for i in found if i.module in graph and i.module != m})
             for m, found in graph.items()}
    done: set[str] = set()

    def walk(module: str, path: list[str]) -> list[str]:
        if module in path:
            return [*path[path.index(module):], module]
        if module in done:
            return []
        for target in edges[module]:
            if circle := walk(target, [*path, module]):
                return circle
        done.add(module)
        return []

    for module in edges:
        if circle := walk(module, []):
            return circle
    return []


def test_no_import_circles(graph: dict[str, list[Import]]) -> None:
    assert import_circle(graph) == []
    planted = {"ketdesk.app": imports_of("ketdesk.app", "def f():\n    import ketdesk.selftest\n"),
               "ketdesk.selftest": imports_of("ketdesk.selftest", "from ketdesk.app import build_window\n")}
    assert import_circle(planted) == ["ketdesk.app", "ketdesk.selftest", "ketdesk.app"]


def test_from_package_import_submodule_counts_as_importing_the_submodule() -> None:
    found = imports_of("ketdesk.kiosk.idle", "from ketdesk.ui.panels import mechanism, Panel\n")
    assert {imp.module for imp in found} == {f"{PANELS_PACKAGE}.mechanism", PANELS_PACKAGE}
    relative = imports_of("ketdesk.ui.panels.timeline.chart", "from .key import ChartKey\n")
    assert [imp.module for imp in relative] == [f"{PANELS_PACKAGE}.timeline.key"]


def test_each_panel_view_lives_in_its_own_subpackage() -> None:
    """One panel, one folder; a package (``__init__.py``) so PyInstaller's
    collect_submodules finds the view that the app imports by name."""
    for spec in PANELS:
        if spec.view == TEXT_VIEW:
            continue
        module = spec.view.partition(":")[0]
        assert panel_of(module) == f"{PANELS_PACKAGE}.{spec.id}", spec.view
        assert is_ketdesk_module(module), spec.view


def test_panel_packages_import_nothing_on_their_own() -> None:
    """A panel's ``__init__.py`` is its docstring only, so importing one helper module
    (a test, another helper) does not import the whole view."""
    for init in sorted((PACKAGE / "ui" / "panels").glob("*/__init__.py")):
        body = ast.parse(init.read_text("utf-8")).body
        assert len(body) == 1 and isinstance(body[0], ast.Expr), init
        assert isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str), init
