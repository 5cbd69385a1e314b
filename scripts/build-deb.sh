#!/usr/bin/env bash
# `make deb`: a Debian package from the onedir app that `make dist` built.
#
#   scripts/build-deb.sh        -> dist/ketdesk_<version>_amd64.deb, and dist/SHA256SUMS (+ .asc)
#                                  rewritten to list it beside the archive (scripts/release_sums.py)
#
# Built with Debian's own dpkg-deb from the same frozen folder as the archive (so what CI's
# smoke test checked is what the package ships):
#   /opt/ketdesk/                       the app folder (with LICENSE and THIRD-PARTY-NOTICES.txt)
#   /usr/bin/ketdesk                    link to /opt/ketdesk/ketdesk
#   /usr/share/applications/org.ketdesk.ketdesk.desktop, /usr/share/icons/hicolor/*/apps/ketdesk.*
#   /usr/share/metainfo/org.ketdesk.ketdesk.metainfo.xml   AppStream
#   /usr/share/doc/ketdesk/             copyright (machine-readable), changelog.Debian.gz
#   /usr/share/man/man1/ketdesk.1.gz
#   /usr/share/lintian/overrides/ketdesk   each remaining lintian tag with its reason
# Depends is computed from the frozen files: every shared library a bundled ELF file needs
# and the bundle does not carry, mapped to the Debian package that provides it on the
# build machine (dpkg -S), with glibc at the stated floor. No host check is needed at run
# time: dpkg and apt refuse a system that lacks them.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x dist/ketdesk/ketdesk ] || { echo "build-deb: dist/ketdesk/ketdesk missing; run make dist first" >&2; exit 1; }
[ -f build/THIRD-PARTY-NOTICES.txt ] || { echo "build-deb: build/THIRD-PARTY-NOTICES.txt missing; run make dist" >&2; exit 1; }
version="$(python3 -c 'import sys; sys.path.insert(0, "."); from ketdesk import __version__; print(__version__)')"
# Debian orders 1.0~rc1 before 1.0; Python's 1.0rc1 would sort after it.
deb_version="$(echo "$version" | sed -E 's/(a|b|rc)([0-9]+)$/~\1\2/')-1"
arch="$(dpkg --print-architecture)"
floor="$(python3 -c 'import sys; sys.path.insert(0, "packaging"); import freeze; print(freeze.GLIBC_FLOOR)')"
out="dist/ketdesk_${deb_version}_${arch}.deb"
root=build/deb/root
rm -rf build/deb && mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin"

# ---- files ----
cp -a dist/ketdesk "$root/opt/ketdesk"
install -m 644 LICENSE build/THIRD-PARTY-NOTICES.txt "$root/opt/ketdesk/"
ln -s /opt/ketdesk/ketdesk "$root/usr/bin/ketdesk"
apps="$root/usr/share/applications"
mkdir -p "$apps"
sed 's|@EXEC@|/usr/bin/ketdesk|g; s|^Exec="/usr/bin/ketdesk"|Exec=ketdesk|; s|^TryExec=.*|TryExec=ketdesk|' \
  packaging/org.ketdesk.ketdesk.desktop > "$apps/org.ketdesk.ketdesk.desktop"
install -D -m 644 resources/icons/ketdesk.svg "$root/usr/share/icons/hicolor/scalable/apps/ketdesk.svg"
for png in resources/icons/ketdesk-*.png; do
  size="${png##*-}"; size="${size%.png}"
  install -D -m 644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/ketdesk.png"
done
install -D -m 644 packaging/org.ketdesk.ketdesk.metainfo.xml \
  "$root/usr/share/metainfo/org.ketdesk.ketdesk.metainfo.xml"
