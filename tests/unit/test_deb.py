"""The Debian package's inputs: AppStream metadata that validates and names this version,
one app id everywhere it is spelled, and every lintian override explained."""

from __future__ import annotations

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
    assert root.findtext("launchable") == "ketdesk.desktop"
    assert (REPO / "packaging" / "ketdesk.desktop").is_file()
    assert root.find("content_rating") is not None
    assert root.findtext("project_license") == "MIT"


def test_the_app_id_is_the_macos_bundle_id() -> None:
    assert 'bundle_identifier="org.ketdesk.ketdesk"' in (REPO / "build.spec").read_text()


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
