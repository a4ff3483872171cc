# Service-advice portal. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core; 0 runs everything in this process.
PYTEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help install messages demo test lint format migrations translations lock clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(VENV)/.installed ## Create .venv and install the project with its dev extras (pinned)

$(VENV)/.installed: pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e '.[dev]'
	@touch $@

messages: install ## Compile the .po translations (Babel: no gettext needed)
	@$(BIN)/pybabel -q compile --domain django --directory locale

demo: install messages ## Run the portal with demo content on http://127.0.0.1:$(PORT)/
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install messages ## Run all tests (SQLite; PostgreSQL when DATABASE_URL is set)
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations: install ## Make a named migration: make migrations APP=triage NAME=add_intake_due_at
	$(BIN)/python manage.py makemigrations $(APP) -n $(NAME)

translations: install ## Refresh the .po files from the code and templates (needs gettext)
	$(BIN)/python manage.py makemessages --locale fi --locale sv --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete

lock: ## Re-resolve the pinned versions from pyproject.toml into requirements/constraints.txt
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e ' > requirements/constraints.txt
	rm -rf .lock-venv

clean: ## Remove the virtual environment, the demo database and collected files
	rm -rf $(VENV) db.sqlite3 var .pytest_cache
