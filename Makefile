# The two commands of the README: `make demo` and `make test`. Everything else is a step they use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GAZETTEER ?= $(HOME)/.cache/tolls/gazetteer.sqlite
SHARED ?= ../shared

.PHONY: system setup assets swagger-ui demo screenshots test lint typecheck eval eval-news bench clean

# Debian packages the tests drive as real clients: Chromium (Playwright's browser), GDAL's ogrinfo
# (an OGC API client). Installed only when missing, and only as root (CI and the dev machines are).
system:
	@command -v chromium >/dev/null && command -v ogrinfo >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gdal-bin >/dev/null; \
	  else echo "install Debian packages chromium and gdal-bin (as root) for the browser and OGC tests" >&2; exit 1; fi; }

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.2
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(GAZETTEER): $(STAMP) $(wildcard src/tolls/data/geo/*.csv) $(wildcard src/tolls/geo/*.py)
	mkdir -p $(dir $(GAZETTEER))
	$(BIN)/python -m tolls.geo.build $(GAZETTEER)

# The dashboard's front-end libraries, pinned in package-lock.json, copied from node_modules into
# the (uncommitted) vendor folder the app serves at /static/vendor; nothing is fetched at run time.
VENDOR := src/tolls/web/static/vendor

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/leaflet/images $(VENDOR)/world-atlas $(VENDOR)/topojson-client
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE $(VENDOR)/leaflet/
	cp node_modules/leaflet/dist/images/*.png $(VENDOR)/leaflet/images/
	cp node_modules/world-atlas/countries-50m.json node_modules/world-atlas/LICENSE $(VENDOR)/world-atlas/
	cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE $(VENDOR)/topojson-client/
	$(MAKE) --no-print-directory swagger-ui
	touch $@

# Swagger UI for /api/v1/docs: a step of its own, so that a vendor folder made before it was
# added (or shared by a worktree) can get it with `make swagger-ui` alone.
swagger-ui: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/swagger-ui
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
	  node_modules/swagger-ui-dist/LICENSE node_modules/swagger-ui-dist/NOTICE $(VENDOR)/swagger-ui/

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent

assets: $(VENDOR)/.installed  ## vendored Leaflet, world-atlas, topojson-client and Swagger UI for the dashboard

setup: system $(STAMP) $(GAZETTEER) assets  ## virtualenv, pinned dependencies, the spaCy model wheel, the gazetteer

DEMO_DB ?= var/demo.sqlite

demo: setup  ## load the sample corpus and the seed into SQLite, reconcile, print the contested ledger
	mkdir -p $(dir $(DEMO_DB))
	$(BIN)/tolls ingest src/tolls/data/samples/october-2025.jsonl $(wildcard $(SHARED)/seeds/*.txt) --db sqlite:///$(DEMO_DB)
	$(BIN)/tolls events --db sqlite:///$(DEMO_DB) --claims
	$(BIN)/tolls user list --db sqlite:///$(DEMO_DB) | grep -q '^demo-analyst' || \
	  echo demo-analyst-password | $(BIN)/tolls user add demo-analyst --role analyst --password-stdin --db sqlite:///$(DEMO_DB)
	@echo "sign in as demo-analyst / demo-analyst-password to review"
	$(BIN)/tolls serve --db sqlite:///$(DEMO_DB)

SCREENSHOTS ?= var/screenshots

screenshots: setup  ## PNGs of the dashboard's main pages, taken by the browser tests in headless Chromium
	TOLLS_SCREENSHOTS=$(abspath $(SCREENSHOTS)) $(BIN)/python -m pytest -q tests/web/test_dashboard.py
	@ls $(SCREENSHOTS)/*.png

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

test: setup lint typecheck  ## lint, type-check, then the whole test suite
	$(BIN)/python -m pytest -q

eval: setup  ## score the contract on every dev set in ../shared/eval
	PATH="$(abspath $(BIN)):$$PATH" bash $(SHARED)/eval/run.sh

eval-news: setup  ## score the real-news corpus (eval/news): its tuning and test parts apart
	PATH="$(abspath $(BIN)):$$PATH" SHARED=$(abspath $(SHARED)) bash eval/news/score.sh

bench: setup  ## throughput of tolls extract against bare spaCy on the ACLED notes
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) var build *.egg-info
