# Recourse: the two commands of the README set everything up on a fresh machine.
#   make serve   build and serve the site on http://127.0.0.1:8000 (rebuilds when a file changes)
#   make test    lint, type-check and run every test (core, site, browser)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install test lint typecheck pytest check-trees build serve dev preview bench clean lock

help:
	@echo "make serve  - build and serve the site on http://$(HOST):$(PORT) (rebuilds on changes)"
	@echo "make dev    - mkdocs serve with live reload"
	@echo "make test   - ruff, mypy and every test"
	@echo "make build  - write the site to site/ (mkdocs build --strict)"
	@echo "make preview - build, then serve site/ as the public would get it"
	@echo "make bench  - speed and memory benchmarks (table and JSON)"

install: $(STAMPS)/python $(STAMPS)/node

# Python: a virtual environment with the exact versions of requirements.lock.
$(STAMPS)/python: pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@mkdir -p $(STAMPS) && touch $@

# Front-end files the site self-hosts (Pyodide, Mermaid) and test tools (HTML validator, axe), from package-lock.json.
$(STAMPS)/node: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

# Chromium and Java (for the HTML validator) from Debian's packages, when missing.
$(STAMPS)/system: scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	@mkdir -p $(STAMPS) && touch $@

lint: $(STAMPS)/python
	$(BIN)/ruff check .

typecheck: $(STAMPS)/python
	$(BIN)/mypy

check-trees: $(STAMPS)/python
	$(BIN)/wizard check --strict trees/
	$(BIN)/wizard test trees/

pytest: install $(STAMPS)/system
	$(BIN)/python -m pytest

test: lint typecheck check-trees pytest

build: install
	$(BIN)/mkdocs build --strict -d site

# The built site as the public gets it (cache headers, gzip), rebuilt when a source file changes (polled).
# Without the offline worker (its kill switch is written instead): a kept copy would hide each edit.
serve: export RECOURSE_OFFLINE := false
serve: build
	$(BIN)/python -m wizard.serve site --host $(HOST) --port $(PORT) \
		--watch docs trees wizard $(wildcard mkdocs*.yml) overrides --build "$(MAKE) --no-print-directory build"

# MkDocs' own server with live reload in the browser (no cache headers).
dev: install
	$(BIN)/mkdocs serve --strict -a $(HOST):$(PORT)

preview: build
	$(BIN)/python -m wizard.serve site --host $(HOST) --port $(PORT)

bench: install $(STAMPS)/system
	$(BIN)/python scripts/bench.py

# Refresh requirements.lock from the current environment after changing pyproject.toml.
lock: $(STAMPS)/python
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check > requirements.lock

clean:
	rm -rf site $(STAMPS) .mypy_cache .ruff_cache
