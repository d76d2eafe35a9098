# innocity — two commands do everything:
#   make run    set up (first time only) and serve the platform on http://127.0.0.1:8000
#   make test   set up, then lint, import contracts, unit, database and browser tests
# `make setup` is the bootstrap alone; it is idempotent and only redoes what changed.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
DEPS_STAMP := $(VENV)/.deps-installed
NPM_STAMP := frontend/node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint unit db-tests e2e bench messages clean

setup: $(DEPS_STAMP) $(NPM_STAMP)
	@$(BIN)/python scripts/vendor_assets.py
	@# Bytecode for our own package: with PYTHONDONTWRITEBYTECODE set (as on these machines) every
	@# start would otherwise compile it again; compileall writes only what changed.
	@$(BIN)/python -m compileall -q innocity

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "需要 Python ≥ 3.11 / Python 3.11 or newer is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(DEPS_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# compat: a plain path entry instead of an import hook, 10 ms less at every start.
	$(BIN)/python -m pip install -qq -e ".[dev]" --config-settings editable_mode=compat
	@touch $@

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "需要 Node.js/npm 安装前端资源 / npm is required to install the browser assets"; exit 1; }
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: setup
	$(BIN)/innocity serve --host $(HOST) --port $(PORT)

test: setup
	@scripts/ensure-chromium
	$(BIN)/ruff check innocity tests benchmarks scripts
	$(BIN)/lint-imports
	$(BIN)/pytest

bench: setup
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

messages: setup
	cd innocity && ../$(BIN)/django-admin makemessages -l zh_Hans -l en --ignore "static/*" && ../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) frontend/node_modules innocity/platform/static/vendor var/static
