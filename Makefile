# Digest: two commands on a fresh machine with Python 3 and make.
#   make run   install into .venv, migrate, load demo content, serve on http://127.0.0.1:8000
#   make test  install into .venv (with test tools) and run the whole test suite

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run port-free test lint format install install-dev migrate demo bench check-deploy audit lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# requirements.txt (runtime) and requirements-dev.txt (runtime + dev) are locks with hashes: `make lock`.
$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.runtime $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# The task queue's worker (mail, reminders) runs beside the dev server and stops with it; both write
# links in e-mails from HOST (unless DIGEST_SITE_URL says otherwise).
run: port-free demo
	export DIGEST_SITE_URL=$${DIGEST_SITE_URL:-http://$(HOST)}; \
	$(BIN)/python manage.py qcluster & trap 'kill $$! 2>/dev/null' EXIT; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

# Before installing or migrating anything: is HOST's port free? If not, say how to choose another.
port-free: | $(BIN)/python
	@$(BIN)/python -c "$$PORT_FREE" '$(HOST)'

define PORT_FREE
import socket, sys
host, _, port = sys.argv[1].rpartition(":")
with socket.socket() as probe:
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host.strip("[]") or "127.0.0.1", int(port)))
    except OSError as error:
        sys.exit(f"Cannot serve on {sys.argv[1]}: {error.strerror}. Another server is probably running there.\n"
                 f"Pick another address: make run HOST={host or '127.0.0.1'}:{int(port) + 1}")
endef
export PORT_FREE

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Re-resolve the locks from pyproject.toml after changing a dependency there (keeps the pins it can).
LOCK := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: install-dev
	$(LOCK) --output-file requirements.txt pyproject.toml
	$(LOCK) --extra dev --output-file requirements-dev.txt pyproject.toml

# Known vulnerabilities in the runtime lock (PyPI's advisory data); what the service cannot answer is listed.
audit: install-dev
	$(BIN)/pip-audit --requirement requirements.txt --require-hashes --disable-pip --progress-spinner off

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") \
	DJANGO_ALLOWED_HOSTS=digest.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

bench: install-dev
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
