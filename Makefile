# Two commands on a fresh machine: `make demo` and `make test`. Each builds .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit run bench migrate clean docs-preview

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/antt-bot demo

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

run: $(STAMP)
	$(BIN)/antt-bot run

bench: $(STAMP)
	$(BIN)/python -m bench

migrate: $(STAMP)
	$(BIN)/antt-bot migrate

# The files the police forward, as they will see them: build/preview/*.pdf and *-N.png pages
# (fonts-liberation2: Times New Roman's metric twin, so lines break where Word breaks them).
PREVIEW := build/preview
docs-preview: $(STAMP)
	@command -v soffice >/dev/null && command -v pdftoppm >/dev/null || { \
		apt-get -qq update && DEBIAN_FRONTEND=noninteractive apt-get -y -qq install \
		libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation2 >/dev/null; }
	rm -f $(PREVIEW)/*.pdf $(PREVIEW)/*.png
	$(BIN)/python -m bench.preview $(PREVIEW)
	cd $(PREVIEW) && \
		soffice --headless --convert-to pdf *.docx *.xlsx >/dev/null 2>&1 && \
		for pdf in BaoCao_*.pdf; do pdftoppm -png -r 70 "$$pdf" "$${pdf%.pdf}"; done && \
		for pdf in TongHop_*.pdf; do pdftoppm -png -r 70 -l 6 "$$pdf" "$${pdf%.pdf}"; done
	@ls $(PREVIEW)/*.pdf

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
