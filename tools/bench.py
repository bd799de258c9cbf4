"""Quality benchmark of the published site: prints figures, asserts nothing.

    make bench                                  # installs the npm tools first if missing
    python tools/bench.py                     # every page
    python tools/bench.py --pages 5           # Lighthouse and page weight on the first 5 pages
    python tools/bench.py --only reference/glossary,reference/sources
    python tools/bench.py --runs 3 --skip vnu,zensical   # median of 3 Lighthouse runs per page
    python tools/bench.py --skip lighthouse,zensical

Measures, on a fresh strict build served from 127.0.0.1 with gzip:
  lighthouse  Lighthouse (node_modules, pinned in package.json) mobile scores per page
  weight      first-view transfer per page in Chromium (gzip bytes on the wire)
  search      search index size, and keystroke-to-results time in the real search box
  build       strict build time, and the same config without `hooks:` (ratio)
  vnu         Nu HTML Checker errors on every built HTML file, theme vs own
  zensical    `zensical build` of the same mkdocs.yml, and the features it drops
Needs: node_modules (npm ci), Java 17, Debian's /usr/bin/chromium, zensical in the venv.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")   # hosted runners: their own browser
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
SEARCH_QUERIES = ["article 5", "kosovo", "partnership", "cyber", "stanag", "enlargement", "piracy"]
# Typos that docs/assets/javascripts/forgiving-search.js corrects once the reader pauses (PAUSE ms):
# keystroke to corrected results includes that pause.
SEARCH_TYPOS = ["partnreship", "afghanistna", "stoltenbreg", "deterence", "satelites", "ratifcaton"]
PAUSE_MS = 300
# The search profiles: desktop, and a phone (390 px wide, the CPU slowed 4x as Lighthouse's mobile
# profile does, through the DevTools protocol).
SEARCH_PROFILES = {"desktop": ({"width": 1280, "height": 900}, 1), "phone": ({"width": 390, "height": 844}, 4)}
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
PRINT_PAGE = "print_page/index.html"
SECTIONS = ["lighthouse", "weight", "search", "build", "vnu", "zensical"]


# --- output -------------------------------------------------------------------------------

def table(title: str, header: list[str], rows: list[list]) -> None:
    """Print a Markdown table (readable in a terminal, pasteable into the README)."""
    cells = [[str(c) for c in header]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n### {title}\n")
    for n, r in enumerate(cells):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    sys.stdout.flush()


def kb(n: float | None) -> str:
    return "" if n is None else f"{n / 1024:.1f}"


# --- build and serve ----------------------------------------------------------------------

def build(dest: Path, config: Path | None = None) -> float:
    """Strict mkdocs build into dest; returns wall-clock seconds (a fresh process)."""
    cmd = [PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(dest)]
    if config:
        cmd += ["-f", str(config)]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=ENV, check=True)
    return time.perf_counter() - start


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip for text types (as GitHub Pages and most hosts do), 404.html on misses."""

    cache: dict[Path, bytes] = {}

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()          # 301 to the slash URL
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        ctype = self.guess_type(str(path))
        data = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if ctype.startswith(GZIP_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            if path not in self.cache:
                self.cache[path] = gzip.compress(data, 6)
            data = self.cache[path]
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


class Server:
    """`with Server(site) as base:` serves site on a free port of 127.0.0.1."""

    def __init__(self, site: Path):
        handler = partial(GzipHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def site_pages(site: Path) -> list[str]:
    """Page paths relative to the site root ("" for home), from sitemap.xml (the nav pages)."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text.strip() for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    prefix = os.path.commonprefix(locs)
    prefix = prefix[: prefix.rfind("/") + 1]
    return [loc[len(prefix):] for loc in locs]


def label(page: str) -> str:
    return page.rstrip("/") or "(home)"


# --- measurements -------------------------------------------------------------------------

def lighthouse(base: str, pages: list[str], runs: int = 1) -> tuple[dict, float]:
    """Lighthouse 12 mobile runs per page: scores and metrics of the median run (by
    performance score, as Lighthouse advises for variance); (results by page, seconds)."""
    results = {}
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            found = []
            for _ in range(runs):
                out = Path(tmp) / "lh.json"
                out.unlink(missing_ok=True)
                cmd = [str(LIGHTHOUSE), base + page, "--quiet", "--output=json", f"--output-path={out}",
                       "--only-categories=" + ",".join(CATEGORIES),
                       "--chrome-flags=" + " ".join(CHROME_FLAGS)]
                proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
                if proc.returncode != 0 or not out.exists():
                    print(f"lighthouse failed on {label(page)}: {proc.stderr.strip()[-300:]}", file=sys.stderr)
                    continue
                report = json.loads(out.read_text())
                audits = report["audits"]
                weights = {a["id"] for c in report["categories"].values() for a in c["auditRefs"] if a["weight"]}
                found.append({
                    "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
                    "fcp": audits["first-contentful-paint"]["numericValue"],
                    "lcp": audits["largest-contentful-paint"]["numericValue"],
                    "tbt": audits["total-blocking-time"]["numericValue"],
                    "cls": audits["cumulative-layout-shift"]["numericValue"],
                    "misses": sorted(a for a in weights if audits[a]["score"] is not None and audits[a]["score"] < 1),
                })
            if found:
                found.sort(key=lambda r: (r["scores"]["performance"], -r["tbt"]))
                results[page] = found[len(found) // 2]
    return results, time.perf_counter() - start


def page_weight(base: str, pages: list[str]) -> dict:
    """First view in a fresh Chromium context (empty cache): bytes on the wire per page,
    waited until the network is idle, so it includes what Material fetches after load."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS[1:])
        for page in pages:
            context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
            tab = context.new_page()
            requests = []
            context.on("requestfinished", lambda req: requests.append(req))
            tab.goto(base + page, wait_until="networkidle")
            total = index = 0
            for req in requests:
                sizes = req.sizes()
                response = req.response()
                # Chromium reports no body size for a worker's script: use Content-Length.
                body = max(sizes["responseBodySize"], int(response.headers.get("content-length", 0)) if response else 0)
                size = body + sizes["responseHeadersSize"]
                total += size
                if req.url.endswith("search_index.json"):
                    index += size
            weights[page] = {"total": total, "index": index, "requests": len(requests)}
            context.close()
        browser.close()
    return weights


def search_index(site: Path) -> dict:
    """Size of the search index Material's search worker downloads, raw and gzipped, and of the
    vocabulary the page script loads on the first focus of the search box."""
    raw = (site / "search" / "search_index.json").read_bytes()
    vocabulary = site / "search" / "vocabulary.js"
    words = vocabulary.read_bytes() if vocabulary.is_file() else b""
    return {"raw": len(raw), "gzip": len(gzip.compress(raw, 6)), "docs": len(json.loads(raw)["docs"]),
            "vocabulary": len(words), "vocabulary_gzip": len(gzip.compress(words, 6)) if words else 0}


# Installed before each query: time of every keydown in the search box, and of every
# change to the result list, so that the latency is measured inside the page.
SEARCH_PROBE = """() => {
  const input = document.querySelector(".md-search__input");
  const output = document.querySelector(".md-search-result");
  window.__kb = {keys: [], changes: []};
  input.addEventListener("keydown", () => window.__kb.keys.push(performance.now()), true);
  new MutationObserver(() => window.__kb.changes.push(performance.now()))
    .observe(output, {childList: true, subtree: true, characterData: true});
}"""


def keystroke_to_results(base: str, profile: str = "desktop") -> tuple[float, dict, dict]:
    """Type queries in the real search box; per query, the time from the keydown of the last
    character to the last change of the result list it causes (results fully rendered).
    Typos (SEARCH_TYPOS), typed at once: the time from the last keydown to the corrected
    results (the page script's pause included). Also the time from the first click in the box
    to search ready (the index is fetched on demand). Returns (first-click ms,
    {query: (ms, results shown)}, {typo: (ms, results shown, query corrected to)})."""
    from playwright.sync_api import sync_playwright

    viewport, slowdown = SEARCH_PROFILES[profile]
    times, typos = {}, {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS[1:])
        tab = browser.new_page(viewport=viewport)
        if slowdown > 1:
            tab.context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        tab.goto(base, wait_until="networkidle")
        start = time.perf_counter()
        if viewport["width"] < 960:                         # Material's phone layout: the header's search button
            tab.click("label.md-header__button[for=__search]")
        tab.click(".md-search__input")
        tab.wait_for_function("""() => !/Initializing/i.test(
            document.querySelector('.md-search-result__meta').textContent)""", polling=5)
        first_ms = (time.perf_counter() - start) * 1000
        tab.evaluate(SEARCH_PROBE)
        for query in SEARCH_QUERIES:
            tab.fill(".md-search__input", "")
            tab.keyboard.type(query[:-1])
            tab.wait_for_timeout(400)                       # settle on the query minus one key
            tab.evaluate("() => { window.__kb.keys = []; window.__kb.changes = []; }")
            tab.keyboard.press(query[-1])
            tab.wait_for_timeout(600)                       # results render well within this
            log = tab.evaluate("window.__kb")
            hits = tab.locator(".md-search-result__item").count()
            if log["keys"] and log["changes"]:
                times[query] = (max(log["changes"]) - log["keys"][-1], hits)
        for query in SEARCH_TYPOS:
            tab.fill(".md-search__input", "")
            tab.wait_for_timeout(400)
            tab.evaluate("() => { window.__kb.keys = []; window.__kb.changes = []; }")
            tab.keyboard.type(query)
            tab.wait_for_timeout(PAUSE_MS + 1200)           # the pause, the correction, the results
            log = tab.evaluate("window.__kb")
            hits = tab.locator(".md-search-result__item").count()
            if log["keys"] and log["changes"]:
                typos[query] = (max(log["changes"]) - log["keys"][-1], hits, tab.input_value(".md-search__input"))
        browser.close()
    return first_ms, times, typos


def nohooks_config() -> Path:
    """A copy of mkdocs.yml without the top-level `hooks:` key, next to it (relative paths)."""
    out, skipping = [], False
    for line in (ROOT / "mkdocs.yml").read_text().splitlines(keepends=True):
        if re.match(r"hooks\s*:", line):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t", "-")) or not line.strip()):
            continue
        skipping = False
        out.append(line)
    path = ROOT / ".bench-nohooks.yml"
    path.write_text("".join(out))
    return path


def build_times(runs: int = 3) -> dict:
    """Median strict build time of the site, and of the same config without hooks."""
    config = nohooks_config()
    hooks = re.search(r"^hooks\s*:", (ROOT / "mkdocs.yml").read_text(), re.M) is not None
    with_hooks, without = [], []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(runs):                           # interleaved: same machine state
                with_hooks.append(build(Path(tmp) / "a"))
                without.append(build(Path(tmp) / "b", config))
    finally:
        config.unlink()
    a, b = statistics.median(with_hooks), statistics.median(without)
    return {"with": a, "without": b, "ratio": a / b, "has_hooks": hooks, "runs": runs}


def template_text(folder: Path) -> str:
    """All the templates under folder, Jinja comments removed, whitespace folded."""
    text = " ".join(p.read_text() for p in folder.rglob("*.html"))
    return re.sub(r"\s+", " ", re.sub(r"\{#.*?#\}", "", text, flags=re.S))


def vnu(site: Path) -> dict:
    """Nu HTML Checker on every built HTML file, errors only, grouped by message (quoted
    names folded) and origin. Origin: the first tag of the highlighted markup looked up in
    overrides/ ("own template") and in Material's templates ("theme"), else "content" (a
    page's Markdown or a plugin's output). Errors found only on the print page come from
    how the print-site plugin stitches pages together."""
    import material

    files = sorted(site.rglob("*.html"))
    proc = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                           *map(str, files)], capture_output=True, text=True)
    messages = json.loads(proc.stderr or '{"messages": []}')["messages"]
    own = template_text(ROOT / "overrides")
    theme = template_text(Path(material.__file__).parent / "templates")
    found = []
    for m in messages:
        page = Path(m["url"].removeprefix("file:")).relative_to(site).as_posix()
        extract = m.get("extract", "")
        hilite = extract[m.get("hiliteStart", 0):][: m.get("hiliteLength", len(extract))]
        tag = re.search(r'<[a-z][a-z0-9]*(?: class="[^"]*")?', hilite)
        key = tag.group(0) if tag else None
        origin = ("own template" if key and key in own else
                  "theme" if key and key in theme else "content")
        message = re.sub(r"“[^”]*”", "“…”", m["message"])
        found.append((page, origin, message, key, m["message"], re.sub(r"\s+", " ", hilite)))
    elsewhere = {(message, key) for page, _, message, key, *_ in found if page != PRINT_PAGE}
    groups: dict[tuple, dict] = {}
    for page, origin, message, key, example, markup in found:
        if page == PRINT_PAGE and (message, key) not in elsewhere:
            origin = "print page (print-site plugin)"
        g = groups.setdefault((origin, message), {"origin": origin, "message": message, "pages": defaultdict(int),
                                                   "example": example, "extract": markup})
        g["pages"][page] += 1
    rows = [{**g, "count": sum(g["pages"].values()), "pages": sorted(g["pages"])} for g in groups.values()]
    rows.sort(key=lambda r: (r["origin"], -r["count"]))
    return {"files": len(files), "errors": len(messages), "groups": rows}


