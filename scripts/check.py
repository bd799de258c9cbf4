"""Check the knowledge base before you commit: links, glossary, orphans, sources.

    python scripts/check.py               # build into a temp folder, then check
    python scripts/check.py --site site   # check an existing build instead
    python scripts/check.py --external    # also try every external link (network)
    python scripts/check.py --root DIR    # project root (default: current folder)
    python scripts/check.py --timing      # also print build and check times on stderr

Every problem is printed as `path:LINE: what is wrong (hint)`, sorted by file
and line, then one summary line. Exit status: 0 clean, 1 problems found,
2 the check could not run (missing mkdocs.yml, malformed glossary YAML, build
crash); in that case one line on stderr says why.

What is checked (one function per check, see check_* below):

- the mkdocs build itself: it runs NON-strict so the HTML exists even with
  broken links, and every WARNING it logs becomes a problem. A warning on a
  line that a dedicated check below already reports is dropped as a duplicate.
- links and images inside the page content (Material's header, nav, footer
  and search are ignored): internal targets exist, `#anchors` exist on the
  target page, no absolute links to the site's own pages (`/...` or site_url),
  images have alt text. External links are counted; with --external each one
  is requested (HEAD, then GET if HEAD fails; 10 s timeout; in parallel).
- glossary (data/glossary.yml, validated by scripts/glossary.py): a file that
  cannot be parsed stops the check (exit 2); an invalid entry (missing field,
  duplicate term...) is a problem. Every acronym in the prose is in the
  glossary or in data/acronym-allowlist.txt; every term is used on some page
  besides the glossary; every term with an `expansion` is shown as an <abbr>
  tooltip on each page that uses it; the generated glossary page and
  includes/abbreviations.md are up to date (scripts/make_glossary.py).
- pages: every page under docs/ is in the nav and linked from another page's
  content (the home page excepted); every page has footnotes (except
  FOOTNOTE_EXEMPT); front matter (read by scripts/frontmatter.py) is valid and
  has `title` and `description`; no footnote reference lacks its definition.

Acronyms (ACRONYM below): a word of 2+ capital letters, optionally followed by
digits, optionally followed by hyphenated parts of capitals/digits, with an
optional plural `s`: NATO, KFOR, SNMG1, NTM-I, NGOs (-> NGO). A hyphenated
token is fine if it is defined as a whole, or if all its parts are acronyms
that are defined (EU-NATO); a numbered one if its letters are (SNMG1 -> SNMG).
Not acronyms: mixed-case words (PfP, ReSI), one capital plus digits (G7, F-35),
Roman numerals from II to XXXIX (World War II), parts of codes and domain
names (SC/7894, M-NACC-1(1997), LB.ua).
Prose excludes front matter, code spans and fences, HTML comments and tags,
URLs, link targets, footnote labels, attribute lists and abbreviation lines.
"""

from __future__ import annotations

import argparse
import difflib
import logging
import os
import posixpath
import re
import sys
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2.0

import yaml  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from frontmatter import FrontMatterError, read_front_matter  # noqa: E402
from glossary import GLOSSARY_FILE, Entry, GlossaryError, load_glossary  # noqa: E402

HOME = "index.md"
# Pages that need no footnotes: both are generated. The glossary's only footnotes
# come from the optional `source` fields of data/glossary.yml; the sources page
# (scripts/make_sources.py) is itself the list of every footnote's source.
FOOTNOTE_EXEMPT = {"reference/glossary.md", "reference/sources.md"}
GLOSSARY_PAGE = "reference/glossary.md"
ALLOWLIST_FILE = Path("data/acronym-allowlist.txt")
# A glossary error that means the file itself cannot be read: stop (exit 2).
FATAL_GLOSSARY = ("malformed YAML", "glossary file not found", "the glossary must be a YAML list")

ACRONYM = re.compile(r"(?<![\w/-])([A-Z]{2,}[0-9]*(?:-[A-Z0-9]+)*)s?(?![\w/]|\.\w)")
ACRONYM_PART = re.compile(r"[A-Z]{2,}[0-9]*")
ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
EXTERNAL_TIMEOUT = 10
EXTERNAL_WORKERS = 16

# Markdown that is not prose, blanked out before looking for acronyms and terms.
NOT_PROSE = [
    re.compile(r"^\s*\*\[[^\]]+\]:.*"),                        # *[ABBR]: expansion
    re.compile(r"^\s{0,3}\[[^\]^][^\]]*\]:\s*\S+.*"),          # [ref]: url "title"
    re.compile(r"(`+).+?\1"),                                  # `code`
    re.compile(r"\[\^[^\]]*\]:?"),                             # [^label] and [^label]:
    re.compile(r"<(?:https?|mailto|ftp):[^>]*>"),              # <https://autolink>
    re.compile(r"\]\((?:[^()]|\([^()]*\))*\)"),                # ](target "title")
    re.compile(r"\]\[[^\]]*\]"),                               # ][ref]
    re.compile(r"\{\s*[#.:][^}]*\}"),                          # { #id .class }
    re.compile(r"</?[A-Za-z][^>]*>"),                          # <tag attr="...">
    re.compile(r"(?:https?://|www\.)\S+"),                     # bare URLs
    re.compile(r"\S+@\S+\.\w+"),                               # e-mail addresses
]
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
LINK_PREFIXES = ("(", "<", '="', "='", "]: ")  # where a link target sits in Markdown or HTML


class CannotRun(Exception):
    """The check cannot run at all: one line, exit status 2."""


@dataclass
class Problem:
    path: str
    line: int
    message: str
    from_build: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Page:
    src: str                       # path under docs/, e.g. "operations/balkans.md"
    path: str                      # path from the project root, e.g. "docs/operations/balkans.md"
    prose: list[tuple[int, str]]   # (line number, prose text with code/URLs/etc. blanked)
    markup: list[tuple[int, str]]  # (line number, raw line) outside front matter, fences, comments
    meta: dict = field(default_factory=dict)  # front matter, read by scripts/frontmatter.py
    meta_error: tuple[int, str] | None = None
    dest: str | None = None        # built HTML file, relative to the site folder
    content: object = None         # the page content element of the built HTML
    tags: list = field(default_factory=list)  # every element in the content, in document order
    ids: set[str] = field(default_factory=set)


@dataclass
class Stats:
    internal: int = 0
    external: list[tuple[Page, str, int]] = field(default_factory=list)  # (page, url, nth on the page)
    linked: set[str] = field(default_factory=set)  # pages linked from another page's content


# --- reading the project ---------------------------------------------------------------


def read_config() -> dict:
    """mkdocs.yml as plain data (with !ENV tags resolved); no plugins are loaded."""
    from mkdocs.utils.yaml import yaml_load

    path = Path("mkdocs.yml")
    if not path.is_file():
        raise CannotRun(f"mkdocs.yml: not found in {Path.cwd()} (run from the project root or pass --root)")
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml_load(fh) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CannotRun(f"mkdocs.yml:{mark.line + 1 if mark else 1}: malformed YAML: "
                        f"{getattr(exc, 'problem', None) or exc}") from None


def read_glossary() -> tuple[list[Entry] | None, list[Problem]]:
    """The glossary entries, or None plus the problem when an entry is invalid."""
    try:
        return load_glossary(GLOSSARY_FILE), []
    except GlossaryError as err:
        if err.message.startswith(FATAL_GLOSSARY):
            where = f"{err.path}:{err.line}" if err.line else f"{err.path}"
            raise CannotRun(f"{where}: {err.message}") from None
        return None, [Problem(str(err.path), err.line, err.message)]


def read_allowlist() -> set[str]:
    if not ALLOWLIST_FILE.is_file():
        return set()
    words = (line.split("#", 1)[0].strip() for line in ALLOWLIST_FILE.read_text(encoding="utf-8").splitlines())
    return {w for w in words if w}


