# Selaras — two commands on a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STORE ?= selaras.db

.PHONY: run test lint install neo4j clean

$(BIN)/selaras-installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/selaras-installed ## virtualenv with Selaras and the dev tools

run: install ## load the Kota Contoh demo, print its findings, serve on :$(PORT)
	$(BIN)/selaras --store $(STORE) demo
	$(BIN)/selaras --store $(STORE) check || true   # exit 1 = findings, as planted
	@echo "Selaras: http://127.0.0.1:$(PORT)/api/health  (Ctrl-C untuk berhenti / to stop)"
	$(BIN)/selaras --store $(STORE) serve --port $(PORT)

lint: install ## ruff (lint and format) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint ## the whole suite
	$(BIN)/pytest

neo4j: install ## a Neo4j 5.26 for development, in-process from Maven Central jars
	$(BIN)/python tools/neo4j/server.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tools/neo4j/target