doc="$root/usr/share/doc/ketdesk"
mkdir -p "$doc"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: ketdesk"
  echo "Comment: /opt/ketdesk is a frozen Python application (PyInstaller) that bundles"
  echo " Python, Qt/PySide6 and other libraries. Each bundled component, its version and its"
  echo " licence text are in /opt/ketdesk/THIRD-PARTY-NOTICES.txt; Qt, PySide6 and Shiboken6"
  echo " are used under the LGPL-3 (/usr/share/common-licenses/LGPL-3), and that file says how"
  echo " to replace the Qt libraries."
  echo
  echo "Files: *"
  echo "Copyright: 2026 The ketdesk authors"
  echo "License: Expat"
  sed -n '3,$p' LICENSE | sed 's/^$/./; s/^/ /'
} > "$doc/copyright"
epoch="$(git log -1 --format=%ct 2>/dev/null || date +%s)"
{
  echo "ketdesk ($deb_version) unstable; urgency=medium"
  echo
  echo "  * Release $version, built from the frozen app of \`make dist\`."
  echo
  echo " -- ketdesk maintainers <maintainers@ketdesk.invalid>  $(date -u -R -d "@$epoch")"
} | gzip -9 -n > "$doc/changelog.Debian.gz"
install -D -m 644 packaging/deb/lintian-overrides "$root/usr/share/lintian/overrides/ketdesk"
mkdir -p "$root/usr/share/man/man1"
gzip -9 -n -c packaging/deb/ketdesk.1 > "$root/usr/share/man/man1/ketdesk.1.gz"
# The wheels ship their shared libraries executable; Debian wants them 644 (the loader
# does not need the bit). The bootloader (opt/ketdesk/ketdesk) stays executable.
find "$root/opt/ketdesk/_internal" -type f -name '*.so*' -perm /111 -exec chmod 644 {} +

# ---- Depends, from what the frozen files need ----
# Direct needs (readelf NEEDED) of every bundled ELF, minus the libraries the bundle carries.
bundled="$(find "$root/opt/ketdesk" \( -type f -o -type l \) -name '*.so*' -printf '%f\n' | sort -u)"
needed="$(find "$root/opt/ketdesk" -type f \( -name '*.so*' -o -path "$root/opt/ketdesk/ketdesk" \) -print0 \
  | xargs -0 readelf -d -W 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)"
packages=()
for soname in $(comm -23 <(echo "$needed") <(echo "$bundled")); do
  # Wayland's client libraries: only Qt's Wayland plugin needs them, on Wayland sessions
  # (which have them); Recommends below.
  case "$soname" in libwayland-*) continue ;; esac
  # awk reads to the end: an early exit would kill ldconfig with SIGPIPE (exit 141 under
  # pipefail) whenever its listing outruns the match, which made make deb fail at random.
  path="$(ldconfig -p | awk -v so="$soname" '$1 == so && /x86-64/ && !found { print $NF; found = 1 }')"
  [ -n "$path" ] || { echo "build-deb: no system library $soname on the build machine" >&2; exit 1; }
  pkg="$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null)" \
    || { echo "build-deb: no Debian package owns $path ($soname)" >&2; exit 1; }
  packages+=("${pkg%%:*}")
done
depends=""
for pkg in $(printf '%s\n' "${packages[@]}" | sort -u); do
  case "$pkg" in
    libc6) entry="libc6 (>= $floor)" ;;  # the floor elf_floor.py checks, not the build machine's
    libstdc++6) entry="libstdc++6 (>= 11)" ;;  # the PySide6 wheels need GCC 11's GLIBCXX_3.4.29
    *) entry="$pkg" ;;
  esac
  depends="${depends:+$depends, }$entry"
done
recommends="libwayland-client0, libwayland-cursor0, libwayland-egl1"

size_kb="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<EOF
Package: ketdesk
Version: $deb_version
Architecture: $arch
Maintainer: ketdesk maintainers <maintainers@ketdesk.invalid>
Installed-Size: $size_kb
Depends: $depends
Recommends: $recommends
Section: education
Priority: optional
Description: plain-language guide to ketamine infusion treatment
 ketdesk shows patients in a clinic's waiting room what ketamine infusion
 treatment is, how it is given, what is known about its benefits and risks,
 with the sources for every statement. It works offline and sends nothing
 anywhere. A kiosk mode locks it full screen for waiting-room screens.
 .
 The program is a self-contained build with its own Python and Qt in
 /opt/ketdesk.
EOF

# Owned by root, fixed mtimes: the same input gives the same package.
find "$root" -exec touch -h -d "@$epoch" {} +
rm -f dist/ketdesk_*.deb
dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$out" >/dev/null
echo "build-deb: $out ($(du -m "$out" | cut -f1) MB)"
echo "  Depends: $depends"
# SHA256SUMS again, now over the archive and the .deb, signed when a key is given (as make dist).
python3 scripts/release_sums.py
