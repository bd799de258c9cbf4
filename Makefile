# Two commands matter (see README): `make serve` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# System packages need root: plain apt-get as root (a container), sudo otherwise (GitHub's runners).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The browser the tests drive; a runner without Debian's chromium package sets CHROMIUM to its own.
export CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-fast test-site test-browser generated check export generate glossary bench clean \
        chromium java lock screenshots

# Virtual environment with the site and test dependencies: exactly the versions and hashes of
# requirements.lock (made from pyproject.toml by `make lock`), rebuilt when the lock changes.
$(VENV)/.installed: requirements.lock
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	@# the pipeline package kb/ importable from this checkout (hooks, `mkdocs` started from anywhere)
	$(PY) -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "nato-kb.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	touch $@

lock:                                 ## refresh requirements.lock (exact versions + hashes) from pyproject.toml
	python3 -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra test \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

generate: $(VENV)/.installed          ## regenerate every generated page, chart and download from data/
	$(PY) -m kb.generate

glossary: generate                    ## the former name of `make generate` (kept as an alias)

serve: generate                       ## build and serve the site on http://127.0.0.1:8000/
	$(PY) -m kb.preflight
	@echo "Serving the site on http://127.0.0.1:8000/ (stop with Ctrl+C)"
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: generate                       ## strict build of the published site into site/
	$(PY) -m kb.preflight
	$(PY) -m mkdocs build --strict
	$(PY) -m kb.check --site site --html-only

check: generate                       ## the authors' checker: links, anchors, glossary, orphans, footnotes
	$(PY) -m kb.check

export: generate                      ## offline export: dist/nato-kb-offline.zip
	$(PY) -m kb.export

chromium:                             ## Debian's Chromium for the browser tests (unless CHROMIUM points at another)
	@test -x "$(CHROMIUM)" || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

test: generated chromium              ## the whole test suite, every tier (what .ci/run runs)
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder   # two workers: tests/conftest.py

generated: $(VENV)/.installed         ## fails if a generated file is stale (every generator's --check)
	$(PY) -m kb.generate --check

# Test tiers (markers in pyproject.toml; tests/conftest.py tiers each test by the fixtures it uses).
test-fast: generated                  ## fast tier: loaders, renderers, hooks; no site build (under a minute)
	$(PY) -m pytest -m "not site and not browser"

test-site: $(VENV)/.installed         ## site tier: the strict build, the export, the checker on its fixture project
	$(PY) -m pytest -m "site"

test-browser: $(VENV)/.installed chromium  ## browser tier: Chromium on the served site and the offline copy
	$(PY) -m pytest -m "browser"

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
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless; }

bench: $(VENV)/.bench-installed node_modules/.installed chromium java  ## benchmarks: prints figures, asserts nothing
	$(PY) tools/bench_check.py
	$(PY) tools/bench.py

screenshots: $(VENV)/.installed chromium  ## the README's screenshots (screenshots/*.png)
	$(PY) tools/screenshots.py

clean:
	rm -rf site dist .pytest_cache
