# The documented commands. `make run` and `make test` are the README's quick start.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_URL ?= redis://127.0.0.1:6379/0
PYTEST_ARGS ?=
# Which tests each pass runs (all of them unless `make test` narrows it, see there).
SQLITE_SELECT ?=
POSTGRES_SELECT ?=
# Two test processes, one per core of the machine the suite is sized for (pytest-xdist).
PYTEST_WORKERS ?= 2
LOAD_ARGS ?=

POSTGRES_ANSWERS = $(PY) -c "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$(DATABASE_URL)" 2>/dev/null

# The test cache is the real Redis. When it is not reachable the suite runs on the in-memory
# cache and skips the tests that need Redis, saying so; under CI=true that is a failure.
WITH_REDIS = if $(PY) -c "import redis, sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()" "$(REDIS_URL)" 2>/dev/null; then \
		export REDIS_URL="$(REDIS_URL)"; \
	elif [ "$$CI" = "true" ]; then \
		echo "Redis is not reachable at $(REDIS_URL), and CI requires it." >&2; exit 1; \
	else \
		echo "== Redis not reachable at $(REDIS_URL): the tests that need it are skipped (start it with: redis-server --daemonize yes)."; \
		export REDIS_URL=; \
	fi;

.PHONY: browser-tools run install dev-install migrate demo serve test test-sqlite test-postgres lint \
	fmt check node-install lighthouse bench bench-faults load dist clean

## run: create .venv, install, migrate SQLite, load the demo, serve on http://127.0.0.1:8000
run: install migrate demo serve

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
dev-install: $(VENV)/.dev-installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: install
	$(PY) manage.py load_demo_content

serve: install
	$(PY) manage.py runserver 127.0.0.1:8000

## test: lint, migrations check, system check, then pytest on SQLite and on PostgreSQL side by side
# The browser tests and the tests marked `single_pass` (a wheel build, subprocesses on their own
# settings) do not depend on the database engine under them, so each runs in one pass only: the
# browser tests in the SQLite pass, the `single_pass` tests that run a project in subprocesses
# (marked `subprocesses` too: the wheel's host project, the production settings) in the
# PostgreSQL pass, which evens the two out.
# Without PostgreSQL the SQLite pass runs everything. The two passes run at the same time,
# because each leaves a core idle while it waits on a browser, a subprocess or the database
# server; each one's output is printed as a block when it ends.
test: dev-install browser-tools lint check
	@if $(POSTGRES_ANSWERS); then \
		$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres \
			SQLITE_SELECT='-m "not (single_pass and subprocesses)"' \
			POSTGRES_SELECT='-m "not e2e and (not single_pass or subprocesses)"'; \
	else \
		$(MAKE) --no-print-directory test-sqlite test-postgres; \
	fi

# The browser tests' npm tools (axe-core) when npm is here; without them those tests skip
# with a message (under CI=true they fail).
browser-tools:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node-install; \
	else echo "== npm not found: the browser tests will skip."; fi

check: dev-install
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

test-sqlite: dev-install
	@echo "== pytest on SQLite"
	@$(WITH_REDIS) env -u DATABASE_URL $(PY) -m pytest -n $(PYTEST_WORKERS) $(SQLITE_SELECT) $(PYTEST_ARGS)

# PostgreSQL when reachable; under CI=true an unreachable server is a failure.
test-postgres: dev-install
	@if $(POSTGRES_ANSWERS); then \
		echo "== pytest on PostgreSQL ($(DATABASE_URL))"; \
		$(WITH_REDIS) DATABASE_URL="$(DATABASE_URL)" $(PY) -m pytest -n $(PYTEST_WORKERS) $(POSTGRES_SELECT) $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(DATABASE_URL), and CI requires it." >&2; exit 1; \
	else \
		echo "== PostgreSQL not reachable at $(DATABASE_URL): skipping the PostgreSQL run."; \
	fi

# Browser tools (axe-core, Lighthouse) from package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

node-install: node_modules/.installed

## lighthouse: audit every public page type in mobile mode against the budget
lighthouse: dev-install node-install
	$(PY) bench/lighthouse.py

## bench: server time and queries per page type at scale, against the budget
bench: dev-install
	$(PY) bench/pages.py

## bench-faults: what a page costs while Redis refuses connections or hangs
bench-faults: dev-install
	$(PY) bench/faults.py

## load: consultation requests under load while Redis and e-mail fail (PostgreSQL on 127.0.0.1)
load: dev-install
	$(PY) bench/load.py $(LOAD_ARGS)

## dist: build the apps' wheel and sdist into dist/ (docs/install.md)
dist: dev-install
	$(PY) -m build

lint: dev-install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: dev-install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules build dist *.egg-info
