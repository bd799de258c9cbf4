"""The PDF reads like a book (issue 24): dist/nato-kb.pdf as `make export` writes it (kb/export.py,
kb/pdf_book.py), read with pypdf. Contents with page numbers that are right, bookmarks nested
section > page > h2, no blank page, figures numbered through the book, prose at 10 pt or more and
no text smaller than 8 pt but marks and the figures' own labels; no loopback address for a reader.
The address rule itself (cover, export's note) is checked without a build, at the end."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The nav's sections, each a top-level bookmark holding its pages.
SECTIONS = ["Foundations", "History", "Structures", "Operations", "Policies", "Partnerships", "Challenges",
            "Future directions", "Reference"]
ENTRY = re.compile(r"^(?P<label>\S.*?)\s+(?P<page>\d{1,3})$")
LOOPBACK = re.compile(r"127\.0\.0\.1|localhost|\[::1\]")


@pytest.fixture(scope="module")
def book(offline_dir):
    import pypdf
    pdf = offline_dir.parent.parent / "nato-kb.pdf"
    assert pdf.is_file(), "make export wrote no dist/nato-kb.pdf"
    return pypdf.PdfReader(pdf)


@pytest.fixture(scope="module")
def read(book) -> list[tuple[str, Counter]]:
    """Each page's text and its characters by font size (pt), from one pass over the book: pypdf
    takes about 40 seconds to read every page of it."""
    out = []
    for page in book.pages:
        sizes = Counter()

        def visit(chars, cm, tm, font, size):
            if chars.strip():
                sizes[round(size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]), 1)] += len(chars.strip())
        out.append((page.extract_text(visitor_text=visit), sizes))
    return out


def text(book, number: int) -> str:
    """Printed page `number` (1 = the cover), whitespace folded, casefolded."""
    return " ".join(book.pages[number - 1].extract_text().split()).casefold()


def bookmarks(book, outline=None, depth=0):
    """(depth, title, page number, number of children) for every bookmark, in order."""
    outline = book.outline if outline is None else outline
    for i, item in enumerate(outline):
        if isinstance(item, list):
            continue
        children = outline[i + 1] if i + 1 < len(outline) and isinstance(outline[i + 1], list) else []
        count = sum(not isinstance(child, list) for child in children)
        yield depth, item.title, book.get_destination_page_number(item) + 1, count
        yield from bookmarks(book, children, depth + 1)


def lines(page) -> list[str]:
    """The page's lines of text in reading order, column by column (the contents have two):
    fragments on one baseline joined left to right (Chromium draws the numbers apart from their
    labels, so plain text extraction separates them)."""
    from pypdf import mult
    fragments = []

    def visit(chars, cm, tm, font, size):
        if chars.strip():
            matrix = mult(tm, cm)
            fragments.append((matrix[4], matrix[5], chars.strip()))
    page.extract_text(visitor_text=visit)
    middle = float(page.mediabox.width) / 2
    rows: dict[tuple[bool, int], list] = {}
    for x, y, chars in fragments:
        rows.setdefault((x >= middle, -round(y)), []).append((x, chars))
    return [" ".join(chars for _, chars in sorted(row)) for _, row in sorted(rows.items())]


def contents(book) -> list[tuple[str, int]]:
    """The contents' entries (label, page number), from page 2 while pages hold entries. A label
    that wraps continues on the lines below its number's."""
    entries: list[tuple[str, int]] = []
    for page in book.pages[1:10]:
        found: list[list] = []
        for line in lines(page):
            match = ENTRY.match(line)
            if line == "Table of Contents" or re.fullmatch(r"Page \d+", line):
                continue
            if match:
                found.append([match["label"], int(match["page"])])
            elif found:
                found[-1][0] += " " + line
        if len(found) < 5:
            break
        entries += [(label, number) for label, number in found]
    return entries


def test_contents_give_each_entry_the_page_its_title_begins_on(book):
    entries = contents(book)
    assert len(entries) >= 100, f"{len(entries)} contents entries with a page number"
    numbers = [page for _, page in entries]
    assert numbers == sorted(numbers), "the contents' page numbers do not follow the book's order"
    marks = list(bookmarks(book))
    checked = 0
    for label, page in entries:
        titled = [(title, at) for _, title, at, _ in marks if label.casefold() in title.casefold()]
        if not titled:        # "Home": the nav's name of the page titled with the site's name
            continue
        assert page in [at for _, at in titled], f"contents: {label!r} on page {page}; its title: {titled}"
        assert label.casefold() in text(book, page), f"page {page} does not show {label!r}"
        checked += 1
    assert checked >= len(entries) - 2


def test_bookmarks_nest_section_page_and_heading(book):
    marks = list(bookmarks(book))
    top = [(title, children) for depth, title, _, children in marks if depth == 0]
    assert len(top) <= 16, f"{len(top)} top-level bookmarks: {[title for title, _ in top]}"
    holding = [title for title, children in top if children >= 3]
    for section in SECTIONS:
        assert section in holding, f"no section bookmark {section!r} holding its pages"
    assert any(depth == 1 and title == "Members" and children >= 30 for depth, title, _, children in marks)
    pages = [(title, at, children) for depth, title, at, children in marks if depth == 1]
    assert sum(children > 0 for _, _, children in pages) >= 40, "pages without their sections (h2)"
    # Each page's bookmark opens the page that shows its title.
    for title, at, _ in pages[::5]:
        assert " ".join(title.split()).casefold()[:25] in text(book, at), f"{title!r} is not on page {at}"


