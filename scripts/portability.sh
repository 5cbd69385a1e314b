#!/usr/bin/env bash
# `make portability`: the release archive on other Debian releases, in minimal chroots.
#
#   scripts/portability.sh [SUITE...]     default: bullseye bookworm trixie
#
# For each release: a minbase chroot made with debootstrap (cached under build/portability/
# as a tar of the fresh system; delete it to refetch), unpacked afresh for every run. In it,
# as the clinic's IT would: the archive's install.sh on the bare system must refuse with
# hostcheck.sh's one line; the exact `apt-get install` line it prints is run and nothing
# else (so only the desktop libraries a Qt app needs are added); install.sh then installs,
# `ketdesk --self-test` and `ketdesk --screenshot` run offscreen without network, and
# `install.sh --uninstall` removes it. The PNGs are checked on the host: none blank, and
# whether they match the build machine's pixel for pixel. bullseye (glibc 2.31) is below the
# floor: there the check is that install.sh refuses in one line and installs nothing.
#
# Needs root (debootstrap, chroot, mounts in a private namespace), network to Debian's
# archive, and a built archive (make dist). Not in CI: a few minutes per release.
# Results: a Markdown table on stdout and in build/portability/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE=build/portability
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(bullseye bookworm trixie)

[ "$(id -u)" -eq 0 ] || { echo "portability: needs root (debootstrap, chroot)" >&2; exit 1; }
archives=(dist/ketdesk-*-linux-x86_64.tar.gz)  # a glob, not ls | head: no SIGPIPE
archive="${archives[0]}"
[ -e "$archive" ] || archive=""
[ -n "$archive" ] || { echo "portability: no archive in dist/; run make dist first" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "portability: installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null; }
PY=.venv/bin/python
[ -x "$PY" ] || { echo "portability: $PY missing; make portability sets it up" >&2; exit 1; }
mkdir -p "$CACHE"

# The build machine's own screenshots, to compare the chroots' with.
reference="$CACHE/reference"
rm -rf "$reference"
QT_QPA_PLATFORM=offscreen dist/ketdesk/ketdesk --screenshot "$reference" --size 1024x600 >/dev/null 2>&1

base_tar() {  # the cached minbase system of one release
  local suite="$1" tar="$CACHE/$1-minbase.tar"
  if [ ! -f "$tar" ]; then
    echo "portability: debootstrap $suite (cached in $tar)" >&2
    rm -rf "$CACHE/$suite.tmp"
    debootstrap --variant=minbase "$suite" "$CACHE/$suite.tmp" "$MIRROR" > "$CACHE/$suite-debootstrap.log" 2>&1 \
      || { echo "portability: debootstrap $suite failed, see $CACHE/$suite-debootstrap.log" >&2; return 1; }
    tar -C "$CACHE/$suite.tmp" --numeric-owner -cf "$tar.part" . && mv "$tar.part" "$tar"
    rm -rf "$CACHE/$suite.tmp"
  fi
  echo "$tar"
}

# What runs inside each chroot, as root, with /proc and /dev mounted. Writes key=value lines
# to /result.txt; every step's output goes to /steps.log.
cat > "$CACHE/inside.sh" <<'INSIDE'
#!/bin/bash
set -uo pipefail
exec >>/steps.log 2>&1
result() { echo "$1=$2" >> /result.txt; }
export HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive
result glibc "$(getconf GNU_LIBC_VERSION | cut -d' ' -f2)"
cd /tmp && tar -xzf /tmp/ketdesk.tar.gz && cd /tmp/ketdesk-*/
echo "== install.sh on the bare system"
refusal="$(./install.sh 2>&1)"; status=$?
echo "$refusal"
result bare_status "$status"
result bare_message "$(echo "$refusal" | grep '^ketdesk:' | head -1)"
if [ "$status" -eq 0 ]; then result install "installed on a bare system (unexpected)"; exit 0; fi
[ -e /opt/ketdesk ] && result bare_left "/opt/ketdesk exists after a refused install"
# Below the glibc floor no package helps: the refusal is the answer.
if echo "$refusal" | grep -q 'or newer'; then result install refused; exit 0; fi
apt_line="$(echo "$refusal" | grep -o 'apt-get install -y .*' | head -1)"
if [ -z "$apt_line" ]; then result install "refused: no apt-get line to run"; exit 0; fi
result apt_line "$apt_line"
echo "== $apt_line"
apt-get update -qq && $apt_line -qq --no-install-recommends || { result install "apt-get failed"; exit 0; }
echo "== install.sh after that"
if ./install.sh; then result install ok; else result install "failed ($?)"; exit 0; fi
echo "== self-test, no network"
out="$(QT_QPA_PLATFORM=offscreen unshare -n /usr/local/bin/ketdesk --self-test 2>&1)"; status=$?
echo "$out"
result selftest "$(echo "$out" | tail -1) (exit $status)"
result selftest_stderr "$(echo "$out" | grep -vc -e '^ok ' -e '^self-test:' -e '^FAIL ' || true)"
echo "== screenshots"
QT_QPA_PLATFORM=offscreen unshare -n /usr/local/bin/ketdesk --screenshot /tmp/shots --size 1024x600
result screenshot_status "$?"
echo "== uninstall"
/opt/ketdesk/install.sh --uninstall && [ ! -e /opt/ketdesk ] && [ ! -e /usr/local/bin/ketdesk ] \
  && result uninstall ok || result uninstall failed
INSIDE
chmod +x "$CACHE/inside.sh"

check_shots() {  # "6 PNGs, none blank, identical to the build machine's" (or what differs)
  QT_QPA_PLATFORM=offscreen "$PY" - "$1" "$reference" <<'PYCHECK'
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication, QImage
from ketdesk.screenshot import is_blank
app = QGuiApplication([])
shots, reference = Path(sys.argv[1]), Path(sys.argv[2])
pngs = sorted(shots.glob("*.png"))
blank = [p.name for p in pngs if is_blank(QImage(str(p)))]
same = [p.name for p in pngs if QImage(str(p)) == QImage(str(reference / p.name))]
verdict = "none blank" if not blank else "BLANK: " + " ".join(blank)
match = "identical to the build machine's" if len(same) == len(pngs) else f"{len(same)} identical to the build machine's"
print(f"{len(pngs)} PNGs, {verdict}, {match}")
sys.exit(1 if blank or len(pngs) != 6 else 0)
PYCHECK
}

rows=()
failed=0
for suite in "${suites[@]}"; do
  tar="$(base_tar "$suite")" || { rows+=("| $suite | ? | debootstrap failed | - | - | - |"); failed=1; continue; }
  root="$CACHE/$suite-run"
  rm -rf "$root" && mkdir -p "$root"
  tar -C "$root" -xf "$tar"
  cp "$archive" "$root/tmp/ketdesk.tar.gz"
  cp "$CACHE/inside.sh" "$root/inside.sh"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  : > "$root/result.txt"; : > "$root/steps.log"
  echo "portability: $suite" >&2
  started=$SECONDS
  # A private mount namespace: /proc and /dev vanish with it, nothing is left mounted.
  unshare --mount --propagation private -- bash -c '
    mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" && chroot "$1" /inside.sh' _ "$root" || true
  cp "$root/steps.log" "$CACHE/$suite-steps.log"
  get() { sed -n "s/^$1=//p" "$root/result.txt" | head -1; }
  glibc="$(get glibc)"; install="$(get install)"; message="$(get bare_message)"
  if [ "$suite" = bullseye ]; then
    # Below the floor: the right answer is a one-line refusal that installs nothing.
    if [ "$(get bare_status)" = 1 ] && [[ "$message" == *"needs 2.35 or newer"* ]] && [ -z "$(get bare_left)" ]; then
      install="refused in one line, nothing written"
    else
      install="NOT refused as it should be: $install"; failed=1
    fi
    rows+=("| Debian 11 $suite | $glibc | $install: \`${message%%(*}...\` | - | - | $((SECONDS - started)) s |")
  else
    shots="-"
    if [ "$install" = ok ]; then
      shots="$(check_shots "$root/tmp/shots")" || failed=1
    else
      failed=1
    fi
    selftest="$(get selftest)"
    [[ "$selftest" == *" 0 failed (exit 0)" ]] || failed=1
    [ "$(get uninstall)" = ok ] || failed=1
    case "$suite" in bookworm) name="Debian 12 bookworm" ;; trixie) name="Debian 13 trixie" ;; *) name="$suite" ;; esac
    missing="${message#*missing: }"; missing="${missing%%;*}"
    extra="$(get selftest_stderr)"; [ "${extra:-0}" = 0 ] || selftest="$selftest, $extra other output lines"
    rows+=("| $name | $glibc | bare system refused, missing: $missing; after \`$(get apt_line)\`: install $install, uninstall $(get uninstall) | $selftest | $shots | $((SECONDS - started)) s |")
  fi
  rm -rf "$root"
done

{
  echo "| release | glibc | install.sh | \`--self-test\` (offscreen, no network) | \`--screenshot\` 1024x600 | time |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$CACHE/results.md"
[ "$failed" -eq 0 ] && echo "portability: all releases behaved as expected" || echo "portability: FAILED (logs: $CACHE/*-steps.log)"
exit "$failed"
