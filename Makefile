# The two commands: `make demo` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: demo test lint unit test-sqlite test-postgres clean document-packages

$(BIN)/homeward: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

DEMO_DB := $(CURDIR)/demo.sqlite3

# Builds the 5,000-person synthetic register, prints one user per role with their passwords,
# then serves the web application at http://127.0.0.1:8000 (Ctrl-C stops it).
demo: $(BIN)/homeward document-packages
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

# Documents (homeward.documents): WeasyPrint draws text with Debian's pango, and the tests read
# the PDFs with poppler-utils (pdftotext, pdftoppm, pdffonts). Installed only when missing.
DOCUMENT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
document-packages:
	@missing=$$(for p in $(DOCUMENT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y $$missing || (apt-get update && apt-get install -y $$missing); \
		else sudo apt-get install -y $$missing; fi; \
	fi

# Every test on SQLite; then every database test again on PostgreSQL (the browser tests once).
test-sqlite: $(BIN)/homeward /usr/bin/chromium document-packages
	$(BIN)/pytest

test-postgres: $(BIN)/homeward
	HOMEWARD_TEST_DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "db and not browser"

test: lint test-sqlite test-postgres

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
