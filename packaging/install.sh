#!/usr/bin/env bash
# Install or remove ketdesk ("Ketamine Infusion Treatment") from the unpacked archive.
#
#   ./install.sh                 install for you (~/.local), or for everyone when run as root
#                                (/opt/ketdesk, /usr/local/bin, /usr/share/applications)
#   ./install.sh --uninstall     remove exactly what the install wrote, read from its manifest
#                                (also works later as: <app folder>/install.sh --uninstall)
#   ./install.sh --user          install for you even when run as root
#   PREFIX=DIR ./install.sh      everything under DIR (DIR/lib/ketdesk, DIR/bin, DIR/share):
#                                for tests and for packagers; same as --prefix DIR
#   ./install.sh --print-paths   show where it would install, change nothing
#   ./install.sh --no-check      install even when hostcheck.sh finds this system too old
#                                or missing libraries (it says which, and the apt-get line)
#
# Every file, link and folder it creates is listed in <app folder>/.install-manifest;
# --uninstall removes those and nothing else. It refuses to write over files it did not create.
set -euo pipefail

NAME=ketdesk
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode=install
scope=auto
check_host=1
prefix="${PREFIX:-}"

# The comment block at the top, up to the first line that is not a comment.
usage() { awk 'NR == 1 { next } !/^#/ { exit } { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; }
die() { echo "install.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --uninstall) mode=uninstall ;;
    --user) scope=user ;;
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; prefix="$2"; shift ;;
    --prefix=*) prefix="${1#--prefix=}" ;;
    --print-paths) mode=print ;;
    --no-check) check_host=0 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

if [ -n "$prefix" ]; then
  case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
  app_dir="$prefix/lib/$NAME"; bin_dir="$prefix/bin"; share_dir="$prefix/share"
elif [ "$scope" = auto ] && [ "$(id -u)" -eq 0 ]; then
  app_dir="/opt/$NAME"; bin_dir=/usr/local/bin; share_dir=/usr/share
else
  [ -n "${HOME:-}" ] || die "HOME is not set"
  app_dir="$HOME/.local/lib/$NAME"; bin_dir="$HOME/.local/bin"
  share_dir="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
# Run as <app folder>/install.sh --uninstall: remove that install, wherever it is.
if [ "$mode" = uninstall ] && [ -z "$prefix" ] && [ "$scope" = auto ] && [ -f "$here/.install-manifest" ]; then
  app_dir="$here"
fi
apps_dir="$share_dir/applications"
icon_dir="$share_dir/icons/hicolor"
manifest="$app_dir/.install-manifest"

if [ "$mode" = print ]; then
  printf 'app:     %s\nlauncher: %s\nmenu:    %s\nicons:   %s\n' \
    "$app_dir" "$bin_dir/$NAME" "$apps_dir/$NAME.desktop" "$icon_dir"
  exit 0
fi

