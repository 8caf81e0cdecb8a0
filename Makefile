# eventsapp: `make run` sets everything up and serves the demo; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
PYTEST_ARGS ?=
PORT ?= 5000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run worker install install-dev translations db demo test test-pg test-e2e test-two-hosts lint lint-js typecheck mutation messages core-messages clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
# Third-party feed readers (khal, pyfahrplan) for the tests, in a virtualenv of their own.
CLIENTS ?= .venv-clients
$(CLIENTS)/.done: requirements-clients.txt
	$(PYTHON) -m venv $(CLIENTS)
	$(CLIENTS)/bin/python -m pip install -q --no-deps -r requirements-clients.txt
	touch $@

install-dev: $(VENV)/.dev $(CLIENTS)/.done

# Compile every Spanish catalog (one per domain package) to the .mo files Flask-Babel reads.
translations: install
	@for dir in eventsapp/translations eventsapp/*/translations; do \
	  [ -d "$$dir" ] && $(VENV)/bin/pybabel -q compile -d "$$dir" || true; done

db: install translations
	$(FLASK) db upgrade

demo: db
	$(FLASK) demo

# `make run PORT=5050` when 5000 is taken (links are built for the port served).
run: demo
	SERVER_NAME="$${SERVER_NAME:-127.0.0.1:$(PORT)}" $(FLASK) run --host 127.0.0.1 --port $(PORT)

# The Celery worker and its scheduler (needs REDIS_URL; without it `make run` does the work
# in-process). Mail waits on the network: one worker process, eight threads.
worker: db
	$(VENV)/bin/celery --app wsgi:celery worker --beat --pool threads --concurrency 8 --loglevel INFO

# The suite once, on SQLite; the browser tests run apart (make test-e2e), so CI runs them once.
test: install-dev translations
	$(PY) -m pytest -n 2 -m "not e2e" $(PYTEST_ARGS)

# The same suite on PostgreSQL: a fresh database is created and dropped by the tests.
test-pg: install-dev translations
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres} \
	  $(PY) -m pytest -n 2 -m "not e2e" $(PYTEST_ARGS)

test-e2e: install-dev translations
	REQUIRE_BROWSER=1 $(PY) -m pytest -m e2e $(PYTEST_ARGS)

# Two app hosts behind one address, one Celery worker, a fresh PostgreSQL database and a Redis
# database of its own (tests/multihost/two_hosts.py; a script, not collected by pytest).
test-two-hosts: install-dev translations
	$(PY) tests/multihost/two_hosts.py $(TWO_HOSTS_ARGS)

# Mutation testing (not in CI: half an hour or more): mutmut over the capacity rules, the
# workshop places and the check-in service ([tool.mutmut] in pyproject.toml), then the score
# and the surviving mutants. Narrow it: make mutation MUTATE='eventsapp.registration.capacity.*'
MUTATE ?=
mutation: install-dev translations
	rm -rf mutants
	-$(VENV)/bin/mutmut run --max-children 2 $(MUTATE)
	@$(VENV)/bin/mutmut export-cicd-stats >/dev/null
	@$(PY) -c 'import json; s = json.load(open("mutants/mutmut-cicd-stats.json")); \
	  k = s["killed"] + s["timeout"]; n = k + s["survived"] + s["suspicious"] + s["no_tests"]; \
	  print("mutation score: %d of %d mutants killed (%.1f%%)" % (k, n, 100.0 * k / max(n, 1)))'
	@$(VENV)/bin/mutmut results

# ruff, ESLint and mypy (typecheck); CI runs this (.ci/run).
lint: install-dev lint-js typecheck
	$(VENV)/bin/ruff check eventsapp tests bench
	$(VENV)/bin/ruff format --check eventsapp tests bench

# mypy, strict on eventsapp/ (pyproject.toml [tool.mypy]; local stubs in typings/); part of
# make lint, and on its own here.
typecheck: install-dev
	$(VENV)/bin/python -m mypy eventsapp

# ESLint over our own scripts; package-lock.json pins it (npm ci installs exactly that).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

lint-js: node_modules/.package-lock.json
	npx eslint eventsapp/static/js

CORE_SOURCES := $(wildcard eventsapp/*.py) eventsapp/auth eventsapp/events eventsapp/audit \
	templates/base.html templates/macros templates/errors templates/manage templates/auth templates/events \
	templates/audit templates/mail/password_reset.txt

# Refresh the core catalog (app shell, auth, events, audit): make core-messages
core-messages: install
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _l -o /tmp/eventsapp-core.pot $(CORE_SOURCES)
	@if [ -f eventsapp/translations/es/LC_MESSAGES/messages.po ]; then \
	  $(VENV)/bin/pybabel -q update -N -i /tmp/eventsapp-core.pot -d eventsapp/translations -l es; \
	else $(VENV)/bin/pybabel -q init -i /tmp/eventsapp-core.pot -d eventsapp/translations -l es; fi

# Refresh one domain's Spanish catalog: make messages DOMAIN=registration
messages: install
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _l -o /tmp/eventsapp-$(DOMAIN).pot \
	  eventsapp/$(DOMAIN) $(wildcard templates/$(DOMAIN)) $(wildcard templates/mail/$(DOMAIN))
	@if [ -f eventsapp/$(DOMAIN)/translations/es/LC_MESSAGES/messages.po ]; then \
	  $(VENV)/bin/pybabel -q update -N -i /tmp/eventsapp-$(DOMAIN).pot -d eventsapp/$(DOMAIN)/translations -l es; \
	else \
	  $(VENV)/bin/pybabel -q init -i /tmp/eventsapp-$(DOMAIN).pot -d eventsapp/$(DOMAIN)/translations -l es; fi

clean:
	rm -rf $(VENV) instance/eventsapp.sqlite
