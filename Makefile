# The two set-up commands of the README: `make demo` (install, then scan the bundled samples) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-all bench clean

$(BIN)/ambiguity: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/ambiguity
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

demo: $(BIN)/ambiguity
	$(BIN)/ambiguity scan corpus/samples/ --fail-on none

test: $(VENV)/.test-deps
	$(BIN)/python -m pytest -q

test-all: $(VENV)/.test-deps
	$(BIN)/python -m pytest -q -m "slow or not slow"

bench: $(BIN)/ambiguity
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/dev_eval.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
