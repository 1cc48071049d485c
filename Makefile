# Two commands: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The gazetteer index is rebuilt when its sources change, not only when pyproject.toml does.
GAZ_STAMP := $(VENV)/.gazetteer
GAZ_SRC := $(wildcard src/eventledger/geo/build.py src/eventledger/geo/names.py src/eventledger/geo/policy.py \
  src/eventledger/geo/index.py src/eventledger/geo/data/*.tsv src/eventledger/geo/data/*.toml src/eventledger/geo/data/*.txt)

.PHONY: run test setup lint browser bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

$(GAZ_STAMP): $(STAMP) $(GAZ_SRC)
	$(BIN)/python -m eventledger.geo.build
	@touch $(GAZ_STAMP)

setup: $(GAZ_STAMP)

run: setup
	@rm -f examples.db
	$(BIN)/eventledger ingest examples/ --db examples.db
	$(BIN)/eventledger list --events --db examples.db
	$(BIN)/eventledger serve --db examples.db

test: setup
	@$(BIN)/python -m pytest -q; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# Debian's Chromium for tests/web/test_browser.py (skipped without it); needs root and apt-get.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  { apt-get install -y -q chromium || { apt-get update -q && apt-get install -y -q chromium; }; } >/dev/null 2>&1 \
	    || echo "make browser: could not install Debian's chromium; the browser test will skip"; \
	else echo "make browser: no chromium and no root apt-get to install it; the browser test will skip"; fi

clean:
	rm -rf $(VENV) examples.db .pytest_cache .mypy_cache
