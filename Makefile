# The README's contract: `make run` serves the chat, `make test` passes the tests.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: install bytecode run test bench bench-large lint eval screenshots

# One line of our own; pip's output goes to .venv/pip.log and is shown only when it fails.
$(STAMP): pyproject.toml
	@echo "installing… (first run: a few minutes; log in $(VENV)/pip.log)"
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install --disable-pip-version-check -q -e '.[test]' \
		> $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; echo "install failed (pip's log above)"; exit 1; }
	@touch $(STAMP)

# The bench extra (LlamaIndex and the naive LangChain pipeline) for the baselines.
$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check -q -e '.[test,bench]'
	@touch $(BENCH_STAMP)

install: $(STAMP)

# The project's own modules compiled to bytecode before serving or benchmarking (only those
# changed since): a start then reads it instead of compiling about 60 modules (0.3 s of CPU),
# also where PYTHONDONTWRITEBYTECODE is set, which stops Python writing it, not reading it.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q assistant knowledge ingest

# Prints one line per stage: ingesting corpus/ (first run), then "serving on http://…".
run: $(STAMP) bytecode
	@$(BIN)/python -m assistant serve --ingest-if-empty

test: $(BENCH_STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python -m assistant eval

bench: $(BENCH_STAMP) bytecode
	$(BIN)/python bench/run.py

# About 100k chunks (9000 synthetic articles): 20-40 minutes on 2 cores.
bench-large: $(BENCH_STAMP) bytecode
	$(BIN)/python bench/run.py --large

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# The README's screenshots, taken from the real app in Debian's chromium.
screenshots: $(STAMP)
	$(BIN)/python docs/take_screenshots.py
