# Induct: `make run` opens the app, `make test` runs the tests. Both set up what is missing:
# the Debian packages Qt and the PDF checks need, and .venv with the project inside.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BUNDLE := dist/induct

# Offscreen Qt, a real window under Xvfb, PDF checks, fonts, and the keyring tests.
DEBIAN_PACKAGES := libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0 \
	xvfb xauth poppler-utils fonts-dejavu-core gnome-keyring dbus-x11 libnss3-tools \
	desktop-file-utils appstream

.PHONY: run test bench lint system-deps venv clean screenshots bundle bundle-test

run: system-deps $(STAMP)
	$(VENV)/bin/induct

# The tests run inside their own D-Bus session with an unlocked gnome-keyring
# (tests/with-keyring), so the real Secret Service is there. A bundle, once built with
# `make bundle`, is tested too.
test: system-deps $(STAMP) lint
	tests/with-keyring $(PY) -m pytest -q
	@if [ -x $(BUNDLE)/induct ]; then $(MAKE) --no-print-directory bundle-test; fi

# A standalone one-folder bundle in dist/induct (PyInstaller; packaging/induct.spec).
bundle: system-deps $(STAMP)
	$(PY) -m pip install --quiet "pyinstaller>=6.10"
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build packaging/induct.spec

bundle-test: system-deps $(STAMP)
	@test -x $(BUNDLE)/induct || $(MAKE) --no-print-directory bundle
	INDUCT_BUNDLE=$(BUNDLE) tests/with-keyring $(PY) -m pytest -q -p no:cacheprovider \
		tests/bundle

bench: system-deps $(STAMP)
	tests/with-keyring $(PY) -m pytest -q -p no:cacheprovider tests/bench

# Lint, formatting and types: any finding fails `make test`.
lint: $(STAMP)
	$(PY) -m ruff check app tests packaging
	$(PY) -m ruff format --check app tests packaging
	$(PY) -m mypy

screenshots: system-deps $(STAMP)
	xvfb-run -a -s "-screen 0 1280x900x24" $(PY) packaging/screenshots.py docs/screenshots

venv: $(STAMP)

# Reinstall whenever the dependencies change.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Installs only what is missing; needs root or sudo the first time.
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || \
		{ echo "Could not install:$$missing. Install them with apt-get and run make again."; exit 1; }; \
	fi

clean:
	rm -rf $(VENV) build dist *.egg-info
