"""Raw HTML and link safety: pages are written by contributors the maintainers may not know.

The checks read what the reader gets: each page's built HTML content, after Markdown,
attr_list, snippets and the data generators, so no fence, comment or inline-code trick in
the source hides anything. Rejected there: <script>, <style>, <iframe>, <object>, <embed>,
<form>, <base>, <meta>, <link>, frames, applets and SVG animation elements; every on*= event
handler; style="" other than a table column's text-align; and any address whose scheme is
not http, https or mailto once normalised as browsers do (entities decoded, tabs, newlines and
control characters dropped, case folded). Each problem is reported at the source line that
produced it: the page's line, or the data file's line for a generated page. A page that
genuinely needs one of these tags lists it in data/raw-html-allowlist.txt (`docs/page.md tag`).
Also: duplicate heading ids, reference-style links without a definition, footnotes never used.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from kb.order_footnotes import DEFINITION as FOOTNOTE_DEF, REFERENCE as FOOTNOTE_USE

from .project import Page, Problem, find_line

RAW_HTML_ALLOWLIST = Path("data/raw-html-allowlist.txt")
DANGEROUS_TAGS = {"script", "style", "iframe", "object", "embed", "form", "base", "meta", "link", "frame",
                  "frameset", "applet", "noscript", "template", "portal", "set", "animate", "animatemotion",
                  "animatetransform", "foreignobject", "handler", "listener"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "cite",
                  "background", "ping", "longdesc", "usemap", "codebase", "manifest", "icon", "lowsrc", "dynsrc")
SAFE_SCHEMES = {"http", "https", "mailto"}
SAFE_STYLE = re.compile(r"\s*text-align:\s*(?:left|right|center);?\s*", re.I)
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
GENERATED_FROM = re.compile(r"<!-- Generated\b(.*?)\bby kb/render/", re.S)
DATA_FILE = re.compile(r"\bdata/[\w./-]+\.ya?ml\b")
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


def scheme_of(value: str) -> str | None:
    """The scheme a browser would see in an attribute value (already entity-decoded), or None."""
    value = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                              "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
                                              "\x1e\x1f\x20")
    value = re.sub(r"[\x00-\x1f]", "", value).lower()
    match = SCHEME.match(value)
    return match.group(1) if match else None


def source_line(page: Page, needles: list[str]) -> tuple[str, int]:
    """Where a problem in a page's built HTML comes from: (file, line). A generated page's
    problem is looked for in the data files its notice names first; then in the page's own
    text (every line, fences and comments included); else line 1 of the page."""
    try:
        text = Path(page.path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    notice = GENERATED_FROM.search(text[:2000])
    candidates = [Path(name) for name in DATA_FILE.findall(notice.group(1))] if notice else []
    candidates.append(Path(page.path))
    for needle in [n for n in needles if n]:
        for path in candidates:
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for number, line in enumerate(lines, 1):
                if needle.lower() in line.lower():
                    return path.as_posix(), number
    return page.path, 1


def check_raw_html(pages: list[Page]) -> list[Problem]:
    """Tags, event handlers and inline styles that could run code, restyle or cover the page."""
    allowed = read_raw_html_allowlist()
    problems = []
    for page in pages:
        if page.content is None:
            continue
        for tag in page.tags:
            name = tag.name.lower()
            if name in DANGEROUS_TAGS and (page.path, name) not in allowed:
                body = next((part.strip() for part in tag.get_text().splitlines() if part.strip()), "")
                path, line = source_line(page, [body[:40], f"<{name}", f"{name}"])
                problems.append(Problem(path, line, f"raw <{name}> is not allowed in a page (write "
                                        f"Markdown; if the page truly needs it, list '{page.path} {name}' "
                                        f"in {RAW_HTML_ALLOWLIST})"))
            for attr, value in tag.attrs.items():
                attr = attr.lower()
                if attr.startswith("on"):
                    path, line = source_line(page, [str(value)[:40], f"{attr}=", attr])
                    problems.append(Problem(path, line, f"event-handler attribute '{attr}=' is not allowed "
                                            "in a page (scripts come only from the theme)"))
                elif attr == "style" and not SAFE_STYLE.fullmatch(str(value)):
                    path, line = source_line(page, [str(value), "style="])
                    problems.append(Problem(path, line, f"style attribute '{str(value)[:60]}' is not allowed "
                                            "in a page (styles come from docs/assets/stylesheets/extra.css)"))
    return problems


def check_link_schemes(pages: list[Page]) -> list[Problem]:
    """Addresses in the built content whose scheme is not http, https or mailto (javascript:,
    data:, vbscript:, file: ...), after normalising them as browsers do."""
    problems = []
    for page in pages:
        if page.content is None:
            continue
        for tag in page.tags:
            img = tag.find("img") if tag.name == "a" and "glightbox" in (tag.get("class") or ()) else None
            if img is not None and tag.get("href") == img.get("src"):  # the lightbox's wrapper repeats its image's src
                continue
            for attr in URL_ATTRIBUTES:
                value = tag.get(attr)
                if not isinstance(value, str):
                    continue
                values = [part.strip().split(" ")[0] for part in value.split(",")] if attr == "srcset" else [value]
                for one in values:
                    scheme = scheme_of(one)
                    if scheme and scheme not in SAFE_SCHEMES:
                        path, line = source_line(page, [one, f"{scheme}:", one.split(":", 1)[-1][:40]])
                        problems.append(Problem(path, line, f"'{scheme}:' address (<{tag.name} {attr}>) is not "
                                                "allowed (link to a page or an https:// address)"))
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