def html_files(site: Path) -> list[Path]:
    return [f for f in site.rglob("*.html") if "print_page" not in f.parts]


def count(site: Path, page: str, pattern: str) -> int:
    """Matches of pattern in one built page ("*": in every page)."""
    files = html_files(site) if page == "*" else [site / page]
    return sum(len(re.findall(pattern, f.read_text(errors="replace"))) for f in files if f.is_file())


def page_path(site: Path, page: str) -> Path:
    """Built file of a page path like "foundations/article-5/", in either URL style."""
    return site / (page + "index.html") if (site / page / "index.html").is_file() else site / (page.rstrip("/") + ".html")


def description_from_front_matter(site: Path) -> str:
    md = (ROOT / "docs" / "foundations" / "article-5.md").read_text()
    want = re.search(r"^description:\s*(.+)$", md, re.M).group(1).strip(" \"'>-")
    have = re.search(r'<meta name="description" content="([^"]*)"',
                     page_path(site, "foundations/article-5/").read_text())
    return "yes" if have and want[:40] in have.group(1) else "no"


def any_script_has(site: Path, needle: str) -> str:
    return "yes" if any(needle in f.read_text(errors="replace")
                        for f in (site / "assets" / "javascripts").rglob("*.js")) else "no"


def exists(*paths: Path) -> str:
    return "yes" if any(p.exists() for p in paths) else "no"


