"""Shared fixtures: one strict build of the real site, one offline export, a local
HTTP server for the built site, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")   # hosted runners: their own browser
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
# Both test builds are made as the publish workflow makes them: a published address (canonical
# links, sitemap, "Cite this page") and a repository ("Edit this page", "Report an error").
PUBLISHED = {"SITE_URL": "https://example.net/kb/", "REPO_URL": "https://github.com/example/kb",
             "EDIT_URI": "edit/main/docs/"}


def pages() -> list[Path]:
    """Every Markdown page under docs/, relative to docs/."""
    return sorted(p.relative_to(DOCS) for p in DOCS.rglob("*.md"))


def is_sources(page: Path) -> bool:
    """The Sources overview and its pages of addresses (kb/render/make_sources.py): lists of every
    footnote's address, not pages with footnotes of their own."""
    return page == Path("reference/sources.md") or page.parent == Path("reference/sources")


def front_matter(page: Path) -> dict:
    text = (DOCS / page).read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def nav_pages() -> list[str]:
    """Page paths listed in mkdocs.yml's nav (the config uses !ENV tags, hence the loader)."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    found: list[str] = []

    def walk(item):
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            for sub in item:
                walk(sub)
        elif isinstance(item, dict):
            for sub in item.values():
                walk(sub)
    walk(config["nav"])
    return found


# --- test tiers (markers registered in pyproject.toml) ---------------------------------------------
# Tests are tiered by the fixtures they use (with the fixtures those use), so that a new test file
# is tiered without a marker: `browser` drives Chromium (or serves the built site to it); `site`
# builds a site: the real one (site_dir, offline_dir), a copy of the project (test_hostile_html's
# `hostile`) or the checker's small fixture project (test_check's `template`: each such test runs
# kb/check or an export on it, about half a second of CPU each, 85 s for the 160 of them).
# Everything else is the fast tier (loaders, renderers, hooks, data checks): `make test-fast`.
BROWSER_FIXTURES = {"browser", "served_url", "tab"}
SITE_FIXTURES = {"site_dir", "offline_dir", "hostile", "template"}


# `make test` runs two pytest-xdist workers, a test file at a time (`-n 2 --dist loadfile`, files
# in the order below): one worker takes test_browser.py first (its tests mostly wait on Chromium),
# the other the files that need no built site (they run while the first worker builds it), then
# the files that need it, the longest (axe on every page) first. Both use the one site and export
# built by whichever worker needs them first (shared(), below). Each worker starts Chromium once,
# if its tests use it.
FIRST_FILE, LONGEST_SITE_FILE = "test_browser.py", "test_accessibility.py"
SITE_USERS = {"site_dir", "offline_dir", "served_url"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("browser") or used & BROWSER_FIXTURES:
            if not item.get_closest_marker("browser"):
                item.add_marker(pytest.mark.browser)
        elif used & SITE_FIXTURES and not item.get_closest_marker("site"):
            item.add_marker(pytest.mark.site)
    needs_site = {item.path for item in items if set(getattr(item, "fixturenames", ())) & SITE_USERS}
    items.sort(key=lambda item: (item.path.name != FIRST_FILE, item.path in needs_site,
                                 item.path.name != LONGEST_SITE_FILE))                  # stable


def build(dest: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
                          cwd=ROOT, env=dict(ENV, **env), capture_output=True, text=True)


def shared(tmp_path_factory, name: str, make) -> Path:
    """The folder `name`, made once per test run by make(folder): under pytest-xdist the workers of
    a run share the parent of their temporary folders, and the first worker to need the folder
    makes it while the others wait on its lock; alone, it is made in the run's temporary folder."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            folder.mkdir(exist_ok=True)
            make(folder)                       # asserts: a failed build is not marked done
            done.touch()
    return folder


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, offline_dir) -> Path:
    """The published site, built strictly (directory URLs, PUBLISHED) after the export, as the
    publish workflow does: its home and About pages list the PDF and the zip (hooks/downloads.py)."""
    def make(dest: Path) -> None:
        result = build(dest, DOWNLOADS_DIR=str(offline_dir.parent.parent), **PUBLISHED)
        assert result.returncode == 0, result.stderr
    return shared(tmp_path_factory, "site", make)


@pytest.fixture(scope="session")
def offline_dir(tmp_path_factory) -> Path:
    """The offline export, made by the real export script and unzipped."""
    def make(out: Path) -> None:
        result = subprocess.run([sys.executable, "-m", "kb.export", "--out", str(out)],
                                cwd=ROOT, env=dict(ENV, **PUBLISHED), capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        with zipfile.ZipFile(out / "nato-kb-offline.zip") as zf:
            zf.extractall(out / "unzipped")
    return shared(tmp_path_factory, "dist", make) / "unzipped" / "nato-kb-offline"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_url(site_dir):
    """The built site served over HTTP on a free localhost port."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium package")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()
