# Setiap titik masuk proyek. Target pertama kali membuat virtualenv sendiri.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.terpasang
PORT    ?= 8000

.PHONY: help html serve publish test lint format validate bench clean

help:
	@echo "make serve    - bangun portal dari data contoh dan sajikan di http://localhost:$(PORT)"
	@echo "make test     - jalankan seluruh pengujian"
	@echo "make html     - bangun portal ke output/"
	@echo "make publish  - bangun portal dengan publishconf.py"
	@echo "make validate - periksa data/ (kinerja validate)"
	@echo "make bench    - jalankan benchmark"

$(STAMP): pyproject.toml requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/pelican content -o output -s pelicanconf.py

serve: html
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory output

publish: $(STAMP)
	$(BIN)/pelican content -o output -s publishconf.py

FORMAT  ?= text

validate: $(STAMP)
	$(BIN)/kinerja validate --format $(FORMAT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python benchmarks/build_speed.py

clean:
	rm -rf output .kinerja-cache