# feature -> probe(site, offline_site) returning a count or yes/no; a feature that the
# mkdocs build has and the zensical build lacks ("no" or 0) is reported as dropped.
FEATURES = {
    "HTML pages (without print page)": lambda s, o: len(html_files(s)),
    "abbr tooltips: <abbr> on the home page": lambda s, o: count(s, "index.html", r"<abbr title="),
    "glightbox: diagrams wrapped in a.glightbox": lambda s, o: count(s, "*", r'class="glightbox"'),
    "glightbox: GLightbox script shipped": lambda s, o: any_script_has(s, "GLightbox"),
    "footnotes on the Article 5 page": lambda s, o: count(s, "foundations/article-5/index.html", r'class="footnote-ref"'),
    "admonitions (all pages)": lambda s, o: count(s, "*", r'class="admonition'),
    "content tabs (all pages)": lambda s, o: count(s, "*", r'class="tabbed-set'),
    "footer previous/next links (navigation.footer)": lambda s, o: count(s, "foundations/article-5/index.html", r'class="md-footer__link'),
    "back-to-top button (navigation.top)": lambda s, o: count(s, "index.html", r'class="md-top'),
    "light/dark palette toggle": lambda s, o: count(s, "index.html", r"data-md-color-media="),
    "search index": lambda s, o: exists(s / "search" / "search_index.json", s / "search.json"),
    "sitemap.xml": lambda s, o: exists(s / "sitemap.xml"),
    "override: meta description from front matter": lambda s, o: description_from_front_matter(s),
    "override: og:description (extrahead)": lambda s, o: count(s, "index.html", r'property="og:description"'),
    "override: footer sourcing line": lambda s, o: count(s, "index.html", r'class="kb-sourcing"'),
    "override: search dialog aria-label": lambda s, o: count(s, "index.html", r'role="dialog" aria-label='),
    "override: palette chosen before the first paint, no theme restyle": lambda s, o: count(s, "index.html", r"data-kb-palette"),
    "override: theme scripts run after the first paint": lambda s, o: count(s, "index.html", r'data-src="[^"]*bundle\.'),
    "override: no iframe-worker shim on the published site": lambda s, o: "yes" if count(s, "index.html", "iframe-worker") == 0 else "no",
    "override: search index fetched on demand (XHR gate)": lambda s, o: count(s, "index.html", r"search_index\\\.json"),
    "hook: print-site assets only on the print page": lambda s, o: "yes" if count(s, "index.html", "print-site") == 0 else "no",
    "hook: glightbox loaded on first click (diagram pages)": lambda s, o: "yes" if count(s, "structures/command-structure/index.html", r'<script src="[^"]*glightbox') == 0 and count(s, "structures/command-structure/index.html", 'id="init-glightbox"') else "no",
    "extra.css linked": lambda s, o: count(s, "index.html", r"extra\.css"),
    "print page (print-site plugin)": lambda s, o: exists(s / "print_page" / "index.html"),
    "offline build: page.html URLs": lambda s, o: exists(o / "foundations" / "article-5.html"),
    "offline build: inlined search index (search_index.js / search.js)":
        lambda s, o: exists(o / "search" / "search_index.js", o / "search.js"),
    "offline build: vendored iframe-worker shim linked": lambda s, o: "yes" if count(o, "index.html", "iframe-worker-shim") else "no",
}
OFFLINE_ENV = {"OFFLINE": "true", "DIRECTORY_URLS": "false"}


