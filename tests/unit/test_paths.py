"""ketdesk.paths: one resolver for resources, frozen (sys._MEIPASS) or from a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ketdesk import paths

REPO = Path(__file__).resolve().parents[2]


def test_checkout_resources_are_beside_the_package() -> None:
    assert paths.resources_root() == REPO / "resources"
    assert (paths.builtin_content_dir() / "meta.toml").is_file()
    assert paths.resource("icons/ketdesk.svg").is_file()


def test_frozen_build_resolves_under_meipass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # What PyInstaller 6 sets: the _internal folder of a onedir build.
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert paths.resources_root() == tmp_path / "_internal" / "resources"
    assert paths.resource("fonts/OFL.txt") == tmp_path / "_internal" / "resources" / "fonts" / "OFL.txt"
    assert paths.builtin_content_dir("es") == tmp_path / "_internal" / "resources" / "content" / "es"


def test_resolution_ignores_the_current_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert paths.resource("content/en/meta.toml").is_file()


@pytest.mark.parametrize("bad", ["/etc/passwd", "../secrets", "content/../../x", "", "."])
def test_resource_refuses_paths_outside_resources(bad: str) -> None:
    with pytest.raises(ValueError, match="relative and inside resources"):
        paths.resource(bad)


def test_user_dirs_follow_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("KETDESK_LOG_DIR", str(tmp_path / "l"))
    assert paths.user_config_dir() == tmp_path / "c"
    assert paths.log_file() == tmp_path / "l" / "ketdesk.log"


@pytest.mark.skipif(sys.platform != "linux", reason="XDG locations are the Linux layout")
def test_user_dirs_follow_xdg_on_linux(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KETDESK_CONFIG_DIR", raising=False)
    monkeypatch.delenv("KETDESK_LOG_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert paths.user_config_dir() == tmp_path / "cfg" / "ketdesk"
    assert paths.user_log_dir() == tmp_path / "state" / "ketdesk"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.user_log_dir() == tmp_path / ".local" / "state" / "ketdesk"


def test_notices_sit_at_the_top_of_a_built_app_folder(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    assert paths.notices_file() is None  # a source checkout has none
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "ketdesk" / "ketdesk"))
    assert paths.notices_file() == tmp_path / "ketdesk" / "THIRD-PARTY-NOTICES.txt"


def test_settings_file_follows_the_config_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from ketdesk import settings

    monkeypatch.setenv("KETDESK_CONFIG_DIR", str(tmp_path))
    assert paths.settings_file() == settings.settings_file() == tmp_path / "settings.ini"
