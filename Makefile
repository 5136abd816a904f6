# Vaktaal: `make run` serves the demo, `make test` runs every test (SQLite, PostgreSQL, browser) and the linters.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
# Debian packages the app uses at run time: espeak-ng (offline Dutch speech), ffmpeg (MP3, checking uploads),
# hunspell-nl + libenchant-2-2 (spelling suggestions for new terms).
RUN_DEBS := espeak-ng ffmpeg hunspell-nl libenchant-2-2
# Debian packages the tests need on top: a browser, fonts for Arabic, Ge'ez and emoji, a database server, and Redis
# (the login limits shared by two app processes: tests/api/test_rate_limits.py starts its own redis-server).
TEST_DEBS := chromium fonts-noto-core fonts-noto-color-emoji postgresql redis-server

.PHONY: run test test-sqlite test-postgres test-browser test-fuzz lint lint-js format demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.run-installed

# The JavaScript linter (Biome, pinned in package-lock.json) is for the tests only: `make run` needs no npm.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

run: $(VENV)/.run-installed
	@scripts/ensure-debs.sh $(RUN_DEBS)
	$(BIN)/flask --app wsgi setup
	$(BIN)/flask --app wsgi run --host 127.0.0.1 --port $(PORT)

demo: $(VENV)/.run-installed
	$(BIN)/flask --app wsgi demo

test: $(VENV)/.test-installed
	@scripts/ensure-debs.sh --required $(RUN_DEBS) $(TEST_DEBS)
	$(BIN)/pytest -q -p no:cacheprovider tests/unit tests/api tests/browser
	scripts/with-postgres.sh $(BIN)/pytest -q -p no:cacheprovider tests/api
	scripts/with-postgres.sh $(BIN)/pytest -q -p no:cacheprovider tests/fuzz
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory lint-js

test-sqlite: $(VENV)/.test-installed
	$(BIN)/pytest -q tests/unit tests/api

test-postgres: $(VENV)/.test-installed
	scripts/with-postgres.sh $(BIN)/pytest -q tests/api

test-browser: $(VENV)/.test-installed
	$(BIN)/pytest -q tests/browser

# schemathesis against /api/openapi.json on its own throwaway PostgreSQL (bounded: a fixed seed and example count).
test-fuzz: $(VENV)/.test-installed
	scripts/with-postgres.sh $(BIN)/pytest -q -p no:cacheprovider tests/fuzz

lint: $(VENV)/.test-installed lint-js
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Lint and format check of frontend/js and frontend/sw.js; `npm run format` fixes what it can.
lint-js: node_modules/.installed
	node_modules/.bin/biome ci --error-on-warnings --colors=off

format: $(VENV)/.test-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache node_modules
