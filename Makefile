# CancerInfo: one command per job. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help venv setup run test lint cycles format audit mutation bench bench-load bench-faults bench-search-scale backup restore clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Development and test: the runtime lock plus the tools (requirements-dev.lock includes requirements.lock).
# Production installs requirements.lock and requirements-nodeps.txt only (docs/deployment.md).
venv: $(BIN)/python ## Create the virtual environment and install the locked dependencies and the dev tools
	$(BIN)/pip install --quiet -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -r requirements-nodeps.txt

setup: venv ## Everything but serving: install, migrate SQLite, load demo content, create the demo admin
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py load_demo_content
	DEBUG=true $(BIN)/python manage.py search_index
	DEBUG=true $(BIN)/python manage.py ensure_demo_admin

run: setup ## Install, set up and serve the demo site on http://127.0.0.1:8000, with a background worker
	@# The worker (PDFs, e-mail, scheduled jobs) runs beside the site and stops with it (Ctrl+C stops both).
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=true $(BIN)/python manage.py run_worker & worker=$$!; \
	  DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv ## Run the whole test suite (browser tests skip if Debian's chromium is missing)
	$(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS)

lint: venv ## ruff, the import contracts (pyproject.toml), Django's checks and the migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DEBUG=true $(BIN)/python manage.py check
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

cycles: venv ## Print the import cycles: between modules, between apps, and the function-local imports
	$(BIN)/python tools/import_cycles.py

format: venv ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

audit: venv ## List outdated locked packages and known vulnerabilities (says so when a source cannot be reached)
	$(BIN)/python deploy/audit.py

# mutmut reads [tool.mutmut] in pyproject.toml: the four modules and the tests that exercise them. MUTANTS narrows the
# run to some mutants by name, e.g. MUTANTS='cancerinfo.deployment.crypto*' (the whole set takes hours on two cores).
mutation: venv ## Mutation testing of search/engine.py, trials/services.py, deployment/crypto.py, donations/services.py
	$(BIN)/mutmut run --max-children $${MUTMUT_CHILDREN:-2} $(MUTANTS)
	$(BIN)/mutmut results

bench: venv ## Run every benchmark under bench/ (but the load test) and print its figures
	@for script in bench/*.py; do case $$script in bench/_*|bench/load.py|bench/faults.py|bench/publish_storm.py|bench/search_scale.py) continue;; esac; \
	  echo "== $$script"; $(BIN)/python $$script || exit 1; done

bench-faults: venv ## Stop Redis, restart PostgreSQL, stop the mail server, kill a worker, restart chat's Redis; prints what was lost
	$(BIN)/python bench/faults.py
	$(BIN)/python bench/chat_load.py --chats 60 --nurses 6 --restart-redis

bench-load: venv ## Rendered pages against a bare Wagtail site, then a publish storm (with REDIS_URL); needs wrk
	$(BIN)/python bench/load.py
	$(BIN)/python bench/publish_storm.py

bench-search-scale: venv ## The search index in PostgreSQL with 100,000 documents (BENCH_DATABASE_URL): speed, memory, publish, rebuild
	$(BIN)/python bench/search_scale.py

backup: venv ## Encrypted backup of the database and media into BACKUP_DIR (backups/ here), checked and pruned
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py backup

restore: venv ## Restore BACKUP=file (default: newest) into the empty database DATABASE_URL names; see docs/deployment.md
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py restore_backup $(BACKUP)

clean: ## Remove the virtual environment, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles
