"""Reading without friction (issue 24, part A): footnote marks, "Cite this page", charts,
navigation, tables on phones and the keyboard. Browser checks run in Debian's Chromium on the
served site (conftest: site_dir, served_url, browser); the rest read the built pages, the
generated SVGs and the sources."""

from __future__ import annotations

import re
import struct
import sys
import zlib
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString

from conftest import DOCS, ROOT, front_matter, pages

from kb.render.make_charts import text_width

PHONE = {"width": 390, "height": 844}


def soup_of(site: Path, page: Path) -> BeautifulSoup:
    where = site if page == Path("index.md") else site / page.with_suffix("").as_posix().removesuffix("/index")
    return BeautifulSoup((where / "index.html").read_text(encoding="utf-8"), "html.parser")


def url_of(base: str, page: Path) -> str:
    return base + ("" if page == Path("index.md") else page.with_suffix("").as_posix().removesuffix("/index") + "/")


def open_page(browser, served_url: str, page: str, **context):
    ctx = browser.new_context(**context)
    tab = ctx.new_page()
    tab.goto(url_of(served_url, Path(page)))
    return ctx, tab


# --- 1. Commas between footnote marks ------------------------------------------------------------

def text_before(sup) -> tuple[str, object]:
    """The text between a footnote mark and the element before it, and that element."""
    text, node = "", sup.previous_sibling
    while node is not None and isinstance(node, NavigableString):
        text, node = str(node) + text, node.previous_sibling
    return text, node


def test_a_comma_only_between_adjacent_footnote_marks_in_the_built_pages(site_dir):
    """"¹,²" where two marks touch; "enlargement.¹" (text before the mark) gets no comma: the class
    extra.css puts the comma before (kb-fn-next, hooks/backlinks.py) is on exactly those marks."""
    stray, missing, adjacent = [], [], 0
    marks = [(page, sup) for page in pages() for sup in soup_of(site_dir, page).select("article sup[id^=fnref]")]
    printed = BeautifulSoup((site_dir / "print_page" / "index.html").read_text(encoding="utf-8"), "html.parser")
    marks += [(Path("print_page"), sup) for sup in printed.select("sup[id*=fnref]")]    # the PDF's source
    for page, sup in marks:
        text, before = text_before(sup)
        touching = getattr(before, "name", None) == "sup" and not text.strip()
        marked = "kb-fn-next" in (sup.get("class") or [])
        adjacent += touching
        if marked and not touching:
            stray.append(f"{page}: {text.strip()[-30:]!r}{sup.get_text()}")
        if touching and not marked:
            missing.append(f"{page}: {sup['id']}")
    assert adjacent > 200
    assert stray == [] and missing == [], (len(stray), stray[:5], len(missing), missing[:5])


COMMAS = """() => [...document.querySelectorAll('article sup[id^="fnref"]')].map(sup => {
  let text = '', node = sup.previousSibling;
  while (node && node.nodeType === Node.TEXT_NODE) { text = node.textContent + text; node = node.previousSibling; }
  const touching = !!node && node.nodeName === 'SUP' && text.trim() === '';
  return [touching, getComputedStyle(sup, '::before').content.includes(',')];
})"""


def test_the_browser_draws_a_comma_only_between_adjacent_marks(served_url, browser):
    """As the reader sees it: no generated comma after text ("enlargement.,¹" was on 87 pages)."""
    for page in ("history/1949-1966.md", "foundations/membership-enlargement.md", "partnerships/nato-ukraine.md"):
        ctx, tab = open_page(browser, served_url, page)
        marks = tab.evaluate(COMMAS)
        ctx.close()
        assert any(t for t, _ in marks) and any(not t for t, _ in marks), page
        wrong = [i for i, (touching, comma) in enumerate(marks) if touching != comma]
        assert wrong == [], f"{page}: marks {wrong[:10]} have a comma they should not (or lack one)"


# --- 2. Footnote marks on phones -----------------------------------------------------------------

LINES = """() => {
  const out = [];
  for (const p of [...document.querySelectorAll('article .md-typeset p, article p')].filter(p => p.querySelector('sup[id^="fnref"]')).slice(0, 12)) {
    const bottoms = new Set();
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest('sup')) continue;
      const r = document.createRange(); r.selectNodeContents(n);
      for (const rect of r.getClientRects()) if (rect.width > 0) bottoms.add(Math.round(rect.bottom));
    }
    const lines = [...bottoms].sort((a, b) => a - b).filter((b, i, all) => i === 0 || b - all[i - 1] > 3);
    const gaps = lines.slice(1).map((b, i) => b - lines[i]);
    const glued = [...p.querySelectorAll('sup[id^="fnref"]')].map(sup => {
      const prev = sup.previousSibling;
      if (!prev || prev.nodeType !== Node.TEXT_NODE || !prev.textContent.trim()) return true;
      const r = document.createRange(); const end = prev.textContent.length;
      r.setStart(prev, end - 1); r.setEnd(prev, end);
      const c = r.getBoundingClientRect(), s = sup.getBoundingClientRect();
      return s.top < c.bottom && s.bottom > c.top - 12 && s.left >= c.right - 2;   // on the same line
    });
    out.push({gaps, glued, lineHeight: parseFloat(getComputedStyle(p).lineHeight)});
  }
  const targets = [...document.querySelectorAll('article sup[id^="fnref"] a.footnote-ref')].slice(0, 30)
    .map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; });
  return {paragraphs: out, targets};
}"""


def test_footnote_marks_on_a_phone_keep_the_lines_even_and_stay_with_their_word(served_url, browser):
    """At 390 px: the lines of a paragraph with marks are evenly spaced (a mark does not raise its
    line), no mark wraps away from the word before it, and each mark is a 24 px tap target."""
    for page in ("history/1949-1966.md", "foundations/article-5.md"):
        ctx, tab = open_page(browser, served_url, page, viewport=PHONE)
        seen = tab.evaluate(LINES)
        ctx.close()
        assert seen["paragraphs"], page
        for para in seen["paragraphs"]:
            assert all(abs(g - para["lineHeight"]) <= 1 for g in para["gaps"]), (page, para)
            assert all(para["glued"]), (page, para)
        assert all(w >= 24 and h >= 24 for w, h in seen["targets"]), (page, seen["targets"])


TABLE_MARKS = """() => [...document.querySelectorAll('article td sup[id^="fnref"] a.footnote-ref')]
  .map(a => { const r = a.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""


def test_footnote_marks_side_by_side_in_a_table_are_separate_24_px_targets_on_a_phone(served_url, browser):
    """At 390 px, marks in a table's sources column (policies/common-budgets: "[^a][^b]" in a cell)
    are each at least 24 px square and no two overlap (Lighthouse's target-size audit)."""
    ctx, tab = open_page(browser, served_url, "policies/common-budgets.md", viewport=PHONE)
    boxes = tab.evaluate(TABLE_MARKS)
    ctx.close()
    assert len(boxes) >= 6
    assert all(right - left >= 24 and bottom - top >= 24 for left, top, right, bottom in boxes), boxes
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]
    assert overlapping == [], overlapping[:3]


# --- 5. Cite this page ---------------------------------------------------------------------------

def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """A small BibTeX reader: entry type, key and fields (braced values with nested braces, or bare)."""
    m = re.match(r"\s*@(\w+)\{([^,\s]+),", text)
    assert m, text
    kind, key, at, fields = m.group(1), m.group(2), m.end(), {}
    while True:
        f = re.compile(r"\s*(\w+)\s*=\s*").match(text, at)
        if not f:
            break
        name, at = f.group(1).lower(), f.end()
        if text[at] == "{":
            depth, start = 0, at
            while True:
                depth += {"{": 1, "}": -1}.get(text[at], 0)
                at += 1
                if depth == 0:
                    break
            fields[name] = text[start + 1:at - 1]
        else:
            bare = re.compile(r"[^,}\s]+").match(text, at)
            fields[name], at = bare.group(0), bare.end()
        at = re.compile(r"\s*,?").match(text, at).end()
    assert text[at:].strip() == "}", f"unparsed: {text[at:]!r}"
    return kind, key, fields


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


@pytest.mark.parametrize("page, title", [
    ("history/1949-1966.md", "{History}: 1949–1966"),
    ("reference/members/finland.md", "{Members}: {Finland}"),
    ("partnerships/nato-eu.md", "{Partnerships}: {NATO} and the {EU}"),
])
def test_cite_this_page_bibtex_apa_and_chicago(site_dir, page, title):
    """BibTeX: an @online entry with the section in its title, capitals and acronyms protected
    ({NATO}), year, month and the access date (urldate: the build date). APA: "Retrieved D Month
    YYYY, from URL"; Chicago: "Accessed D Month YYYY.", with no "Facts checked" inside it."""
    cite = soup_of(site_dir, Path(page)).select_one("article details.kb-cite")
    apa, chicago, bibtex = (c.get_text() for c in cite.select("pre code"))
    kind, key, fields = parse_bibtex(bibtex)
    reviewed = date.fromisoformat(str(front_matter(Path(page))["last_reviewed"]))
    assert kind == "online" and key.startswith("natokb-")
    assert fields["title"] == title, fields
    assert fields["author"] == "{NATO Cooperation Knowledge Base}"
    assert fields["year"] == str(reviewed.year) and fields["month"] == MONTHS[reviewed.month - 1]
    built = date.fromisoformat(fields["urldate"])           # YYYY-MM-DD
    assert reviewed <= built <= date.today()
    assert fields["url"].startswith("https://example.net/kb/")
    day = f"{built.day} {built:%B %Y}"
    plain = title.replace("{", "").replace("}", "")
    assert f"{plain}. Retrieved {day}, from {fields['url']}" in apa, apa
    assert chicago.startswith(f"“{plain}.”") and f"Accessed {day}. {fields['url']}." in chicago, chicago
    assert "Facts checked" not in chicago


def boxes_meet(a, b) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


COPY_AND_TEXT = """() => [...document.querySelectorAll('details.kb-cite pre')].map(pre => {
  const box = e => { const r = e.getBoundingClientRect ? e.getBoundingClientRect() : e; return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const button = pre.querySelector('button.md-code__button, button.md-clipboard');
  const range = document.createRange(); range.selectNodeContents(pre.querySelector('code'));
  const code = pre.querySelector('code');
  const textRight = code.getBoundingClientRect().right - parseFloat(getComputedStyle(code).paddingRight);
  return {button: button && box(button), text: [...range.getClientRects()].filter(r => r.width > 0).map(box), textRight};
})"""


def test_the_copy_button_does_not_cover_the_citation_on_a_phone(served_url, browser):
    """At 390 px the copy button (top right of each citation) covers none of its text."""
    ctx, tab = open_page(browser, served_url, "reference/members/finland.md", viewport=PHONE)
    tab.wait_for_function("() => !!window.component$")
    tab.click("details.kb-cite summary")
    tab.wait_for_selector("details.kb-cite pre button.md-code__button", state="attached")
    blocks = tab.evaluate(COPY_AND_TEXT)
    ctx.close()
    assert len(blocks) == 3 and all(b["button"] for b in blocks), blocks
    for block in blocks:
        # No line of this citation runs under the button, nor could a longer one: the text's
        # column (the code's box less its right padding) ends before the button begins.
        assert not any(boxes_meet(block["button"], line) for line in block["text"]), block
        assert block["textRight"] <= block["button"]["left"], block


# --- 6. Charts -----------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("name", ["spending.svg", "spending-narrow.svg"])
def test_the_two_percent_line_crosses_no_value_label(name):
    root = ElementTree.parse(DOCS / "assets" / "charts" / name).getroot()
    line = next(e for e in root.iter(SVG + "line") if e.get("stroke") == "#c62828")
    x, y1, y2 = float(line.get("x1")), float(line.get("y1")), float(line.get("y2"))
    labels = [t for t in root.iter(SVG + "text") if re.fullmatch(r"\d+\.\d\d", t.text or "")]
    assert len(labels) > 25
    crossed = []
    for t in labels:
        size, left, base = float(t.get("font-size")), float(t.get("x")), float(t.get("y"))
        right = left + text_width(t.text, size, False)
        if left - 1 < x < right + 1 and base - size < y2 and base > y1:
            crossed.append(t.text)
    assert crossed == [], f"{name}: the 2% line runs through {crossed}"


