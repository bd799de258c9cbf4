"""Abbreviation tooltips on the first use of a term in each section, not on every use.

includes/abbreviations.md (generated from data/glossary.yml) is appended to every page,
so the abbr extension wraps every occurrence of every term: "NATO" alone can carry
dozens of dotted underlines on one page, and Material sets up a tooltip for each (on
the timeline and glossary pages, hundreds: most of the page's start-up time). This hook
keeps the <abbr> on the first occurrence of each term per section (the page's intro,
each `##` section, the footnotes) and leaves later ones as plain text, so a reader who
lands on any section still finds the expansion there. scripts/check.py still requires
every term a page uses to have its tooltip on that page.

A page whose front matter says `abbreviations: false` gets no tooltips at all: the
glossary, where every expansion is already written out next to its term.
"""

import re

SECTION_START = re.compile(r'(?=<h2[ >])|(?=<div class="footnote">)')
ABBR = re.compile(r'<abbr title="[^"]*">([^<]+)</abbr>')


def first_use_only(section: str) -> str:
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        term = match.group(1)
        if term in seen:
            return term
        seen.add(term)
        return match.group(0)

    return ABBR.sub(keep_first, section)


def on_page_content(html: str, page, config, files) -> str:
    if page.meta.get("abbreviations") is False:
        return ABBR.sub(r"\1", html)
    return "".join(first_use_only(section) for section in SECTION_START.split(html))