def split_source(text: str) -> tuple[list, list]:
    """Prose lines and markup lines of a page: (line number, text), front matter skipped."""
    lines = text.splitlines()
    start = 0
    if text.startswith("---\n") and text.find("\n---", 4) >= 0:  # as frontmatter.read_front_matter
        start = text[:text.find("\n---", 4)].count("\n") + 2
    prose, markup = [], []
    fence, in_comment = None, False
    for n in range(start, len(lines)):
        line, number = lines[n], n + 1
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            continue
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        opening = FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        line = re.sub(r"<!--.*?-->", " ", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        markup.append((number, line))
        for pattern in NOT_PROSE:
            line = pattern.sub(" ", line)
        prose.append((number, line))
    return prose, markup


def built_file(src: str, site: Path) -> str | None:
    """The HTML file built from a page, with or without directory URLs."""
    stem = src[:-3]
    if posixpath.basename(stem) in ("index", "README"):
        candidates = [posixpath.join(posixpath.dirname(stem), "index.html")]
    else:
        candidates = [stem + "/index.html", stem + ".html"]
    return next((c for c in candidates if (site / c).is_file()), None)


def page_content(html: str):
    """The content of a built page, without Material's header, nav and footer.

    For speed only Material's single `<article class="md-content__inner ...">`
    is handed to the HTML parser (the nav alone is most of every page);
    with another theme the whole page is parsed and <main> or <body> is used.
    """
    start, end = html.find('<article class="md-content__inner'), html.rfind("</article>")
    if start != -1 and end > start:
        content = BeautifulSoup(html[start:end + 10], "html.parser").article
        if content is not None:
            return content
    full = BeautifulSoup(html, "html.parser")
    return full.find("main") or full.body or full


def read_pages(docs: Path, site: Path) -> list[Page]:
    pages = []
    for file in sorted(docs.rglob("*.md")):
        src = file.relative_to(docs).as_posix()
        page = Page(src, (docs / src).as_posix(), *split_source(file.read_text(encoding="utf-8")))
        try:
            page.meta = read_front_matter(file)
        except FrontMatterError as err:
            page.meta_error = (err.line, err.message)
        page.dest = built_file(src, site)
        if page.dest:
            page.content = page_content((site / page.dest).read_text(encoding="utf-8"))
            page.tags = page.content.find_all(True)
            page.ids = {tag["id"] for tag in page.tags if tag.get("id")}
            page.ids |= {tag["name"] for tag in page.tags if tag.name == "a" and tag.get("name")}
        pages.append(page)
    return pages


def find_line(page: Page, needles: list[str], nth: int = 0) -> int:
    """The line of the nth occurrence of the first needle found in the page's markup.

    An occurrence in link position (`](needle`, `]: needle`, `="needle`, `<needle`)
    is preferred over one anywhere else on the line.
    """
    for needle in needles:
        if not needle:
            continue
        in_link = [n for n, line in page.markup if needle in line
                   for prefix in LINK_PREFIXES for _ in range(line.count(prefix + needle))]
        anywhere = [n for n, line in page.markup for _ in range(line.count(needle))]
        hits = in_link or anywhere
        if hits:
            return hits[min(nth, len(hits) - 1)]
    return 1


def nav_pages(nav) -> set[str]:
    """Every page path listed in the nav (any nesting, titled or not)."""
    found: set[str] = set()
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        if isinstance(item, str):
            if "://" not in item:
                found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                found |= nav_pages(value)
        elif isinstance(item, list):
            found |= nav_pages(item)
    return found


# --- building -----------------------------------------------------------------------------


class Capture(logging.Handler):
    """Keeps the WARNING and ERROR records logged during the build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_site(site: Path) -> list[logging.LogRecord]:
    """Build NON-strict with the mkdocs API; return the WARNING (and ERROR) records it logged."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    capture = Capture()
    root = logging.getLogger()
    root.addHandler(capture)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            config = load_config("mkdocs.yml", strict=False, site_dir=str(site))
            build(config)
    except BaseException as exc:  # mkdocs raises SystemExit-like Abort too
        if isinstance(exc, KeyboardInterrupt):
            raise
        errors = [r.getMessage() for r in capture.records if r.levelno >= logging.ERROR]
        reason = errors[-1] if errors else (str(exc) or type(exc).__name__)
        raise CannotRun(f"mkdocs build failed: {' '.join(reason.split())}") from None
    finally:
        root.removeHandler(capture)
    return capture.records


# --- checks ---------------------------------------------------------------------------


def check_build_warnings(records: list[logging.LogRecord], by_src: dict[str, Page], docs: Path) -> list[Problem]:
    """Every warning of the build, on the file (and line) it names when it names one."""
    problems = []
    config_lines = Path("mkdocs.yml").read_text(encoding="utf-8").splitlines()
    for record in records:
        message = record.getMessage()
        first = " ".join(message.split("\n", 1)[0].split())
        doc = re.search(r"Doc file '([^']+)'", message)
        omitted = re.findall(r"^\s*- (\S+\.md)\s*$", message, re.M)
        if doc and doc.group(1) in by_src:
            page = by_src[doc.group(1)]
            target = re.search(r"link '([^']*)'", message)
            line = find_line(page, [target.group(1)] if target else [])
            problems.append(Problem(page.path, line, f"mkdocs: {first}", from_build=True))
        elif omitted and "nav" in message:
            for src in omitted:
                problems.append(Problem((docs / src).as_posix(), 1, "mkdocs: page is not in the nav", True))
        else:
            quoted = re.findall(r"'([^']+)'", message)
            line = next((n + 1 for q in quoted for n, text in enumerate(config_lines) if q in text), 1)
            problems.append(Problem("mkdocs.yml", line, f"mkdocs: {first}", from_build=True))
    return problems


def check_front_matter(pages: list[Page]) -> list[Problem]:
    problems = []
    for page in pages:
        if page.meta_error:
            problems.append(Problem(page.path, *page.meta_error))
            continue
        for key in ("title", "description"):
            if not page.meta or not str(page.meta.get(key) or "").strip():
                problems.append(Problem(page.path, 1, f"front matter has no '{key}' "
                                        f"(start the page with ---, {key}: ..., ---)"))
    return problems


def did_you_mean(wrong: str, choices: list[str], prefix: str = "") -> str:
    match = difflib.get_close_matches(wrong, choices, n=1, cutoff=0.6)
    return f" (did you mean {prefix}{match[0]}?)" if match else ""


def check_links(pages: list[Page], site: Path, docs: Path, site_url: str, stats: Stats) -> list[Problem]:
    """Internal links and images in the page content resolve, anchors exist, no absolute links."""
    problems = []
    by_dest = {p.dest: p for p in pages if p.dest}
    site_files = {f.relative_to(site).as_posix() for f in site.rglob("*") if f.is_file()}
    doc_files = sorted(f.relative_to(docs).as_posix() for f in docs.rglob("*") if f.is_file())
    extra_ids: dict[str, set[str]] = {}
    for page in pages:
        if page.content is None:
            continue
        base = posixpath.dirname(page.dest)
        src_dir = posixpath.dirname(page.src)
        seen: dict[str, int] = {}
        for tag in (t for t in page.tags if t.name in ("a", "img")):
            attr = "href" if tag.name == "a" else "src"
            ref = tag.get(attr)
            if ref is None or tag.name == "a" and _is_theme_link(tag):
                continue
            nth = seen.get(ref, 0)
            seen[ref] = nth + 1
            what = "link" if tag.name == "a" else "image"
            parts = urlsplit(ref)
            if parts.scheme in ("mailto", "tel", "javascript", "data"):
                continue
            if site_url and ref.startswith(site_url) or ref.startswith("/") and not ref.startswith("//"):
                own = ref[len(site_url):] if site_url and ref.startswith(site_url) else ref.lstrip("/")
                target = _resolve(posixpath.normpath("/" + unquote(urlsplit(own).path)).lstrip("/"), site_files)
                hint = ""
                if target in by_dest:
                    hint = f" (link the Markdown file: {posixpath.relpath(by_dest[target].src, src_dir or '.')})"
                problems.append(Problem(page.path, find_line(page, [ref], nth),
                                        f"absolute {what} '{ref}' to this site{hint or ' (use a relative link)'}"))
                continue
            if parts.scheme or ref.startswith("//"):
                stats.external.append((page, ref, nth))
                continue
            stats.internal += 1
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            if not path:  # same page
                if fragment and fragment not in page.ids:
                    problems.append(Problem(page.path, find_line(page, [f"#{fragment}"], nth),
                                            f"anchor '#{fragment}' not found on this page"
                                            f"{did_you_mean(fragment, sorted(page.ids), '#')}"))
                continue
            joined = posixpath.normpath(posixpath.join(base, path))
            target = None if joined.startswith("..") else _resolve(joined, site_files)
            if target is None:
                choices = [posixpath.relpath(f, src_dir or ".") for f in doc_files]
                problems.append(Problem(page.path, find_line(page, [ref, path], nth),
                                        f"{what} target '{ref}' not found{did_you_mean(path, choices)}"))
                continue
            linked = by_dest.get(target)
            if linked is not None and linked is not page:
                stats.linked.add(linked.src)
            source_ref = posixpath.relpath(linked.src if linked else target, src_dir or ".")
            if fragment:
                if linked is not None:
                    ids, name = linked.ids, linked.src
                else:
                    if target not in extra_ids:
                        extra_ids[target] = _html_ids(site / target)
                    ids, name = extra_ids[target], target
                if fragment not in ids:
                    needles = [ref, f"{source_ref}#{fragment}", f"#{fragment}", source_ref]
                    problems.append(Problem(page.path, find_line(page, needles, nth),
                                            f"anchor '#{fragment}' not found on {name}"
                                            f"{did_you_mean(fragment, sorted(ids), '#')}"))
    return problems


def _is_theme_link(tag) -> bool:
    """Links added by the theme or extensions inside the content, not written by the author."""
    classes = set(tag.get("class") or [])
    return bool(classes & {"headerlink", "footnote-ref", "footnote-backref", "glightbox", "md-content__button"})


def _resolve(path: str, site_files: set[str]) -> str | None:
    """The built file a site path points to (a folder means its index.html)."""
    path = path.strip("/") if path not in ("", ".") else ""
    for candidate in (path, posixpath.join(path, "index.html")):
        if candidate in site_files:
            return candidate
    return None


def _html_ids(file: Path) -> set[str]:
    if file.suffix not in (".html", ".htm"):
        return set()
    soup = BeautifulSoup(file.read_text(encoding="utf-8", errors="replace"), "html.parser")
    return {tag["id"] for tag in soup.find_all(id=True)}


def check_alt_text(pages: list[Page]) -> list[Problem]:
    problems = []
    for page in pages:
        if page.content is None:
            continue
        seen: dict[str, int] = {}
        for img in (t for t in page.tags if t.name == "img"):
            src = img.get("src", "")
            nth = seen.get(src, 0)
            seen[src] = nth + 1
            if not (img.get("alt") or "").strip() and not {"twemoji", "emojione"} & set(img.get("class") or []):
                name = posixpath.basename(urlsplit(src).path)
                problems.append(Problem(page.path, find_line(page, [src, name], nth),
                                        f"image '{name}' has no alt text (write ![what it shows]({name}))"))
    return problems


def check_external(stats: Stats) -> list[Problem]:
    """Request every external URL once, in parallel; each failing link is a problem."""
    urls = sorted({url for _, url, _ in stats.external})
    with ThreadPoolExecutor(max_workers=EXTERNAL_WORKERS) as pool:
        failures = dict(zip(urls, pool.map(_fetch, urls)))
    return [Problem(page.path, find_line(page, [url], nth), f"external link '{url}' failed: {failures[url]}")
            for page, url, nth in stats.external if failures[url]]


def _fetch(url: str) -> str | None:
    """None if the URL answers, else why not. HEAD first, GET when HEAD is refused."""
    import urllib.error
    import urllib.request

    reason = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={
            "User-Agent": "Mozilla/5.0 (knowledge-base link checker)", "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=EXTERNAL_TIMEOUT) as response:
                if response.status < 400:
                    return None
                reason = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code}"
            if exc.code in (401, 403, 429):
                reason += " (may be bot protection: check it in a browser)"
        except Exception as exc:  # timeouts, DNS, TLS, refused...
            reason = " ".join(str(getattr(exc, "reason", exc) or type(exc).__name__).split())
    return reason


def check_nav(pages: list[Page], nav) -> list[Problem]:
    if not nav:  # no nav in mkdocs.yml: MkDocs lists every page itself
        return []
    listed = nav_pages(nav)
    return [Problem(p.path, 1, "page is not in the nav (add it to nav: in mkdocs.yml)")
            for p in pages if p.src not in listed]


def check_linked(pages: list[Page], stats: Stats) -> list[Problem]:
    return [Problem(p.path, 1, "no other page links to this page (link it from a related page or its section index)")
            for p in pages if p.src != HOME and p.src not in stats.linked and p.content is not None]


def check_footnotes(pages: list[Page]) -> list[Problem]:
    problems = []
    for page in pages:
        if page.content is None:
            continue
        if page.src not in FOOTNOTE_EXEMPT and not any("footnote" in (t.get("class") or ()) for t in page.tags):
            problems.append(Problem(page.path, 1, "page has no footnotes (source its facts with [^1] ... [^1]: source)"))
        for text in page.content.find_all(string=re.compile(r"\[\^")):
            if text.find_parent(["code", "pre"]) is None:
                for label in re.findall(r"\[\^([^\]]+)\]", text):
                    problems.append(Problem(page.path, find_line(page, [f"[^{label}]"]),
                                            f"footnote '[^{label}]' has no definition (add a line '[^{label}]: source')"))
    return problems


def _acronyms(text: str):
    for match in ACRONYM.finditer(text):
        token = match.group(1)
        if not ROMAN.fullmatch(token):
            yield token


def _defined(name: str, known: set[str]) -> bool:
    """Defined as written, or a numbered instance of a defined acronym (SNMG1 -> SNMG)."""
    return name in known or name.rstrip("0123456789") in known


def _undefined(token: str, known: set[str]) -> list[str]:
    """The undefined names in a token: EU-NATO is fine when both EU and NATO are defined."""
    if _defined(token, known):
        return []
    parts = token.split("-")
    if len(parts) > 1 and all(ACRONYM_PART.fullmatch(p) for p in parts):
        return [p for p in parts if not _defined(p, known)]
    return [token]


def check_acronyms(pages: list[Page], entries: list[Entry], allowed: set[str]) -> list[Problem]:
    """Every acronym in the prose is in the glossary or the allowlist (reported once per page)."""
    known = {e.term for e in entries} | allowed
    problems = []
    for page in pages:
        reported = set()
        for number, line in page.prose:
            for token in _acronyms(line):
                for name in _undefined(token, known):
                    if name not in reported:
                        reported.add(name)
                        problems.append(Problem(page.path, number, f"acronym '{name}' is not in {GLOSSARY_FILE} "
                                                f"(define it there, or add it to {ALLOWLIST_FILE})"))
    return problems


def _is_acronym(term: str) -> bool:
    return sum(c.isupper() for c in term) >= 2


def check_glossary_usage(pages: list[Page], entries: list[Entry]) -> list[Problem]:
    """Every glossary term is used on some page other than the glossary itself.

    Acronyms match case-sensitively, other terms in any case; a plural 's' counts,
    and so does a numbered instance of an acronym (SNMG1 uses SNMG).
    """
    terms = sorted((e.term for e in entries), key=len, reverse=True)
    alternatives = "|".join(re.escape(t) if _is_acronym(t) else f"(?i:{re.escape(t)})" for t in terms)
    pattern = re.compile(rf"(?<!\w)({alternatives})(s|[0-9]+)?(?!\w)")
    used = set()
    for page in pages:
        if page.src == GLOSSARY_PAGE:
            continue
        for _, line in page.prose:
            for match in pattern.finditer(line):
                term, suffix = match.groups()
                if _is_acronym(term):
                    used.add(term)
                elif not (suffix or "s").isdigit():
                    used.add(term.lower())
    return [Problem(str(GLOSSARY_FILE), e.line, f"glossary term '{e.term}' is not used on any page "
                    "(use it on a page, or remove it)")
            for e in entries if (e.term if _is_acronym(e.term) else e.term.lower()) not in used]


def check_abbr(pages: list[Page], entries: list[Entry]) -> list[Problem]:
    """Each page that uses a term with an expansion shows it as an <abbr> tooltip
    (except a page whose front matter says `abbreviations: false`, such as the glossary).

    Terms are matched as the abbr extension does: whole words, longest first.
    """
    terms = sorted((e.term for e in entries if e.expansion), key=len, reverse=True)
    if not terms:
        return []
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, terms)) + r")\b")
    problems = []
    for page in pages:
        if page.content is None or (page.meta or {}).get("abbreviations") is False:
            continue
        shown = {t.get_text() for t in page.tags if t.name == "abbr"}
        first_use: dict[str, int] = {}
        for number, text in page.prose:
            for match in pattern.finditer(text):
                first_use.setdefault(match.group(1), number)
        for term, line in first_use.items():
            if term not in shown:
                problems.append(Problem(page.path, line, f"'{term}' has no <abbr> tooltip in the built page "
                                        "(is includes/abbreviations.md up to date? "
                                        "run python scripts/make_glossary.py)"))
    return problems


