#!/bin/sh
# Check that this computer can run ketdesk, before installing or starting it.
#
#   hostcheck.sh                   exit 0 when it can; else say in one line each what is
#                                  missing and the exact command that adds it, and exit 1
#   hostcheck.sh --run APP [ARG]   check, then start APP with its arguments (the launcher)
#
# Without it, a too-old system fails with a loader error ("GLIBC_2.35 not found") or a
# Python traceback that staff cannot act on. It checks glibc against the floor the app was
# built for (packaging/freeze.py GLIBC_FLOOR; `make smoke` checks the bundle against it) and
# that the system libraries the app takes from the host are there (packaging/freeze.py
# HOST_LIBS and the graphics libraries; the rest is bundled).
# KETDESK_SKIP_HOSTCHECK=1 skips the check, for systems that keep libraries where it does
# not look. For tests: HOSTCHECK_GLIBC=2.31 pretends that glibc version, and
# HOSTCHECK_LIBDIRS="DIR ..." looks for libraries only in those folders.
# POSIX sh, no bashisms: it must run before anything else is known about the system.

GLIBC_FLOOR=2.35
FLOOR_RELEASES="Ubuntu 22.04 or newer, Debian 12 or newer, Fedora 36 or newer"

# soname  Debian/Ubuntu package that provides it. Wayland's client libraries are not
# listed: only a Wayland session loads Qt's Wayland plugin, and such a session has them.
REQUIRED_LIBS="
libGL.so.1 libgl1
libEGL.so.1 libegl1
libfontconfig.so.1 libfontconfig1
libfreetype.so.6 libfreetype6
libexpat.so.1 libexpat1
libz.so.1 zlib1g
libX11.so.6 libx11-6
libX11-xcb.so.1 libx11-xcb1
libxcb.so.1 libxcb1
libuuid.so.1 libuuid1
libcom_err.so.2 libcom-err2
libdbus-1.so.3 libdbus-1-3
libstdc++.so.6 libstdc++6
libgcc_s.so.1 libgcc-s1
"

glibc_version() {
  if [ -n "${HOSTCHECK_GLIBC:-}" ]; then echo "$HOSTCHECK_GLIBC"; return; fi
  v=$(getconf GNU_LIBC_VERSION 2>/dev/null) && { echo "${v#glibc }"; return; }
  # No getconf answer: not glibc (musl, for instance) or a very bare system.
  echo none
}

older_than() {  # older_than 2.31 2.35 -> true; compares major.minor as numbers
  a_major=${1%%.*}; a_rest=${1#*.}; a_minor=${a_rest%%.*}
  b_major=${2%%.*}; b_rest=${2#*.}; b_minor=${b_rest%%.*}
  [ "$a_major" -lt "$b_major" ] || { [ "$a_major" -eq "$b_major" ] && [ "$a_minor" -lt "$b_minor" ]; }
}

library_dirs() {
  if [ -n "${HOSTCHECK_LIBDIRS:-}" ]; then echo "$HOSTCHECK_LIBDIRS"; return; fi
  echo "/lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /lib64 /usr/lib64"
}

loader_cache() {  # the 64-bit libraries the dynamic loader knows (Fedora, custom driver paths)
  [ -z "${HOSTCHECK_LIBDIRS:-}" ] || return 0
  for cmd in ldconfig /sbin/ldconfig /usr/sbin/ldconfig; do
    if command -v "$cmd" >/dev/null 2>&1; then
      "$cmd" -p 2>/dev/null | sed -n 's/^[[:space:]]*\([^ ]*\) (.*x86-64.*) => .*/\1/p'
      return 0
    fi
  done
}

has_library() {
  case "$cache" in *"
$1
"*) return 0 ;; esac
  for dir in $dirs; do
    [ -e "$dir/$1" ] && return 0
  done
  return 1
}

check() {
  ok=0
  glibc=$(glibc_version)
  case "$glibc" in
    none)
      echo "ketdesk: this system's C library is not glibc; ketdesk needs glibc $GLIBC_FLOOR or newer ($FLOOR_RELEASES). See INSTALL.txt, \"Older or other systems\"." >&2
      return 1 ;;
    [0-9]*.[0-9]*)
      if older_than "$glibc" "$GLIBC_FLOOR"; then
        echo "ketdesk: this system has glibc $glibc; ketdesk needs $GLIBC_FLOOR or newer ($FLOOR_RELEASES). Update the system, or install from source (INSTALL.txt, \"Older or other systems\")." >&2
        ok=1
      fi ;;
  esac
  dirs=$(library_dirs)
  cache="
$(loader_cache)
"
  missing_libs=""
  missing_pkgs=""
  # shellcheck disable=SC2086 # the table splits into soname/package pairs on purpose
  set -- $REQUIRED_LIBS
  while [ $# -ge 2 ]; do
    if ! has_library "$1"; then
      missing_libs="$missing_libs $1"
      case " $missing_pkgs " in *" $2 "*) ;; *) missing_pkgs="$missing_pkgs $2" ;; esac
    fi
    shift 2
  done
  if [ -n "$missing_libs" ]; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo "; fi
    if command -v apt-get >/dev/null 2>&1 || [ -n "${HOSTCHECK_LIBDIRS:-}" ]; then
      how="install them with: ${sudo}apt-get install -y$missing_pkgs"
    else
      how="install the packages that provide them (Debian/Ubuntu names:$missing_pkgs)"
    fi
    echo "ketdesk: system libraries missing:$missing_libs; $how" >&2
    ok=1
  fi
  return "$ok"
}

if [ "${KETDESK_SKIP_HOSTCHECK:-}" != 1 ]; then
  check || exit 1
fi
if [ "${1:-}" = --run ]; then
  shift
  exec "$@"
fi
exit 0
