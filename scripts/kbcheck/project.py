"""The project as the checks see it: pages (Markdown source + built HTML), problems, config."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from frontmatter import FrontMatterError, front_matter_end, read_front_matter

HOME = "index.md"
# What MkDocs builds as a page (mkdocs.utils.markdown_extensions): all are checked.
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Pages that need no footnotes: all are generated. The timeline overview only counts events. The glossary's only footnotes
# come from the optional `source` fields of data/glossary.yml; the sources page
# (scripts/make_sources.py) is itself the list of every footnote's source.
FOOTNOTE_EXEMPT = {"reference/glossary.md", "reference/sources.md", "reference/timeline.md", "reference/data.md",
                   "reference/tags.md", "reference/changelog.md"}
GLOSSARY_PAGE = "reference/glossary.md"
# Pages scripts/make_reference.py writes from data/ (members, operations, summits, spending, data).
GENERATED_PREFIXES = ("reference/members", "reference/operations", "reference/summits",
                      "reference/spending", "reference/data.md")
SOURCES_PAGE = "reference/sources.md"
SOURCES_FOLDER = "reference/sources/"    # the pages of addresses (scripts/make_sources.py): no footnotes either


def is_sources_page(src: str) -> bool:
    """The Sources overview or one of its pages of addresses: generated from every footnote."""
    return src == SOURCES_PAGE or src.startswith(SOURCES_FOLDER)


def footnote_exempt(src: str) -> bool:
    return src in FOOTNOTE_EXEMPT or is_sources_page(src)

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
    warning: bool = False  # printed, but does not fail the check

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {'warning: ' * self.warning}{self.message}"


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



def split_source(text: str) -> tuple[list, list]:
    """Prose lines and markup lines of a page: (line number, text), front matter skipped."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.splitlines()
    start = 0
    if text.startswith("---\n") and front_matter_end(text) >= 0:  # as frontmatter.read_front_matter
        start = text[:front_matter_end(text)].count("\n") + 2
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
    stem = posixpath.splitext(src)[0]
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
    for file in sorted(f for f in docs.rglob("*") if f.suffix.lower() in MARKDOWN_EXTENSIONS and f.is_file()):
        src = file.relative_to(docs).as_posix()
        try:
            text = file.read_text(encoding="utf-8")
        except OSError:  # cannot be read at all: reported by cli.unreadable_pages, left out here
            continue
        except UnicodeDecodeError as exc:  # checked on its own: the other pages are still checked
            line = file.read_bytes()[:exc.start].count(b"\n") + 1
            text = file.read_bytes().decode("utf-8", errors="replace")
            page = Page(src, (docs / src).as_posix(), *split_source(text))
            page.meta_error = (line, f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x}): save the file as UTF-8")
            pages.append(page)
            continue
        page = Page(src, (docs / src).as_posix(), *split_source(text))
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