# Desktop-entry Exec quoting cannot express these characters safely; no real path needs them.
case "$app_dir" in *[\"\`\$\\]*|*$'\n'*) die "unsupported character in install folder: $app_dir" ;; esac

refresh_caches() {
  # Only refresh caches that the system already keeps, so that no file appears that the
  # manifest does not list (and that --uninstall would leave behind).
  if [ -f "$apps_dir/mimeinfo.cache" ] && command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$apps_dir" || true
  fi
  if [ -f "$icon_dir/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q "$icon_dir" || true
  fi
}

uninstall() {
  [ -f "$manifest" ] || die "ketdesk is not installed in $app_dir (no $manifest)"
  [ -w "$app_dir" ] || die "no permission to change $app_dir; run it as its owner (sudo for /opt)"
  local kind path kept=0
  local -a dirs=()
  while IFS=' ' read -r kind path; do
    case "$kind" in
      f) [ -f "$path" ] && [ ! -L "$path" ] && rm -f -- "$path" ;;
      l) [ -L "$path" ] && rm -f -- "$path" ;;
      d) dirs+=("$path") ;;
      a) apps_dir="$path" ;;  # where this install put its menu entry and icons,
      i) icon_dir="$path" ;;  # for refresh_caches
    esac || true
  done < "$manifest"
  rm -f -- "$manifest"
  # Deepest first: the manifest lists each folder before what is inside it.
  local i
  for (( i=${#dirs[@]}-1; i>=0; i-- )); do
    if [ -d "${dirs[i]}" ] && ! rmdir -- "${dirs[i]}" 2>/dev/null; then
      echo "install.sh: kept ${dirs[i]}: it holds files ketdesk did not install" >&2
      kept=1
    fi
  done
  refresh_caches
  return "$kept"
}

if [ "$mode" = uninstall ]; then
  uninstall && echo "ketdesk removed from $app_dir" || echo "ketdesk removed from $app_dir (see kept folders above)"
  exit 0
fi

# ---- install ----
[ -x "$here/$NAME/$NAME" ] || die "run me from the unpacked archive: $here/$NAME/$NAME is missing"
[ -f "$here/$NAME.desktop" ] || die "$here/$NAME.desktop is missing"
# Before anything is written: a system too old for the app, or without the libraries it takes
# from the host, gets hostcheck.sh's one-line answer now instead of a loader error later.
if [ "$check_host" = 1 ] && ! "$here/hostcheck.sh"; then
  die "nothing was installed; fix what is said above and run it again (or add --no-check)"
fi

if [ -f "$manifest" ]; then
  echo "Replacing the ketdesk already installed in $app_dir"
  uninstall || true
fi
if [ -e "$app_dir" ] && [ -n "$(ls -A "$app_dir" 2>/dev/null)" ]; then
  die "$app_dir holds files this script did not install; move them away or pick --prefix"
fi

pending=()  # folders created before the manifest exists (the app folder and its parents)
record() {
  if [ -f "$manifest" ]; then printf '%s %s\n' "$1" "$2" >> "$manifest"; else pending+=("$1 $2"); fi
}

make_dir() {  # mkdir -p that records every folder it creates, outermost first
  local dir="$1" d
  local -a new=()
  while [ ! -d "$dir" ]; do new=("$dir" "${new[@]}"); dir="$(dirname "$dir")"; done
  for d in "${new[@]}"; do mkdir -- "$d"; record d "$d"; done
}

refuse_existing() {
  if [ -e "$1" ] || [ -L "$1" ]; then die "$1 already exists and was not installed by this script"; fi
}

put_file() {  # copy one file, never over one we did not install
  local src="$1" dest="$2" perm="$3"
  refuse_existing "$dest"
  make_dir "$(dirname "$dest")"
  install -m "$perm" -- "$src" "$dest"
  record f "$dest"
}

rollback() {  # on any failure after the manifest exists (set -e, die): undo, keep the exit code
  local status=$?
  [ "$status" -eq 0 ] && return
  echo "install.sh: install failed; removing what was written so far" >&2
  rm -f -- "${desktop_tmp:-}" "${launcher_tmp:-}"
  if [ -f "$manifest" ]; then uninstall >/dev/null 2>&1 || true; fi
  exit "$status"
}

make_dir "$app_dir"
: > "$manifest"
printf '%s\n' "a $apps_dir" "i $icon_dir" "${pending[@]}" >> "$manifest"
trap rollback EXIT

# The app folder: every file, link and subfolder of the onedir build, owned by whoever installs.
cp -R --preserve=mode,timestamps -- "$here/$NAME/." "$app_dir/"
find "$app_dir" -mindepth 1 ! -path "$manifest" \
  \( -type d -printf 'd %p\n' -o -type l -printf 'l %p\n' -o -printf 'f %p\n' \) >> "$manifest"
chmod -R u+rwX,go+rX,go-w -- "$app_dir"
put_file "${BASH_SOURCE[0]}" "$app_dir/install.sh" 755  # for --uninstall once the download is gone
put_file "$here/hostcheck.sh" "$app_dir/hostcheck.sh" 755   # the launcher's check, below

# Menu entry, pointing at this install's executable.
desktop_tmp="$(mktemp)"
template="$(cat "$here/$NAME.desktop")"
printf '%s\n' "${template//@EXEC@/"$app_dir/$NAME"}" > "$desktop_tmp"
put_file "$desktop_tmp" "$apps_dir/$NAME.desktop" 644
rm -f -- "$desktop_tmp"

# Icons in the hicolor theme, every size the archive carries.
while IFS= read -r -d '' icon; do
  put_file "$icon" "$icon_dir/${icon#"$here/icons/hicolor/"}" 644
done < <(find "$here/icons/hicolor" -type f -print0 | sort -z)

# A command on PATH: a small launcher that runs hostcheck.sh first, so a system that lost a
# library (or an app folder copied to an older machine) says what to install in one line
# instead of failing in the loader. The check takes about 20 ms.
launcher="$bin_dir/$NAME"
launcher_tmp="$(mktemp)"
printf '%s\n' '#!/bin/sh' \
  "# Written by ketdesk's install.sh: check this system (hostcheck.sh), then start ketdesk." \
  "exec \"$app_dir/hostcheck.sh\" --run \"$app_dir/$NAME\" \"\$@\"" > "$launcher_tmp"
put_file "$launcher_tmp" "$launcher" 755
rm -f -- "$launcher_tmp"

trap - EXIT
refresh_caches
echo "ketdesk installed in $app_dir"
echo "Start it from the menu (\"Ketamine Infusion Treatment\") or with: $launcher"
case ":$PATH:" in *":$bin_dir:"*) ;; *) echo "($bin_dir is not on your PATH; the menu entry works anyway)" ;; esac
