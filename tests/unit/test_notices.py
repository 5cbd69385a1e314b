"""packaging/notices.py on small PyInstaller lists: every bundled file traced to a licence,
the Qt LGPL statement present, and a file of unknown origin failing the build."""

from __future__ import annotations

import importlib.util
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def load_notices() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ketdesk_notices", REPO / "packaging" / "notices.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


notices = load_notices()


def write_tocs(build_dir: Path, collect: list[tuple[str, str, str]]) -> None:
    build_dir.mkdir(parents=True, exist_ok=True)
    (build_dir / "COLLECT-00.toc").write_text(repr((collect,)))
    (build_dir / "PYZ-00.toc").write_text(repr((str(build_dir / "PYZ-00.pyz"), [])))


def installed_file(distribution: str, suffix: str) -> str:
    from importlib import metadata

    dist = metadata.distribution(distribution)
    for file in dist.files or []:
        if str(file).endswith(suffix):
            return str(dist.locate_file(file))
    raise AssertionError(f"{distribution} has no {suffix}")


def test_files_are_traced_to_their_distribution_python_and_ketdesk(tmp_path: Path) -> None:
    pyside = installed_file("PySide6_Essentials", "PySide6/__init__.py")
    stdlib = str(Path(sysconfig.get_paths()["stdlib"]) / "json" / "__init__.py")
    write_tocs(tmp_path, [
        ("PySide6/__init__.py", pyside, "DATA"),
        ("json/__init__.py", stdlib, "DATA"),
        ("resources/fonts/OFL.txt", str(REPO / "resources/fonts/OFL.txt"), "DATA"),
        ("ketdesk/app.py", str(REPO / "ketdesk/app.py"), "DATA"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),  # links carry no licence
    ])
    components, untraced = notices.trace(tmp_path)
    assert untraced == []
    assert components["PySide6_Essentials"].files == ["PySide6/__init__.py"]
    assert components["Python"].files == ["json/__init__.py"]
    assert components["ketdesk"].files == ["ketdesk/app.py"]
    assert "MIT License" in components["ketdesk"].texts[0][1]
    text = notices.render(components)
    assert "under the GNU Lesser General Public\nLicense version 3" in text
    assert "replace the files in _internal/PySide6/Qt/lib/" in text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text  # the full LGPL-3 text
    assert "Open Font License" in text or "OPEN FONT LICENSE" in text


def test_a_bundled_file_of_unknown_origin_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stray = tmp_path / "elsewhere" / "libmystery.so.1"
    stray.parent.mkdir()
    stray.write_bytes(b"\x7fELF")
    build_dir = tmp_path / "build"
    write_tocs(build_dir, [("libmystery.so.1", str(stray), "BINARY")])
    out = tmp_path / "NOTICES.txt"
    assert notices.main([str(build_dir), str(out)]) == 1
    assert "libmystery.so.1" in capsys.readouterr().err
    assert not out.exists()


def test_the_repository_has_the_mit_licence_pyproject_names() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["license"] == "MIT"
    assert (REPO / "LICENSE").read_text("utf-8").startswith("MIT License\n")
