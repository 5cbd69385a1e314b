"""Smoke-test the frozen app and the archive that ``make dist`` built (run by CI after it).

    python3 scripts/smoke_frozen.py [--dist DIR]

Checks, each reported as one ``ok``/``FAIL`` line:
- the bundle takes from the system only glibc, the C++ runtime, what ``libgl1 libegl1``
  bring and the host libraries packaging/freeze.py leaves to the system (ldd on every
  bundled library);
- no bundled ELF file needs a glibc newer than the stated floor, and no host library is
  bundled again (scripts/elf_floor.py);
- no bundled ELF file keeps a RUNPATH/RPATH folder of the build machine (only $ORIGIN/...);
- ``--self-test`` passes offscreen, and on a real X display (Xvfb, started here);
- the window paints on that display (``KETDESK_EXIT_AFTER_FIRST_PAINT``);
- both pass with no network at all (``unshare -n``; needs root, else reported as skipped);
- with no system fonts visible (an empty fontconfig set-up) the bundled font still draws
  readable text: a ``--screenshot`` is read back with tesseract;
- a read-aloud build (``make dist READ_ALOUD=1``) says a sentence in each language through
  its bundled Qt Text to Speech, heard in a recorded null sink (scripts/smoke_speech.py);
- the archive carries LICENSE and THIRD-PARTY-NOTICES.txt (every bundled component, the
  LGPL statement for Qt), also in the app folder;
- the archive matches SHA256SUMS (and SHA256SUMS.asc verifies, if the build signed it),
  installs into a temporary prefix and into a temporary home (``--user``), the installed
  launcher starts, a second install replaces the first, and ``--uninstall`` leaves nothing
  behind.

Any stderr line the app prints that is not in ALLOWED_STDERR fails the check that printed it
(qutebrowser's release smoke test does the same): a new Qt warning is a packaging change to
look at, not noise. Standard library only, so any python3 runs it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts import elf_floor, release_sums, smoke_speech  # noqa: E402 - needs REPO on the path
from scripts.xdisplay import XvfbError, private_display  # noqa: E402 - needs REPO on the path

# Known harmless stderr lines, each with the reason it is harmless. None today: Qt's
# platform chatter ("This plugin does not support propagateSizeHints()") goes to the log
# through ketdesk/logs.py route_qt_messages, so seeing it here again is a failure.
ALLOWED_STDERR: list[tuple[str, str]] = []

# Libraries the frozen app may take from the system rather than bundle: glibc, the C++
# runtime (bundling it breaks Mesa, see packaging/freeze.py), and what `libgl1 libegl1` bring
# (the GL/EGL dispatch libraries, libxcb, libwayland-client). libwayland-cursor/-egl are
# needed only by the Wayland plugin, on Wayland desktops, which always have them.
SYSTEM_LIBS = re.compile(
    r"^(ld-linux-x86-64\.so\.2|lib(c|m|dl|pthread|rt|resolv|util)\.so\.\d|libstdc\+\+\.so\.6|libgcc_s\.so\.1"
    r"|lib(GL|GLX|GLdispatch|EGL|OpenGL)\.so\.\d|libxcb\.so\.1|libwayland-(client|cursor|egl)\.so\.\d)$")
# And the host libraries every desktop has, left to the system on purpose (issue #24).
FREEZE = elf_floor.load_freeze()
HOST_LIBS = set(elf_floor.never_bundled(FREEZE))

TIMEOUT = 180  # seconds for one run of the app; a hang is a failure, not a stuck CI


class SmokeError(Exception):
    pass


def unexpected_stderr(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if line.strip() and not any(re.search(pattern, line) for pattern, _why in ALLOWED_STDERR)]


class Smoke:
    def __init__(self, dist: Path, work: Path) -> None:
        self.dist = dist
        self.work = work
        self.exe = dist.resolve() / "ketdesk" / "ketdesk"
        self.passed = 0
        self.failed = 0
        runtime = work / "runtime"
        runtime.mkdir(mode=0o700)
        # A private, clean environment: no display, no user settings, no inherited Qt choices.
        keep = ("PATH", "LANG", "LC_ALL", "TZ")
        self.env = {k: v for k, v in os.environ.items() if k in keep}
        self.env.update(HOME=str(work / "home"), XDG_RUNTIME_DIR=str(runtime),
                        KETDESK_CONFIG_DIR=str(work / "config"), KETDESK_LOG_DIR=str(work / "log"))
        (work / "home").mkdir()

    # ---- running things ----
    def run_app(self, args: list[str], env: dict[str, str] | None = None, *, exe: Path | None = None,
                prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
        command = [*(prefix or []), str(exe or self.exe), *args]
        result = subprocess.run(command, env={**self.env, **(env or {})}, capture_output=True, text=True,
                                timeout=TIMEOUT, check=False)
        bad = unexpected_stderr(result.stderr)
        if result.returncode != 0 or bad:
            raise SmokeError(f"{' '.join(command)} exited {result.returncode}\n"
                             f"--- stdout ---\n{result.stdout[-3000:]}\n"
                             f"--- unexpected stderr ---\n" + "\n".join(bad))
        return result

    def check(self, name: str, func: Callable[[], str]) -> None:
        try:
            detail = func()
        except (SmokeError, subprocess.SubprocessError, OSError, AssertionError) as exc:
            self.failed += 1
            print(f"FAIL  {name}: {exc}", flush=True)
        else:
            self.passed += 1
            print(f"ok    {name}: {detail}", flush=True)

    def self_test(self, env: dict[str, str], prefix: list[str] | None = None) -> str:
        out = self.run_app(["--self-test"], env, prefix=prefix).stdout
        last = out.strip().splitlines()[-1] if out.strip() else ""
        if not re.fullmatch(r"self-test: \d+ passed, 0 failed", last):
            raise SmokeError(f"unexpected self-test result: {last!r}\n{out[-3000:]}")
        return last

    def first_paint(self, env: dict[str, str], prefix: list[str] | None = None) -> str:
        env = {**env, "KETDESK_REPORT_FIRST_PAINT": "1", "KETDESK_EXIT_AFTER_FIRST_PAINT": "1"}
        out = self.run_app([], env, prefix=prefix).stdout
        if not out.startswith("first-paint "):
            raise SmokeError(f"the window did not report its first paint: {out[:500]!r}")
        return "window painted"

    # ---- checks ----
    def system_libraries(self) -> None:
        def run() -> str:
            internal = self.exe.parent / "_internal"
            env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
            outside: dict[str, str] = {}
            for path in [self.exe, *internal.rglob("*.so*")]:
                if path.is_symlink() or not path.is_file() or path.read_bytes()[:4] != b"\x7fELF":
                    continue
                ldd = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True,
                                     check=False).stdout
                for line in ldd.splitlines():
                    name, _, where = line.strip().partition(" => ")
                    if where and not where.startswith(str(internal)):
                        outside.setdefault(name, str(path.relative_to(self.exe.parent)))
            unexpected = {name: user for name, user in outside.items()
                          if not SYSTEM_LIBS.match(name) and name not in HOST_LIBS}
            assert not unexpected, f"needs system libraries that are not bundled: {unexpected}"
            return f"from the system only: {', '.join(sorted(outside))}"

        self.check("system libraries (glibc, C++ runtime, libgl1/libegl1, host libraries)", run)

    def floor(self) -> None:
        def run() -> str:
            floors = FREEZE.VERSION_FLOORS
            report = elf_floor.check_tree(self.exe.parent, floors, HOST_LIBS, FREEZE.FLOOR_RELEASES)
            text = elf_floor.format_report(report, self.exe.parent, floors, len(HOST_LIBS))
            print(text, flush=True)
            assert not report.problems, "\n".join(report.problems)
            version, name = report.highest["GLIBC"]
            return f"{report.files} ELF files need at most glibc {version} ({name}); floor {floors['GLIBC']}"

        self.check("glibc floor and no host library bundled", run)

    def search_paths(self) -> None:
        def run() -> str:
            found: dict[str, list[str]] = {}
            files = 0
            for path in sorted(self.exe.parent.rglob("*")):
                if not elf_floor.is_elf(path):
                    continue
                files += 1
                dynamic = subprocess.run(["readelf", "-d", "-W", str(path)], capture_output=True, text=True,
                                         check=False).stdout
                outside = build_machine_paths(dynamic)
                if outside:
                    found[str(path.relative_to(self.exe.parent))] = outside
            assert not found, f"RUNPATH/RPATH of the build machine: {found}"
            return f"{files} ELF files search only $ORIGIN-relative folders, if any"

        self.check("no build-machine library search path (RUNPATH/RPATH)", run)

    def offscreen(self) -> None:
        self.check("self-test offscreen", lambda: self.self_test({"QT_QPA_PLATFORM": "offscreen"}))

    def x11(self, display: str) -> None:
        env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
        self.check("self-test on X11 (Xvfb)", lambda: self.self_test(env))
        self.check("window on X11 (Xvfb)", lambda: self.first_paint(env))

    def offline(self, display: str) -> None:
        if os.geteuid() != 0 or shutil.which("unshare") is None:
            print("skip  offline checks: `unshare -n` needs root", flush=True)
            return
        prefix = ["unshare", "--net", "--"]

        def no_network() -> str:
            # /proc/net/dev lists the namespace's interfaces: only loopback, and it is down.
            dev = subprocess.run([*prefix, "cat", "/proc/net/dev"], capture_output=True, text=True,
                                 check=True).stdout
            names = sorted(line.split(":")[0].strip() for line in dev.splitlines()[2:])
            assert names == ["lo"], f"network namespace has interfaces {names}"
            return "only lo, down"

        self.check("no network inside unshare -n", no_network)
        self.check("self-test offscreen, no network",
                   lambda: self.self_test({"QT_QPA_PLATFORM": "offscreen"}, prefix))
        # X11 still works: Xvfb's socket is a file in /tmp/.X11-unix, not a network address.
        self.check("window on X11, no network",
                   lambda: self.first_paint({"QT_QPA_PLATFORM": "xcb", "DISPLAY": display}, prefix))

    def kiosk(self, display: str) -> None:
        """The frozen kiosk on a bare X server: fills the screen, refuses Alt+F4 and Escape."""

        def run() -> str:
            config = self.work / "kiosk-config"
            env = {**self.env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display,
                   "KETDESK_CONFIG_DIR": str(config), "KETDESK_REPORT_FIRST_PAINT": "1",
                   "KETDESK_REPORT_KIOSK": "1"}
            pin = subprocess.run([str(self.exe), "--set-pin"], env=env, input="246813\n246813\n",
                                 capture_output=True, text=True, timeout=TIMEOUT, check=False)
            assert pin.returncode == 0, f"--set-pin exited {pin.returncode}: {pin.stderr}"
            out_path = self.work / "kiosk.out"
            with out_path.open("w") as out:
                proc = subprocess.Popen([str(self.exe), "--kiosk"], env=env, stdout=out,
                                        stderr=subprocess.DEVNULL, text=True)
            try:
                def wait_for(text: str) -> None:
                    deadline = time.monotonic() + TIMEOUT
                    while text not in out_path.read_text():
                        assert proc.poll() is None, f"the kiosk exited with {proc.returncode}"
                        assert time.monotonic() < deadline, f"no {text!r} from the kiosk"
                        time.sleep(0.1)  # polling a file a child process writes

                wait_for("first-paint")
                xdo_env = {**os.environ, "DISPLAY": display}
                window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name",
                                         "Ketamine"], env=xdo_env, capture_output=True, text=True,
                                        timeout=TIMEOUT, check=True).stdout.split()[0]
                geometry = subprocess.run(["xdotool", "getwindowgeometry", window], env=xdo_env,
                                          capture_output=True, text=True, check=True).stdout
                assert "Geometry: 1280x800" in geometry, geometry  # the whole Xvfb screen
                app_id = "no xprop to read the app id"
                if shutil.which("xprop"):  # x11-utils; scripts/system-deps.sh test installs it
                    # The id desktops match to org.ketdesk.ketdesk.desktop (ketdesk/startup.py).
                    app_id = subprocess.run(["xprop", "-id", window, "_GTK_APPLICATION_ID"], env=xdo_env,
                                            capture_output=True, text=True, check=True).stdout.strip()
                    assert app_id.endswith('= "org.ketdesk.ketdesk"'), app_id
                subprocess.run(["xdotool", "windowfocus", "--sync", window], env=xdo_env, check=True)
                for keys, refused in (("alt+F4", "Alt+F4"), ("Escape", "Escape")):
                    subprocess.run(["xdotool", "key", keys], env=xdo_env, check=True)
                    wait_for(f"kiosk-refused {refused}")
                assert proc.poll() is None, "the kiosk exited after a refused key"
            finally:
                proc.terminate()
                proc.wait(timeout=TIMEOUT)
            return f"fullscreen on a bare X server; Alt+F4 and Escape refused, still running; {app_id}"

        if shutil.which("xdotool") is None:
            print("skip  kiosk check: xdotool is not installed", flush=True)
            return
        self.check("kiosk mode (frozen) on X11", run)

    def bundled_font(self) -> None:
        def run() -> str:
            conf_dir = self.work / "fontconfig"
            (conf_dir / "cache").mkdir(parents=True)
            conf = conf_dir / "fonts.conf"
            # A configuration with no font folders: fontconfig finds no font at all.
            conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                            f"<fontconfig><cachedir>{conf_dir / 'cache'}</cachedir></fontconfig>\n")
            env = {"QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(conf),
                   "FONTCONFIG_PATH": str(conf_dir)}
            if shutil.which("fc-list"):
                listed = subprocess.run(["fc-list"], env={**self.env, **env}, capture_output=True,
                                        text=True, check=False).stdout.strip()
                assert not listed, f"the empty fontconfig set-up still lists fonts: {listed[:200]}"
            shots = self.work / "shots"
            self.run_app(["--screenshot", str(shots), "--size", "1024x600"], env)
            overview = shots / "01-overview.png"
            assert overview.is_file(), "no screenshot written"
            if shutil.which("tesseract") is None:
                raise SmokeError("tesseract is not installed (scripts/system-deps.sh dist installs it)")
            text = subprocess.run(["tesseract", str(overview), "-"], capture_output=True, text=True,
                                  check=True, timeout=TIMEOUT).stdout
            content = tomllib.loads((REPO / "resources/content/en/overview.toml").read_text("utf-8"))
            # The first screen is the poster: its headline and message.
            expected = words(content["poster"]["headline"] + " " + content["poster"]["message"])
            found = words(text)
            share = len([w for w in expected if w in found]) / len(expected)
            assert share >= 0.8, f"only {share:.0%} of the overview's words read back: {text[:300]!r}"
            return f"{share:.0%} of the poster's headline and message read back by OCR with no system fonts"

        self.check("bundled font draws text without system fonts", run)

    def read_aloud(self) -> None:
        """A read-aloud build speaks, in both languages (scripts/smoke_speech.py)."""
        if not (self.exe.parent / smoke_speech.SPEECHD_PLUGIN).is_file():
            print("skip  read-aloud: this build has no Qt Text to Speech (make dist READ_ALOUD=1 adds it)",
                  flush=True)
            return
        missing = smoke_speech.missing_tools()
        if missing:
            print(f"skip  read-aloud: {', '.join(missing)} not installed ({smoke_speech.INSTALL_HINT})",
                  flush=True)
            return
        def speaks(sink: str, lang: str) -> Callable[[], str]:
            return lambda: smoke_speech.speaks(self.run_app, self.env, sink, self.work, lang)

        try:
            with smoke_speech.sound_server(self.env, self.work) as sink:
                for lang in ("en", "es"):
                    self.check(f"read-aloud speaks ({lang}) through the bundled Qt Text to Speech",
                               speaks(sink, lang))
        except (OSError, subprocess.SubprocessError) as exc:
            self.failed += 1
            print(f"FAIL  read-aloud: {exc}", flush=True)

    def archive(self) -> Path | None:
        archives = sorted(self.dist.glob("ketdesk-*-linux-*.tar.gz"))
        if len(archives) != 1:
            self.failed += 1
            print(f"FAIL  archive: expected one in {self.dist}, found {archives}", flush=True)
            return None
        archive = archives[0]

        def checksum() -> str:
            # What `sha256sum -c SHA256SUMS` checks, plus: the archive is listed. (After
            # `make deb` the .deb is listed too.)
            pairs = [line.split("  ", 1) for line in (self.dist / "SHA256SUMS").read_text().splitlines()]
            listed = {name: digest for digest, name in pairs}
            assert archive.name in listed, f"SHA256SUMS does not list {archive.name}: {sorted(listed)}"
            for name, digest in listed.items():
                assert release_sums.sha256(self.dist / name) == digest, f"SHA256SUMS does not match {name}"
            return f"{archive.name} {archive.stat().st_size / 1e6:.1f} MB"

        def signature() -> str:
            if not (self.dist / release_sums.SIGNATURE).exists():
                return "no SHA256SUMS.asc (built without KETDESK_SIGN_KEY)"
            fingerprint = release_sums.verify(self.dist, os.environ.get("KETDESK_GNUPGHOME") or None)
            assert fingerprint, "gpg --verify SHA256SUMS.asc SHA256SUMS fails"
            return f"good signature by {fingerprint}"

        self.check("archive checksum", checksum)
        self.check("checksum signature", signature)
        return archive

    def install(self, archive: Path) -> None:
        unpacked = self.work / "unpacked"
        with tarfile.open(archive) as tar:
            tar.extractall(unpacked, filter="tar")
        (top,) = unpacked.iterdir()
        for needed in ("install.sh", "hostcheck.sh", "INSTALL.txt", "org.ketdesk.ketdesk.desktop",
                       "ketdesk/ketdesk", "LICENSE", "THIRD-PARTY-NOTICES.txt",
                       "ketdesk/THIRD-PARTY-NOTICES.txt",
                       "icons/hicolor/scalable/apps/ketdesk.svg", "icons/hicolor/256x256/apps/ketdesk.png"):
            assert (top / needed).exists(), f"{needed} missing from the archive"
        installer = top / "install.sh"

        def install_text() -> str:
            # INSTALL.txt says whether this build reads aloud, and what the computer needs for it.
            text = (top / "INSTALL.txt").read_text("utf-8")
            assert not re.search(r"@[A-Z_]+@", text), "INSTALL.txt has a placeholder left"
            has_voice = (top / "ketdesk" / smoke_speech.SPEECHD_PLUGIN).is_file()
            assert ("This build includes read-aloud." in text) == has_voice, "INSTALL.txt on read-aloud"
            assert "speech-dispatcher speech-dispatcher-espeak-ng espeak-ng" in text
            return f"read-aloud {'included' if has_voice else 'not included'}, and what it needs"

        self.check("INSTALL.txt", install_text)

        def notices() -> str:
            text = (top / "THIRD-PARTY-NOTICES.txt").read_text("utf-8")
            for name in ("PySide6_Essentials", "shiboken6", "numpy", "pyqtgraph", "msgspec", "Python",
                         "PyInstaller bootloader", "Atkinson Hyperlegible"):
                assert f"\n- {name} " in text, f"THIRD-PARTY-NOTICES.txt does not list {name}"
            assert "replace the files in _internal/PySide6/Qt/lib/" in text, "no LGPL statement for Qt"
            listed = text.split("\nQt, PySide6 and Shiboken6")[0].count("\n- ")
            return f"{listed} components with their licences, LGPL statement for Qt"

        self.check("licences shipped", notices)

        def into_prefix() -> str:
            prefix = self.work / "prefix"
            prefix.mkdir()
            env = {**self.env, "PREFIX": str(prefix)}
            subprocess.run([str(installer)], env=env, check=True, capture_output=True, text=True)
            desktop = prefix / "share/applications/org.ketdesk.ketdesk.desktop"
            entry = desktop.read_text("utf-8")
            assert f'Exec="{prefix}/lib/ketdesk/ketdesk"' in entry, entry
            assert "Name=Ketamine Infusion Treatment" in entry, entry
            if shutil.which("desktop-file-validate"):
                subprocess.run(["desktop-file-validate", str(desktop)], check=True, capture_output=True)
            assert (prefix / "share/icons/hicolor/48x48/apps/ketdesk.png").is_file()
            launcher = prefix / "bin/ketdesk"
            version = self.run_app(["--version"], exe=launcher).stdout.strip()
            # The launcher checks the system first: on a too-old glibc, one line, not a traceback.
            old = subprocess.run([str(launcher), "--version"], env={**env, "HOSTCHECK_GLIBC": "2.31"},
                                 capture_output=True, text=True, timeout=TIMEOUT, check=False)
            assert old.returncode == 1 and old.stdout == "", old
            assert old.stderr.count("\n") == 1 and "needs 2.35 or newer" in old.stderr, old.stderr
            # A second install replaces the first (an update), then uninstall removes everything.
            subprocess.run([str(installer)], env=env, check=True, capture_output=True, text=True)
            subprocess.run([str(prefix / "lib/ketdesk/install.sh"), "--uninstall"], env=env,
                           check=True, capture_output=True, text=True)
            left = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*"))
            assert not left, f"left behind after --uninstall: {left[:20]}"
            return f"{version} via {launcher.relative_to(self.work)}; reinstall and uninstall left nothing"

        def for_user() -> str:
            home = self.work / "user-home"
            home.mkdir()
            env = {**self.env, "HOME": str(home)}
            env.pop("XDG_DATA_HOME", None)
            subprocess.run([str(installer), "--user"], env=env, check=True, capture_output=True, text=True)
            assert (home / ".local/share/applications/org.ketdesk.ketdesk.desktop").is_file()
            assert (home / ".local/lib/ketdesk/THIRD-PARTY-NOTICES.txt").is_file(), "no notices installed"
            launcher = home / ".local/bin/ketdesk"
            out = self.run_app(["--self-test"], {"QT_QPA_PLATFORM": "offscreen"}, exe=launcher).stdout
            assert out.rstrip().endswith(" 0 failed"), out[-500:]
            subprocess.run([str(home / ".local/lib/ketdesk/install.sh"), "--uninstall"], env=env,
                           check=True, capture_output=True, text=True)
            left = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
            assert not left, f"left behind in the home folder: {left[:20]}"
            return "installed under ~/.local, self-test passed through the launcher, uninstall left nothing"

        def refused_on_old_system() -> str:
            prefix = self.work / "old-prefix"
            env = {**self.env, "PREFIX": str(prefix), "HOSTCHECK_GLIBC": "2.31"}
            result = subprocess.run([str(installer)], env=env, capture_output=True, text=True, check=False)
            assert result.returncode == 1, result
            assert "this system has glibc 2.31; ketdesk needs 2.35 or newer" in result.stderr, result.stderr
            assert not prefix.exists(), "install.sh wrote files although the host check failed"
            return result.stderr.splitlines()[0][:90] + "..."

        self.check("install refused on a too-old glibc", refused_on_old_system)
        self.check("install into a prefix", into_prefix)
        self.check("install for one user", for_user)


def build_machine_paths(readelf_dynamic: str) -> list[str]:
    """The RUNPATH/RPATH folders in ``readelf -d`` output that are not relative to $ORIGIN:
    the build machine's folders (a pyenv's lib), which the target would search first."""
    folders = []
    for match in re.finditer(r"\((?:RUNPATH|RPATH)\)\s+Library r(?:un)?path: \[(.*)\]", readelf_dynamic):
        folders += [f for f in match.group(1).split(":") if f and not f.startswith(("$ORIGIN", "${ORIGIN}"))]
    return folders


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


@contextmanager
def xvfb() -> Iterator[str]:
    try:
        with private_display("1280x800x24") as display:
            yield display
    except XvfbError as exc:
        raise SmokeError(f"{exc} (scripts/system-deps.sh dist installs it)") from exc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-test dist/ketdesk and the archive.")
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    args = parser.parse_args(argv)
    if not (args.dist / "ketdesk" / "ketdesk").is_file():
        print(f"smoke: {args.dist}/ketdesk/ketdesk not found; run `make dist` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="ketdesk-smoke-") as tmp:
        smoke = Smoke(args.dist, Path(tmp))
        smoke.system_libraries()
        smoke.floor()
        smoke.search_paths()
        smoke.offscreen()
        with xvfb() as display:
            smoke.x11(display)
            smoke.kiosk(display)
            smoke.offline(display)
        smoke.bundled_font()
        smoke.read_aloud()
        archive = smoke.archive()
        if archive is not None:
            smoke.install(archive)
    print(f"smoke: {smoke.passed} passed, {smoke.failed} failed", flush=True)
    return 1 if smoke.failed else 0


if __name__ == "__main__":
    sys.exit(main())
