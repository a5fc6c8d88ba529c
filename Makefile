# Every target sets the project up first: a fresh machine needs nothing but Python 3.11 and make.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Test processes (pytest-xdist, each idle process taking work from the busy ones); the suite's database tests each get
# a copy of a database migrated once per process. 4 on this 2-core machine: part of the suite waits on servers
# and browsers.
TEST_WORKERS ?= 4
# Python writes the bytecode of what it imports (where the environment says not to, PYTHONDONTWRITEBYTECODE): every
# server, `xiaopu` command and check child the suite starts would otherwise compile each module it imports again,
# ~0.5 s of CPU per server.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint bench validate clean browser serve-workers bench-workers

# uv installs the same packages as pip, in parallel: 14 s instead of 45 s on a clean machine here.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet 'uv>=0.5'
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/xiaopu validate
	$(BIN)/xiaopu test
	$(BIN)/xiaopu serve --host $(HOST) --port $(PORT)

# The lint runs beside tests/warm_up.py (what every test process would otherwise compile and work out at once on a
# clean clone); the tests start when both are done.
test: $(STAMP) browser
	@$(BIN)/python -m tests.warm_up & warm=$$!; $(MAKE) --no-print-directory lint; lint=$$?; wait $$warm; exit $$lint
	$(BIN)/xiaopu validate
	$(BIN)/xiaopu test
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal --durations=15

# The page tests drive a real Chromium (with a Chinese font for the pages); install it where we can (root with apt), else they are skipped.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null) \
	  || echo "could not install Chromium: the browser test will be skipped"; \
	else echo "Chromium is not installed: the browser test will be skipped"; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/xiaopu fmt --check

bench: $(STAMP)
	$(BIN)/python bench/engine.py

# Several uvicorn workers; needs XIAOPU_DATABASE_URL=postgres://... (SQLite is refused).
WORKERS ?= 2
serve-workers: $(STAMP)
	$(BIN)/xiaopu serve --workers $(WORKERS) --host $(HOST) --port $(PORT)

# Quotes and order ingestion with 1 and 2 workers on PostgreSQL (XIAOPU_BENCH_POSTGRES_URL, default the test server).
bench-workers: $(STAMP)
	$(BIN)/python bench/workers.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
