#!/usr/bin/env bash
# Install or remove ketdesk ("Ketamine Infusion Treatment") from the unpacked archive.
#
#   ./install.sh                 install for you (~/.local), or for everyone when run as root
#                                (/opt/ketdesk, /usr/local/bin, /usr/local/share/applications)
#   ./install.sh --uninstall     remove exactly what the install wrote, read from its manifest
#                                (also works later as: <app folder>/install.sh --uninstall),
#                                and a kiosk autostart entry that started the removed app
#   ./install.sh --user          install for you even when run as root
#   PREFIX=DIR ./install.sh      everything under DIR (DIR/lib/ketdesk, DIR/bin, DIR/share):
#                                for tests and for packagers; same as --prefix DIR
#   DESTDIR=DIR ./install.sh     write under DIR what belongs at / (staging for a package):
#                                paths inside the files name the final places
#   ./install.sh --print-paths   show where it would install, change nothing
#   ./install.sh --no-check      install even when hostcheck.sh finds this system too old
#                                or missing libraries (it says which, and the apt-get line)
#
# Every file, link and folder it creates is listed in <app folder>/.install-manifest;
# --uninstall removes those and nothing else. It refuses to write over files it did not create.
set -euo pipefail

NAME=ketdesk
# The reverse-DNS app id: the desktop entry's file name, as in the AppStream metadata, the
# window (ketdesk/startup.py) and the macOS bundle. Installs before it used ketdesk.desktop.
APP_ID=org.ketdesk.ketdesk
LEGACY_DESKTOP="$NAME.desktop"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode=install
scope=auto
check_host=1
prefix="${PREFIX:-}"
# DESTDIR: where to write, not where the app will live; every path below is a final one and
# gets "$root" in front only when a file is touched.
root="${DESTDIR:-}"
root="${root%/}"

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
elif [ "$scope" = auto ] && { [ "$(id -u)" -eq 0 ] || [ -n "$root" ]; }; then
  # /usr/share belongs to the package manager; a local install goes to /usr/local/share,
  # which desktops read too (XDG_DATA_DIRS defaults to /usr/local/share:/usr/share).
  app_dir="/opt/$NAME"; bin_dir=/usr/local/bin; share_dir=/usr/local/share
else
  [ -n "${HOME:-}" ] || die "HOME is not set"
  app_dir="$HOME/.local/lib/$NAME"; bin_dir="$HOME/.local/bin"
  share_dir="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
# Run as <app folder>/install.sh --uninstall: remove that install, wherever it is.
if [ "$mode" = uninstall ] && [ -z "$prefix" ] && [ -z "$root" ] && [ "$scope" = auto ] \
   && [ -f "$here/.install-manifest" ]; then
  app_dir="$here"
fi
apps_dir="$share_dir/applications"
icon_dir="$share_dir/icons/hicolor"
manifest="$app_dir/.install-manifest"

if [ "$mode" = print ]; then
  printf 'app:     %s\nlauncher: %s\nmenu:    %s\nicons:   %s\n' \
    "$app_dir" "$bin_dir/$NAME" "$apps_dir/$APP_ID.desktop" "$icon_dir"
  [ -z "$root" ] || printf 'written under: %s\n' "$root"
  exit 0
fi

# Desktop-entry Exec quoting cannot express these characters safely; no real path needs them.
# % would also be read as a format by find -printf and as a field code in Exec.
case "$app_dir" in *[\"\`\$\\%]*|*$'\n'*) die "unsupported character in install folder: $app_dir" ;; esac

refresh_caches() {
  # Only refresh caches that the system already keeps, so that no file appears that the
  # manifest does not list (and that --uninstall would leave behind). Not when staging:
  # the target's caches are the package manager's business.
  [ -z "$root" ] || return 0
  if [ -f "$apps_dir/mimeinfo.cache" ] && command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$apps_dir" || true
  fi
  if [ -f "$icon_dir/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q "$icon_dir" || true
  fi
}

remove_legacy_desktop() {
  # The menu entry of an install made before the app id (ketdesk.desktop). Its own manifest
  # lists it, but one the manifest does not (copied there by hand, or left by an install whose
  # manifest was replaced) would stay in the menu next to the new entry, pointing at nothing.
  # Removed only when it starts this install's binary; never someone else's file.
  local legacy="$root$apps_dir/$LEGACY_DESKTOP"
  [ -f "$legacy" ] && [ ! -L "$legacy" ] && starts_removed "$legacy" "$app_dir/$NAME" || return 0
  rm -f -- "$legacy"
  echo "Removed the old menu entry $apps_dir/$LEGACY_DESKTOP (now $APP_ID.desktop)"
}

uninstall() {
  [ -f "$root$manifest" ] || die "ketdesk is not installed in $root$app_dir (no $root$manifest)"
  [ -w "$root$app_dir" ] || die "no permission to change $root$app_dir; run it as its owner (sudo for /opt)"
  local kind path kept=0
  local -a dirs=()
  while IFS=' ' read -r kind path; do
    case "$kind" in
      f) [ -f "$root$path" ] && [ ! -L "$root$path" ] && rm -f -- "$root$path" ;;
      l) [ -L "$root$path" ] && rm -f -- "$root$path" ;;
      d) dirs+=("$root$path") ;;
      a) apps_dir="$path" ;;  # where this install put its menu entry and icons,
      i) icon_dir="$path" ;;  # for refresh_caches
    esac || true
  done < "$root$manifest"
  rm -f -- "$root$manifest"
  remove_legacy_desktop
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

