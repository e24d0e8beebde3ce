# Two commands: `make run` and `make test`. Everything else is set up on the way.
# Needs only Python 3.11+ with pip; the virtual environment is created here.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Extra options for `palabre start`, e.g. make run ARGS="--port 9000 --lang en"
ARGS ?=
# Extra options for pytest, e.g. make test PYTEST_ARGS="-k simulate"
PYTEST_ARGS ?=
# Under CI=true the exact versions the tests were run with (constraints.txt); otherwise
# pyproject's lower bounds, so a developer gets current releases.
CONSTRAINTS := $(if $(filter true 1 yes,$(CI)),-c constraints.txt)

.PHONY: setup run test lint bench clean constraints

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
		"palabre needs Python 3.11 or newer; try: make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
# setuptools' notice on every editable install (« be careful with folders named like the
# package ») is advice for setuptools' users, not for whoever runs make.
	PYTHONWARNINGS='ignore:Editable installation' \
		$(PY) -m pip install -q $(CONSTRAINTS) -e '.[test,postgres]'
	touch $@

run: setup
	$(VENV)/bin/palabre start --demo $(ARGS)

lint: setup
	$(VENV)/bin/ruff check .

# axe-core (package-lock.json) for the accessibility tests, when npm is there; without npm
# those tests skip with their reason, and fail under CI=true.
AXE := $(if $(shell command -v npm 2>/dev/null),node_modules/axe-core/axe.min.js)

node_modules/axe-core/axe.min.js: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# pytest exits 5 when it collected nothing: that is a failure too, like any non-zero code.
test: setup lint $(AXE)
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) benchmarks/participants.py

# Pin constraints.txt to what .venv holds now (after a tested upgrade of the dependencies).
constraints: setup
	$(PY) .ci/constraints.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
