""""Pages that link here" at the end of every page, computed from the real link graph.

Hand-written "Related pages" lists stay short and editorial; this list is complete and never
stale. MkDocs renders every page's Markdown (on_page_content) before it renders any template
(on_page_context), so the first pass records who links to whom and the second adds the list.
Links from the Sources page and the Subject index (indexes of everything) and to the page itself do not
count, nor do acronym links (hooks/abbr_first_use.py adds them after this hook: automatic,
not editorial). The list sits before the footnotes, out of the search index (data-search-exclude), and
is not on the print page (mkdocs-print-site-plugin has taken the content by then). Without this
hook (`zensical build`) pages simply have no such list.
"""

from __future__ import annotations

import posixpath
import re
from html import escape

HREF = re.compile(r'<a\s[^>]*?href="([^"]+)"', re.I)
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


def on_page_context(context, page, config, nav):
    title = lambda p: str((p.meta or {}).get("title") or p.title or p.file.src_uri)
    sources = sorted((_pages[src] for src in _links.get(page.file.src_uri, ()) if src in _pages),
                     key=lambda p: title(p).lower())
    if not sources:
        return context
    items = "".join(f'<li><a href="{escape(p.file.url_relative_to(page.file))}">{escape(title(p))}</a></li>'
                    for p in sources)
    block = (f'<aside class="kb-backlinks" data-search-exclude><p><strong>Pages that link here</strong> '
             f'({len(sources)})</p><ul>{items}</ul></aside>')
    content = page.content or ""
    at = content.find('<div class="footnote">')
    page.content = content[:at] + block + content[at:] if at >= 0 else content + block
    return context
