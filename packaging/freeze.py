"""PyInstaller settings shared by ``build.spec`` and ``benchmarks/bench_frozen.py``.

The benchmark freezes a bare PySide6 window with exactly these excludes, Qt plugin filters
and stripping rules, so the comparison with ketdesk measures ketdesk and nothing else.
Only standard library and PyInstaller imports here: the spec runs inside PyInstaller.

TOC entries are PyInstaller 6 tuples ``(dest_name, src_path, typecode)``. The plugin and
library rules name Linux files (``.so``); on Windows and macOS they match nothing and the
build is simply not slimmed (only the excludes apply).
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

TocEntry = tuple[str, str, str]

# Modules never collected. Each group says why it is safe to leave out.
EXCLUDES: list[str] = [
    # The other Qt bindings: with two installed PyInstaller refuses to build and pyqtgraph may
    # pick the wrong one. ketdesk runs on PySide6 only.
    "PyQt5", "PyQt6", "PySide2", "shiboken2", "sip",
    # Tk is never used; its hook would bundle Tcl/Tk (about 10 MB).
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib",
    # Qt modules ketdesk and pyqtgraph never import. QtQml/QtQuick alone bring about 40 MB of
    # libraries and QML plugins; QtPdf 8 MB. Not excluded on purpose: QtOpenGL and
    # QtOpenGLWidgets (pyqtgraph 0.14 imports them unconditionally), QtSvg (the app icon and
    # pyqtgraph's SVG export), QtNetwork and QtDBus (single-instance and screen-saver
    # inhibition in kiosk mode may use them).
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest", "PySide6.QtQuick3D", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel", "PySide6.QtWebSockets", "PySide6.QtWebView",
    "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtHelp", "PySide6.QtSql",
    "PySide6.QtXml", "PySide6.QtConcurrent", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.QtGraphs", "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets",
    "PySide6.Qt3DCore", "PySide6.QtRemoteObjects", "PySide6.QtScxml", "PySide6.QtStateMachine",
    "PySide6.scripts",
    # pyqtgraph imports QtTest inside try/except (only for a qWait helper ketdesk never calls).
    "PySide6.QtTest",
    # pyqtgraph parts ketdesk does not use and pyqtgraph does not import by itself: 3D
    # (PyOpenGL), the examples browser, Jupyter widgets. (pyqtgraph.multiprocess and
    # flowchart must stay: pyqtgraph/__init__ imports RemoteGraphicsView, which needs them.)
    # Its PyInstaller hook still warns that it cannot collect pyqtgraph.opengl: harmless, and
    # filtered out of the build log by scripts/build-dist.sh (the reason is there).
    "pyqtgraph.opengl", "pyqtgraph.examples", "pyqtgraph.jupyter",
    # Optional accelerators and exporters pyqtgraph tries lazily; not installed in the build
    # venv, listed so a developer machine that has them still builds the same bundle.
    "OpenGL", "cupy", "numba", "h5py", "matplotlib", "scipy", "pandas", "IPython",
    "jupyter_rfb", "colorcet", "PIL",
    # Interactive-console line editing (pdb, code): a windowed app has no console. Brings
    # libreadline and libtinfo.
    "readline",
    # TLS: ketdesk never opens a network connection. asyncio, http.client and urllib.request
    # import ssl only inside try/except. Brings libssl (libcrypto stays for hashlib).
    "ssl", "_ssl",
    # Development tools that must never end up in a patient-facing build.
    "pytest", "pytestqt", "hypothesis", "mypy", "ruff", "pydoc_data",
]

# Qt plugins a ketdesk screen never loads (paths under PySide6/Qt/plugins/).
DROP_QT_PLUGINS: list[str] = [
    # GTK3 platform theme: links gtk/gdk/cairo/pango/atk, none needed for our own theme.
    "platformthemes/libqgtk3.so",
    # Desktop-portal theme: file dialogs in Flatpak sandboxes; a kiosk opens no file dialogs.
    "platformthemes/libqxdgdesktopportal.so",
    # Network reachability and TLS back ends: ketdesk is offline by design.
    "networkinformation/*", "tls/*",
    # Platforms for bare framebuffers and remote views. Kept: xcb (X11), wayland*, offscreen
    # (--self-test, --screenshot) and minimal.
    "platforms/libqvnc.so", "platforms/libqlinuxfb.so", "platforms/libqvkkhrdisplay.so",
    "platforms/libqeglfs.so", "platforms/libqminimalegl.so", "egldeviceintegrations/*",
    # Image formats the content never uses. Kept: svg (icon), jpeg and gif (content images).
    # The PDF one would pull in libQt6Pdf (8 MB).
    "imageformats/libqpdf.so", "imageformats/libqtiff.so", "imageformats/libqwebp.so",
    "imageformats/libqtga.so", "imageformats/libqwbmp.so", "imageformats/libqicns.so",
    "imageformats/libqico.so",
    # Touch over the network (TUIO); local touch screens come through X11/Wayland input.
    "generic/libqtuiotouchplugin.so",
    # Qt Text to Speech's test engine (a READ_ALOUD=1 build): never a voice (speech/engine.py).
    "texttospeech/libqtexttospeech_mock.so",
    # Qt's on-screen keyboard (PySide6-Addons, so a READ_ALOUD=1 build): a QML input method
    # that needs Qt Quick; nobody types into a kiosk but staff on the PIN pad's own keys.
    "platforminputcontexts/libqtvirtualkeyboardplugin.so",
]

# Qt libraries reachable only from the plugins or modules dropped above.
DROP_QT_LIBS: list[str] = [
    "libQt6Pdf.so.6", "libQt6Qml*.so.6", "libQt6Quick*.so.6", "libQt6VirtualKeyboard*.so.6",
    "libQt6EglFSDeviceIntegration.so.6",
    "libQt6EglFsKmsSupport.so.6", "libQt6EglFsKmsGbmSupport.so.6",
]

# Top-level libraries PyInstaller's QtNetwork hook adds for the TLS plugin dropped above
# (Qt loads OpenSSL with dlopen). Removed unless something we keep links them.
ONLY_FOR_DROPPED: list[str] = ["libssl.so.3"]

# Qt's own translations (standard dialog buttons): only for the content languages.
KEEP_QT_TRANSLATIONS = ("qtbase_en.qm", "qtbase_es.qm")

# Host libraries left to the system, as AppImages do: every desktop Linux has them, and a
# copy from the build machine either needs a newer glibc than the target has (Debian 12's
# libexpat needs glibc 2.36 and was all that kept Ubuntu 22.04 from starting, issue #24) or
# must match the rest of the host's stack (its fontconfig cache, its libxcb, its session bus).
# The reference is the AppImage project's excludelist (pkg2appimage/excludelist), each group
# with its reason. `make smoke` (scripts/elf_floor.py) fails when one is bundled again, and
# packaging/hostcheck.sh checks that the host has the ones a bundled binary links directly.
HOST_LIBS: list[str] = [
    # Fonts: fontconfig reads the host's /etc/fonts and font cache, whose format goes with the
    # host's own library; a bundled one stalls or misses fonts (AppImage). freetype goes with it.
    "libfontconfig.so.1", "libfreetype.so.6",
    # expat: fontconfig's XML parser, in the base system of every distribution.
    "libexpat.so.1",
    # zlib: essential everywhere (dpkg and rpm link it).
    "libz.so.1",
    # X11 client libraries must match the host's libxcb, which is never bundled (AppImage:
    # "undefined symbol: xcb_wait_for_reply64" on Fedora with a bundled libX11).
    "libX11.so.6", "libX11-xcb.so.1",
    # Base system (util-linux, e2fsprogs): AppImage's "assumed to be part of the base system".
    "libuuid.so.1", "libcom_err.so.2",
    # D-Bus talks to the host's session and system bus; libdbus-1 is on every desktop.
    "libdbus-1.so.3",
]

# Libraries that only the host libraries above (and the host's libxcb) link: left to the
# system with them, since a chain must come from one distribution. Bundling part of the
# dbus -> systemd -> gcrypt -> gpg-error chain broke Debian 13 (issue #24); libXau and
# libXdmcp (and libbsd, libmd under it) are libxcb's own dependencies.
HOST_LIB_DEPENDENCIES: list[str] = [
    "libsystemd.so.0", "libgcrypt.so.20", "libgpg-error.so.0", "libcap.so.2", "liblz4.so.1",
    "libXau.so.6", "libXdmcp.so.6", "libbsd.so.0", "libmd.so.0",
]
# Printing, left to the host and not required: Qt's CUPS print plugin links libcups, which
# talks to the host's own cupsd and needs glibc 2.36 as built on Debian 12 (above the floor).
# A host with printing has libcups2; on one without, Qt finds no printer and the handout is
# saved as a PDF instead (the staff menu says so). Its chain (Avahi, GnuTLS and what GnuTLS
# links) is linked by nothing else we keep. Not in hostcheck.sh: a kiosk need not print.
OPTIONAL_HOST_LIBS: list[str] = [
    "libcups.so.2", "libavahi-client.so.3", "libavahi-common.so.3", "libgnutls.so.30",
    "libp11-kit.so.0", "libidn2.so.0", "libunistring.so.2", "libtasn1.so.6", "libnettle.so.8",
    "libhogweed.so.6", "libgmp.so.10",
]
# Read-aloud's sound (a READ_ALOUD=1 build), left to the host: Qt's speechd plugin links
# libspeechd, the client of the host's own speech-dispatcher, and libQt6Multimedia (which
# Qt Text to Speech links) links libpulse, with libsndfile and its codecs under it. Listen
# needs speech-dispatcher on the host anyway, and its packages bring every one of these
# (libspeechd2; speech-dispatcher-audio-plugins -> libpulse0 -> libsndfile1); a host without
# them cannot load Qt Text to Speech, and Listen is hidden with the reason in the log.
# Bundled, they were 3.4 MB of Debian 12's audio stack, speaking to the host's sound server
# through a private libpulsecommon whose name carries PulseAudio's version (16.1 here).
# Not in hostcheck.sh: a kiosk need not read aloud.
SPEECH_HOST_LIBS: list[str] = [
    "libspeechd.so.2", "libpulse.so.0", "libpulsecommon-16.1.so", "libsndfile.so.1",
    "libasyncns.so.0", "libFLAC.so.12", "libvorbis.so.0", "libvorbisenc.so.2", "libogg.so.0",
    "libopus.so.0", "libmpg123.so.0", "libmp3lame.so.0",
]
# Kept on purpose although a desktop usually has them, because a minimal one may not, or a
# distribution names them differently: GLib and PCRE2 (AppImage bundles GLib: host GLib
# mixed with a bundled one fails), the xcb-util libraries and xkbcommon (Ubuntu 22.04 lacks
# libxcb-cursor0; Qt needs 0.4+), Kerberos (disputed in the AppImage list), libffi, libbz2
# (Fedora's soname is libbz2.so.1), liblzma, libzstd, brotli, libpng16, libcrypto (hashlib).

# The oldest glibc the frozen app supports, and what that means for clinics. libpython 3.11
# as built on the build machine (Debian 12) needs GLIBC_2.35; the PySide6 6.11 wheels are
# manylinux_2_34 and need GCC 11's C++ runtime. `make smoke` fails on any bundled ELF that
# needs more (scripts/elf_floor.py); packaging/hostcheck.sh says so on the target.
GLIBC_FLOOR = "2.35"
# The host's C++ runtime (never bundled, see _unwanted_system_lib): Ubuntu 22.04 has GCC
# 12's libstdc++ (GLIBCXX_3.4.30, CXXABI_1.3.13).
VERSION_FLOORS: dict[str, str] = {"GLIBC": GLIBC_FLOOR, "GLIBCXX": "3.4.30", "CXXABI": "1.3.13"}
FLOOR_RELEASES = "Ubuntu 22.04 or newer, Debian 12 or newer, Fedora 36 or newer"

# EXE() options both builds share (name, console, icon and version are per build).
EXE_OPTIONS: dict[str, object] = {
    "debug": False,
    "bootloader_ignore_signals": False,
    # Never strip everything: stripping numpy's OpenBLAS breaks it. strip_python_binaries()
    # strips libpython and lib-dynload only.
    "strip": False,
    # UPX-packed Qt plugins fail to load, and unpacking on every start costs start-up time.
    "upx": False,
    "disable_windowed_traceback": False,
    "argv_emulation": False,  # macOS: ketdesk opens no files dropped on it from Finder
    "target_arch": None,
    "codesign_identity": None,
    "entitlements_file": None,
}

def copyright_line(license_path: str | os.PathLike[str]) -> str:
    """The copyright line of LICENSE, as written there ("Copyright (c) 2026 The ketdesk authors")."""
    for line in Path(license_path).read_text("utf-8").splitlines():
        if line.strip().lower().startswith("copyright"):
            return line.strip()
    raise ValueError(f"{license_path} has no line starting with 'Copyright'")


def windows_file_version(version: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers: "1.2.0rc1" -> (1, 2, 0, 0)."""
    match = re.match(r"\d+(\.\d+)*", version)
    if match is None:
        raise ValueError(f"version {version!r} does not start with a number")
    numbers = [int(n) for n in match.group(0).split(".")]
    first, second, third, fourth = [*numbers, 0, 0, 0, 0][:4]
    return first, second, third, fourth


