# Two commands set up everything on a fresh machine (see README.md):
#   make run   - virtualenv, install, migrate, demo data, serve on http://127.0.0.1:8000
#   make test  - ruff + the whole pytest suite, no services needed
#   make serve - the portal as in production (gunicorn, production settings) on http://127.0.0.1:8000
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed

.PHONY: install ocds-standaard run serve migrate demo test lint check-migrations bench worker beat clean nlds

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The local OCDS standard the OCDS tests validate against (issue 16; no internet beyond PyPI): built once from a PyPI
# sdist. Only the tests need it, so `make run` does not wait for it.
ocds-standaard: install
	$(PY) tests/cms/ocds_standaard.py >/dev/null

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo_data

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

# Production settings on this machine: gunicorn with portal/gunicorn.conf.py, static files through whitenoise's
# manifest, JSON logs. Everything can be overridden from the environment; the defaults make it run on a fresh
# machine with SQLite: a local secret key generated once (.serve-secret, git-ignored), tasks in-process unless
# CELERY_BROKER_URL is set, a file cache all workers share (locmem is per process), mail to the console, http.
SERVE_ENV = export DJANGO_SETTINGS_MODULE=portal.settings.production; \
	test -s .serve-secret || $(PY) -c 'import secrets; print("serve-lokaal-" + secrets.token_urlsafe(48))' > .serve-secret; \
	export SECRET_KEY="$${SECRET_KEY:-$$(cat .serve-secret)}"; \
	export ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	export SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}"; \
	export SITE_URL="$${SITE_URL:-http://127.0.0.1:$${PORT:-8000}}"; \
	if [ -z "$${CELERY_BROKER_URL:-}" ]; then export TAKEN_IN_PROCES="$${TAKEN_IN_PROCES:-true}"; fi; \
	export CACHE_URL="$${CACHE_URL:-filecache:///tmp/openhouse-portaal-cache}"; \
	export EMAIL_URL="$${EMAIL_URL:-consolemail://}"; \
	export ZEGEL_DEMO="$${ZEGEL_DEMO:-true}"; \
	export BIND="$${BIND:-127.0.0.1:$${PORT:-8000}}"

serve: install
	@$(SERVE_ENV); set -e; \
	$(PY) manage.py collectstatic --noinput --verbosity 0; \
	$(PY) manage.py migrate --noinput; \
	exec $(BIN)/gunicorn -c portal/gunicorn.conf.py portal.wsgi

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check-migrations: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

test: lint check-migrations ocds-standaard
	$(BIN)/pytest -q -n auto -m "not services and not browser and not s3 and not saml" $(PYTEST_ARGS)

# Re-vendor the NL Design System CSS (ADR 0029) with npm: only when upgrading; run, test and serve use the
# committed files under portal/static/portal/nlds/ and need no npm.
NLDS_VERSIE ?= 9.0.4
nlds:
	bash portal/nlds_vendoren.sh $(NLDS_VERSIE)

bench: migrate
	$(PY) -m bench

worker: install
	$(BIN)/celery -A portal worker -l info

beat: install
	$(BIN)/celery -A portal beat -l info

clean:
	rm -rf $(VENV) db.sqlite3 media/*
