# Two commands set up everything on a fresh machine (see README.md):
#   make run   - virtualenv, install, migrate, demo data, serve on http://127.0.0.1:8000
#   make test  - ruff + the whole pytest suite, no services needed
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed

.PHONY: install run migrate demo test lint check-migrations bench worker beat clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo_data

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check-migrations: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

test: lint check-migrations
	$(BIN)/pytest -q -n auto -m "not services and not browser and not s3" $(PYTEST_ARGS)

bench: migrate
	$(PY) -m bench

worker: install
	$(BIN)/celery -A portal worker -l info

beat: install
	$(BIN)/celery -A portal beat -l info

clean:
	rm -rf $(VENV) db.sqlite3 media/*
