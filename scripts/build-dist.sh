#!/usr/bin/env bash
# `make dist`: freeze ketdesk with build.spec in a clean venv, then pack the Linux archive.
#
# Output:
#   dist/ketdesk/                                the onedir app (dist/ketdesk/ketdesk)
#   dist/ketdesk-<version>-linux-<arch>.tar.gz   app + org.ketdesk.ketdesk.desktop + icons + install.sh +
#                                                hostcheck.sh + INSTALL.txt + LICENSE +
#                                                THIRD-PARTY-NOTICES.txt (also in the app folder)
#   dist/SHA256SUMS                              sha256sum -c format (scripts/release_sums.py)
#   dist/SHA256SUMS.asc                          its OpenPGP signature, when a key is given:
#                                                KETDESK_SIGN_KEY=<key id or fingerprint>
#                                                [KETDESK_GNUPGHOME=<keyring folder>]
#
# The venv (build/venv-dist; build/venv-dist-speech for READ_ALOUD=1) holds only the runtime
# dependencies and PyInstaller, pinned by requirements/constraints.txt: never the dev .venv,
# whose extra packages (or a second Qt binding) would end up in the bundle. It is rebuilt from scratch when the pins change.
# The archive is reproducible: sorted names, fixed owner and mtime (last commit's date).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
READ_ALOUD="${READ_ALOUD:-0}"
# One venv per kind of build, so that switching between them does not reinstall (the
# read-aloud one has PySide6-Addons, a 175 MB download).
VENV=build/venv-dist
[ "$READ_ALOUD" != "1" ] || VENV=build/venv-dist-speech
CONSTRAINTS=requirements/constraints.txt
started=$SECONDS
step() { printf '[dist %3ds] %s\n' "$((SECONDS - started))" "$*"; }

version="$("$PYTHON" -c 'import sys; sys.path.insert(0, "."); from ketdesk import __version__; print(__version__)')"
arch="$(uname -m)"
name="ketdesk-$version"  # the folder inside the archive
archive="dist/$name-linux-$arch.tar.gz"

# ---- the clean build venv ----
# Runtime dependencies and the build extra, read from pyproject.toml (one list to maintain);
# ketdesk itself is not installed: the spec freezes the source tree.
mkdir -p build
"$PYTHON" -c 'import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
extras = project["optional-dependencies"]
speech = extras["speech"] if "'"$READ_ALOUD"'" == "1" else []
print("\n".join(project["dependencies"] + extras["build"] + speech))' \
  > build/dist-requirements.txt
stamp="$VENV/.pins"
pins="$(cat build/dist-requirements.txt "$CONSTRAINTS" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$pins" ]; then
  step "creating $VENV"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -c "$CONSTRAINTS" \
    -r build/dist-requirements.txt
  echo "$pins" > "$stamp"
fi
# Exactly one Qt binding, or PyInstaller refuses to build and pyqtgraph may pick another one.
others="$("$VENV/bin/python" -m pip list --disable-pip-version-check --format=freeze 2>/dev/null \
  | grep -iE '^(PyQt5|PyQt6|PySide2|PySide6-Addons)==' || true)"
# READ_ALOUD=1: PySide6-Addons is wanted (Qt Text to Speech); PyInstaller collects only its
# QtTextToSpeech module, since nothing imports the others.
[ "$READ_ALOUD" != "1" ] || others="$(printf '%s\n' "$others" | grep -viE '^PySide6-Addons==' || true)"
[ -z "$others" ] || { echo "build-dist: $VENV has other Qt packages: $others" >&2; exit 1; }

step "checking the generated icons are up to date"
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" scripts/make_icons.py --check

# ---- freeze ----
step "pyinstaller build.spec"
rm -rf dist/ketdesk
# Two known warnings are filtered out, so that any other stands out: the GTK3 theme plugin's
# libraries, which freeze.py drops anyway; and pyinstaller-hooks-contrib's pyqtgraph hook,
# which imports every pyqtgraph submodule looking for *Template* modules and fails on
# pyqtgraph.opengl (needs PyOpenGL, not installed; excluded in freeze.py; has no templates).
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --workpath build/pyinstaller --distpath dist build.spec \
  2> >(grep -v -e "Library not found: could not resolve 'lib\(gtk\|gdk\)-3" \
               -e "WARNING: Failed to collect submodules for 'pyqtgraph.opengl' because importing 'pyqtgraph.opengl' raised: ModuleNotFoundError: No module named 'OpenGL'" >&2)
step "onedir app: $(du -sm dist/ketdesk | cut -f1) MB"
# What read-aloud (the Listen button) needs, said by the build and by INSTALL.txt alike.
if [ -e dist/ketdesk/_internal/PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so ]; then
  read_aloud="This build includes read-aloud. The computer also needs its offline voice:"
  step "read-aloud included: the target needs speech-dispatcher, speech-dispatcher-espeak-ng, espeak-ng"
else
  read_aloud="This build has no read-aloud (it is made with make dist READ_ALOUD=1). It would need:"
  step "read-aloud not included (make dist READ_ALOUD=1 adds it: docs/read-aloud.md)"
fi
# Licences of exactly what was bundled, traced from PyInstaller's own lists (fails on a file
# it cannot trace); with the build venv's Python, whose distributions are the frozen ones.
"$VENV/bin/python" packaging/notices.py build/pyinstaller/build build/THIRD-PARTY-NOTICES.txt

# ---- the archive ----
step "packing $archive"
stage="build/stage/$name"
rm -rf build/stage
mkdir -p "$stage/icons/hicolor/scalable/apps"
cp -al dist/ketdesk "$stage/ketdesk"  # hard links: no second copy of 170 MB
install -m 755 packaging/install.sh "$stage/install.sh"
install -m 755 packaging/hostcheck.sh "$stage/hostcheck.sh"
# At the top for whoever unpacks it, and in the app folder so that every install keeps them.
for notice in LICENSE build/THIRD-PARTY-NOTICES.txt; do
  install -m 644 "$notice" "$stage/$(basename "$notice")"
  install -m 644 "$notice" "$stage/ketdesk/$(basename "$notice")"
done
install -m 644 packaging/org.ketdesk.ketdesk.desktop "$stage/org.ketdesk.ketdesk.desktop"
sed -e "s/@VERSION@/$version/g" -e "s/@READ_ALOUD@/$read_aloud/" packaging/INSTALL.txt > "$stage/INSTALL.txt"
install -m 644 resources/icons/ketdesk.svg "$stage/icons/hicolor/scalable/apps/ketdesk.svg"
for png in resources/icons/ketdesk-*.png; do
  size="${png##*-}"; size="${size%.png}"
  install -D -m 644 "$png" "$stage/icons/hicolor/${size}x${size}/apps/ketdesk.png"
done

epoch="$(git log -1 --format=%ct 2>/dev/null || date +%s)"
# A .deb left from an earlier build came from the onedir just replaced: SHA256SUMS must not list it.
rm -f dist/ketdesk-*.tar.gz dist/ketdesk_*.deb dist/SHA256SUMS dist/SHA256SUMS.asc
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner -C build/stage -cf - "$name" \
  | gzip -6 -n > "$archive"  # -9 is 3x slower for 0.5 % less
step "archive: $(du -m "$archive" | cut -f1) MB"
# SHA256SUMS, and SHA256SUMS.asc when KETDESK_SIGN_KEY or KETDESK_GNUPGHOME names a key
# (else one "not signed" line); `make deb` rewrites both with the .deb added.
"$PYTHON" scripts/release_sums.py
step "done"