def check_generated_glossary(entries: list[Entry]) -> list[Problem]:
    """The files scripts/make_glossary.py writes match what it would write now."""
    import make_glossary

    try:
        make_glossary.check_related(entries)
        outputs = {make_glossary.PAGE: make_glossary.render_page(entries),
                   make_glossary.SNIPPET: make_glossary.render_snippet(entries)}
    except GlossaryError as err:
        return [Problem(str(err.path), err.line, err.message)]
    except FrontMatterError:  # a related page's front matter: check_front_matter reports it
        return []
    return [Problem(path.as_posix(), 1, f"out of date with {GLOSSARY_FILE} (run: python scripts/make_glossary.py)")
            for path, text in outputs.items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text]


# --- main -------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    if args.site:
        args.site = os.path.abspath(args.site)
    if not os.path.isdir(args.root):
        raise CannotRun(f"{args.root}: project root not found")
    os.chdir(args.root)
    config = read_config()
    docs = Path(config.get("docs_dir") or "docs")
    if not docs.is_dir():
        raise CannotRun(f"{docs}: docs folder not found")
    site_url = str(config.get("site_url") or "")
    entries, problems = read_glossary()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kb-check-") as tmp:
        if args.site:
            site, records = Path(args.site).resolve(), []
            if not site.is_dir():
                raise CannotRun(f"{args.site}: site folder not found")
        else:
            site = Path(tmp) / "site"
            records = build_site(site)
        built = time.perf_counter()
        pages = read_pages(docs, site)
        stats = Stats()
        by_src = {p.src: p for p in pages}
        problems += [Problem(p.path, 1, "page was not found in the built site") for p in pages if p.dest is None]
        problems += check_front_matter(pages)
        problems += check_links(pages, site, docs, site_url, stats)
        problems += check_alt_text(pages)
        problems += check_nav(pages, config.get("nav"))
        problems += check_linked(pages, stats)
        problems += check_footnotes(pages)
        if entries is not None:
            problems += check_acronyms(pages, entries, read_allowlist())
            problems += check_glossary_usage(pages, entries)
            problems += check_abbr(pages, entries)
            problems += check_generated_glossary(entries)
        if args.external:
            problems += check_external(stats)
        problems += check_build_warnings(records, by_src, docs)
    checked = time.perf_counter()

    covered = {(p.path, p.line) for p in problems if not p.from_build}
    unique = {}
    for p in problems:
        if p.from_build and (p.path, p.line) in covered:
            continue
        unique.setdefault(str(p), p)
    report = sorted(unique.values(), key=lambda p: (p.path, p.line, p.message))
    for problem in report:
        print(problem)
    files = len({p.path for p in report})
    external = (f"{len(stats.external)} external links checked" if args.external
                else f"{len(stats.external)} external links not checked; use --external")
    summary = (f"{len(report)} problem{'s' * (len(report) != 1)} in {files} file{'s' * (files != 1)}"
               if report else "no problems")
    print(f"check: {summary} ({len(pages)} pages, {stats.internal} internal links, {external})")
    if args.timing:
        print(f"check: build {built - started:.2f} s, checks {checked - built:.2f} s", file=sys.stderr)
    return 1 if report else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", metavar="DIR", help="check this existing build instead of building")
    parser.add_argument("--external", action="store_true", help="also request every external link")
    parser.add_argument("--root", metavar="DIR", default=".", help="project root (default: current folder)")
    parser.add_argument("--timing", action="store_true", help="print build and check times on stderr")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except CannotRun as exc:
        print(f"{exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("check: interrupted", file=sys.stderr)
    except Exception as exc:  # never a traceback: one line, exit 2
        print(f"check: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
