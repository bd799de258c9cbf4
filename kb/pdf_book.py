"""Print the print page as a book: page numbers in the contents, bookmarks nested by section.

kb/export.py opens the print page (mkdocs-print-site-plugin's print_page.html) in Chromium and
hands it here. Chromium cannot print the number of the page an element lands on (no CSS
target-counter()), so the page is printed twice:

1. Each contents entry (a page's link, or a section's name: hooks/print_page_fixes.py) gets an
   empty box of fixed width at its right (extra.css: .kb-toc-page), and the page is printed.
2. That PDF says where each page's title (its h1) landed: Chromium writes a named destination
   for every id a link points to. The numbers go into the boxes; each box was already there, so
   no line and no page moves. The page is printed again, and the numbers are checked against
   this second printing (if a page had moved, it would be numbered and printed once more).
3. Chromium's bookmarks are one level per heading: every page's title at the top level. They
   are regrouped as the book's parts: section > page > the page's h2 sections. A section's
   overview page of the same name is the section's own bookmark (holding the overview's h2
   sections when the section has no other page: Partners).

    print_book(page, Path("dist/nato-kb.pdf"))     # page: a Playwright page showing the print page
"""

from __future__ import annotations

import io
from pathlib import Path

PDF_OPTIONS = {"format": "A4", "outline": True, "tagged": True, "print_background": True}
ATTEMPTS = 3

# Each entry of the contents: the box for its page number, and the id of the title it names
# (a link's target page's h1; a section name's: the first link under it).
PREPARE = """() => {
  const title = (href) => {
    const target = document.getElementById(href.slice(1));
    const h1 = target && target.querySelector('h1[id]');
    return h1 ? h1.id : href.slice(1);
  };
  return [...document.querySelectorAll('#print-page-toc :is(a.md-nav__link, .kb-toc-part)')].map(entry => {
    const link = entry.matches('a') ? entry : entry.closest('li').querySelector('a.md-nav__link');
    if (!entry.querySelector(':scope > .kb-toc-page')) {
      const box = document.createElement('span');
      box.className = 'kb-toc-page';
      entry.append(box);
    }
    return link ? title(link.getAttribute('href')) : null;
  });
}"""

FILL = """(numbers) => {
  document.querySelectorAll('#print-page-toc .kb-toc-page').forEach((box, i) => {
    box.textContent = numbers[i] ? String(numbers[i]) : '';
  });
}"""

# The titles Chromium makes bookmarks of (visible h1, in order), each with the sections it
# belongs to (print-site's md-section blocks: "2" holds page "2.1", "11.3" holds "11.3.2").
STRUCTURE = """() => {
  const parts = new Map();
  const out = [];
  for (const h1 of document.querySelectorAll('#print-site-page h1')) {
    if (!h1.getClientRects().length) {
      const block = h1.closest('section.md-section[data-heading-number]');
      if (block) parts.set(block.dataset.headingNumber, h1.textContent.replace('\\u00b6', '').trim());
      continue;
    }
    const section = h1.closest('section.print-page[data-heading-number]');
    const number = section ? section.dataset.headingNumber.split('.') : [];
    const within = [];
    for (let i = 1; i < number.length; i++) {
      const key = number.slice(0, i).join('.');
      if (parts.has(key)) within.push(parts.get(key));
    }
    const cover = h1.closest('#print-site-cover-page');
    out.push({title: cover ? 'Cover' : h1.textContent.replace('\\u00b6', '').trim(), parts: within});
  }
  return out;
}"""


def _reader(pdf: bytes):
    import pypdf
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_numbers(pdf: bytes, ids: list[str | None]) -> list[int | None]:
    """The printed page number (1 = the cover) of each id's named destination; None if it has none."""
    reader = _reader(pdf)
    destinations = reader.named_destinations
    numbers = []
    for name in ids:
        dest = destinations.get(f"/{name}") if name else None
        numbers.append(reader.get_destination_page_number(dest) + 1 if dest is not None else None)
    return numbers


def _chromium_outline(outline) -> list[tuple]:
    """Chromium's outline as (item, [(h2 item, ...), ...]) per top-level bookmark."""
    nodes = []
    for entry in outline:
        if isinstance(entry, list):
            if nodes:
                nodes[-1][1].extend(child for child in entry if not isinstance(child, list))
        else:
            nodes.append((entry, []))
    return nodes


def nest_outline(pdf: bytes, titles: list[dict]) -> bytes:
    """Chromium's flat bookmarks regrouped: section > page > h2 (`titles`: STRUCTURE's answer)."""
    import pypdf
    from pypdf.generic import Fit, NameObject
    reader = _reader(pdf)
    nodes = _chromium_outline(reader.outline)
    if len(nodes) != len(titles):
        raise RuntimeError(f"the PDF has {len(nodes)} top-level bookmarks for {len(titles)} page titles")
    # The book's tree: [title, destination, children, the overview's h2 bookmarks].
    root: list = []
    open_parts: list[tuple[str, list]] = []        # the sections the last page sits in
    for (item, sections), info in zip(nodes, titles):
        parts = list(info["parts"])
        while open_parts and [name for name, _ in open_parts] != parts[:len(open_parts)]:
            open_parts.pop()
        for name in parts[len(open_parts):]:
            node = [name, item, [], []]
            (open_parts[-1][1][2] if open_parts else root).append(node)
            open_parts.append((name, node))
        h2 = [[section.title, section, [], []] for section in sections]
        if parts and info["title"].casefold() == parts[-1].casefold():
            open_parts[-1][1][3] = h2               # the section's bookmark stands for its overview
            continue
        (open_parts[-1][1][2] if open_parts else root).append([info["title"], item, h2, []])

    writer = pypdf.PdfWriter(clone_from=reader)
    if "/Outlines" in writer.root_object:
        del writer.root_object[NameObject("/Outlines")]

    def write(node, parent, depth):
        title, item, children, overview = node
        fit = Fit.xyz(item.left, item.top) if item.typ == "/XYZ" else Fit.fit()
        mark = writer.add_outline_item(title, reader.get_destination_page_number(item), parent=parent,
                                       fit=fit, is_open=depth == 0)
        for child in children or overview:         # a section of one page: that page's h2s
            write(child, mark, depth + 1)
    for node in root:
        write(node, None, 0)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def print_book(page, target: Path) -> None:
    """Print `page` (the print page, loaded) to `target`: numbered contents, nested bookmarks."""
    page.emulate_media(media="print")
    ids = page.evaluate(PREPARE)
    pdf = page.pdf(**PDF_OPTIONS)
    numbers = page_numbers(pdf, ids)
    missing = [name for name, number in zip(ids, numbers) if number is None]
    if missing:
        raise RuntimeError(f"no page found for contents entries {missing[:5]}")
    for _ in range(ATTEMPTS):
        page.evaluate(FILL, numbers)
        pdf = page.pdf(**PDF_OPTIONS)
        printed = page_numbers(pdf, ids)
        if printed == numbers:
            break
        numbers = printed
    else:
        raise RuntimeError("the contents' page numbers moved the pages at every printing")
    target.write_bytes(nest_outline(pdf, page.evaluate(STRUCTURE)))
