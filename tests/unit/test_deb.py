"""The Debian package's inputs: AppStream metadata that validates and names this version,
one app id everywhere it is spelled, and every lintian override explained."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ketdesk import __version__

REPO = Path(__file__).resolve().parents[2]
METAINFO = REPO / "packaging" / "org.ketdesk.ketdesk.metainfo.xml"


def test_metainfo_names_this_version_the_desktop_file_and_a_content_rating() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == "org.ketdesk.ketdesk"
    assert next(r.get("version") for r in root.iter("release")) == __version__
    assert root.findtext("launchable") == "org.ketdesk.ketdesk.desktop"
    assert (REPO / "packaging" / "org.ketdesk.ketdesk.desktop").is_file()
    assert root.find("content_rating") is not None
    assert root.findtext("project_license") == "MIT"


def test_the_app_id_is_the_macos_bundle_id() -> None:
    assert 'bundle_identifier="org.ketdesk.ketdesk"' in (REPO / "build.spec").read_text()


def test_one_app_id_for_the_metainfo_the_desktop_entry_and_the_window(qapp_fonts) -> None:
    app_id = ET.parse(METAINFO).getroot().findtext("id")
    # Wayland's app id and X11's _GTK_APPLICATION_ID come from desktopFileName.
    assert qapp_fonts.desktopFileName() == app_id
    entries = sorted(p.name for p in (REPO / "packaging").glob("*.desktop"))
    assert entries == ["ketdesk-kiosk-session.desktop", f"{app_id}.desktop"]
    # Every script that installs or checks the menu entry names it by the id, not the old name.
    assert f"APP_ID={app_id}\n" in (REPO / "packaging" / "install.sh").read_text()
    for script in ("build-dist.sh", "build-deb.sh", "smoke_deb.sh", "smoke_frozen.py"):
        text = (REPO / "scripts" / script).read_text()
        assert f"{app_id}.desktop" in text, script
        assert re.search(r"(?<![\w.-])ketdesk\.desktop", text) is None, script


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_metainfo_validates() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    # Errors and warnings fail; infos (a newer tag this appstreamcli does not know) do not.
    assert not [line for line in result.stdout.splitlines() if line.startswith(("E:", "W:"))]


def test_every_lintian_override_says_why() -> None:
    lines = (REPO / "packaging" / "deb" / "lintian-overrides").read_text().splitlines()
    for number, line in enumerate(lines):
        if line.startswith("ketdesk: "):
            above = number - 1
            while above >= 0 and lines[above].startswith("ketdesk: "):  # one reason, several tags
                above -= 1
            assert above >= 0 and lines[above].startswith("# "), f"no reason above: {line}"
