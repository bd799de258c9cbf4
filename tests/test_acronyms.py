"""Acronyms without friction (issue 24, hooks/abbr_first_use.py): on the built site each term
has one tooltip per page, at its first use; none for the acronyms every reader knows
(data/common-acronyms.txt); none in headings; none right after the term's own expansion; and
on a phone a tap shows the expansion in place instead of leaving the page."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, is_sources, pages

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
PLURAL = " (plural)"


def common_acronyms() -> set[str]:
    text = (ROOT / "data" / "common-acronyms.txt").read_text(encoding="utf-8")
    return {w for w in (line.split("#", 1)[0].strip() for line in text.splitlines()) if w}


def built(site: Path, page: Path) -> Path:
    """A page's file in a directory-URL build."""
    if page == Path("index.md"):
        return site / "index.html"
    return site / page.parent / ("" if page.name == "index.md" else page.stem) / "index.html"


def articles(site: Path):
    """(page, parsed <article>) for every page with tooltips (not the glossary, not the Sources lists)."""
    for page in pages():
        if is_sources(page) or page == Path("reference/glossary.md"):
            continue
        soup = BeautifulSoup(built(site, page).read_text(encoding="utf-8"), "html.parser")
        yield page, soup.select_one("article")


def expansion(abbr) -> str:
    """The expansion of an <abbr>: on it, or on the glossary link around it."""
    title = abbr.get("title") or (abbr.parent.get("title") if abbr.parent.name == "a" else None) or ""
    return title.removesuffix(PLURAL)


def term(abbr) -> str:
    text = abbr.get_text()
    title = abbr.get("title") or abbr.parent.get("title") or ""
    return text[:-1] if title.endswith(PLURAL) else text


def text_before(abbr, chars: int = 300) -> str:
    """The page's text just before an <abbr> (or before the glossary link around it)."""
    start = abbr.parent if abbr.parent.name == "a" and "kb-abbr" in abbr.parent.get("class", []) else abbr
    out = []
    for node in start.previous_elements:
        if isinstance(node, str):
            out.append(str(node))
            if sum(map(len, out)) > chars:
                break
    return "".join(reversed(out))


def words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def right_after_expansion(abbr) -> bool:
    before, _, rest = text_before(abbr).rstrip().rpartition("(")
    if not _ or rest.strip():
        return False
    want = words(expansion(abbr))
    return bool(want) and any(words(before).endswith(w) for w in (want, want + "s", want + " s"))


# --- what the tests measure (functions of a built site, so they can be run on an old build) ------


def common_tooltips(site: Path) -> list[tuple[str, str]]:
    common = common_acronyms()
    return [(str(page), a.get_text()) for page, article in articles(site)
            for a in article.find_all("abbr") if term(a) in common]


def repeated_tooltips(site: Path) -> list[tuple[str, str, int]]:
    found = []
    for page, article in articles(site):
        counts = Counter(term(a) for a in article.find_all("abbr"))
        found += [(str(page), t, n) for t, n in counts.items() if n > 1]
    return found


def tooltips_in_headings(site: Path) -> list[tuple[str, str]]:
    return [(str(page), a.get_text()) for page, article in articles(site)
            for a in article.find_all("abbr") if a.find_parent(HEADINGS)]


def tooltips_after_expansion(site: Path) -> list[tuple[str, str]]:
    return [(str(page), a.get_text()) for page, article in articles(site)
            for a in article.find_all("abbr") if right_after_expansion(a)]


# --- the built site --------------------------------------------------------------------------------


def test_the_common_acronyms_list_holds_the_five_every_reader_knows():
    assert {"NATO", "US", "UK", "EU", "UN"} <= common_acronyms()


def test_no_tooltip_for_acronyms_every_reader_knows(site_dir):
    assert common_tooltips(site_dir) == []
    # ...while the other terms keep theirs: the home page explains SACEUR and KFOR
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    shown = {term(a): expansion(a) for a in home.select("article abbr")}
    assert shown.get("SACEUR") == "Supreme Allied Commander Europe" and shown.get("KFOR") == "Kosovo Force"
    assert "NATO" not in shown


def test_each_term_has_one_tooltip_per_page(site_dir):
    assert repeated_tooltips(site_dir) == []
    # The Balkans page names KFOR in many sections: one tooltip, at the first use.
    article = BeautifulSoup(built(site_dir, Path("operations/balkans.md")).read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    kfor = [a for a in article.find_all("abbr") if a.get_text() == "KFOR"]
    assert len(kfor) == 1 and article.get_text().count("KFOR") > 5


def test_no_tooltip_in_headings(site_dir):
    assert tooltips_in_headings(site_dir) == []
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    h1 = home.select_one("article h1")
    assert "NATO" in h1.get_text() and h1.find("abbr") is None


def test_no_tooltip_right_after_its_expansion(site_dir):
    assert tooltips_after_expansion(site_dir) == []
    # "Supreme Allied Commander Europe (SACEUR)": no tooltip there; the next SACEUR has it.
    article = BeautifulSoup(built(site_dir, Path("structures/command-structure.md")).read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    assert "Supreme Allied Commander Europe (SACEUR)" in article.get_text()
    saceur = [a for a in article.find_all("abbr") if a.get_text() == "SACEUR"]
    assert len(saceur) == 1 and "kb-abbr" in saceur[0].parent.get("class", [])


def test_every_page_still_explains_its_other_terms(site_dir):
    """Fewer tooltips, not fewer explanations: hundreds of terms keep their tooltip and link."""
    linked = sum(len(article.select("a.kb-abbr")) for _, article in articles(site_dir))
    assert linked > 300


# --- a phone ---------------------------------------------------------------------------------------


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page, errors
    context.close()


def test_a_tap_on_a_phone_shows_the_expansion_in_place_and_a_second_tap_opens_the_entry(phone, served_url):
    page, errors = phone
    url = served_url + "structures/command-structure/"
    page.goto(url)
    page.wait_for_function("() => !!window.component$")     # Material's bundle has started
    link = page.locator("article a.kb-abbr").first
    title, href = link.get_attribute("title"), link.get_attribute("href")
    link.scroll_into_view_if_needed()
    link.tap()
    page.wait_for_function("t => [...document.querySelectorAll('.md-tooltip2--active')]"
                           ".some(e => e.innerText.includes(t))", arg=title, timeout=5_000)
    page.wait_for_timeout(300)
    assert page.url == url, "the first tap left the page"
    assert "glossary" in page.evaluate("e => getComputedStyle(e, '::after').content", link.element_handle())
    link.tap()                                                  # the second tap opens the entry
    page.wait_for_url("**/reference/glossary/#" + href.split("#")[1], timeout=5_000)
    assert page.locator("#" + href.split("#")[1]).is_visible()
    assert errors == []
