# Two commands on a fresh machine:  `make run` (the window on the default project, with the
# bundled samples on first start) and `make test` (lint, types, layer contracts, tests).
# The desktop application: `make package` (dist/annotator/) and `make package-check`.

PYTHON ?= $(shell for p in python3.12 python3.13 python3 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12; do \
	"$$p" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGE_STAMP := $(VENV)/.installed-package

.PHONY: run install test lint bench package package-check clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (set PYTHON=/path/to/python3.12)"; exit 1; }
	test -x $(BIN)/python || "$(PYTHON)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/annotator

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/mypy packaging/smoke.py packaging/entry.py
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest benchmarks -q

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	touch $(PACKAGE_STAMP)

# The one-folder application, dist/annotator/annotator, and the same folder as a tarball
# to hand out (see packaging/README.md).
TARBALL = dist/annotator-$(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)-$(shell uname -s | tr A-Z a-z)-$(shell uname -m).tar.gz

package: $(PACKAGE_STAMP)
	rm -rf dist/annotator
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/annotator.spec
	tar -C dist -czf $(TARBALL) annotator
	@du -sh dist/annotator $(TARBALL)

# The built folder, run in an empty environment: commands, the window, install.sh.
package-check:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (set PYTHON=/path/to/python3.12)"; exit 1; }
	"$(PYTHON)" packaging/smoke.py dist/annotator

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
