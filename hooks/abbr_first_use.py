"""Abbreviation tooltips on the first use of a term in each section, each a link to the glossary.

includes/abbreviations.md (generated from data/glossary.yml) is appended to every page,
so the abbr extension wraps every occurrence of every term: "NATO" alone can carry
dozens of dotted underlines on one page, and Material sets up a tooltip for each (on
the timeline and glossary pages, hundreds: most of the page's start-up time). This hook
keeps the <abbr> on the first occurrence of each term per section (the page's intro,
each `##` section, the footnotes) and leaves later ones as plain text, so a reader who
lands on any section still finds the expansion there. scripts/check.py still requires
every term a page uses to have its tooltip on that page.

A tooltip on hover alone leaves keyboard and touch readers out, so each kept <abbr> is also
a link to the term's glossary entry (#term-..., the anchor scripts/glossary.py gives it):
it takes focus (which shows the tooltip, the expansion being the link's title) and a tap
opens the entry. Not inside another link,
a heading, a summary, a button, a label or code, where a link cannot go.

A page whose front matter says `abbreviations: false` gets no tooltips at all: the
glossary, where every expansion is already written out next to its term.
"""

import re

SECTION_START = re.compile(r'(?=<h2[ >])|(?=<div class="footnote">)')
ABBR = re.compile(r'<abbr title="[^"]*">([^<]+)</abbr>')
TAG = re.compile(r"(<[^>]+>)")
NO_LINK_INSIDE = re.compile(r"<(/?)(a|h[1-6]|code|pre|summary|button|label|abbr)\b", re.I)   # abbr: the term
GLOSSARY = "reference/glossary.md"


def anchor(term: str) -> str:
    """The glossary heading id of a term (same rule as scripts/glossary.py, Entry.anchor)."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def first_use_only(section: str) -> str:
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        term = match.group(1)
        if term in seen:
            return term
        seen.add(term)
        return match.group(0)

    return ABBR.sub(keep_first, section)


def link_terms(html: str, glossary_url: str) -> str:
    """Wrap each <abbr> that is not inside a link, heading or code in a link to its entry."""
    out, depth, linked = [], 0, False
    for part in TAG.split(html):
        match = NO_LINK_INSIDE.match(part)
        if match and match.group(2).lower() != "abbr":
            depth += -1 if match.group(1) else (0 if part.endswith("/>") else 1)
        if part.startswith("<abbr ") and depth == 0:
            out.append(f'<a class="kb-abbr" href="{glossary_url}#{{term}}">')
            linked = True
            out.append(part)
        elif part == "</abbr>" and linked:
            out.append(part + "</a>")
            linked = False
        else:
            out.append(part)
    html = "".join(out)
    # The expansion moves to the link's title: Material shows a link's title as a tooltip on
    # hover and on keyboard focus (an <abbr> inside a link gets neither on focus).
    return re.sub(r'href="([^"]*)#\{term\}"><abbr title="([^"]*)">([^<]+)</abbr>',
                  lambda m: f'href="{m.group(1)}#{anchor(singular(m.group(3), m.group(2)))}" title="{m.group(2)}">'
                            f'<abbr>{m.group(3)}</abbr>', html)


def singular(term: str, title: str) -> str:
    """STANAGs -> STANAG: the glossary snippet adds each plural with "(plural)" in its title."""
    return term[:-1] if title.endswith(" (plural)") and term.endswith("s") else term


def on_page_content(html: str, page, config, files) -> str:
    if page.meta.get("abbreviations") is False:
        return ABBR.sub(r"\1", html)
    html = "".join(first_use_only(section) for section in SECTION_START.split(html))
    glossary = files.get_file_from_path(GLOSSARY)
    if glossary is None:
        return html
    return link_terms(html, glossary.url_relative_to(page.file))
