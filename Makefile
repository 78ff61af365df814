# make run  : set up .venv, extract records from corpus/, score them against gold/
# make test : set up .venv, run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test setup clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

run: setup
	mkdir -p out
	$(BIN)/extract run corpus/ --out out/records.jsonl
	$(BIN)/extract score --gold gold/ --pred out/records.jsonl

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out
