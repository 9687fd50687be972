# csc-outcomes: the two set-up commands are `make demo` and `make test`.
# Each creates the virtual environment (.venv) from requirements.lock when it is missing.
# `make compare-validator` compares the project's validation rules with DfE's open-source validator
# (csc-validator-be-903, in its own Python 3.10 environment .venv-dfe-validator) and writes
# docs/validation-agreement.md; a few minutes for the default and the ten-times-larger LA.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Telemetry and outbound traffic off for every tool (stack-notes section 3).
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DBT_USE_COLORS := False
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false

.PHONY: demo test bench lint lock clean compare-validator

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/csc-outcomes demo --out demo

test: $(STAMP)
	$(BIN)/ruff check flows tests
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/csc-outcomes bench --out bench

# DfE's validator needs pandas < 2 (Python <= 3.11): its own environment, never the project's.
DFE_VENV := .venv-dfe-validator
DFE_PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10.*/bin/python3.10) python3.10)
DFE_STAMP := $(DFE_VENV)/.installed

$(DFE_STAMP): tools/dfe_validator/requirements.txt
	@test -x $(DFE_VENV)/bin/python || $(DFE_PYTHON) -m venv $(DFE_VENV)
	$(DFE_VENV)/bin/pip install --quiet --disable-pip-version-check -r tools/dfe_validator/requirements.txt
	@touch $(DFE_STAMP)

compare-validator: $(STAMP) $(DFE_STAMP)
	$(BIN)/python -m tools.dfe_validator.compare --dfe-python $(DFE_VENV)/bin/python \
		--out bench/validator-agreement --report docs/validation-agreement.md

lint: $(STAMP)
	$(BIN)/ruff check flows tests
	$(BIN)/ruff format --check flows tests

lock:
	rm -rf /tmp/csc-lock-venv && $(PYTHON) -m venv /tmp/csc-lock-venv
	/tmp/csc-lock-venv/bin/pip install --quiet -e ".[dev]" setuptools wheel
	{ echo "# Exact versions of every package (pip freeze of a fresh install of pyproject.toml's ranges + dev tools)."; \
	  echo "# Regenerate with: make lock"; \
	  /tmp/csc-lock-venv/bin/pip freeze --exclude-editable | grep -v '^csc-outcomes'; \
	  /tmp/csc-lock-venv/bin/pip freeze --all | grep -E '^(setuptools|wheel)=='; } > requirements.lock

clean:
	rm -rf $(VENV) target dbt_packages logs demo bench