starts_removed() {  # starts_removed FILE PATH...: does an Exec=/ExecStart= line run one of them?
  local file="$1" lines path
  shift
  # A space appended, so that a path must end there (or at its closing quote).
  lines="$(grep -E '^(Exec|ExecStart)=' "$file" 2>/dev/null | sed 's/$/ /')" || return 1
  for path in "$@"; do
    case "$lines" in *"=$path "*|*" $path "*|*"\"$path\""*) return 0 ;; esac
  done
  return 1
}

remove_kiosk_autostart() {
  # `ketdesk --install-autostart` writes a systemd user unit (enabled through a link in a
  # *.target.wants folder) or an XDG autostart entry that starts this binary in kiosk mode.
  # Once the binary is gone it would fail at every log-in, or restart-loop under systemd.
  # Only entries that start a program which no longer exists are touched. Look in this
  # user's config; as root removing a shared install, in every user's.
  local -a gone=()
  local path
  for path in "$app_dir/$NAME" "$bin_dir/$NAME"; do [ -e "$path" ] || gone+=("$path"); done
  [ ${#gone[@]} -gt 0 ] || return 0
  local own="${XDG_CONFIG_HOME:-${HOME:-/nonexistent}/.config}"
  local -a configs=("$own")
  if [ "$(id -u)" -eq 0 ] && [ -z "$prefix" ] && [[ "$app_dir" != "${HOME:-/nonexistent}"/* ]]; then
    local home
    for home in /root /home/*; do [ "$home/.config" = "$own" ] || configs+=("$home/.config"); done
  fi
  local config file link unit
  for config in "${configs[@]}"; do
    for file in "$config"/autostart/*.desktop "$config"/systemd/user/*.service; do
      [ -f "$file" ] && starts_removed "$file" "${gone[@]}" || continue
      unit="$(basename "$file")"
      if [ "$config" = "$own" ] && [[ "$file" == *.service ]] && command -v systemctl >/dev/null; then
        systemctl --user stop "$unit" >/dev/null 2>&1 || true  # a kiosk still running the old files
      fi
      for link in "$config"/systemd/user/*.wants/"$unit"; do
        if [ -L "$link" ]; then rm -f -- "$link"; fi
      done
      rm -f -- "$file"
      echo "Removed the kiosk autostart $file: it started ${gone[0]}, which is gone now"
    done
  done
}

if [ "$mode" = uninstall ]; then
  uninstall && echo "ketdesk removed from $root$app_dir" || echo "ketdesk removed from $root$app_dir (see kept folders above)"
  # Not on the uninstall that an update runs first: the new binary takes the same path.
  [ -n "$root" ] || remove_kiosk_autostart
  exit 0
fi

# ---- install ----
[ -x "$here/$NAME/$NAME" ] || die "run me from the unpacked archive: $here/$NAME/$NAME is missing"
[ -f "$here/$APP_ID.desktop" ] || die "$here/$APP_ID.desktop is missing"
# Before anything is written: a system too old for the app, or without the libraries it takes
# from the host, gets hostcheck.sh's one-line answer now instead of a loader error later.
# Not when staging with DESTDIR: the target is another machine.
if [ "$check_host" = 1 ] && [ -z "$root" ] && ! "$here/hostcheck.sh"; then
  die "nothing was installed; fix what is said above and run it again (or add --no-check)"
fi

if [ -f "$root$manifest" ]; then
  echo "Replacing the ketdesk already installed in $root$app_dir"
  uninstall || true
fi
remove_legacy_desktop  # also when that install's manifest is gone: it would start the new binary
if [ -e "$root$app_dir" ] && [ -n "$(ls -A "$root$app_dir" 2>/dev/null)" ]; then
  die "$root$app_dir holds files this script did not install; move them away or pick --prefix"
fi

pending=()  # folders created before the manifest exists (the app folder and its parents)
record() {
  if [ -f "$root$manifest" ]; then printf '%s %s\n' "$1" "$2" >> "$root$manifest"; else pending+=("$1 $2"); fi
}

make_dir() {  # mkdir -p that records every folder it creates, outermost first
  local dir="$1" d
  local -a new=()
  while [ ! -d "$root$dir" ] && [ "$dir" != / ]; do new=("$dir" "${new[@]}"); dir="$(dirname "$dir")"; done
  for d in "${new[@]}"; do
    mkdir -- "$root$d"
    # Staged, the folders above the app's own (/usr/local/share...) exist on any target and
    # are not ketdesk's to remove; only those inside the app folder are recorded.
    if [ -z "$root" ] || [[ "$d" == "$app_dir" || "$d" == "$app_dir"/* ]]; then record d "$d"; fi
  done
}

refuse_existing() {
  if [ -e "$root$1" ] || [ -L "$root$1" ]; then die "$root$1 already exists and was not installed by this script"; fi
}

put_file() {  # copy one file, never over one we did not install
  local src="$1" dest="$2" perm="$3"
  refuse_existing "$dest"
  make_dir "$(dirname "$dest")"
  install -m "$perm" -- "$src" "$root$dest"
  record f "$dest"
}

rollback() {  # on any failure after the manifest exists (set -e, die): undo, keep the exit code
  local status=$?
  [ "$status" -eq 0 ] && return
  echo "install.sh: install failed; removing what was written so far" >&2
  rm -f -- "${desktop_tmp:-}" "${launcher_tmp:-}"
  if [ -f "$root$manifest" ]; then uninstall >/dev/null 2>&1 || true; fi
  exit "$status"
}

[ -z "$root" ] || mkdir -p -- "$root"  # the staging folder itself is the packager's
make_dir "$app_dir"
: > "$root$manifest"
printf '%s\n' "a $apps_dir" "i $icon_dir" "${pending[@]}" >> "$root$manifest"
trap rollback EXIT

# The app folder: every file, link and subfolder of the onedir build, owned by whoever installs.
cp -R --preserve=mode,timestamps -- "$here/$NAME/." "$root$app_dir/"
find "$root$app_dir" -mindepth 1 ! -path "$root$manifest" \( -type d -printf "d $app_dir/%P\n" \
  -o -type l -printf "l $app_dir/%P\n" -o -printf "f $app_dir/%P\n" \) >> "$root$manifest"
chmod -R u+rwX,go+rX,go-w -- "$root$app_dir"
put_file "${BASH_SOURCE[0]}" "$app_dir/install.sh" 755  # for --uninstall once the download is gone
put_file "$here/hostcheck.sh" "$app_dir/hostcheck.sh" 755   # the launcher's check, below

# Menu entry, pointing at this install's executable.
desktop_tmp="$(mktemp)"
template="$(cat "$here/$APP_ID.desktop")"
printf '%s\n' "${template//@EXEC@/"$app_dir/$NAME"}" > "$desktop_tmp"
put_file "$desktop_tmp" "$apps_dir/$APP_ID.desktop" 644
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
if [ -n "$root" ]; then
  echo "ketdesk staged under $root for $app_dir (menu entry $apps_dir/$APP_ID.desktop, command $launcher)"
  exit 0
fi
echo "ketdesk installed in $app_dir"
# Desktops find menu entries in XDG_DATA_HOME (~/.local/share) and XDG_DATA_DIRS
# (/usr/local/share:/usr/share unless set): say the truth for a PREFIX elsewhere.
data_dirs=":${XDG_DATA_HOME:-${HOME:-/nonexistent}/.local/share}:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}:"
case "$data_dirs" in
  *":$share_dir:"*|*":$share_dir/:"*) menu=1 ;;
  *) menu=0 ;;
esac
if [ "$menu" = 1 ]; then
  echo "Start it from the menu (\"Ketamine Infusion Treatment\") or with: $launcher"
else
  echo "Start it with: $launcher"
  echo "(The menu entry is in $apps_dir, where desktops do not look unless $share_dir is on XDG_DATA_DIRS.)"
fi
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) [ "$menu" = 1 ] && echo "($bin_dir is not on your PATH; the menu entry works anyway)" \
       || echo "($bin_dir is not on your PATH either)" ;;
esac
