"""Raw HTML and link safety: pages are written by contributors the maintainers may not know.

MkDocs passes raw HTML in Markdown straight into the page, so the checker rejects what could
run code or send readers' data elsewhere: <script>, on*= event handlers, <iframe>, <object>,
<embed>, <form>, <base>, <meta>, and javascript:, vbscript: and data: addresses. A page that
genuinely needs one of these tags lists it in data/raw-html-allowlist.txt (`docs/page.md tag`).
Also: duplicate heading ids, reference-style links without a definition, footnotes never used.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from order_footnotes import DEFINITION as FOOTNOTE_DEF, REFERENCE as FOOTNOTE_USE

from .project import Page, Problem, find_line

RAW_HTML_ALLOWLIST = Path("data/raw-html-allowlist.txt")
DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|object|embed|form|base|meta|frame|frameset|applet)\b", re.I)
EVENT_HANDLER = re.compile(r"<[A-Za-z][^>]*?\s(on[a-z]+)\s*=", re.I)
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.I)
REFERENCE_LINK = re.compile(r"!?\[([^\]\n]+)\]\[([^\]\n]*)\]")


def read_raw_html_allowlist() -> set[tuple[str, str]]:
    if not RAW_HTML_ALLOWLIST.is_file():
        return set()
    allowed = set()
    for line in RAW_HTML_ALLOWLIST.read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) == 2:
            allowed.add((parts[0], parts[1].lower().strip("<>")))
    return allowed


def check_raw_html(pages: list[Page]) -> list[Problem]:
    allowed = read_raw_html_allowlist()
    problems = []
    for page in pages:
        for number, line in page.markup:
            for match in DANGEROUS_TAG.finditer(line):
                tag = match.group(1).lower()
                if (page.path, tag) not in allowed:
                    problems.append(Problem(page.path, number, f"raw <{tag}> is not allowed in a page (write "
                                            f"Markdown; if the page truly needs it, list '{page.path} {tag}' "
                                            f"in {RAW_HTML_ALLOWLIST})"))
            for match in EVENT_HANDLER.finditer(line):
                problems.append(Problem(page.path, number, f"event-handler attribute '{match.group(1)}=' is not "
                                        "allowed in a page (scripts come only from the theme)"))
    return problems


def check_link_schemes(pages: list[Page]) -> list[Problem]:
    """javascript:, vbscript: and data: addresses in links, images and frames of the built content."""
    problems = []
    for page in pages:
        if page.content is None:
            continue
        seen: Counter = Counter()
        for tag in page.tags:
            if "glightbox" in (tag.get("class") or ()):  # the lightbox's wrapper repeats its image's src
                continue
            for attr in ("href", "src", "action", "formaction", "xlink:href", "srcset"):
                value = tag.get(attr)
                if isinstance(value, str) and BAD_SCHEME.match(value):
                    scheme = BAD_SCHEME.match(value).group(1).lower()
                    seen[value] += 1
                    problems.append(Problem(page.path, find_line(page, [value, f"{scheme}:"], seen[value] - 1),
                                            f"'{scheme}:' address (<{tag.name} {attr}>) is not allowed "
                                            "(link to a page or an https:// address)"))
    return problems


def check_duplicate_ids(pages: list[Page]) -> list[Problem]:
    """Two elements with one id: the second heading cannot be linked to."""
    problems = []
    for page in pages:
        if page.content is None:
            continue
        counts = Counter(tag["id"] for tag in page.tags if tag.get("id"))
        for ident, n in sorted(counts.items()):
            if n > 1:
                problems.append(Problem(page.path, find_line(page, [f"#{ident} ", f"#{ident}}}", f'id="{ident}"'], n - 1),
                                        f"id '#{ident}' is used {n} times on this page (give each heading its "
                                        "own { #id })"))
    return problems


def check_reference_links(pages: list[Page]) -> list[Problem]:
    """`[text][label]` with no `[label]: address` definition is shown as literal text."""
    problems = []
    for page in pages:
        if page.content is None:
            continue
        for text in page.content.find_all(string=REFERENCE_LINK):
            if text.find_parent(["code", "pre"]) is not None:
                continue
            for match in REFERENCE_LINK.finditer(text):
                label = match.group(2) or match.group(1)
                if label.startswith("^"):
                    continue
                problems.append(Problem(page.path, find_line(page, [match.group(0), f"][{match.group(2)}]"]),
                                        f"reference-style link '{match.group(0)}' has no definition (add a line "
                                        f"'[{label}]: https://...' or write [text](address))"))
    return problems


def check_unused_footnotes(pages: list[Page]) -> list[Problem]:
    """A footnote defined but never referenced is dropped from the page by Python-Markdown."""
    problems = []
    for page in pages:
        used = {label for _, line in page.markup for label in FOOTNOTE_USE.findall(line)}
        for number, line in page.markup:
            match = FOOTNOTE_DEF.match(line)
            if match and match.group(1) not in used:
                problems.append(Problem(page.path, number, f"footnote '[^{match.group(1)}]' is defined but never "
                                        "used (cite it in the text, or remove it)"))
    return problems