def png_pixel(png: bytes, x: int, y: int) -> tuple[int, int, int]:
    """One pixel of an 8-bit RGB or RGBA PNG (what Chromium's screenshots are)."""
    at, chunks = 8, b""
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        body = png[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            chunks += body
        at += 12 + length
    assert depth == 8 and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(chunks), width * bpp, [], bytearray(width * bpp)
    for r in range(y + 1):
        kind, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for i in range(stride):
            a, b, c = line[i - bpp] if i >= bpp else 0, prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
    return tuple(prev[x * bpp:x * bpp + 3])


def test_charts_in_dark_mode_are_not_white_cards(served_url, browser):
    """In the dark palette a chart's background is dark; in the light one it stays white."""
    for scheme, dark in (("dark", True), ("light", False)):
        ctx, tab = open_page(browser, served_url, "reference/members.md", color_scheme=scheme,
                             viewport={"width": 1280, "height": 900})
        chart = tab.locator("article .kb-figure img.kb-figure__wide").first
        chart.scroll_into_view_if_needed()
        tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
        pixel = png_pixel(chart.screenshot(), 4, 4)
        ctx.close()
        assert (sum(pixel) / 3 < 80) if dark else (min(pixel) > 240), (scheme, pixel)


def test_figure_captions_point_where_the_table_is(site_dir):
    """"The table below" under a figure only when a table follows it, "above" when one precedes it."""
    checked = 0
    for page in pages():
        soup = soup_of(site_dir, page)
        for caption in soup.select("article figcaption"):
            text = caption.get_text()
            for where in ("below", "above"):
                if re.search(rf"tables? {where}", text):
                    checked += 1
                    seek = caption.find_next if where == "below" else caption.find_previous
                    assert seek("table") is not None, f"{page}: {text!r}"
    assert checked >= 2
    assert "table above" in (ROOT / "includes" / "figures" / "membership.md").read_text(encoding="utf-8")


# --- 7. Navigation -------------------------------------------------------------------------------

def test_pages_that_link_here_is_closed_and_its_titles_unambiguous(site_dir):
    lists = 0
    for page in pages():
        aside = soup_of(site_dir, page).select_one("article aside.kb-backlinks")
        if aside is None:
            continue
        lists += 1
        details = aside.find("details")
        assert details is not None and not details.has_attr("open"), page
        assert details.summary.get_text().startswith("Pages that link here"), page
        names = [a.get_text() for a in details.select("li a")]
        assert len(names) == len(set(names)), f"{page}: {names}"
    assert lists > 90
    listed = [a.get_text() for a in soup_of(site_dir, Path("foundations/article-5.md")).select(".kb-backlinks a")]
    # era pages share labels across sections ("1949–1965"): each is listed with its section
    assert any(name.startswith("Timeline: ") for name in listed), listed
    assert not [name for name in listed if re.fullmatch(r"\d{4}–(?:\d{4}|today)", name)], listed


def mkdocs_nav() -> list:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["nav"]


def test_a_one_page_nav_entry_is_labelled_with_its_page_title():
    """"Impact" in the nav opened "Impact on strategic strength": a page listed on its own at the
    top of the nav carries its title (Home excepted)."""
    singles = [(label, path) for item in mkdocs_nav() for label, path in item.items()
               if isinstance(path, str) and label != "Home"]
    assert singles
    for label, path in singles:
        assert label == front_matter(Path(path))["title"], (label, path)


def test_home_lists_every_part_of_the_site_and_the_footer_says_it_once(site_dir):
    """The home page's list of sections links every section and every part of Reference that has
    pages of its own (Timeline, Members, the operations catalogue, Summits, Spending, Sources), and
    the Data page."""
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    sections = home.split("## Sections", 1)[1].split("\n## ", 1)[0]
    targets = ["reference/data.md"]
    for item in mkdocs_nav()[1:]:
        for value in item.values():
            targets.append(value if isinstance(value, str) else value[0])     # the section's overview
            for entry in value if isinstance(value, list) else []:
                inner = next(iter(entry.values())) if isinstance(entry, dict) else None
                if isinstance(inner, list):                                   # a part with pages of its own
                    targets.append(inner[0])
    assert {"reference/summits.md", "reference/spending.md", "reference/operations.md"} <= set(targets)
    missing = [t for t in targets if f"]({t})" not in sections]
    assert missing == [], missing
    footer = soup_of(site_dir, Path("index.md")).select_one("footer").get_text()
    assert footer.count("footnoted to a public source") == 1, footer


# --- 8. Tables on phones -------------------------------------------------------------------------

TABLES = """() => [...document.querySelectorAll('article table')].map(t => ({
  display: [t, t.querySelector('thead'), t.querySelector('tr'), t.querySelector('td')].map(e => getComputedStyle(e).display),
  headers: [...t.querySelectorAll('th')].map(th => { const r = th.getBoundingClientRect(); return r.width > 0 && r.height > 0; }),
  scroll: t.closest('.md-typeset__scrollwrap') ? t.closest('.md-typeset__scrollwrap').scrollWidth - t.closest('.md-typeset__scrollwrap').clientWidth : 0,
}))"""


def test_tables_on_a_phone_keep_headers_and_table_semantics(served_url, browser):
    """At 390 px the operations catalogue shows its column headers and its cells stay table cells
    (no display:block, which drops the table from the accessibility tree); the Members table fits."""
    ctx, tab = open_page(browser, served_url, "reference/operations/1990-2000.md", viewport=PHONE)
    catalogue = tab.evaluate(TABLES)
    tab.goto(url_of(served_url, Path("reference/members.md")))
    members = tab.evaluate(TABLES)
    ctx.close()
    assert catalogue and members
    for table in catalogue:
        assert table["display"][1:] == ["table-header-group", "table-row", "table-cell"], table
        assert table["headers"] and all(table["headers"]), table
    assert members[0]["display"][2:] == ["table-row", "table-cell"] and all(members[0]["headers"])
    assert members[0]["scroll"] <= 1, f"the Members table scrolls sideways by {members[0]['scroll']} px"


# --- 9. Keyboard ---------------------------------------------------------------------------------

def test_space_and_enter_switch_the_palette(served_url, browser):
    """overrides/partials/palette.html: the toggle's radio button, focused, switches on Space as on Enter."""
    ctx, tab = open_page(browser, served_url, "index.md", color_scheme="light")
    body = tab.locator("body")
    tab.wait_for_function("() => !!window.component$")
    for key, scheme in (("Space", "slate"), ("Enter", "default"), ("Space", "slate"), ("Space", "default")):
        tab.focus("form[data-kb-palette] input:checked")
        tab.keyboard.press(key)
        assert body.get_attribute("data-md-color-scheme") == scheme, key
    ctx.close()


VISIBLE_TOOLTIPS = """() => [...document.querySelectorAll('.md-tooltip')]
  .filter(t => getComputedStyle(t).display !== 'none' && t.getBoundingClientRect().height > 0).map(t => t.textContent.trim())"""


def test_the_logo_leaves_no_tooltip_behind(served_url, browser):
    """Keyboard focus on the header logo, then on the next control: no tooltip of the logo stays
    (it had one repeating the site name written beside it)."""
    ctx, tab = open_page(browser, served_url, "structures/index.md", viewport={"width": 1280, "height": 800})
    tab.wait_for_function("() => !!window.component$")
    tab.focus(".md-header__button.md-logo")
    tab.wait_for_timeout(300)
    on_logo = tab.evaluate(VISIBLE_TOOLTIPS)
    tab.keyboard.press("Tab")
    tab.wait_for_timeout(600)
    after = tab.evaluate(VISIBLE_TOOLTIPS)
    ctx.close()
    assert on_logo == [] and after == [], (on_logo, after)


# --- 10. Speed: footnote sources without a tooltip set up per mark ---------------------------------

ACTIVE_TIP = "() => [...document.querySelectorAll('.md-tooltip2--active')].map(t => t.innerText.replace(/\\s+/g, ' '))"
NOTE_TEXT = "id => document.getElementById(id).innerText.replace(/↩/g, '').replace(/\\s+/g, ' ').trim()"


def footnote_tooltip_behaviour(browser, base: str, page: str) -> dict:
    """On a page at desktop size, after Material has started: the event listeners on its
    footnote marks (DevTools protocol), and what shows on hover and keyboard focus of a mark."""
    ctx, tab = open_page(browser, base, page, viewport={"width": 1280, "height": 800})
    tab.wait_for_function("() => !!window.component$")
    tab.wait_for_timeout(300)
    cdp = ctx.new_cdp_session(tab)
    marks = tab.locator("article a.footnote-ref")
    count, listeners = marks.count(), set()
    for i in range(count):
        found = cdp.send("Runtime.evaluate", {"expression": f"document.querySelectorAll('article a.footnote-ref')[{i}]"})
        listeners |= {e["type"] for e in cdp.send("DOMDebugger.getEventListeners",
                                                   {"objectId": found["result"]["objectId"]})["listeners"]}
    mark = marks.nth(2)
    note_id = mark.get_attribute("href").split("#", 1)[1]
    note = tab.evaluate(NOTE_TEXT, note_id)
    mark.hover()
    tab.wait_for_function(f"() => ({ACTIVE_TIP})().length > 0", timeout=5_000)
    hover = tab.evaluate(ACTIVE_TIP)
    controls = mark.get_attribute("aria-controls")
    tip_role = tab.evaluate("id => id && document.getElementById(id) && document.getElementById(id).getAttribute('role')",
                            controls)
    tab.mouse.move(5, 790)
    tab.wait_for_timeout(900)
    after_hover = tab.evaluate(ACTIVE_TIP)
    far = marks.nth(count - 5)
    far.focus()
    tab.wait_for_function(f"() => ({ACTIVE_TIP})().length > 0", timeout=5_000)
    focus = tab.evaluate(ACTIVE_TIP)
    far_note = tab.evaluate(NOTE_TEXT, far.get_attribute("href").split("#", 1)[1])
    tab.keyboard.press("Tab")
    tab.wait_for_timeout(900)
    after_focus = tab.evaluate(ACTIVE_TIP)
    ctx.close()
    return {"marks": count, "listeners": listeners, "note": note, "hover": hover, "tip_role": tip_role,
            "after_hover": after_hover, "far_note": far_note, "focus": focus, "after_focus": after_focus}


def test_footnote_sources_show_on_hover_and_focus_with_no_set_up_per_mark(served_url, browser):
    """hooks/tooltips.py: on a history era page (about a hundred marks) no footnote mark carries an
    event listener of its own: Material's per-mark tooltips (a mouseenter and a mouseleave
    listener on each mark, set up when the page starts) were about half of the task that starts
    Material, a long task on a phone. The reader still gets the source: on hover of a mark, a dialog
    with the footnote's text that the mark controls (aria-controls), gone once the pointer has
    left; on keyboard focus of a mark far down the page, its own footnote, gone once focus moves on."""
    seen = footnote_tooltip_behaviour(browser, served_url, "history/1949-1966.md")
    assert seen["marks"] > 80, seen["marks"]
    assert not seen["listeners"], f"listeners on footnote marks: {sorted(seen['listeners'])}"
    assert len(seen["hover"]) == 1 and seen["note"][:60] in seen["hover"][0], (seen["note"], seen["hover"])
    assert seen["tip_role"] == "dialog", seen["tip_role"]
    assert seen["after_hover"] == [], seen["after_hover"]
    assert len(seen["focus"]) == 1 and seen["far_note"][:60] in seen["focus"][0], (seen["far_note"], seen["focus"])
    assert seen["after_focus"] == [], seen["after_focus"]


# The links of the page's blocks (`box`) that start three screens or more below the top, and how
# many of them the browser skips (content-visibility: not rendered until near the screen).
FAR_SKIPPED = """([links, box]) => {
  const far = [...document.querySelectorAll(links)]
    .filter(a => a.closest(box).getBoundingClientRect().top > 3 * innerHeight);
  return {far: far.length, skipped: far.filter(a => !a.checkVisibility({contentVisibilityAuto: true})).length};
}"""


def test_long_pages_lay_out_only_the_paragraphs_and_footnotes_near_the_screen(served_url, browser):
    """extra.css: on a phone, a history era page's paragraphs and footnotes far below the screen
    skip style and layout at load (content-visibility), so laying out the rest of the page after
    its first paint is no longer a long task; a footnote reached from its mark is then shown."""
    ctx, tab = open_page(browser, served_url, "history/1949-1966.md", viewport=PHONE)
    tab.wait_for_function("() => !!window.component$")
    seen = tab.evaluate(FAR_SKIPPED, ["article.md-typeset > p a, article .footnote > ol > li a", "p, li"])
    mark = tab.locator("article a.footnote-ref").last
    note = tab.locator(f"[id='{mark.get_attribute('href')[1:]}']")
    mark.evaluate("a => a.click()")
    tab.wait_for_timeout(500)
    shown = note.evaluate("li => li.checkVisibility({contentVisibilityAuto: true})")
    ctx.close()
    assert seen["far"] > 100 and seen["skipped"] == seen["far"], seen
    assert shown
