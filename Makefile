# Koers — the front door. `make run` and `make test` are all you need.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export KOERS_DATA_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv install migrate demo serve bench lint format messages check-migrations browser-test clean

## run: install, migrate, load the demo when the database is empty, serve on http://127.0.0.1:8000
## with a background worker beside it (imports, data loads, full PDFs); both stop together
run: install
	$(BIN)/koers migrate --noinput
	$(BIN)/koers collectstatic --noinput -v 0
	$(BIN)/koers demo --if-empty
	$(BIN)/koers worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/koers serve --host $(HOST) --port $(PORT)

## test: every test (unit, integration, browser when Chromium is installed)
test: install
	$(BIN)/pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(VENV)/.installed
$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

lint: install
	$(BIN)/ruff check src benchmarks
	$(BIN)/ruff format --check src benchmarks

format: install
	$(BIN)/ruff format src benchmarks
	$(BIN)/ruff check --fix src benchmarks

check-migrations: install
	$(BIN)/koers makemigrations --check --dry-run

## messages: refresh and compile the Dutch translations (one catalogue per app)
APPS := organisations kpis goals trends dataentry api selection meetings reports health sources benchmarks jobs
KOERS := $(abspath $(BIN))/koers
messages: install
	cd src/koers && $(KOERS) makemessages -l nl --no-obsolete --no-location $(foreach a,$(APPS) tests trendengine catalogue,-i "$(a)/*")
	for a in $(APPS); do (cd src/koers/$$a && mkdir -p locale && $(KOERS) makemessages -l nl --no-obsolete --no-location -i "tests/*") || exit 1; done
	cd src/koers && $(KOERS) compilemessages

## bench: the speed benchmarks in benchmarks/
bench: install
	@failed=""; for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || failed="$$failed $$b"; done; \
	if [ -n "$$failed" ]; then echo "targets missed:$$failed"; exit 1; fi

browser-test: install
	$(BIN)/pytest -m browser

clean:
	rm -rf $(VENV) var .pytest_cache
