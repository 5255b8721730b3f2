# Shortcuts for dev.py (the README's set-up commands are `python3 dev.py demo` and `python3 dev.py test`).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test slow bench clean model

$(BIN)/ambiguity: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

# dev.py does the work so that a machine with only Python and pip needs no make; these are shortcuts.
demo:
	$(PYTHON) dev.py demo

test:
	$(PYTHON) dev.py test

slow:
	$(PYTHON) dev.py slow

bench: $(BIN)/ambiguity
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/dev_eval.py

# The shipped classifier, reproduced from corpus/ alone (fixed seed): splits, then train on train, thresholds on dev.
model: $(BIN)/ambiguity
	$(BIN)/python corpus/tools/split.py
	$(BIN)/ambiguity train corpus/ -o models/default

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
