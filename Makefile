# cchc — the commands a newcomer needs. See README.md.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
B ?=

.PHONY: run setup static migrate demo test test-fast lint bench clean

$(BIN)/cchc: pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(BIN)/cchc

setup: $(BIN)/cchc static

static:
	@bash scripts/fetch_static.sh

migrate: setup
	@$(BIN)/cchc migrate --noinput -v 0

demo: migrate
	@$(BIN)/cchc demo

# Sets everything up, loads the demo and serves on http://$(HOST):$(PORT) with a worker and the scheduler.
run: migrate
	@$(BIN)/cchc demo
	@$(BIN)/cchc serve --host $(HOST) --port $(PORT)

test: setup
	@bash scripts/test.sh

lint: setup
	@$(BIN)/ruff check .

bench: setup
	@bash bench/run.sh $(B)

clean:
	rm -rf $(VENV) node_modules cchc/static/vendor var/test-*