def in_browser(site: Path) -> dict:
    """Serve a built site and use it in Chromium: does search return results, does the
    diagram open in the lightbox, and which requests leave 127.0.0.1 (CDN fetches)."""
    from playwright.sync_api import sync_playwright

    external: list[str] = []
    found = {}
    with Server(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS[1:])
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def local_only(route) -> None:
            if route.request.url.startswith(base):
                route.continue_()
            else:
                external.append(route.request.url)
                route.abort()

        context.route("**/*", local_only)
        tab = context.new_page()
        tab.goto(base, wait_until="networkidle")
        if tab.locator(".md-search__input").count():         # Material's search box
            tab.click(".md-search__input")
        else:                                               # Zensical's search button
            tab.click(".md-search__button")
        tab.keyboard.type("kosovo")
        hits = tab.locator(".md-search-result__item").or_(tab.get_by_text(re.compile(r"^\d+ results?$")))
        try:
            hits.first.wait_for(timeout=5000)
            found["search returns results in Chromium"] = "yes"
        except Exception:
            found["search returns results in Chromium"] = "no"
        tab.goto(base + "structures/command-structure/", wait_until="networkidle")
        tab.click("article a.glightbox img")
        try:
            tab.locator(".glightbox-container .gslide.current img").wait_for(timeout=5000)
            found["diagram opens in the lightbox"] = "yes"
        except Exception:
            found["diagram opens in the lightbox"] = "no"
        browser.close()
    found["no request leaves the site (offline-safe)"] = "yes" if not external else "no: " + ", ".join(sorted(set(external)))
    return found


