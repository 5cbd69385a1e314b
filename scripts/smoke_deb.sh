#!/usr/bin/env bash
# Smoke-test the .deb that `make deb` built, on this machine (CI runs it as root):
# apt-get installs it (its Depends must already be satisfied here or be fetchable), the
# installed `ketdesk` passes --self-test offscreen, its desktop file and AppStream metadata
# validate, and `apt-get purge` leaves nothing of it behind. Changes the system, so it
# refuses to run unless root, and refuses when a ketdesk package is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "deb-smoke: $*"; }
[ "$(id -u)" -eq 0 ] || { say "skipped: installing a package needs root"; exit 0; }
debs=(dist/ketdesk_*_amd64.deb)  # a glob, not ls | head: no SIGPIPE under pipefail
deb="${debs[0]}"
[ -e "$deb" ] || deb=""
[ -n "$deb" ] || { say "no dist/ketdesk_*.deb; run make deb first" >&2; exit 1; }
if dpkg-query -W -f='${Status}' ketdesk 2>/dev/null | grep -q "install ok installed"; then
  say "a ketdesk package is already installed here; not touching it" >&2
  exit 1
fi

# make deb lists the package in SHA256SUMS beside the archive (scripts/release_sums.py).
grep -q "  $(basename "$deb")\$" dist/SHA256SUMS && (cd dist && sha256sum -c --quiet SHA256SUMS) \
  || { say "FAIL: dist/SHA256SUMS does not list $deb, or a checksum does not match" >&2; exit 1; }
say "SHA256SUMS lists $(basename "$deb") and matches"

work="$(mktemp -d)"
cleanup() {
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ketdesk >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "./$deb" > "$work/apt.log" 2>&1 \
  || { cat "$work/apt.log" >&2; say "FAIL: apt-get install ./$deb" >&2; exit 1; }
say "installed $(dpkg-query -W -f='${Package} ${Version}' ketdesk)"
env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$work" KETDESK_CONFIG_DIR="$work/config" KETDESK_LOG_DIR="$work/log" \
  QT_QPA_PLATFORM=offscreen ketdesk --self-test > "$work/out" 2> "$work/err" \
  || { cat "$work/out" "$work/err" >&2; say "FAIL: ketdesk --self-test" >&2; exit 1; }
[ ! -s "$work/err" ] || { cat "$work/err" >&2; say "FAIL: --self-test printed to stderr" >&2; exit 1; }
say "$(tail -1 "$work/out")"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/org.ketdesk.ketdesk.desktop
  say "desktop file valid"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net /usr/share/metainfo/org.ketdesk.ketdesk.metainfo.xml >/dev/null
  say "AppStream metadata valid"
fi

DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ketdesk > "$work/apt.log" 2>&1 \
  || { cat "$work/apt.log" >&2; say "FAIL: apt-get purge ketdesk" >&2; exit 1; }
left=""
for path in /opt/ketdesk /usr/bin/ketdesk /usr/share/applications/org.ketdesk.ketdesk.desktop \
            /usr/share/metainfo/org.ketdesk.ketdesk.metainfo.xml /usr/share/doc/ketdesk; do
  if [ -e "$path" ] || [ -L "$path" ]; then left="$left $path"; fi
done
[ -z "$left" ] || { say "FAIL: left behind after purge:$left" >&2; exit 1; }
say "purged, nothing left behind"