def test_no_page_is_blank(book, read):
    blank = [number for number, (page_text, _) in enumerate(read, 1)
             if not re.sub(r"Page \d+", "", page_text).strip() and not book.pages[number - 1].images]
    assert blank == [], f"blank pages: {blank}"


def test_figures_are_numbered_through_the_book(read):
    numbers = [int(n) for page_text, _ in read for n in re.findall(r"Figure (\d+):", page_text)]
    assert len(numbers) >= 10 and numbers == list(range(1, len(numbers) + 1)), numbers


def test_prose_is_10_pt_and_nothing_read_is_under_8_pt(book, read):
    sizes = sum((page_sizes for _, page_sizes in read[4:]), Counter())
    total = sum(sizes.values())
    prose = sizes.most_common(1)[0][0]
    assert prose >= 10, f"prose at {prose} pt: {sizes.most_common(6)}"
    # Footnotes, tables, captions: every size that carries 1% of the text. Smaller: footnote marks
    # (superscripts) and the labels drawn inside the figures (the figures' own tests size them).
    small = {size: count for size, count in sizes.items() if size < 8 and count > total / 100}
    assert small == {}, f"text under 8 pt: {small} of {total} characters"
    assert 60 <= len(book.pages) <= 260, f"{len(book.pages)} A4 pages"


def test_no_loopback_address_in_the_pdf(book, read):
    found = [number for number, (page_text, _) in enumerate(read, 1) if LOOPBACK.search(page_text)]
    links = [annot.get_object().get("/A", {}).get("/URI", "") for page in book.pages
             for annot in page.get("/Annots") or []]
    assert found == [] and [uri for uri in links if LOOPBACK.search(str(uri))] == [], found
    assert "published at https://example.net/kb/" in text(book, 1)    # SITE_URL in the test builds


def section_titles() -> list[str]:
    """The titles of the sections' overview pages (each stands for its section on paper: extra.css)."""
    from conftest import front_matter
    folders = ["foundations", "history", "structures", "operations", "policies", "partnerships", "challenges",
               "impact", "future", "reference"]
    return [front_matter(Path(folder) / "index.md")["title"] for folder in folders]


def test_numbered_pages_a_cover_contents_and_a_bookmark_per_section(book, read):
    """Every page numbered; a cover with the title, the date of the facts, the edition and the
    address; the contents name each section once; a bookmark for every section's overview page;
    no footnote back-arrows printed."""
    for number in (2, 20, len(read)):
        assert f"Page {number}" in read[number - 1][0], f"page {number} has no number"
    cover = read[0][0]
    for needle in ("NATO Cooperation Knowledge Base", "Facts checked as of 30 November 2026", "Edition 2026.11",
                   "Published at http"):
        assert needle in cover, f"cover lacks {needle!r}: {cover[:300]}"
    listed = [re.sub(r"\s+\d+$", "", line.strip()) for line in read[1][0].splitlines()]
    assert "Table of Contents" in listed[:3]
    for section in SECTIONS[:6]:       # the contents' first page
        assert listed.count(section) == 1, f"{section!r} appears {listed.count(section)} times in the contents"
    titles = {title for _, title, _, _ in bookmarks(book)}
    missing = [s for s in section_titles() if s not in titles]
    assert missing == [], f"no PDF bookmark for {missing}"
    assert len(titles) > 300
    assert "\u21a9" not in "".join(page_text for page_text, _ in read[2:40]), "footnote back-arrows printed"


# --- the published address, from one place (SITE_URL, default in mkdocs.yml) ---------------------

def cover(site_url: str) -> str:
    import jinja2
    config = {"site_name": "KB", "site_description": "d", "site_url": site_url, "copyright": "c",
              "extra": {"edition": {"facts_as_of": "30 November 2026", "version": "2026.11"}}}
    template = (ROOT / "overrides/print/cover_page.tpl").read_text(encoding="utf-8")
    return jinja2.Environment().from_string(template).render(config=config)


@pytest.mark.parametrize("site_url", ["http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]:8000/"])
def test_the_cover_names_no_loopback_address(site_url):
    page = cover(site_url)
    assert "Published at" not in page and site_url not in page
    assert "30 November 2026" in page


def test_the_cover_names_the_published_address():
    assert '<dt>Published at</dt><dd><a href="https://example.org/kb/">https://example.org/kb/</a>' in cover(
        "https://example.org/kb/")


def test_export_says_how_to_set_the_address_when_it_is_the_local_one(monkeypatch, tmp_path):
    from kb.export import address_note
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\n', encoding="utf-8")
    monkeypatch.delenv("SITE_URL", raising=False)
    note = address_note(config)
    assert note and "\n" not in note and "SITE_URL=https://" in note and "make export" in note
    monkeypatch.setenv("SITE_URL", "https://example.org/kb/")
    assert address_note(config) is None
    assert address_note(ROOT / "mkdocs.yml") is None        # the project's own: SITE_URL, default in mkdocs.yml
