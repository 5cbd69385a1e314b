"""packaging/install.sh on a stand-in of the unpacked archive: install, update, uninstall.

The real frozen app is installed by scripts/smoke_frozen.py after `make dist`; here a small
shell script plays the app, so these run in a second with the rest of the suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def unpacked(tmp_path: Path) -> Path:
    """The archive's layout, with a fake app that answers --version."""
    top = tmp_path / "ketdesk-9.9.9"
    app = top / "ketdesk"
    (app / "_internal" / "resources").mkdir(parents=True)
    exe = app / "ketdesk"
    exe.write_text("#!/bin/sh\necho ketdesk 9.9.9\n")
    exe.chmod(0o755)
    (app / "_internal" / "resources" / "meta.toml").write_text("x = 1\n")
    (app / "_internal" / "libQt6Core.so.6").symlink_to("resources/meta.toml")
    shutil.copy(REPO / "packaging" / "install.sh", top / "install.sh")
    shutil.copy(REPO / "packaging" / "hostcheck.sh", top / "hostcheck.sh")
    shutil.copy(REPO / "packaging" / "org.ketdesk.ketdesk.desktop", top / "org.ketdesk.ketdesk.desktop")
    for size in (48, 256):
        icon = top / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "ketdesk.png"
        icon.parent.mkdir(parents=True)
        shutil.copy(REPO / "resources" / "icons" / f"ketdesk-{size}.png", icon)
    return top


