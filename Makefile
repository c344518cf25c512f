# Two commands on a fresh machine: `make demo` and `make test`. Both build .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m trucewatch.demo --out demo-output

test: $(STAMP)
	$(BIN)/ruff check trucewatch tests scripts bench
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check trucewatch tests scripts bench
	$(BIN)/ruff format --check trucewatch tests scripts bench

clean:
	rm -rf demo-output .pytest_cache
