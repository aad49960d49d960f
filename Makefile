# Two commands on a fresh machine with python3, git and make:
#   make run    set up .venv from requirements/run.lock and run claimlog on the sample ledgers
#   make test   set up .venv from requirements/dev.lock, run the linters and the suite
# Every install comes from a lock (docs/development.md: how to refresh them).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
REQ    := requirements
# Two more venvs live inside .venv, out of the way of the tests that copy the work tree
# (they skip .venv) and rebuilt with it: the PyYAML 6.0.1 venv of .ci/pyyaml-matrix and
# the pip-tools venv of `make lock`.
OLDEST := $(VENV)/pyyaml-oldest
TOOLS  := $(VENV)/tools

.PHONY: run test lint bench bench-hostile fuzz clean docs lock pyyaml-matrix

# A venv built from scratch from one lock, so that it holds exactly what the lock pins:
# pip from pip.lock (and not the setuptools that venv seeds on Python 3.11, whose version
# depends on the Python's patch release), then every package of the lock
# (--require-hashes: pinned versions, known files).
define venv-from-lock
	rm -rf $(1)
	$(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install --quiet --require-hashes -r $(REQ)/pip.lock
	$(1)/bin/python -m pip uninstall --quiet --yes setuptools 2>/dev/null || true
	$(1)/bin/python -m pip install --quiet --require-hashes -r $(2)
endef
# Then claimlog itself from the work tree: --no-deps, nothing beyond the lock;
# --no-build-isolation, its build backend (hatchling) comes from the lock too. `pip check`
# fails if the lock no longer meets the ranges of pyproject.toml (run `make lock`).
define install-self
	$(1)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(1)/bin/python -m pip check
endef

$(VENV)/.run: $(REQ)/pip.lock $(REQ)/run.lock pyproject.toml
	$(call venv-from-lock,$(VENV),$(REQ)/run.lock)
	$(call install-self,$(VENV))
	touch $@

# dev.lock holds run.lock's versions and more: a dev venv also serves `make run`.
$(VENV)/.dev: $(REQ)/pip.lock $(REQ)/dev.lock pyproject.toml
	$(call venv-from-lock,$(VENV),$(REQ)/dev.lock)
	$(call install-self,$(VENV))
	touch $(VENV)/.run $@

run: $(VENV)/.run
	$(BIN)/claimlog check ledgers
	$(BIN)/claimlog summary ledgers

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests scripts $(wildcard bench)
	$(BIN)/ruff format --check src tests scripts $(wildcard bench)
	$(BIN)/mypy src

test: lint
	$(BIN)/python -m pytest

# The loader and safety tests under the oldest PyYAML pyproject.toml allows (6.0.1, in
# $(OLDEST) from requirements/pyyaml-oldest.lock) and the newest (.venv).
pyyaml-matrix:
	PYTHON=$(PYTHON) .ci/pyyaml-matrix

$(OLDEST)/.dev: $(REQ)/pip.lock $(REQ)/pyyaml-oldest.lock pyproject.toml
	$(call venv-from-lock,$(OLDEST),$(REQ)/pyyaml-oldest.lock)
	$(call install-self,$(OLDEST))
	touch $@

# bench/run.py runs check-jsonschema twice: from .venv (ruamel.yaml in pure Python: dev.lock
# has no ruamel.yaml.clib) and from .venv/bench-clib (requirements/bench-clib.lock: the same
# versions plus ruamel.yaml.clib, the C parser). Order-only on .venv: rebuilding .venv
# removes this venv, which is then rebuilt after it.
$(VENV)/bench-clib/.installed: $(REQ)/pip.lock $(REQ)/bench-clib.lock | $(VENV)/.dev
	$(call venv-from-lock,$(VENV)/bench-clib,$(REQ)/bench-clib.lock)
	$(VENV)/bench-clib/bin/python -m pip check
	$(VENV)/bench-clib/bin/python -c "import _ruamel_yaml"  # the C parser, from ruamel.yaml.clib
	touch $@

bench: $(VENV)/.dev $(VENV)/bench-clib/.installed
	$(BIN)/python bench/run.py
	$(BIN)/python bench/hostile.py

# The hostile shapes of issue 8 alone (bench/hostile.py): each at 10x the size that once
# hurt, every run under 10 s and 1 GB or the target fails.
bench-hostile: $(VENV)/.dev
	$(BIN)/python bench/hostile.py

# The Hypothesis fuzzer of tests/test_fuzz.py for longer than `make test` runs it:
# FUZZ_EXAMPLES random examples per target (a crash found: add it to
# tests/test_fuzz_regressions.py).
FUZZ_EXAMPLES ?= 5000
fuzz: $(VENV)/.dev
	CLAIMLOG_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz.py

# records.py is written to a new file first: the generator imports the module it replaces.
docs: $(VENV)/.dev
	$(BIN)/python -m claimlog.recordgen > src/claimlog/records.py.new || { rm -f src/claimlog/records.py.new; exit 1; }
	mv src/claimlog/records.py.new src/claimlog/records.py
	$(BIN)/python -m claimlog.render.rules > docs/checks.md
	$(BIN)/python scripts/docblocks.py docs/ci.md

# Refresh the locks (docs/development.md): `make lock` re-resolves only what pyproject.toml
# or the .in files changed; `make lock UPGRADE=--upgrade` moves everything to its newest
# allowed version; `make lock UPGRADE="-P rich"` moves one package.
COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(TOOLS)/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

$(TOOLS)/.installed: $(REQ)/pip.lock $(REQ)/tools.lock
	$(call venv-from-lock,$(TOOLS),$(REQ)/tools.lock)
	touch $@

lock: $(TOOLS)/.installed
	$(COMPILE) $(UPGRADE) -o $(REQ)/pip.lock $(REQ)/pip.in
	$(COMPILE) $(UPGRADE) -o $(REQ)/tools.lock -c $(REQ)/pip.lock $(REQ)/tools.in
	$(COMPILE) $(UPGRADE) -o $(REQ)/dev.lock --extra dev --build-deps-for editable pyproject.toml
	$(COMPILE) -o $(REQ)/run.lock -c $(REQ)/dev.lock --build-deps-for editable pyproject.toml
	$(COMPILE) $(UPGRADE) -o $(REQ)/bench-clib.lock -c $(REQ)/dev.lock $(REQ)/bench-clib.in
	cp $(REQ)/dev.lock $(REQ)/pyyaml-oldest.lock
	$(COMPILE) -o $(REQ)/pyyaml-oldest.lock -c $(REQ)/pyyaml-oldest.in \
		--extra dev --build-deps-for editable pyproject.toml

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
