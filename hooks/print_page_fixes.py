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


def repair(html: str) -> str:
    html = NESTED_OPEN.sub("", html).replace(NESTED_CLOSE, "").replace('href="#."', 'href="#index"')
    html = html.replace(" heading-number=", " data-heading-number=")
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
