#!/usr/bin/env bash
# Make sure the Debian/Ubuntu libraries Qt 6 wheels need are present.
# As root: installs what is missing with apt-get. Otherwise: prints the exact command and
# fails, since the app or the tests cannot start without them.
# Usage: scripts/system-deps.sh [run|test|dist|speech|speech-smoke]   ("test" adds Xvfb, xdotool
#        and AT-SPI for window tests; "dist" adds what `make dist` and scripts/smoke_frozen.py
#        need; "speech" adds the offline voice for read-aloud: speech-dispatcher with espeak-ng;
#        "speech-smoke" adds to it what the smoke test needs to hear a read-aloud build speak)
set -euo pipefail

mode="${1:-run}"
# Offscreen rendering (also what the frozen app needs at the least).
packages=(libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
# Real windows on X11. Qt blames xcb-cursor in its error when icccm4/keysyms1 are missing.
packages+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
           libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1)
if [ "$mode" = "test" ]; then
  packages+=(xvfb xdotool xauth)
  # The kiosk tests under a real window manager: openbox, and the X tools that drive it.
  packages+=(openbox wmctrl x11-utils)
  # The kiosk session script's test: xset turns blanking off.
  packages+=(x11-xserver-utils)
  # The handout's tests: pdftoppm/pdftotext/pdfinfo read the PDF, zbarimg decodes its QR code.
  packages+=(poppler-utils zbar-tools)
  # Read-aloud's end-to-end test renders speech to a WAV (espeak-ng -w) and measures it (soxi).
  packages+=(espeak-ng sox)
  # The screen-reader test (tests/e2e/test_atspi_tree.py): a private D-Bus session, the
  # AT-SPI bus and pyatspi for the system python3 that walks the tree.
  packages+=(dbus at-spi2-core python3-pyatspi)
fi
if [ "$mode" = "speech" ] || [ "$mode" = "speech-smoke" ]; then
  # Qt Text to Speech's Linux engine talks to speech-dispatcher (libspeechd2), which speaks
  # with espeak-ng: English and Spanish voices, all on the device.
  packages+=(speech-dispatcher speech-dispatcher-espeak-ng espeak-ng libspeechd2)
fi
if [ "$mode" = "speech-smoke" ]; then
  # `make smoke READ_ALOUD=1` hears the frozen app speak: a private PulseAudio null sink
  # stands in for speakers, parecord records it, sox measures the voice (scripts/smoke_speech.py).
  packages+=(pulseaudio pulseaudio-utils sox)
fi
if [ "$mode" = "dist" ]; then
  # PyInstaller reads and strips ELF files with binutils (patchelf drops the build machine's
  # RUNPATH from libpython, packaging/freeze.py); the smoke test runs Xvfb, reads the bundled
  # font's text back with tesseract, and validates the desktop entry.
  packages+=(binutils patchelf xvfb xauth xdotool tesseract-ocr tesseract-ocr-eng desktop-file-utils)
fi
# What the frozen app takes from the host (packaging/hostcheck.sh's table): most come with
# the packages above; named here so that the install tests and `make smoke` never depend on it.
packages+=(libx11-6 libx11-xcb1 libxcb1 libfreetype6 libexpat1 zlib1g libuuid1 libcom-err2)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian/Ubuntu system; install the equivalents of: ${packages[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == *"install ok installed"* ]] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: Qt needs these system packages. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
