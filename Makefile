# The two commands: `make demo` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: demo test lint unit test-sqlite test-postgres clean

$(BIN)/homeward: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

DEMO_DB := $(CURDIR)/demo.sqlite3

# Builds the 5,000-person synthetic register, prints one user per role with their passwords,
# then serves the web application at http://127.0.0.1:8000 (Ctrl-C stops it).
demo: $(BIN)/homeward
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/homeward demo --persons 5000 --db sqlite:///$(DEMO_DB)
	$(BIN)/homeward serve --db sqlite:///$(DEMO_DB)

lint: $(BIN)/homeward
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

# The browser tests drive Debian's chromium (Playwright never downloads a browser here).
/usr/bin/chromium:
	if [ "$$(id -u)" = 0 ]; then apt-get install -y chromium || (apt-get update && apt-get install -y chromium); \
	else sudo apt-get install -y chromium; fi

# Every test on SQLite; then every database test again on PostgreSQL (the browser tests once).
test-sqlite: $(BIN)/homeward /usr/bin/chromium
	$(BIN)/pytest

test-postgres: $(BIN)/homeward
	HOMEWARD_TEST_DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "db and not browser"

test: lint test-sqlite test-postgres

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
