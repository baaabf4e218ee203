# Setiap titik masuk proyek. Target pertama kali membuat virtualenv sendiri.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.terpasang
PORT    ?= 8000

.PHONY: help html serve publish test test-cepat lint format validate bench clean chromium kunci node admin

help:
	@echo "make serve    - bangun portal dan sajikan di http://127.0.0.1:$(PORT), dibangun ulang saat berkas berubah (PORT=8001 untuk port lain)"
	@echo "make test     - jalankan seluruh pengujian (termasuk uji peramban Chromium)"
	@echo "make test-cepat - seluruh pengujian kecuali uji peramban"
	@echo "make html     - bangun portal ke output/"
	@echo "make publish  - bangun portal dengan publishconf.py"
	@echo "make validate - periksa data/ (kinerja validate)"
	@echo "make bench    - jalankan benchmark"
	@echo "make admin    - sunting catatan lewat formulir di http://127.0.0.1:$(PORT)/admin/ (Decap CMS, repositori lokal)"
	@echo "make kunci    - perbarui requirements.txt (versi dan hash) dari pyproject.toml"

# Every package, pip and setuptools included, comes from requirements.txt and must
# match its SHA-256 hashes; the project itself is installed without fetching anything.
$(STAMP): pyproject.toml requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Regenerate requirements.txt (pins and hashes) after editing pyproject.toml or
# requirements-tools.in. Hashes are those of the public package index's files:
# a local mirror or wheel folder in pip's configuration is ignored here.
PIP_TOOLS := $(VENV)/alat-kunci
kunci:
	$(PY) -m venv $(PIP_TOOLS)
	$(PIP_TOOLS)/bin/python -m pip install --quiet --require-hashes -r requirements-kunci.txt
	env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND="make kunci" \
	  $(PIP_TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --extra dev \
	  --output-file requirements.txt pyproject.toml requirements-tools.in

# /admin/ (Decap CMS) and decap-server come from npm, pinned with integrity hashes in
# package-lock.json; `npm ci` installs exactly that, running no install scripts.
# Node.js and npm come from Debian when missing and we are root (CI), else we say how.
NODE_STAMP := node_modules/.terpasang
node: $(NODE_STAMP)
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Memasang Node.js dan npm (paket Debian)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; \
	  else \
	    echo "Halaman /admin/ memerlukan Node.js dan npm: pasang paket 'nodejs' dan 'npm' (mis. sudo apt-get install nodejs npm)."; exit 1; \
	  fi; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

html: $(STAMP)
	$(BIN)/pelican content -o output -s pelicanconf.py

# Pelican's development server on 127.0.0.1:$(PORT), rebuilding when content/, theme/,
# data/ or schemas/ change; a missing page gets the portal's 404 page. A port in use
# is reported with a free one to use instead (make serve PORT=8001).
serve: $(STAMP)
	@$(BIN)/python -m kinerja.adapters.preview --port $(PORT) --bind 127.0.0.1

# Edit records in forms on this computer: decap-server commits each save to a
# cms/... branch of this repository (editorial workflow), the portal with /admin/
# is served on 127.0.0.1. Stop with Ctrl+C.
admin: $(STAMP) $(NODE_STAMP)
	$(BIN)/pelican content -o output -s pelicanconf.py
	@echo "Buka http://127.0.0.1:$(PORT)/admin/ lalu klik Masuk. Berhenti: Ctrl+C."
	@MODE=git PORT=8081 BIND_HOST=127.0.0.1 GIT_REPO_DIRECTORY=$(CURDIR) LOG_LEVEL=warn \
	  node node_modules/decap-server/dist/index.js & pid=$$!; \
	  trap 'kill $$pid 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory output

publish: $(STAMP)
	$(BIN)/pelican content -o output -s publishconf.py

# KINERJA_ADMIN=1 make publish also ships /admin/, which needs the pinned CMS.
ifeq ($(KINERJA_ADMIN),1)
publish: $(NODE_STAMP)
endif

FORMAT  ?= text

# Problems in Indonesian, then one summary line. When the data has problems the
# status is not zero (CI relies on it), and GNU make then always adds its own line
# "make: *** [...] Error 1"; no make setting removes it without also hiding the
# failure, so README says what it means and `.venv/bin/kinerja validate` prints without it.
validate: $(STAMP)
	@$(BIN)/kinerja validate --format $(FORMAT)

# Browser tests use Debian's Chromium; install it when we can (root), else say how.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Memasang Chromium (paket Debian)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; \
	  else \
	    echo "Pengujian halaman memerlukan Chromium: pasang paket 'chromium' (mis. sudo apt-get install chromium)."; exit 1; \
	  fi; }

# Tests without a browser run on every core (pytest-xdist, one file per worker);
# the Chromium tests (marker `browser`) run after them in one process.
PYTEST_CEPAT := $(BIN)/pytest -m "not browser" -n auto --dist loadgroup

test: $(STAMP) chromium $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTEST_CEPAT)
	$(BIN)/pytest -m browser

# Everything but the Chromium tests: the quick loop while editing.
test-cepat: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTEST_CEPAT)

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python benchmarks/build_speed.py

clean:
	rm -rf output .kinerja-cache
