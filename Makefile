# Selaras — two commands on a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STORE ?= selaras.db

.PHONY: run test lint install explorer neo4j bench soak clean

$(BIN)/selaras-installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/selaras-installed ## virtualenv with Selaras and the dev tools

# The explorer's browser libraries (Cytoscape.js, cytoscape-dagre) from package.json; without
# npm the graph view says how to get them, and the API works as before.
NPM_STAMP := node_modules/.selaras-installed

$(NPM_STAMP): package.json $(wildcard package-lock.json)
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "Selaras: npm tidak ada / npm not found: the explorer's graph view needs it" \
	    "(apt-get install npm, then make explorer); the API works without it."; \
	elif npm $(if $(wildcard package-lock.json),ci,install) --no-audit --no-fund; then \
	  touch $@; \
	else \
	  echo "Selaras: npm gagal / npm failed: the explorer's graph view is missing; the API works."; \
	fi

explorer: $(NPM_STAMP) ## the explorer's libraries into node_modules (npm ci), when npm is there

run: install explorer ## load the Kota Contoh demo, print its findings, serve on :$(PORT)
	$(BIN)/selaras --store $(STORE) demo
	$(BIN)/selaras --store $(STORE) check || true   # exit 1 = findings, as planted
	@echo "Selaras: http://127.0.0.1:$(PORT)/  (API: /api/health, /docs; Ctrl-C untuk berhenti / to stop)"
	$(BIN)/selaras --store $(STORE) serve --port $(PORT)

lint: install ## ruff (lint and format) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint explorer ## the whole suite
	$(BIN)/pytest

bench: install ## the HTTP API under load (wrk; figures into docs/benchmarks.md)
	$(BIN)/python bench/api_load.py

soak: install ## the API soaked: 20 clients, 5 minutes, both stores (Neo4j started if no SELARAS_NEO4J_URI)
	$(BIN)/python tools/soak.py --seconds 300 --clients 20 --store both $(SOAK_ARGS)

neo4j: install ## a Neo4j 5.26 for development, in-process from Maven Central jars
	$(BIN)/python tools/neo4j/server.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tools/neo4j/target
