""""Pages that link here" at the end of every page, computed from the real link graph.

Hand-written "Related pages" lists stay short and editorial; this list is complete and never
stale. MkDocs renders every page's Markdown (on_page_content) before it renders any template
(on_page_context), so the first pass records who links to whom and the second adds the list.
Links from the Sources page and the Subject index (indexes of everything) and to the page itself do not
count, nor do acronym links (hooks/abbr_first_use.py adds them after this hook: automatic,
not editorial). The list sits before the footnotes, out of the search index (data-search-exclude), and
is not on the print page (mkdocs-print-site-plugin has taken the content by then). Without this
hook (`zensical build`) pages simply have no such list. The list is a closed <details> (a page
can have sixty such links); a title that another page shares in the nav ("1949–1966" is a History
page and a Timeline page) is shown with its section ("History: 1949–1966").

The same pass marks a footnote mark that directly follows another (nothing but spaces between
them) with class "kb-fn-next": extra.css puts a comma before it ("¹,²"), and only there. CSS alone
cannot tell "¹²" from "¹ and more text²" (text between elements is invisible to selectors).
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path

HREF = re.compile(r'<a\s[^>]*?href="([^"]+)"', re.I)
NEXT_MARK = re.compile(r'(</sup>\s*<sup id="fnref[^"]*")>')   # a footnote mark right after another
PRINT_NEXT_MARK = re.compile(r'(</sup>\s*<sup id="[^"]*fnref\d*:[^"]*")>')   # the print page's marks
SKIP_SOURCES = {"reference/sources.md", "reference/tags.md"}   # and the pages under reference/sources/
_pages: dict[str, object] = {}              # url -> page
_links: dict[str, set[str]] = {}            # target src_uri -> source src_uris


def on_pre_build(config) -> None:
    _pages.clear()
    _links.clear()


_by_url: dict[str, str] = {}             # page url (no trailing slash) -> src_uri


def on_files(files, config):
    _by_url.clear()
    _by_url.update({f.url.rstrip("/"): f.src_uri for f in files.documentation_pages()})
    _by_url[""] = "index.md"
    return files


def on_page_content(html: str, page, config, files) -> str:
    html = NEXT_MARK.sub(r'\1 class="kb-fn-next">', html)
    by_url = _by_url
    _pages[page.file.src_uri] = page
    if page.file.src_uri in SKIP_SOURCES or page.file.src_uri.startswith("reference/sources/"):
        return html
    base = posixpath.dirname(page.url.rstrip("/")) if not page.url.endswith("/") else page.url.rstrip("/")
    for href in HREF.findall(html):
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^//", href, re.I):
            continue
        path = href.split("#")[0].split("?")[0]
        if not path:
            continue
        url = posixpath.normpath(posixpath.join(base, path)) if base else posixpath.normpath(path)
        url = "" if url == "." else url.rstrip("/")
        target = by_url.get(url)
        if target and target != page.file.src_uri:
            _links.setdefault(target, set()).add(page.file.src_uri)
    return html


def _nav_labels(nav) -> dict[str, int]:
    """How many nav pages carry each label (page.title is the nav's label where it gives one)."""
    counts: dict[str, int] = {}
    for p in nav.pages if nav else ():
        counts[str(p.title)] = counts.get(str(p.title), 0) + 1
    return counts


def label(p, counts: dict[str, int]) -> str:
    """A linking page's name in the list: its title, or "Section: label" when its nav label is shared."""
    name = str(p.title or "")
    parent = getattr(p, "parent", None)
    if name and counts.get(name, 0) > 1 and parent is not None and getattr(parent, "title", None):
        return f"{parent.title}: {name}"
    return str((p.meta or {}).get("title") or p.title or p.file.src_uri)


CAPITALISED = re.compile(r"[^\s:,.;()]*[A-Z][^\s:,.;()]*")


def cite_title(page) -> str:
    """The title "Cite this page" gives: the section and the page's nav label ("History: 1949–1966",
    "Members: Finland"), unless the page opens its section or its title already starts with it."""
    own = str((page.meta or {}).get("title") or page.title or "")
    parent = getattr(page, "parent", None)
    section = str(getattr(parent, "title", "") or "") if parent is not None else ""
    if (not section or page.is_index or str(page.title) == section or own.startswith(section)
            or (parent.children and parent.children[0] is page)):
        return own
    return f"{section}: {page.title}"


def on_page_context(context, page, config, nav):
    counts = _nav_labels(nav)
    # "Cite this page" (overrides/main.html): the title with its section, and for BibTeX with each
    # capitalised word in braces ({NATO}, {Finland}), so a style that lowers case leaves them be.
    page.meta["kb_cite_title"] = cite_title(page)
    page.meta["kb_cite_bibtex"] = CAPITALISED.sub(lambda m: "{" + m.group(0) + "}", page.meta["kb_cite_title"])
    sources = sorted((_pages[src] for src in _links.get(page.file.src_uri, ()) if src in _pages),
                     key=lambda p: label(p, counts).lower())
    if not sources:
        return context
    items = "".join(f'<li><a href="{escape(p.file.url_relative_to(page.file))}">{escape(label(p, counts))}</a></li>'
                    for p in sources)
    block = (f'<aside class="kb-backlinks" data-search-exclude><details><summary>Pages that link here '
             f'({len(sources)})</summary><ul>{items}</ul></details></aside>')
    content = page.content or ""
    at = content.find('<div class="footnote">')
    page.content = content[:at] + block + content[at:] if at >= 0 else content + block
    return context


def on_post_build(config) -> None:
    """The print page (mkdocs-print-site-plugin, written after every page) takes each page's content
    before this hook has marked it: its marks get the class here (hooks/print_page_fixes.py, next,
    keeps a tag's attributes as they are)."""
    site = Path(config["site_dir"])
    for path in (site / "print_page" / "index.html", site / "print_page.html"):
        if path.is_file():
            html = path.read_text(encoding="utf-8")
            path.write_text(PRINT_NEXT_MARK.sub(r'\1 class="kb-fn-next">', html), encoding="utf-8")
