# The two commands of the README: `make run` and `make test`. Everything else is a helper;
# `make check` is the quick loop a developer runs after every change.
# The venv's Python: CPython 3.12 or 3.13 where the machine has one (on the PATH, or installed by
# pyenv), else python3 (3.11 or newer). From 3.12 on, the viewer kernels forked for the phones
# share their pages with the template (immortal objects): 13 MB of private memory a kernel
# instead of 25 MB on 3.11, so one laptop holds twice the phones.
PYTHON ?= $(shell for p in python3.12 python3.13; do $$p -c '' 2>/dev/null && { command -v $$p; exit; }; done; \
	for p in $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.12.*/bin/python3 $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.13.*/bin/python3; do \
	[ -x "$$p" ] && { echo "$$p"; exit; }; done; echo python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
DEMO_DB ?= data/demo.db
STAMP  := $(VENV)/.installed

.PHONY: run test check lint bench browser clean help

help:
	@echo "make run    - install into $(VENV) and serve the workbook on a demo database ($(DEMO_DB))"
	@echo "make test   - install into $(VENV) (and Debian's chromium + Thai fonts if missing), run every test"
	@echo "make check  - the quick loop, after every change: lint, and every test that needs no server,"
	@echo "              browser, other process or PostgreSQL (under 90 s; make test before pushing)"
	@echo "make lint   - ruff check and format check"
	@echo "make bench  - benchmarks (ratios against a baseline measured in the same run)"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The workbook needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

run: $(STAMP)
	$(VENV)/bin/roundtable demo --db $(DEMO_DB) --if-empty
	$(VENV)/bin/roundtable serve --db $(DEMO_DB)

test: $(STAMP) browser
	$(PY) -m pytest --nbval-lax

# Debian's Chromium (Playwright drives it; it cannot download its own browser here; exports print
# their PDFs with it), a Thai font, poppler-utils (pdftoppm/pdftotext: tests read the PDFs as a
# reader would), and PostgreSQL, nginx and PgBouncer for the multi-room tests (the tests start
# their own throwaway server, nginx and pooler: no system service is used). The documents' one font family, Noto
# Sans and Noto Sans Thai (fonts-noto-core), and LibreOffice's Writer without its GUI
# (libreoffice-writer-nogui): it lays the Word files out to number their contents page, and the
# tests read the Word files through it as a LibreOffice user would.
browser:
	@if [ -x /usr/bin/chromium ] && command -v fc-list >/dev/null && fc-list :lang=th | grep -q . \
		&& fc-list ":family=Noto Sans Thai" | grep -q . && command -v soffice >/dev/null \
		&& command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null \
		&& ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -x /usr/sbin/nginx ] && [ -x /usr/sbin/pgbouncer ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium, Thai and Noto fonts, LibreOffice Writer, poppler-utils, postgresql, nginx and pgbouncer for the tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium fonts-thai-tlwg fonts-noto-core libreoffice-writer-nogui poppler-utils postgresql nginx pgbouncer >/dev/null; \
	else \
		echo "The tests need Debian's Chromium, Thai and Noto fonts, LibreOffice Writer, poppler-utils, PostgreSQL, nginx and PgBouncer. Install them with:" >&2; \
		echo "    sudo apt-get install chromium fonts-thai-tlwg fonts-noto-core libreoffice-writer-nogui poppler-utils postgresql nginx pgbouncer" >&2; \
		exit 1; \
	fi

# pytest --quick (tests/conftest.py) leaves out the tests marked browser, slow or postgres, and fails
# a test that starts a process without saying so.
check: lint
	$(PY) -m pytest --quick -q

lint: $(STAMP)
	$(VENV)/bin/ruff check roundtable_lib tests bench conftest.py
	$(VENV)/bin/ruff format --check roundtable_lib tests bench conftest.py

bench: $(STAMP) browser
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
