# Two commands matter (see README): `make serve` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check export glossary bench clean chromium java

# Virtual environment with the site and test dependencies, rebuilt when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[test]'
	touch $@

glossary: $(VENV)/.installed          ## regenerate every generated page, chart and download from data/
	$(PY) scripts/make_glossary.py && $(PY) scripts/make_timeline.py && $(PY) scripts/make_charts.py && $(PY) scripts/make_reference.py && $(PY) scripts/make_sources.py

serve: glossary                       ## build and serve the site on http://127.0.0.1:8000/
	$(PY) scripts/preflight.py
	@echo "Serving the site on http://127.0.0.1:8000/ (stop with Ctrl+C)"
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: glossary                       ## strict build of the published site into site/
	$(PY) scripts/preflight.py
	$(PY) -m mkdocs build --strict

check: glossary                       ## the authors' checker: links, anchors, glossary, orphans, footnotes
	$(PY) scripts/check.py

export: glossary                      ## offline export: dist/nato-kb-offline.zip
	$(PY) scripts/export_offline.py

chromium:                             ## Debian's Chromium for the browser tests
	@command -v /usr/bin/chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

test: $(VENV)/.installed chromium     ## the whole test suite (what .ci/run runs)
	$(PY) scripts/make_glossary.py --check
	$(PY) scripts/make_timeline.py --check
	$(PY) scripts/make_charts.py --check
	$(PY) scripts/make_reference.py --check
	$(PY) scripts/make_sources.py --check
	$(PY) -m pytest

# Benchmark tools: Zensical in the venv (pyproject's "bench" extra), Lighthouse and the
# Nu HTML Checker from npm (package.json / package-lock.json), Java for the checker.
# --ignore-scripts: vnu-jar's only install script downloads a Java runtime; Debian's is used.
$(VENV)/.bench-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet '.[test,bench]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

java:                                 ## Debian's Java runtime for the Nu HTML Checker
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }

bench: $(VENV)/.bench-installed node_modules/.installed chromium java  ## benchmarks: prints figures, asserts nothing
	$(PY) scripts/bench_check.py
	$(PY) scripts/bench.py

clean:
	rm -rf site dist .pytest_cache
