# The two commands: `make run` (fresh clone -> demo site on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the demo tells people (e-mails, feeds, the sitemap, the API): where `make run` listens.
PUBLIC_HOST := $(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST))
export PUBLIC_URL ?= http://$(PUBLIC_HOST):$(PORT)

.PHONY: run test install install-test lint migrate demo

$(BIN)/python:
	@echo "Creating $(VENV)…"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "Installing Masthead and its dependencies…"
	@PYTHONWARNINGS=ignore $(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@echo "Installing Masthead with its test tools…"
	@PYTHONWARNINGS=ignore $(BIN)/pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	@echo "Preparing the database…"
	@$(BIN)/python manage.py migrate --noinput -v 0

demo: migrate
	@echo "Loading the demo content…"
	@$(BIN)/python manage.py seed_demo --users

run: demo
	@echo "Masthead is starting on $(PUBLIC_URL)/ (admin: $(PUBLIC_URL)/admin/)"
	@# The background worker (e-mails, webhooks) runs beside the web server and stops with it.
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-test lint
	$(BIN)/python manage.py check --settings=cms.settings.test
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=cms.settings.test
	$(BIN)/pytest $(PYTEST_ARGS)
