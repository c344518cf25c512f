# Two commands on a fresh machine: `make demo` and `make test`. Both build .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

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

# Quick versions of the benchmarks in bench/ (figures and full commands: docs/benchmarks.md).
bench: $(STAMP)
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/throughput.py --n 1000 --workers 1 2
	$(BIN)/python bench/memory.py --sizes 2000 20000
	$(BIN)/python bench/make_corpus.py --n 20000 --out /tmp/trucewatch-bench-20k.jsonl
	$(BIN)/python bench/reuse_bench.py --corpus /tmp/trucewatch-bench-20k.jsonl --sizes 2000 20000
	$(BIN)/python bench/api_load.py --db-base "$${TRUCEWATCH_TEST_DATABASE_URL:?set it to a PostgreSQL URL}" --schema bench_api_quick --incidents 100000 --rate 50 --duration 10

lint: $(STAMP)
	$(BIN)/ruff check trucewatch tests scripts bench
	$(BIN)/ruff format --check trucewatch tests scripts bench

clean:
	rm -rf demo-output .pytest_cache
