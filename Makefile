# Two commands on a fresh machine with python3, git and make:
#   make run    set up .venv and run claimlog on the sample ledgers
#   make test   set up .venv with the test extras, run the linters and the suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/claimlog check ledgers
	$(BIN)/claimlog summary ledgers

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts $(wildcard bench)
	$(BIN)/ruff format --check src tests scripts $(wildcard bench)
	$(BIN)/mypy src

test: lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

docs: $(STAMP)
	$(BIN)/python -m claimlog.render.rules > docs/checks.md
	$(BIN)/python scripts/docblocks.py docs/ci.md

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
