# ketdesk: two commands on a fresh machine.
#   make run    set up .venv (pinned) and Qt's system libraries, then start the app
#   make test   the same set-up with test tools, then the whole test suite
#   make run READ_ALOUD=1   also the Listen button: PySide6-Addons (Qt Text to Speech, 175 MB)
#               and the offline voice (speech-dispatcher + espeak-ng); without it Listen is hidden.
#               make run READ_ALOUD=1 ARGS=--check-voice says one sentence to check it.
# Dependencies are pinned in requirements/constraints.txt so builds are reproducible.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
CONSTRAINTS := requirements/constraints.txt
ARGS ?=
READ_ALOUD ?= 0

.PHONY: run test lint bench soak soak-kiosk dist smoke screenshots clean sysdeps sysdeps-test sysdeps-dist sysdeps-speech sysdeps-speech-smoke

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Stamps record which extras are installed; they are redone when the pins change.
$(VENV)/.run: pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(PIP) install -q -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.test: pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(PIP) install -q -c $(CONSTRAINTS) -e '.[test,dev]'
	touch $@ $(VENV)/.run

$(VENV)/.speech: pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(PIP) install -q -c $(CONSTRAINTS) -e '.[speech]'
	touch $@

$(VENV)/.build: pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(PIP) install -q -c $(CONSTRAINTS) -e '.[build]'
	touch $@

sysdeps:
	@scripts/system-deps.sh run

sysdeps-test:
	@scripts/system-deps.sh test

sysdeps-dist:
	@scripts/system-deps.sh dist

sysdeps-speech:
	@scripts/system-deps.sh speech

sysdeps-speech-smoke:
	@scripts/system-deps.sh speech-smoke

ifeq ($(READ_ALOUD),1)
run: sysdeps sysdeps-speech $(VENV)/.run $(VENV)/.speech
else
run: sysdeps $(VENV)/.run
endif
	@[ -e $(VENV)/.speech ] || echo "make run: no read-aloud (Listen button hidden); make run READ_ALOUD=1" \
	  "adds PySide6-Addons and the offline voice (speech-dispatcher, espeak-ng)"
	$(PY) -m ketdesk $(ARGS)

# The suite runs in one process per core (pytest-xdist); TEST_WORKERS=0 runs it in one.
TEST_WORKERS ?= auto
test: sysdeps-test $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n $(TEST_WORKERS) $(ARGS)

lint: $(VENV)/.test
	$(PY) -m ruff check ketdesk tests benchmarks scripts packaging
	$(PY) -m mypy

# The frozen app and dist/ketdesk-<version>-linux-<arch>.tar.gz + SHA256SUMS, built in a clean
# venv (build/venv-dist) with only PySide6 as Qt binding. See README "Packaging".
# READ_ALOUD=1 also freezes Qt Text to Speech (PySide6-Addons, in build/venv-dist-speech;
# measured +2.3 MB on the folder, +0.85 MB on the archive): the target then needs speech-dispatcher,
# speech-dispatcher-espeak-ng and espeak-ng for the Listen button (INSTALL.txt says so);
# `ketdesk --check-voice` there says one sentence to check it.
dist: sysdeps-dist
	READ_ALOUD=$(READ_ALOUD) scripts/build-dist.sh

# Smoke-test what `make dist` built: --self-test offscreen, under Xvfb and without network,
# the bundled font on a system without fonts, and install/uninstall of the archive.
# A READ_ALOUD=1 build is also heard speaking both languages (scripts/smoke_speech.py:
# speech-dispatcher into a recorded PulseAudio null sink; `make smoke READ_ALOUD=1` installs them).
ifeq ($(READ_ALOUD),1)
smoke: sysdeps-dist sysdeps-speech-smoke
else
smoke: sysdeps-dist
endif
	$(PYTHON) scripts/smoke_frozen.py
# Benchmarks (not part of `make test`): a table of ratios against bare PySide6 baselines,
# written to benchmarks/results.json and docs/performance.md. ARGS="--runs 9" etc.
bench: sysdeps-test $(VENV)/.test
	$(PY) -m benchmarks $(ARGS)

