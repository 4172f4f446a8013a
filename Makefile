# The README's commands. Every target installs what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint eval bench readme clean fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/seedlint check seeds --exit-zero

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/seedlint eval tests/devcorpus
	@echo
	@echo 'Held-out corpus (labelled from the rule docs only; see tests/heldout/README.md):'
	$(BIN)/seedlint eval tests/heldout

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

readme: $(STAMP)
	$(BIN)/python -m lint.docs README.md

clean:
	rm -rf $(VENV) .seedlint_cache .pytest_cache .ruff_cache build *.egg-info

FUZZ_SECONDS ?= 300
fuzz: $(STAMP)
	$(BIN)/python -c "import atheris" 2>/dev/null || $(BIN)/python -m pip install --quiet atheris
	mkdir -p fuzz/corpus
	$(BIN)/python fuzz/fuzz_cli.py -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-timeout=60 -rss_limit_mb=4096 fuzz/corpus seeds
