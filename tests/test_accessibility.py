"""axe-core on every page of the served site, in the light and the dark colour scheme.

The export is the same HTML with page.html links: tests/test_browser.py loads and measures its
pages, it is not re-audited. Of the generated pages, the first two of each family (one folder
made by one renderer from one dataset: member and partner profiles, spending years, timeline and
Sources pages ...) are audited: the rest are the same template filled from the same data. In the
dark scheme only the rules that depend on colours run again (the page's elements and attributes
are the same in both schemes). AXE_EVERY_PAGE=1 audits every page, in both schemes with every rule:

    AXE_EVERY_PAGE=1 .venv/bin/python -m pytest tests/test_accessibility.py
"""

from __future__ import annotations

import os
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from conftest import front_matter, pages

SERIOUS = ("serious", "critical")
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Colours animate when the scheme changes: measure the final colours, not a transition frame (a
# constructed stylesheet: an added <style> would itself be refused by the page's CSP).
NO_TRANSITIONS = """() => { const sheet = new CSSStyleSheet();
    sheet.replaceSync('*, *::before, *::after { transition: none !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }"""


EVERY_PAGE = bool(os.environ.get("AXE_EVERY_PAGE"))


def audited() -> list[Path]:
    if EVERY_PAGE:
        return pages()
    seen: dict[tuple, int] = {}
    chosen = []
    for page in pages():
        made_from = front_matter(page).get("generated_from")
        family = (page.parent, str(made_from))
        seen[family] = seen.get(family, 0) + 1
        if not made_from or seen[family] <= 2:
            chosen.append(page)
    return chosen


def url(base: str, page: Path) -> str:
    stem = page.with_suffix("").as_posix()
    return base + ("" if stem == "index" else stem.removesuffix("index") if page.name == "index.md" else stem + "/")


def test_axe_finds_no_serious_violation_in_either_colour_scheme(served_url, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    tab = context.new_page()
    axe, problems = Axe(), []
    for page in audited():
        tab.goto(url(served_url, page))
        tab.wait_for_load_state("load")
        tab.evaluate(NO_TRANSITIONS)
        for scheme, options in (("default", None), ("slate", None if EVERY_PAGE else {"runOnly": COLOUR_RULES})):
            tab.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
            found = axe.run(tab, options={"resultTypes": ["violations"], **(options or {})}).response["violations"]
            problems += [f"{page} ({scheme}): {v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                         for v in found if v["impact"] in SERIOUS]
    context.close()
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
    assert len(audited()) > 80
