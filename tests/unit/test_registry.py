"""The panels are declared once (ketdesk.content.registry); everything else follows it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ketdesk.cli import build_parser
from ketdesk.content import load_content
from ketdesk.content.registry import ALL_PANEL_IDS, FILE_TYPES, PANEL_IDS, PANELS, panel_spec, shortcut
from ketdesk.content.schema.core import PanelContent
from ketdesk.content.schema.timeline import TimelineContent

CONTENT = Path(__file__).resolve().parents[2] / "resources" / "content"


def test_the_pack_files_are_the_declared_panels_plus_meta_and_ui() -> None:
    assert set(FILE_TYPES) == {"meta.toml", "ui.toml", *(f"{pid}.toml" for pid in PANEL_IDS)}
    for spec in PANELS:
        if spec.optional:  # configured elsewhere (clinic.toml), never a file of the pack
            assert spec.file_name not in FILE_TYPES
            continue
        assert FILE_TYPES[spec.file_name] is spec.content
        assert issubclass(spec.content, PanelContent)
        assert spec.content.__name__.endswith("Content"), spec.content


def test_a_loaded_pack_holds_every_declared_panel_typed() -> None:
    result = load_content(CONTENT / "en")
    assert result.pack is not None
    assert list(result.pack.panels) == list(PANEL_IDS)
    for spec in PANELS:
        if spec.optional:
            assert spec.id not in result.pack.panel_ids  # absent settings: no panel at all
            continue
        assert isinstance(result.pack.panel(spec.id), spec.content)
        assert result.pack.content(spec.content) is result.pack.panel(spec.id)
    with pytest.raises(KeyError):
        result.pack.panel("nonesuch")


def test_a_pack_without_a_declared_panel_names_the_missing_file(tmp_path: Path) -> None:
    pack = tmp_path / "en"
    shutil.copytree(CONTENT / "en", pack)
    (pack / "timeline.toml").unlink()
    problems = load_content(pack).problems
    found = [(p.file.name, p.message.split(";")[0]) for p in problems]
    assert found == [("timeline.toml", "file is missing")]


def test_the_command_line_offers_exactly_the_declared_panels() -> None:
    panel_action = next(a for a in build_parser()._actions if a.dest == "panel")
    assert tuple(panel_action.choices or ()) == ALL_PANEL_IDS


def test_shortcuts_follow_the_declared_order() -> None:
    assert [shortcut(pid) for pid in PANEL_IDS] == [f"Ctrl+{n}" for n in range(1, len(PANEL_IDS) + 1)]
    assert panel_spec("timeline").content is TimelineContent
    with pytest.raises(KeyError):
        panel_spec("nonesuch")


def test_every_view_is_importable_and_named_by_the_registry(qapp) -> None:
    import importlib

    from ketdesk.ui.panels.base import Panel, declared_id

    for spec in PANELS:
        module, _, name = spec.view.partition(":")
        view = getattr(importlib.import_module(module), name)
        assert issubclass(view, Panel)
        if view.__name__ != "TextPanel":
            assert declared_id(view) == spec.id


def test_a_text_only_panel_needs_no_view_of_its_own(qtbot, pack) -> None:
    """The generic view shows any panel's title, lead and every block."""
    from ketdesk.ui.panels import PanelContext
    from ketdesk.ui.panels.text_panel import TextPanel

    panel = TextPanel(PanelContext(pack=pack), panel_id="risks")
    qtbot.addWidget(panel)
    content = pack.panel("risks")
    assert panel.panel_id == "risks"
    assert panel.title_label.text() == content.title
    assert content.blocks
    assert [c.objectName() for c in panel._cards] == [f"block-{b.id}" for b in content.blocks]
