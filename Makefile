# Two commands matter: `make run` and `make test`. Both build on `make setup`, which is
# idempotent: it (re)installs .venv from the lock only when requirements.lock or pyproject.toml
# changed, compiles the catalogs and loads the content into the SQLite database when the
# content file changed. `make lock` regenerates the lock after a change of dependencies.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CATALOG := locales/ru/LC_MESSAGES/messages
# Every package with its hashes: the bot and its tools (make setup), the bot alone (images).
LOCK := requirements.lock
RUNTIME_LOCK := requirements-runtime.lock
UV_VERSION := 0.13.9
# `make lock LOCK_FLAGS=--upgrade` moves every package to its newest allowed version.
LOCK_FLAGS ?=
# [build-system] requires, one a line: locked too, so `pip install -e .` needs no download.
build_requires = $(PY) -c 'import tomllib; t = tomllib.load(open("pyproject.toml", "rb")); \
	print(*t["build-system"]["requires"], sep="\n")'

# Stop with one line unless the Python found (or PYTHON=…) is one pyproject.toml accepts.
PY := $(or $(PYTHON),python3)
python_ok = $(shell $(PY) -c 'import sys; print((3, 11) <= sys.version_info < (3, 14))' 2>/dev/null)
python_is = $(or $(shell command -v $(PY) >/dev/null && $(PY) --version 2>&1),missing)
check_python = $(if $(filter True,$(python_ok)),,$(error needs Python 3.11, 3.12 or 3.13, \
	but $(PY) is $(python_is): install one or run make PYTHON=/path/to/python3.11))

.PHONY: setup run test test-fast lint check-content console eval bench catalogs extract lock clean

setup: $(STAMP) $(CATALOG).mo
	$(BIN)/python -m bot load-content

# Exactly the locked versions, hashes checked; then the project itself, built offline by the
# locked setuptools; then a check that the lock still satisfies pyproject.toml.
$(STAMP): $(LOCK) pyproject.toml
	$(check_python)
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--no-build-isolation -e .
	@$(BIN)/python -m pip check --disable-pip-version-check >/dev/null || { \
		$(BIN)/python -m pip check --disable-pip-version-check; \
		echo "make: $(LOCK) does not satisfy pyproject.toml: run make lock" >&2; exit 1; }
	touch $(STAMP)

$(CATALOG).mo: $(CATALOG).po $(STAMP)
	$(BIN)/pybabel compile --statistics -d locales -D messages

catalogs: $(CATALOG).mo

run: setup
	$(BIN)/python -m bot

console: setup
	$(BIN)/python -m bot console

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

check-content: $(STAMP)
	$(BIN)/python -m bot check-content

# Speed and memory of the answer path, printed.
bench: setup
	$(BIN)/python -m tests.benchmark

# Accuracy of free-text answers on tests/questions*.toml, per category.
eval: setup
	$(BIN)/python -m tests.evaluation

# Four workers on two cores: the process tests spend much of their time waiting.
test: setup lint check-content
	$(BIN)/python -m pytest -n 4

# The edit–test loop: everything that runs in this process (no bot, Redis or Python started).
test-fast: setup
	$(BIN)/python -m pytest -n 2 -m "not process"

# After changing user-visible strings: refresh the template and the Russian catalog.
extract: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-output -k _ -k __ -k ngettext:1,2 \
		-o locales/messages.pot bot
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i locales/messages.pot \
		-d locales -D messages

# After changing the dependencies in pyproject.toml: both locks, for Linux, macOS and Windows
# and Python 3.11-3.13, by a pinned uv in a throwaway venv; the build backend is locked too.
lock:
	$(check_python)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PY) -m venv "$$tmp" && \
	"$$tmp/bin/python" -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION) && \
	compile() { $(build_requires) | "$$tmp/bin/uv" pip compile --quiet --universal \
		--generate-hashes --custom-compile-command 'make lock' $(LOCK_FLAGS) \
		pyproject.toml - "$$@"; } && \
	compile --extra dev -o $(LOCK) && \
	compile -c $(LOCK) -o $(RUNTIME_LOCK) && \
	echo "make lock: $(LOCK) and $(RUNTIME_LOCK) written"

clean:
	rm -rf $(VENV) var
	rm -f $(CATALOG).mo
