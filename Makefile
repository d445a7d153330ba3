# Winsboard: `make run` to try it, `make test` to check it.
PY_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: js-catalogs run run-sso serve test test-fast test-postgres lint format check bench install install-dev migrations-check clean

# Create .venv with the Python of .python-version (via pyenv when there is one).
$(VENV)/.python-ok:
	@PYTHON=$$(command -v python$(PY_VERSION) || command -v python3); \
	"$$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
		echo "Winsboard needs Python 3.12 or newer (found $$("$$PYTHON" --version 2>&1) at $$PYTHON)."; \
		echo "Install Python $(PY_VERSION) (e.g. 'pyenv install $(PY_VERSION)') and run make again."; exit 1; }; \
	"$$PYTHON" -m venv $(VENV) && $(PIP) install --quiet --upgrade pip && touch $@

$(VENV)/.installed: $(VENV)/.python-ok requirements.txt
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Links in e-mails point where this serves (WINSBOARD_SITE_URL, unless set).
run: export WINSBOARD_SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_data --if-empty
	@echo
	@echo "Thank-you e-mails: sam forwards them from sam@example.com to $$($(PY) manage.py forwarding_address sam --if-exists)"
	@echo "  (one is waiting as a draft; another: manage.py receive_email < message.eml, or manage.py email_server)"
	@echo "Winsboard is at http://$(HOST):$(PORT)/"
	@echo "Sign in as maria (manager) or sam, alex, priya, jordan, lena (employees); password: winsboard-demo"
	@$(PY) manage.py demo_data --consent-link
	@echo
	$(PY) manage.py runserver $(HOST):$(PORT)

# `make run` with company single sign-on through a provider on this machine
# (bin/sso-demo-provider on port 9400, stopped with the server).
run-sso: export WINSBOARD_OIDC_ISSUER = http://127.0.0.1:9400
run-sso: export WINSBOARD_OIDC_CLIENT_ID = winsboard-local
run-sso: export WINSBOARD_OIDC_CLIENT_SECRET = winsboard-local
run-sso: export WINSBOARD_OIDC_NAME ?= Demo company ID
run-sso: export WINSBOARD_OIDC_MANAGER_GROUP ?= winsboard-managers
run-sso: install-dev
	$(PY) bin/sso-demo-provider 9400 & provider=$$!; trap 'kill $$provider' EXIT INT TERM; \
	$(MAKE) run

# Production: gunicorn with winsboard/gunicorn_conf.py (workers from the cores,
# threads, a timeout fit for uploads, max_requests with jitter). Set DEBUG=false,
# SECRET_KEY, ALLOWED_HOSTS … first (README: "Running in production").
serve: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(VENV)/bin/gunicorn -c winsboard/gunicorn_conf.py --bind $(HOST):$(PORT)

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

migrations-check: check

# One way to format each kind of file, checked here: Python (ruff), import
# direction (import-linter, contracts in pyproject.toml), templates (djhtml),
# our JavaScript and CSS (bin/format-static). `make format` fixes what it can.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djhtml --check stories/templates templates
	$(PY) bin/format-static --check
	$(PY) bin/translations check

format: install-dev
	$(VENV)/bin/ruff check --fix --quiet .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml stories/templates templates
	$(PY) bin/format-static

# The whole thing. bin/system-deps installs Chromium, fonts and Redis when missing
# (as root with apt-get; WINSBOARD_NO_APT=1 opts out); where it cannot, it
# prints the command, and the browser journeys are skipped (in CI they fail).
# The Python tests run in two processes (pytest-xdist; each its own test
# database); the browser journeys then run one at a time (one Chromium).
test: install-dev lint check
	bin/system-deps browser redis gettext
	$(VENV)/bin/pytest -n 2 -m "not browser"
	$(VENV)/bin/pytest -m browser

# The inner loop: lint, checks and the suite without the browser journeys and
# the `slow` tests that start whole servers (gunicorn, workers, backups, Redis);
# `make test` runs those too. Installs nothing.
test-fast: install-dev lint check
	$(VENV)/bin/pytest -n 2 -m "not browser and not slow"

# The suite (browser journeys aside) on PostgreSQL: against DATABASE_URL when
# set, else a throwaway local cluster (bin/system-deps installs postgresql and redis).
test-postgres: install-dev
	bin/system-deps postgres redis gettext
	bash .ci/with-postgres $(VENV)/bin/pytest -n 2 -m "not browser" -q

bench: install-dev
	bin/system-deps bench redis browser
	$(PIP) install --quiet -r requirements-bench.txt
	$(PY) bench/run.py

# Languages (README: "Languages"): after marking words, `make messages` puts
# them in every catalogue (needs GNU gettext); after translating, `make
# translations` compiles them (in Python) for the server and the browser.
messages: install-dev
	$(PY) bin/translations extract

translations: install-dev
	$(PY) bin/translations compile

# The JavaScript catalogues (static/i18n/<code>.js): run after compiling the
# translations (bin/translations compile runs it), then commit them; tests/test_js_catalogs.py
# fails while a committed one is stale.
js-catalogs: install
	$(PY) manage.py js_catalogs

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
