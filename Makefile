# The two commands: `make run` (portal on http://127.0.0.1:8000/) and `make test` (the whole suite).
# Everything else here is what those two are built from.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
MAKEMESSAGES_IGNORE := --no-location --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests --ignore=bench

.PHONY: run test venv install install-run migrate demo messages compilemessages lint format check-python bench-import clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s); set PYTHON=python3.11" % sys.version.split()[0])'

$(VENV)/bin/python: | check-python
	$(PYTHON) -m venv $(VENV)

# Runtime packages only (make run).
$(VENV)/.installed-run: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Runtime plus test and lint tools (make test, CI).
$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

install-run: $(VENV)/.installed-run
install: $(VENV)/.installed-dev

migrate: install-run
	$(PY) manage.py migrate --noinput

# Translations ship compiled; recompile only where gettext is installed.
compilemessages: install-run
	@if command -v msgfmt >/dev/null 2>&1; then $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules >/dev/null; \
	else echo "gettext not installed: using the shipped compiled translations"; fi

demo: migrate
	$(PY) manage.py load_demo

run: install-run migrate compilemessages demo
	@echo "Serving the portal on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

messages: install
	$(PY) manage.py makemessages -l id $(MAKEMESSAGES_IGNORE) --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench-import: install
	$(PY) bench/bench_import.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
