# Two commands matter: `make run` and `make test`. Both build on `make setup`, which is
# idempotent: it (re)creates .venv only when pyproject.toml changed, compiles the catalogs
# and loads the content into the SQLite database when the content file changed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CATALOG := locales/ru/LC_MESSAGES/messages

.PHONY: setup run test lint check-content console eval bench catalogs extract clean

setup: $(STAMP) $(CATALOG).mo
	$(BIN)/python -m bot load-content

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
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

test: setup lint check-content
	$(BIN)/python -m pytest

# After changing user-visible strings: refresh the template and the Russian catalog.
extract: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-output -k _ -k __ -k ngettext:1,2 \
		-o locales/messages.pot bot
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i locales/messages.pot \
		-d locales -D messages

clean:
	rm -rf $(VENV) var
	rm -f $(CATALOG).mo