def run(script: Path, *args: str, env: dict[str, str] | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    environ = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/nonexistent"), **(env or {})}
    return subprocess.run(["bash", str(script), *args], env=environ, capture_output=True, text=True,
                          timeout=60, check=check)


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_install_into_prefix_then_uninstall_leaves_nothing(unpacked: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "pre fix"  # a space, as in "/home/Front Desk"
    prefix.mkdir()
    run(unpacked / "install.sh", env={"PREFIX": str(prefix)})

    app_dir = prefix / "lib" / "ketdesk"
    launcher = prefix / "bin" / "ketdesk"
    # The launcher runs the host check, then the app with its arguments.
    assert f'"{app_dir}/hostcheck.sh" --run "{app_dir}/ketdesk"' in launcher.read_text()
    version = subprocess.run([str(launcher)], capture_output=True, text=True, check=True).stdout
    assert version.strip() == "ketdesk 9.9.9"
    entry = (prefix / "share" / "applications" / "org.ketdesk.ketdesk.desktop").read_text("utf-8")
    assert f'Exec="{app_dir}/ketdesk"' in entry
    assert f"TryExec={app_dir}/ketdesk" in entry
    assert "@EXEC@" not in entry
    assert (prefix / "share/icons/hicolor/256x256/apps/ketdesk.png").is_file()
    assert (app_dir / "_internal" / "libQt6Core.so.6").is_symlink()  # links copied as links
    assert (app_dir / "install.sh").is_file()  # kept for --uninstall after the download is gone
    manifest = (app_dir / ".install-manifest").read_text("utf-8").splitlines()
    assert f"f {launcher}" in manifest
    assert f"f {app_dir}/hostcheck.sh" in manifest
    assert f"d {prefix / 'share' / 'applications'}" in manifest

    # The copy kept in the app folder removes its own install, with no PREFIX to repeat.
    result = run(app_dir / "install.sh", "--uninstall")
    assert f"removed from {app_dir}" in result.stdout
    assert tree(prefix) == []


def test_second_install_replaces_the_first(unpacked: Path, tmp_path: Path) -> None:
    env = {"PREFIX": str(tmp_path / "p")}
    run(unpacked / "install.sh", env=env)
    (unpacked / "ketdesk" / "_internal" / "resources" / "meta.toml").unlink()  # gone in the update
    result = run(unpacked / "install.sh", env=env)
    assert "Replacing" in result.stdout
    assert not (tmp_path / "p/lib/ketdesk/_internal/resources/meta.toml").exists()
    run(unpacked / "install.sh", "--uninstall", env=env)
    assert tree(tmp_path / "p") == []


def test_uninstall_keeps_files_it_did_not_install(unpacked: Path, tmp_path: Path) -> None:
    env = {"PREFIX": str(tmp_path / "p")}
    run(unpacked / "install.sh", env=env)
    own = tmp_path / "p" / "share" / "applications" / "clinic-notes.desktop"
    own.write_text("[Desktop Entry]\n")
    result = run(unpacked / "install.sh", "--uninstall", env=env)
    assert "kept" in result.stderr
    assert tree(tmp_path / "p") == ["share", "share/applications", "share/applications/clinic-notes.desktop"]


def test_refuses_to_overwrite_what_it_did_not_install(unpacked: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "p"
    foreign = prefix / "share" / "applications" / "org.ketdesk.ketdesk.desktop"
    foreign.parent.mkdir(parents=True)
    foreign.write_text("someone else's\n")
    result = run(unpacked / "install.sh", env={"PREFIX": str(prefix)}, check=False)
    assert result.returncode != 0
    assert "already exists" in result.stderr
    assert foreign.read_text() == "someone else's\n"
    # Rolled back: only what was there before remains.
    assert tree(prefix) == ["share", "share/applications", "share/applications/org.ketdesk.ketdesk.desktop"]


def test_refuses_a_foreign_app_folder(unpacked: Path, tmp_path: Path) -> None:
    app_dir = tmp_path / "p" / "lib" / "ketdesk"
    app_dir.mkdir(parents=True)
    (app_dir / "old.txt").write_text("not ours\n")
    result = run(unpacked / "install.sh", env={"PREFIX": str(tmp_path / "p")}, check=False)
    assert result.returncode != 0
    assert "did not install" in result.stderr
    assert tree(tmp_path / "p") == ["lib", "lib/ketdesk", "lib/ketdesk/old.txt"]


def test_uninstall_without_an_install_fails_clearly(unpacked: Path, tmp_path: Path) -> None:
    result = run(unpacked / "install.sh", "--uninstall", env={"PREFIX": str(tmp_path)}, check=False)
    assert result.returncode == 1
    assert "not installed" in result.stderr


def test_default_locations(unpacked: Path, tmp_path: Path) -> None:
    user = run(unpacked / "install.sh", "--user", "--print-paths", env={"HOME": str(tmp_path)}).stdout
    assert f"app:     {tmp_path}/.local/lib/ketdesk" in user
    assert f"menu:    {tmp_path}/.local/share/applications/org.ketdesk.ketdesk.desktop" in user
    default = run(unpacked / "install.sh", "--print-paths", env={"HOME": str(tmp_path)}).stdout
    if os.geteuid() == 0:
        assert "app:     /opt/ketdesk" in default
        # /usr/share is the package manager's; desktops read /usr/local/share too.
        assert "menu:    /usr/local/share/applications/org.ketdesk.ketdesk.desktop" in default
    else:
        assert default == user


def test_unknown_option_is_refused(unpacked: Path) -> None:
    result = run(unpacked / "install.sh", "--frobnicate", check=False)
    assert result.returncode == 1
    assert "unknown option" in result.stderr


def test_help_is_the_header_and_nothing_else(unpacked: Path) -> None:
    out = run(unpacked / "install.sh", "--help").stdout
    assert out.startswith("Install or remove ketdesk")
    assert out.rstrip().endswith("It refuses to write over files it did not create.")
    assert "set -e" not in out and "#" not in out


def test_a_system_that_fails_the_host_check_gets_nothing_written(unpacked: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "p"
    env = {"PREFIX": str(prefix), "HOSTCHECK_GLIBC": "2.31"}
    result = run(unpacked / "install.sh", env=env, check=False)
    assert result.returncode == 1
    assert "this system has glibc 2.31; ketdesk needs 2.35 or newer" in result.stderr
    assert "nothing was installed" in result.stderr
    assert not prefix.exists()
    run(unpacked / "install.sh", "--no-check", env=env)  # the staff's explicit override
    assert (prefix / "lib/ketdesk/ketdesk").is_file()


def test_destdir_stages_with_the_final_paths_inside(unpacked: Path, tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    before = Path("/opt/ketdesk").exists()
    result = run(unpacked / "install.sh", env={"DESTDIR": str(stage) + "/"})
    assert "staged under" in result.stdout
    assert Path("/opt/ketdesk").exists() == before  # nothing written outside DESTDIR
    app_dir = stage / "opt/ketdesk"
    assert (app_dir / "ketdesk").is_file()
    entry = (stage / "usr/local/share/applications/org.ketdesk.ketdesk.desktop").read_text("utf-8")
    assert 'Exec="/opt/ketdesk/ketdesk"' in entry
    launcher = (stage / "usr/local/bin/ketdesk").read_text()
    assert '"/opt/ketdesk/hostcheck.sh" --run "/opt/ketdesk/ketdesk"' in launcher
    manifest = (app_dir / ".install-manifest").read_text("utf-8")
    assert str(stage) not in manifest  # final paths, for --uninstall on the target
    assert "f /usr/local/bin/ketdesk" in manifest.splitlines()
    assert "d /usr/local/share/applications" not in manifest  # the target's, not ketdesk's
    run(unpacked / "install.sh", "--uninstall", env={"DESTDIR": str(stage)})
    assert not app_dir.exists()
    assert [p for p in stage.rglob("*") if p.is_file()] == []


def test_prefix_install_tells_the_truth_about_the_menu(unpacked: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "p"
    out = run(unpacked / "install.sh", env={"PREFIX": str(prefix)}).stdout
    assert f"where desktops do not look unless {prefix}/share is on XDG_DATA_DIRS" in out
    assert "the menu entry works anyway" not in out
    run(unpacked / "install.sh", "--uninstall", env={"PREFIX": str(prefix)})
    shared = {"PREFIX": str(prefix), "XDG_DATA_DIRS": f"{prefix}/share:/usr/share"}
    out = run(unpacked / "install.sh", env=shared).stdout
    assert 'Start it from the menu ("Ketamine Infusion Treatment")' in out


def test_uninstall_removes_a_kiosk_autostart_that_started_it(unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}  # no systemctl --user to reach here
    run(unpacked / "install.sh", "--user", env=env)
    exe = home / ".local/lib/ketdesk/ketdesk"
    config = home / ".config"
    desktop = config / "autostart" / "ketdesk-kiosk.desktop"
    desktop.parent.mkdir(parents=True)
    desktop.write_text(f"[Desktop Entry]\nType=Application\nExec={exe} --kiosk\n")
    unit = config / "systemd" / "user" / "ketdesk-kiosk.service"
    unit.parent.mkdir(parents=True)
    unit.write_text(f"[Service]\nExecStart={exe} --kiosk\n")
    wants = config / "systemd" / "user" / "graphical-session.target.wants" / unit.name
    wants.parent.mkdir()
    wants.symlink_to(unit)
    # Not ours to touch: another program, and a ketdesk elsewhere that still exists.
    other = config / "autostart" / "notes.desktop"
    other.write_text("[Desktop Entry]\nExec=/usr/bin/notes\n")
    elsewhere = config / "autostart" / "ketdesk-lobby.desktop"
    elsewhere.write_text(f"[Desktop Entry]\nExec={unpacked}/ketdesk/ketdesk --kiosk\n")

    result = run(home / ".local/lib/ketdesk/install.sh", "--uninstall", env=env)
    assert f"Removed the kiosk autostart {desktop}: it started {exe}, which is gone now" in result.stdout
    assert f"Removed the kiosk autostart {unit}" in result.stdout
    assert not desktop.exists() and not unit.exists() and not wants.is_symlink()
    assert other.exists() and elsewhere.exists()


def test_an_update_keeps_the_kiosk_autostart(unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    run(unpacked / "install.sh", "--user", env=env)
    desktop = home / ".config/autostart/ketdesk-kiosk.desktop"
    desktop.parent.mkdir(parents=True)
    desktop.write_text(f"[Desktop Entry]\nExec={home}/.local/lib/ketdesk/ketdesk --kiosk\n")
    result = run(unpacked / "install.sh", "--user", env=env)  # the same path again
    assert "Replacing" in result.stdout and "Removed the kiosk autostart" not in result.stdout
    assert desktop.exists()


def install_before_the_app_id(unpacked: Path, prefix: Path, *, listed: bool = True) -> tuple[Path, Path]:
    """(app folder, menu entry) of an install as an earlier install.sh made it: the same files
    but ketdesk.desktop, listed in its manifest (or, with ``listed=False``, lost from it)."""
    run(unpacked / "install.sh", env={"PREFIX": str(prefix)})
    apps, app_dir = prefix / "share" / "applications", prefix / "lib" / "ketdesk"
    old = apps / "ketdesk.desktop"
    (apps / "org.ketdesk.ketdesk.desktop").rename(old)
    manifest = app_dir / ".install-manifest"
    manifest.write_text(manifest.read_text("utf-8").replace(
        f"f {apps}/org.ketdesk.ketdesk.desktop\n", f"f {old}\n" if listed else ""), "utf-8")
    return app_dir, old


def test_an_update_replaces_the_menu_entry_of_an_install_before_the_app_id(
        unpacked: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "p"
    app_dir, old = install_before_the_app_id(unpacked, prefix)
    run(unpacked / "install.sh", env={"PREFIX": str(prefix)})  # the update
    assert sorted(p.name for p in old.parent.iterdir()) == ["org.ketdesk.ketdesk.desktop"]
    run(app_dir / "install.sh", "--uninstall")
    assert tree(prefix) == []


def test_uninstall_removes_an_old_menu_entry_its_manifest_does_not_list(
        unpacked: Path, tmp_path: Path) -> None:
    app_dir, old = install_before_the_app_id(unpacked, tmp_path / "p", listed=False)
    result = run(app_dir / "install.sh", "--uninstall")  # only its Exec says whose it is
    assert f"Removed the old menu entry {old} (now org.ketdesk.ketdesk.desktop)" in result.stdout
    assert tree(tmp_path / "p") == []


def test_uninstall_keeps_a_ketdesk_desktop_that_starts_another_program(
        unpacked: Path, tmp_path: Path) -> None:
    app_dir, old = install_before_the_app_id(unpacked, tmp_path / "p", listed=False)
    old.write_text('[Desktop Entry]\nExec="/opt/other/ketdesk"\n')
    result = run(app_dir / "install.sh", "--uninstall")
    assert "old menu entry" not in result.stdout
    assert old.read_text() == '[Desktop Entry]\nExec="/opt/other/ketdesk"\n'