# Long reliability runs: the content fuzz with thousands of cases, the settings kill test,
# then the kiosk rotation, accelerated (a rotation every 20 ms), for SOAK_SECONDS of wall
# time; fails on RSS growth > 5 MB, any Qt warning or an exception in the event loop.
# SOAK_SECONDS=600 gives the full ten-minute run. Then every hostile content pack
# (tests/hostile_packs.py, devices and 100,000-level nesting too) through the real CLI as a
# subprocess, capped at 60 s and 4 GiB each, with its peak memory.
SOAK_SECONDS ?= 150
soak: sysdeps-test $(VENV)/.test
	KETDESK_HYPOTHESIS_PROFILE=soak QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider \
	  tests/unit/test_content_fuzz.py tests/unit/test_settings_atomic.py
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.soak --seconds $(SOAK_SECONDS)
	$(PY) -m benchmarks.hostile_soak

# The kiosk attract loop in real time (a rotation every SOAK_INTERVAL s) for MINUTES: RSS
# sampled every 30 s, fails on a least-squares slope of 1 MB an hour or more after a
# 3-minute warm-up. Offscreen by default; on a real X server (where the watchdog talks to
# X11): SOAK_KIOSK_ENV="xvfb-run -a -s '-screen 0 1920x1080x24' env QT_QPA_PLATFORM=xcb".
MINUTES ?= 30
SOAK_INTERVAL ?= 2
SOAK_KIOSK_ENV ?= env QT_QPA_PLATFORM=offscreen
soak-kiosk: sysdeps-test $(VENV)/.test
	$(SOAK_KIOSK_ENV) $(PY) -m benchmarks.kiosk_rss_soak --minutes $(MINUTES) --interval $(SOAK_INTERVAL)

# A Debian package from the same frozen folder (after make dist): dist/ketdesk_<version>-1_amd64.deb.
# deb-smoke (CI, root): apt-get install it, --self-test, validate, purge, nothing left.
# deb-lint: lintian (2-3 minutes here, so not in CI); each remaining tag is explained in
# packaging/deb/lintian-overrides.
.PHONY: deb deb-smoke deb-lint
deb:
	scripts/build-deb.sh

deb-smoke:
	scripts/smoke_deb.sh

deb-lint:
	@command -v lintian >/dev/null || { echo "deb-lint: apt-get install lintian first"; exit 1; }
	lintian --info --show-overrides dist/ketdesk_*.deb
	appstreamcli validate --no-net --pedantic packaging/org.ketdesk.ketdesk.metainfo.xml

# The release archive in minimal Debian 11/12/13 chroots (debootstrap, cached in build/portability):
# install.sh's host check, install, --self-test, --screenshot, uninstall. Needs root and network;
# a few minutes, so not in CI. See docs/portability.md. ARGS="trixie" for one release.
.PHONY: portability
portability: sysdeps $(VENV)/.run
	scripts/portability.sh $(ARGS)

# Every panel's poster (its first screen) at each kiosk size, in both languages and both
# themes, into build/screenshots/<size>-<lang>-<theme>/; and each panel's whole page at
# 1280x800 into build/screenshots/full-<lang>/ (--full-page), for reviewers.
SCREENSHOT_SIZES = 1024x600 1280x800 1920x1080 3840x2160 1080x1920
screenshots: sysdeps $(VENV)/.run
	for size in $(SCREENSHOT_SIZES); do for lang in en es; do for theme in standard high-contrast; do \
	  QT_QPA_PLATFORM=offscreen $(PY) -m ketdesk --screenshot build/screenshots/$$size-$$lang-$$theme \
	    --size $$size --lang $$lang --theme $$theme || exit 1; \
	done; done; done
	for lang in en es; do \
	  QT_QPA_PLATFORM=offscreen $(PY) -m ketdesk --screenshot build/screenshots/full-$$lang \
	    --size 1280x800 --lang $$lang --full-page || exit 1; \
	done

clean:
	rm -rf build dist $(VENV) .pytest_cache .mypy_cache .ruff_cache