def zensical_build(dest: Path, extra_env: dict) -> tuple[bool, float, str]:
    """`zensical build` of a copy of the project (Zensical always writes to site_dir)."""
    exe = Path(PY).parent / "zensical"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Everything the build reads: the Changelog page includes CHANGELOG.md (pymdownx.snippets).
        for item in ("mkdocs.yml", "docs", "overrides", "hooks", "includes", "data", "CHANGELOG.md"):
            src = ROOT / item
            if src.is_dir():
                shutil.copytree(src, work / item)
            elif src.is_file():
                shutil.copy2(src, work / item)
        start = time.perf_counter()
        proc = subprocess.run([str(exe), "build", "--clean"], cwd=work, capture_output=True, text=True,
                              env={**ENV, **extra_env})
        seconds = time.perf_counter() - start
        if (work / "site").is_dir():
            shutil.move(str(work / "site"), str(dest))
    return proc.returncode == 0, seconds, (proc.stdout + proc.stderr).strip()


def zensical(mkdocs_site: Path) -> dict:
    """Zensical build of the same mkdocs.yml (published and offline variants), its time,
    and the features of the mkdocs build that it lacks."""
    if not (Path(PY).parent / "zensical").exists():
        return {"error": f"zensical is not installed in {Path(PY).parent} (make bench installs it: pip install '.[bench]')"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ok, seconds, log = zensical_build(tmp / "zensical", {})
        ok_off, _, log_off = zensical_build(tmp / "zensical-offline", OFFLINE_ENV)
        subprocess.run([PY, "-m", "mkdocs", "build", "--quiet", "-d", str(tmp / "mkdocs-offline")],
                       cwd=ROOT, env={**ENV, **OFFLINE_ENV}, check=True)
        features = [(name, str(probe(mkdocs_site, tmp / "mkdocs-offline")),
                     str(probe(tmp / "zensical", tmp / "zensical-offline")))
                    for name, probe in FEATURES.items()]
        used_mk, used_zs = in_browser(mkdocs_site), in_browser(tmp / "zensical")
        features += [(name, used_mk[name], used_zs[name]) for name in used_mk]
    notes = [l for l in (log + "\n" + log_off).splitlines() if re.search(r"warn|error|unsupported|ignor", l, re.I)]
    return {"ok": ok, "ok_offline": ok_off, "seconds": seconds, "log": log, "features": features, "notes": notes}


# --- main ---------------------------------------------------------------------------------

def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=0, help="Lighthouse/weight on the first N pages (default all)")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median run is kept (default 1)")
    parser.add_argument("--only", default="", help="comma-separated page paths, e.g. reference/glossary/,'' for home")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: " + ",".join(SECTIONS))
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    summary: list[list] = []
    print(f"# tools/bench.py, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs")

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        seconds = build(site)
        pages = site_pages(site)
        chosen = pages[: args.pages] if args.pages else pages
        if args.only:
            wanted = {p.strip().strip("/") for p in args.only.split(",")}
            chosen = [p for p in chosen if p.strip("/") in wanted]
        print(f"built {len(pages)} pages in {seconds:.1f} s; measuring {len(chosen)}")

        with Server(site) as base:
            lh, lh_seconds, weights = {}, None, {}
            if "lighthouse" not in skip:
                lh, lh_seconds = lighthouse(base, chosen, args.runs)
            if "weight" not in skip:
                weights = page_weight(base, chosen)
            searches = {profile: keystroke_to_results(base, profile) for profile in SEARCH_PROFILES} \
                if "search" not in skip else {}

        if lh or weights:
            rows = []
            for page in chosen:
                r, w = lh.get(page), weights.get(page)
                rows.append([label(page)]
                            + ([*r["scores"].values(), f"{r['fcp'] / 1000:.1f}", f"{r['lcp'] / 1000:.1f}",
                                round(r["tbt"]), f"{r['cls']:.3f}", " ".join(r["misses"])] if r else [""] * 9)
                            + ([kb(w["total"]), kb(w["total"] - w["index"]), w["requests"]] if w else [""] * 3))
            table("Per page: Lighthouse 12.2.3 mobile (simulated throttling) and first-view transfer",
                  ["page", "perf", "a11y", "b.p.", "SEO", "FCP s", "LCP s", "TBT ms", "CLS", "audits < 1",
                   "KB total", "KB w/o index", "req"], rows)
        if lh:
            for cat in CATEGORIES:
                scores = [r["scores"][cat] for r in lh.values()]
                summary.append([f"Lighthouse {cat} (min / median / pages at 100)",
                                f"{min(scores)} / {median(scores):g} / {sum(s == 100 for s in scores)} of {len(scores)}",
                                "100"])
            misses = defaultdict(int)
            for r in lh.values():
                for a in r["misses"]:
                    misses[a] += 1
            summary.append(["Lighthouse audits below 1 (pages)",
                            ", ".join(f"{a} ({n})" for a, n in sorted(misses.items(), key=lambda x: -x[1])) or "none",
                            ""])
            summary.append(["Lighthouse TBT ms (median / max)",
                            f"{median([r['tbt'] for r in lh.values()]):.0f} / {max(r['tbt'] for r in lh.values()):.0f}", ""])
            summary.append(["Lighthouse FCP s (median / max)",
                            f"{median([r['fcp'] for r in lh.values()]) / 1000:.2f} / "
                            f"{max(r['fcp'] for r in lh.values()) / 1000:.2f}", ""])
            summary.append(["Lighthouse run time", f"{lh_seconds:.0f} s for {len(lh)} pages x {args.runs} run(s) "
                            f"({lh_seconds / max(len(lh), 1):.1f} s/page)", ""])
        if weights:
            totals = [w["total"] for w in weights.values()]
            bare = [w["total"] - w["index"] for w in weights.values()]
            summary.append(["First-view transfer KB, every request until the network is idle (median / max)",
                            f"{kb(median(totals))} / {kb(max(totals))}", "≤ 100"])
            summary.append(["Pages that fetch the search index before the reader searches",
                            f"{sum(w['index'] > 0 for w in weights.values())} of {len(weights)}"
                            + (f" (without it: {kb(median(bare))} / {kb(max(bare))} KB)" if any(w['index'] for w in weights.values()) else ""),
                            "0"])
        if "search" not in skip:
            idx = search_index(site)
            summary.append(["Search index KB (raw / gzip), documents",
                            f"{kb(idx['raw'])} / {kb(idx['gzip'])}, {idx['docs']} sections", ""])
            summary.append(["Typo vocabulary KB (raw / gzip), search/vocabulary.js, loaded on the first focus of the box",
                            f"{kb(idx['vocabulary'])} / {kb(idx['vocabulary_gzip'])}", ""])
            for profile, (first_ms, search_times, typo_times) in searches.items():
                viewport, slowdown = SEARCH_PROFILES[profile]
                name = f"{profile}, {viewport['width']} px" + (f", CPU /{slowdown}" if slowdown > 1 else "")
                summary.append([f"First click in the search box to search ready, ms ({name}; index fetched on demand, local server)",
                                f"{first_ms:.0f}", ""])
                ms = [t for t, _ in search_times.values()]
                summary.append([f"Keystroke to rendered results, ms (median / max over queries; {name})",
                                f"{median(ms):.0f} / {max(ms):.0f} ({len(ms)} queries)" if ms else "not measured",
                                "< 50" if profile == "phone" else ""])
                ms = [t for t, *_ in typo_times.values()]
                summary.append([f"Typo: keystroke to corrected results, ms, the {PAUSE_MS} ms pause included (median / max; {name})",
                                f"{median(ms):.0f} / {max(ms):.0f} ({len(ms)} typos)" if ms else "not measured", ""])
                table(f"Search: keystroke (last character) to results rendered ({name})",
                      ["query", "ms", "results shown", "corrected to"],
                      [[q, f"{t:.0f}", n, ""] for q, (t, n) in search_times.items()]
                      + [[q, f"{t:.0f}", n, fixed] for q, (t, n, fixed) in typo_times.items()])

        if "build" not in skip:
            b = build_times()
            summary.append(["Strict build s (median of 3, fresh process)", f"{b['with']:.2f}", ""])
            summary.append(["Build without `hooks:` s; ratio with/without",
                            f"{b['without']:.2f}; {b['ratio']:.2f}"
                            + ("" if b["has_hooks"] else " (mkdocs.yml has no hooks)"), "< 1.10"])

        if "vnu" not in skip:
            v = vnu(site)
            by_origin = defaultdict(int)
            for g in v["groups"]:
                by_origin[g["origin"]] += g["count"]
            summary.append(["Nu HTML Checker errors in " + f"{v['files']} files, by origin",
                            ", ".join(f"{o}: {n}" for o, n in sorted(by_origin.items())) or "none",
                            "0 own template + content"])
            table("Nu HTML Checker errors, grouped by message",
                  ["origin", "errors", "pages", "message (example)", "markup"],
                  [[g["origin"], g["count"],
                    len(g["pages"]) if len(g["pages"]) > 3 else ", ".join(g["pages"]),
                    g["example"][:100], g["extract"][:60]] for g in v["groups"]])

        if "zensical" not in skip:
            z = zensical(site)
            if "error" in z:
                summary.append(["zensical build", z["error"], "succeeds"])
            else:
                summary.append(["zensical build of the same mkdocs.yml",
                                f"{'ok' if z['ok'] else 'FAILED'} in {z['seconds']:.1f} s "
                                f"(offline variant {'ok' if z['ok_offline'] else 'FAILED'})", "succeeds"])
                dropped = [f for f, mk, zs in z["features"] if not mk.startswith("no") and mk != "0"
                           and (zs.startswith("no") or zs == "0")]
                summary.append(["Features zensical drops", "; ".join(dropped) or "none", ""])
                table("Zensical vs MkDocs build: features", ["feature", "mkdocs", "zensical"],
                      [list(f) for f in z["features"]])
                if z["notes"]:
                    print("\nzensical messages:\n  " + "\n  ".join(z["notes"][:20]))
                if not z["ok"]:
                    print("\nzensical log (tail):\n" + z["log"][-2000:])

    table("Summary", ["measure", "figure", "target"], summary)


if __name__ == "__main__":
    main()
