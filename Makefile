# Recourse: the two commands of the README set everything up on a fresh machine.
#   make serve   build and serve the site on http://127.0.0.1:8000 (rebuilds when a file changes)
#   make test    lint (Python and browser scripts), type-check and run every test (core, site, browser, js)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install hooks test lint typecheck pytest pytest-zensical check-trees build build-zensical serve dev preview \
	bench bench-search clean lock

help:
	@echo "make serve  - build and serve the site on http://$(HOST):$(PORT) (rebuilds on changes)"
	@echo "make dev    - mkdocs serve with live reload"
	@echo "make test   - ruff, mypy and every test"
	@echo "make build  - write the site to site/ (mkdocs build --strict)"
	@echo "make build-zensical - write the site to site-zensical/ with Zensical"
	@echo "make preview - build, then serve site/ as the public would get it"
	@echo "make bench  - speed and memory benchmarks (table and JSON)"
	@echo "make install - set everything up, with git's pre-commit hooks (HOOKS=no: without them)"

install: $(STAMPS)/python $(STAMPS)/node hooks

# The pre-commit hooks of .pre-commit-config.yaml, into .git/hooks. Not with HOOKS=no, not in CI (CI=true), not in
# a copy without .git; a refusal (e.g. git's core.hooksPath is set) is reported and does not stop the install.
HOOKS ?= yes
hooks: $(STAMPS)/python
	@if [ "$(HOOKS)" = no ] || [ "$${CI:-}" = true ] || [ ! -e .git ]; then \
		echo "pre-commit hooks not installed (HOOKS=$(HOOKS), CI=$${CI:-}, .git $$([ -e .git ] && echo found || echo missing))"; \
	else \
		$(BIN)/pre-commit install || echo "pre-commit hooks not installed: see the message above (make install HOOKS=no to skip)"; \
	fi

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

# Python with ruff; the browser scripts with ESLint and TypeScript's checkJs (their JSDoc types), both pinned in
# package-lock.json; and the unit tests of the browser scripts' pure functions (node's own runner).
lint: $(STAMPS)/python $(STAMPS)/node
	$(BIN)/ruff check .
	node_modules/.bin/eslint 'wizard/assets/**/*.js' 'tests/js/*.mjs'
	node_modules/.bin/tsc --noEmit -p tsconfig.json
	node --test tests/js/

typecheck: $(STAMPS)/python
	$(BIN)/mypy

check-trees: $(STAMPS)/python
	$(BIN)/wizard check --strict trees/
	$(BIN)/wizard test trees/

pytest: install $(STAMPS)/system
	$(BIN)/python -m pytest

# The browser tests marked `zensical` (the wizard, the security policy, the language switch, instant navigation,
# the search contract, no JavaScript) against the site as Zensical builds it; the fixtures build it once.
pytest-zensical: install $(STAMPS)/system
	RECOURSE_GENERATOR=zensical $(BIN)/python -m pytest -m zensical tests/browser

test: lint typecheck check-trees pytest pytest-zensical

build: install
	$(BIN)/mkdocs build --strict -d site

# The same site with Zensical, which runs no MkDocs plugin: `wizard pages --config` writes each edition's docs and
# flat configuration into .zensical/, Zensical builds them, `wizard pages --finish` completes site-zensical/.
build-zensical: install
	$(BIN)/python -m wizard.site.zensical_build --out site-zensical --work .zensical

# The built site as the public gets it (cache headers, gzip), rebuilt when a source file changes (polled). Each
# rebuild goes into site.builds/<n> and is served only once it succeeded; pages reload by themselves, and a
# failed build's errors show over the last good one.
# Without the offline worker (its kill switch is written instead): a kept copy would hide each edit.
serve: export RECOURSE_OFFLINE := false
serve: build
	$(BIN)/python -m wizard.serve site --host $(HOST) --port $(PORT) \
		--watch docs trees wizard $(wildcard mkdocs*.yml) overrides --build "$(BIN)/mkdocs build --strict -d {out}"

# MkDocs' own server with live reload in the browser (no cache headers), under a development policy that allows
# only the reload script. Not --strict: MkDocs stops serving at a failed build (every page then hangs); instead a
# tree with errors shows them at its address and in the terminal. `make build` stays strict.
dev: install
	$(BIN)/mkdocs serve -a $(HOST):$(PORT)

preview: build
	$(BIN)/python -m wizard.serve site --host $(HOST) --port $(PORT)

bench: install $(STAMPS)/system
	$(BIN)/python scripts/bench.py

# Search quality alone: the query set of bench/search-queries.yaml through the real search box (top-1 rates).
bench-search: install $(STAMPS)/system
	$(BIN)/python scripts/bench_search.py

# Refresh requirements.lock from the current environment after changing pyproject.toml.
lock: $(STAMPS)/python
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check > requirements.lock

clean:
	rm -rf site site.builds site-zensical .zensical $(STAMPS) .mypy_cache .ruff_cache
