# Two commands on a fresh machine: `make demo` and `make test`. Every target is idempotent.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# Django 6 needs Python >= 3.12: take the newest interpreter the machine has.
PYTHON ?= $(shell scripts/find-python)
STAMP := $(VENV)/.installed
# The suite runs on every core (pytest-xdist), whole test files per worker so that a module's
# shared data is built once; the slowest tests are printed to keep an eye on them.
TEST_WORKERS ?= auto
PYTEST := $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile --durations=15

.PHONY: setup demo serve test test-sqlite test-postgres lint bench clean

$(PY):
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 is required" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)
	@scripts/ensure-doc-libs
	@mkdir -p var
	$(VENV)/bin/vivier migrate

demo: setup
	$(VENV)/bin/vivier demo

serve: setup
	$(VENV)/bin/vivier serve

# The whole suite, on SQLite then on PostgreSQL when a server answers (CI always has one).
test: setup lint
	@scripts/ensure-chromium
	$(MAKE) --no-print-directory test-sqlite test-postgres

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

test-sqlite: $(STAMP)
	$(PYTEST)

test-postgres: $(STAMP)
	@if $(PY) -c 'import psycopg,sys; psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()' 2>/dev/null; then \
		VIVIER_DATABASE_URL=$${VIVIER_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/vivier} $(PYTEST); \
	elif [ "$${VIVIER_REQUIRE_POSTGRES:-0}" = 1 ]; then \
		echo "PostgreSQL does not answer on 127.0.0.1:5432 and VIVIER_REQUIRE_POSTGRES=1" >&2; exit 1; \
	else echo "PostgreSQL does not answer on 127.0.0.1:5432: the PostgreSQL run is skipped"; fi

bench: setup
	$(PY) -m bench $(BENCH)

clean:
	rm -rf $(VENV) var build *.egg-info
