# Two commands on a fresh machine: `make demo` and `make test`. Both build .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test quick lint bench fuzz clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m trucewatch.demo --out demo-output

# Every test, one test file per worker on every core (a file's tests share its fixtures).
test: $(STAMP)
	$(BIN)/ruff check trucewatch tests scripts bench fuzz
	$(BIN)/python -m pytest -q -n auto --dist loadfile

# The quick lane: everything not marked slow, one test file per worker on every core.
quick: $(STAMP)
	$(BIN)/ruff check trucewatch tests scripts bench fuzz
	$(BIN)/python -m pytest -q -m "not slow" -n auto --dist loadfile

# Quick versions of the benchmarks in bench/ (figures and full commands: docs/benchmarks.md).
bench: $(STAMP)
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/throughput.py --n 1000 --workers 1 2
	$(BIN)/python bench/memory.py --sizes 2000 20000
	$(BIN)/python bench/make_corpus.py --n 20000 --out /tmp/trucewatch-bench-20k.jsonl
	$(BIN)/python bench/reuse_bench.py --corpus /tmp/trucewatch-bench-20k.jsonl --sizes 2000 20000
	$(BIN)/python bench/api_load.py --db-base "$${TRUCEWATCH_TEST_DATABASE_URL:?set it to a PostgreSQL URL}" --schema bench_api_quick --incidents 100000 --rate 50 --duration 10

# Long coverage-guided fuzzing of every reader (a short version runs in `make test`).
FUZZ_TIME ?= 600
FUZZ_TARGETS ?= decode text csv jsonl yaml html
FUZZ_TOLERATE_KNOWN ?= 1

fuzz: $(STAMP)
	@failed=; for t in $(FUZZ_TARGETS); do \
	  case $$t in \
	    text) extra=examples/syria-2016/reports/txt ;; \
	    html) extra=examples/syria-2016/reports/html ;; \
	    yaml) extra=examples/syria-2016/agreements ;; \
	    *) extra= ;; \
	  esac; \
	  mkdir -p .fuzz/corpus/$$t .fuzz/artifacts/$$t; \
	  echo "== fuzz_$$t for $(FUZZ_TIME) s"; \
	  FUZZ_TOLERATE_KNOWN=$(FUZZ_TOLERATE_KNOWN) $(BIN)/python fuzz/fuzz_$$t.py \
	    .fuzz/corpus/$$t fuzz/seeds/$$t $$extra \
	    -max_total_time=$(FUZZ_TIME) -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=.fuzz/artifacts/$$t/ || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzzing found crashes in:$$failed (see .fuzz/artifacts/)"; exit 1; fi

lint: $(STAMP)
	$(BIN)/ruff check trucewatch tests scripts bench fuzz
	$(BIN)/ruff format --check trucewatch tests scripts bench fuzz

clean:
	rm -rf demo-output .pytest_cache
