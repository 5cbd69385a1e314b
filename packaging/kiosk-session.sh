#!/bin/sh
# ketdesk kiosk session: the whole X session is the kiosk, with nothing behind it.
#
# No window manager, no desktop, no panel, no terminal: if the kiosk window ever went away
# there would be nothing to click, no menu and no shell to reach. A display manager starts
# this as the session (autologin; see docs/kiosk.md "A locked kiosk session"), or ~/.xinitrc
# ends with:  exec /path/to/kiosk-session.sh
#
# It turns off screen blanking and display sleep, and X's own escape keys (Ctrl+Alt+Fn to
# another console, Ctrl+Alt+Backspace), then runs `ketdesk --kiosk`, whose keeper restarts
# the kiosk after any crash. Only a staff exit (exit code 0) ends the session: the display
# manager then shows its log-in screen, for staff. Anything else (the keeper itself killed)
# starts ketdesk again after a pause; the session never just stops.
#
#   KETDESK   the command to run (default: ketdesk on PATH, or the one beside this script)
#   KETDESK_SESSION_PAUSE   seconds between two starts (default 5)
set -u

say() { echo "kiosk-session: $*" >&2; }

here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${KETDESK:-}" ]; then
  if [ -x "$here/ketdesk" ]; then KETDESK="$here/ketdesk"
  elif command -v ketdesk >/dev/null 2>&1; then KETDESK=ketdesk
  else say "ketdesk not found: install it, or set KETDESK to its path"; exit 1
  fi
fi
pause="${KETDESK_SESSION_PAUSE:-5}"

# Screen saver, blanking and display power saving off: the kiosk is meant to be seen.
if command -v xset >/dev/null 2>&1; then
  xset s off s noblank 2>/dev/null || say "xset could not turn the screen saver off"
  xset -dpms 2>/dev/null || true  # a server without DPMS has nothing to turn off
else
  say "xset is not installed (apt-get install x11-xserver-utils): the screen may blank"
fi
# X's server keys act before any application sees them, keyboard grab or not.
if command -v setxkbmap >/dev/null 2>&1; then
  setxkbmap -option srvrkeys:none 2>/dev/null || say "setxkbmap could not turn off Ctrl+Alt+Fn"
else
  say "setxkbmap is not installed (apt-get install x11-xkb-utils): Ctrl+Alt+Fn still switch consoles"
fi

while :; do
  # No exec: ketdesk's keeper already restarts the kiosk; this loop is for the keeper.
  $KETDESK --kiosk
  code=$?
  if [ "$code" -eq 0 ]; then
    say "staff exit: ending the kiosk session"
    exit 0
  fi
  say "ketdesk ended with code $code; starting it again in $pause s"
  sleep "$pause"
done