def windows_version_strings(version: str, app_name: str, display_name: str,
                            license_path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """The Windows file properties (Details tab) as (name, value): build.spec makes the
    StringStructs. LegalCopyright is the licence's copyright line, not the licence's name."""
    return [
        ("CompanyName", "ketdesk"),
        ("FileDescription", display_name),
        ("FileVersion", version),
        ("InternalName", app_name),
        ("LegalCopyright", copyright_line(license_path)),
        ("OriginalFilename", f"{app_name}.exe"),
        ("ProductName", display_name),
        ("ProductVersion", version),
    ]


PLUGIN_DIR = "PySide6/Qt/plugins/"
LIB_DIR = "PySide6/Qt/lib/"
TRANSLATIONS_DIR = "PySide6/Qt/translations/"


def _dropped_plugin(dest: str) -> bool:
    if not dest.startswith(PLUGIN_DIR):
        return False
    return any(fnmatch.fnmatch(dest[len(PLUGIN_DIR):], pattern) for pattern in DROP_QT_PLUGINS)


def _dropped_lib(dest: str) -> bool:
    name = os.path.basename(dest)
    return dest.startswith(LIB_DIR) and any(fnmatch.fnmatch(name, p) for p in DROP_QT_LIBS)


def _unwanted_system_lib(dest: str) -> bool:
    # The C++ runtime: every Linux desktop has one (apt itself needs it), and a bundled copy
    # older than the system's makes Mesa's GL drivers fail to load ("GLIBCXX_3.4.30 not
    # found"), so the system's must win. The HOST_LIBS groups above say why for the rest.
    if "/" in dest:
        return False
    name = os.path.basename(dest)
    return (name.startswith(("libstdc++.so", "libgcc_s.so"))
            or name in HOST_LIBS + HOST_LIB_DEPENDENCIES + OPTIONAL_HOST_LIBS + SPEECH_HOST_LIBS)


def _linked_libraries(path: str) -> set[str]:
    """File names of the shared libraries ``path`` loads, directly or not (ldd on Linux)."""
    from PyInstaller.depend.bindepend import get_imports

    try:
        return {name for name, _resolved in get_imports(path)}
    except Exception:  # a data file typed as binary, or a foreign-architecture file
        return set()


def slim_binaries(binaries: Iterable[TocEntry]) -> list[TocEntry]:
    """Drop the Qt plugins and libraries listed above, and the libraries only they needed.

    PyInstaller has already added every library the dropped plugins link (the GTK3 theme
    brings pango, cairo, harfbuzz, fribidi, pixman...). Such a top-level library is removed
    too unless a binary we keep links it; libraries that nothing links (dlopen()ed ones,
    added by hooks) are left alone, except the OpenSSL one named in ONLY_FOR_DROPPED.
    """
    entries = list(binaries)
    files = [e for e in entries if e[2] != "SYMLINK"]
    dropped = [e for e in files if _dropped_plugin(e[0]) or _dropped_lib(e[0]) or _unwanted_system_lib(e[0])]
    kept = [e for e in files if e not in dropped]
    candidates = set(ONLY_FOR_DROPPED)
    for _dest, src, _kind in dropped:
        candidates |= _linked_libraries(src)
    # ldd lists indirect dependencies too, so the libraries that the remaining binaries
    # (extensions, Qt libraries, plugins, libpython, hook-added libraries) link are all needed.
    roots = [e for e in kept if "/" in e[0] or e[0] not in candidates]
    needed: set[str] = set()
    for _dest, src, _kind in roots:
        needed |= _linked_libraries(src)
    kept = [e for e in kept if "/" in e[0] or e[0] not in candidates or e[0] in needed]
    return kept + [e for e in entries if e[2] == "SYMLINK"]


def drop_dangling_links(toc: Iterable[TocEntry], present: set[str]) -> list[TocEntry]:
    """Drop SYMLINK entries (top-level names PyInstaller points at PySide6/Qt/lib/...) whose
    target was dropped; they would be broken links in the bundle."""
    return [e for e in toc if e[2] != "SYMLINK"
            or os.path.normpath(os.path.join(os.path.dirname(e[0]), e[1])) in present]


def slim(analysis: object, workpath: str) -> None:
    """Apply every rule above to a PyInstaller ``Analysis``, in place."""
    binaries = strip_python_binaries(slim_binaries(analysis.binaries), workpath)  # type: ignore[attr-defined]
    datas = slim_datas(analysis.datas)  # type: ignore[attr-defined]
    present = {dest for dest, _src, kind in [*binaries, *datas] if kind != "SYMLINK"}
    analysis.binaries = drop_dangling_links(binaries, present)  # type: ignore[attr-defined]
    analysis.datas = drop_dangling_links(datas, present)  # type: ignore[attr-defined]


def slim_datas(datas: Iterable[TocEntry]) -> list[TocEntry]:
    """Keep only Qt translations for the content languages; drop QML files of excluded modules."""
    kept: list[TocEntry] = []
    for entry in datas:
        dest = entry[0]
        if dest.startswith(TRANSLATIONS_DIR) and os.path.basename(dest) not in KEEP_QT_TRANSLATIONS:
            continue
        if dest.startswith("PySide6/Qt/qml/"):
            continue
        kept.append(entry)
    return kept


def _is_python_binary(dest: str) -> bool:
    # libpython and the standard library's C extensions: safe to strip, and libpython from a
    # pyenv or source build keeps 20 MB of debug info. Never numpy's bundled OpenBLAS: its
    # library breaks when stripped, and Qt's wheels are stripped already.
    name = os.path.basename(dest)
    return name.startswith("libpython3") or "/lib-dynload/" in f"/{dest}"


def strip_python_binaries(binaries: Iterable[TocEntry], workdir: str) -> list[TocEntry]:
    """Point libpython and lib-dynload entries at stripped copies made in ``workdir``.

    The copies also lose their RUNPATH (with patchelf, from Debian's package of that name, when
    it is installed: scripts/system-deps.sh dist adds it). A pyenv or source build of Python
    records its own lib folder there (/root/.pyenv/versions/3.11.7/lib): never searched in the
    bundle, since the bootloader loads libpython by full path and the extensions need nothing
    from that folder, but a path of the build machine that every target would look in first.
    """
    strip = shutil.which("strip")
    if sys.platform != "linux" or strip is None:
        return list(binaries)
    patchelf = shutil.which("patchelf")
    out_dir = Path(workdir) / "stripped"
    result: list[TocEntry] = []
    for dest, src, typecode in binaries:
        if _is_python_binary(dest):
            target = out_dir / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            source = Path(src)
            if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
                shutil.copy2(source, target)
                subprocess.run([strip, "--strip-debug", "--strip-unneeded", str(target)], check=True)
            if patchelf is not None:  # every time: a copy cached by an older build may still have it
                subprocess.run([patchelf, "--remove-rpath", str(target)], check=True)
            src = str(target)
        result.append((dest, src, typecode))
    return result


def check_qt_dependencies(binaries: Iterable[TocEntry]) -> list[str]:
    """Names of Qt libraries that a kept binary needs but that were dropped (should be none).

    A guard against over-slimming: the frozen app would otherwise fail only when Qt loads
    the plugin on a customer's machine.
    """
    from PyInstaller.depend.bindepend import get_imports

    entries = list(binaries)
    present = {os.path.basename(dest) for dest, _src, _kind in entries}
    missing: list[str] = []
    for dest, src, _kind in entries:
        if not dest.startswith("PySide6/"):
            continue
        for name, _path in get_imports(src):
            if name.startswith("libQt6") and name not in present:
                missing.append(f"{dest} needs {name}")
    return missing
