# Selaras — two commands on a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STORE ?= selaras.db

.PHONY: run test lint install explorer neo4j bench bench-quick bench-api soak clean

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

test: lint explorer ## the whole suite, then the quick benchmark (fails on a missed finding)
	$(BIN)/pytest
	$(MAKE) --no-print-directory bench-quick

# `make bench` is the full suite (1, 10, 100 pemda, both stores, the OpenFastTrace peer, the API;
# about an hour here); `make bench QUICK=1` or `make bench-quick` the quick one (1 and 10 pemda,
# a few minutes, docs left alone). Both exit 1 when a planted finding is missed.
bench: install ## the benchmark suite (figures into docs/benchmarks.md); QUICK=1 for the quick one
	$(BIN)/python bench/suite.py $(if $(QUICK),--quick --no-docs,--api) $(BENCH_ARGS)

bench-quick: install ## the quick benchmark suite: 1 and 10 pemda, fails on a missed finding
	$(BIN)/python bench/suite.py --quick --no-docs $(BENCH_ARGS)

bench-api: install ## the HTTP API under load only (wrk; figures into docs/benchmarks.md)
	$(BIN)/python bench/api_load.py

soak: install ## the API soaked: 20 clients, 5 minutes, both stores (Neo4j started if no SELARAS_NEO4J_URI)
	$(BIN)/python tools/soak.py --seconds 300 --clients 20 --store both $(SOAK_ARGS)

neo4j: install ## a Neo4j 5.26 for development, in-process from Maven Central jars
	$(BIN)/python tools/neo4j/server.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tools/neo4j/target
