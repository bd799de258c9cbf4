"""Repair the single-page print version written by mkdocs-print-site-plugin.

Each page's content reaches the plugin wrapped in `<html><head></head><body>…</body></html>`
(left by mkdocs-glightbox's HTML parser). The plugin then (1) puts its start-up script
before every `</head>`, so the table of contents is generated once per page (52 copies
on paper), and (2) misses the ids its links expect: it rewrites every link to
`#<page>-<id>` but prefixes an id only when the id's tag opens its line, so the page
titles and the footnote markers keep their bare ids (table-of-contents entries and every
footnote back-link lead nowhere; marker ids repeat from page to page); links to the
home page become `#.`.

After the plugin has written the page, this hook removes the nested wrappers (and their
copies of the script), gives each missed id the prefix its links use, and points home
links at the home page's section. Two validity fixes on the way: the plugin's custom
`heading-number` attribute becomes `data-heading-number`, and its numbering stylesheet,
left at the end of <body>, moves into <head>. Links to a page left out of the print
version (`exclude` in mkdocs.yml: the Sources page) keep their text and lose the link.

The contents (the plugin's script copies them from the page's table of contents, the secondary
sidebar) list each nav section by name, then its pages. Where the first page is the section's
overview, of the same name, the name becomes that page's link and the page is not listed again
(otherwise, as for Timeline, whose overview is web-only, the name stays text). A section with no
printed page (Sources) is left out. Section names carry the class kb-toc-part (bold on paper);
kb/pdf_book.py writes each entry's page number (a name's: that of the section's first page).
"""

import re
from pathlib import Path

NESTED_OPEN = re.compile(
    r"<html><head>\s*(<script type=\"text/javascript\">\s*document\.addEventListener"
    r"\('DOMContentLoaded'.*?</script>\s*)?</head><body>", re.S)
NESTED_CLOSE = "</body></html>"
SECTION = re.compile(r'(<section class="print-page" id="[^"]+")')
ID = re.compile(r' id="([^"]+)"')
LINK = re.compile(r'href="#([^"]+)"')
DANGLING = re.compile(r'<a href="#([^"]+)"[^>]*>(.*?)</a>', re.S)
NUMBERING_STYLE = re.compile(r"<style>\.print-site-enumerate-headings.*?</style>", re.S)
TOC_START = '<nav class="md-nav md-nav--secondary"'
NAV_TAG = re.compile(r"<(/?)nav\b")
# A section's name: a link to the plugin's section block (#section-2, whose id its later steps
# miss: the link would be dropped as dangling) or, in other versions, plain text.
NAME = r'(?:<a href="#section-[^"]*" class="md-nav__link">\s*)?<span class="md-ellipsis">\s*(?P<label>[^<]*?)\s*</span>(?:\s*</a>)?'
EMPTY_PART = re.compile(r'<li class="md-nav__item">\s*' + NAME + r'\s*</li>')
PART = re.compile(
    r'(<li class="md-nav__item">\s*)' + NAME +
    r'(?P<nav>\s*<nav class="md-nav" aria-label="[^"]*">\s*<ul class="md-nav__list">\s*)'
    r'(?P<first><li class="md-nav__item">\s*<a href="(?P<href>#[^"]+)" class="md-nav__link">\s*'
    r'<span class="md-ellipsis">\s*(?P<first_label>[^<]*?)\s*</span>\s*</a>\s*</li>)?')


def _part(match: re.Match) -> str:
    label = f'<span class="md-ellipsis">{match["label"]}</span>'
    if match["href"] and match["first_label"] == match["label"]:   # the overview: the name links it
        head = f'<a href="{match["href"]}" class="md-nav__link kb-toc-part">{label}</a>'
        return f'{match[1]}{head}{match["nav"]}'
    return f'{match[1]}<span class="kb-toc-part">{label}</span>{match["nav"]}{match["first"] or ""}'


def contents(html: str) -> str:
    """The page's table of contents (which the contents are copied from): section names as links."""
    start = html.find(TOC_START)
    if start < 0:
        return html
    depth, end = 0, start
    for tag in NAV_TAG.finditer(html, start):
        depth += -1 if tag[1] else 1
        if depth == 0:
            end = html.index(">", tag.end()) + 1
            break
    toc = PART.sub(_part, EMPTY_PART.sub("", html[start:end]))
    return html[:start] + toc + html[end:]


def repair(html: str) -> str:
    html = NESTED_OPEN.sub("", html).replace(NESTED_CLOSE, "").replace('href="#."', 'href="#index"')
    html = html.replace(" heading-number=", " data-heading-number=")
    html = contents(html)
    style = NUMBERING_STYLE.search(html)
    if style:
        html = html.replace(style.group(0), "").replace("</head>", style.group(0) + "</head>", 1)
    linked = set(LINK.findall(html))
    parts = SECTION.split(html)                 # text, <section …, text, <section …, text …
    for i in range(1, len(parts), 2):
        key = ID.search(parts[i]).group(1)
        chunk = parts[i + 1]
        existing = set(ID.findall(chunk))
        for bare in existing:
            prefixed = f"{key}-{bare}"
            if prefixed in linked and prefixed not in existing:
                chunk = chunk.replace(f' id="{bare}"', f' id="{prefixed}"')
        parts[i + 1] = chunk
    html = "".join(parts)
    ids = set(ID.findall(html))
    return DANGLING.sub(lambda m: m.group(0) if m.group(1) in ids else m.group(2), html)


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    for path in (site / "print_page" / "index.html", site / "print_page.html"):
        if path.is_file():
            path.write_text(repair(path.read_text(encoding="utf-8")), encoding="utf-8")
