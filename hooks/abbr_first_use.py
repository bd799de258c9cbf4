"""One abbreviation tooltip per term per page, each a link to the glossary that a tap opens in place.

includes/abbreviations.md (generated from data/glossary.yml) is appended to every page,
so the abbr extension wraps every occurrence of every term: "NATO" alone carried dozens of
dotted underlines on one page, and Material sets up a tooltip for each. This hook keeps the
<abbr> on one occurrence of each term per page, and leaves the others as plain text:

- the first use on the page (one rule for the whole page, footnotes included), in document
  order, preferring a use where a link can go (see below) over one inside a link or a summary;
- never a term listed in data/common-acronyms.txt (NATO, US, UK, EU, UN: every reader knows
  them; the glossary still has them);
- never inside a heading (h1-h6): a heading is a title, not the place for an underline;
- never directly after its own expansion ("Supreme Allied Commander Europe (SACEUR)"): the
  text has just said it; the term's next use gets the tooltip instead.

kb/check requires the tooltip of every other term a page uses (a term used only in
headings or right after its expansion excepted).

A tooltip on hover alone leaves keyboard and touch readers out, so each kept <abbr> is also
a link to the term's glossary entry (#term-..., the anchor kb/model/glossary.py gives it):
it takes focus (which shows the tooltip, the expansion being the link's title). On a touch
screen a tap would leave the page at once, so a small script (TAP_SCRIPT, inline on pages
with such links) turns the first tap on a term into focus: the tooltip shows the expansion in
place and the term, still the link, reads "Glossary ›" (extra.css); a second tap opens the
entry. Mouse and keyboard readers follow the link as any other. Not inside another link,
a heading, a summary, a button, a label or code, where a link cannot go.

A page whose front matter says `abbreviations: false` gets no tooltips at all: the
glossary, where every expansion is already written out next to its term.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from kb.model.glossary import anchor   # the glossary's own rule for a term's heading id

ABBR = re.compile(r'<abbr title="[^"]*">([^<]+)</abbr>')
ABBR_OPEN = re.compile(r'<abbr title="([^"]*)">')
TAG = re.compile(r"(<[^>]+>)")
NO_LINK_INSIDE = re.compile(r"<(/?)(a|h[1-6]|code|pre|summary|button|label|abbr)\b", re.I)   # abbr: the term
HEADING = re.compile(r"<(/?)h[1-6]\b", re.I)
GLOSSARY = "reference/glossary.md"
COMMON_FILE = Path("data") / "common-acronyms.txt"
PLURAL = " (plural)"

# The first tap of a touch (or pen) on a term's link shows its tooltip (focus) instead of
# opening the glossary; a second tap on the same term opens it. Declared below for the
# Content-Security-Policy (hooks/csp.py): the page gets exactly this text.
TAP_CODE = """
(function () {
  var last = "", open = null;
  document.addEventListener("pointerdown", function (e) { last = e.pointerType; }, true);
  document.addEventListener("keydown", function () { last = ""; }, true);
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a.kb-abbr") : null;
    var kind = e.pointerType !== undefined && e.pointerType !== "" ? e.pointerType : last;
    if (open && open !== link) { open.classList.remove("kb-abbr--open"); open = null; }
    if (!link || link === open || (kind !== "touch" && kind !== "pen")) return;
    e.preventDefault();
    open = link;
    link.classList.add("kb-abbr--open");
    link.focus();
  }, true);
})();
"""
TAP_SCRIPT = f'<script id="kb-abbr-tap">{TAP_CODE}</script>'
KNOWN_INLINE_CODE = [re.compile(re.escape(TAP_CODE))]


def singular(term: str, title: str) -> str:
    """STANAGs -> STANAG: the glossary snippet adds each plural with "(plural)" in its title."""
    return term[:-1] if title.endswith(PLURAL) and term.endswith("s") else term


def read_common(root: Path) -> frozenset[str]:
    """The terms of data/common-acronyms.txt (none if the file is missing)."""
    path = root / COMMON_FILE
    if not path.is_file():
        return frozenset()
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def follows_expansion(before: str, expansion: str) -> bool:
    """The text before a term ends with its expansion and an opening bracket: "Kosovo Force (".
    Words are compared in any case and punctuation (Euro-Atlantic / Euro Atlantic); a plural
    expansion ("Standardization Agreements (STANAGs") and a possessive ("People's Republic of China's
    (PRC") count."""
    before = htmllib.unescape(before)
    head, bracket, _ = before.rstrip().rpartition("(")
    if not bracket or _.strip():
        return False
    words, wanted = _words(head[-400:]), _words(expansion.removesuffix(PLURAL))
    if not wanted:
        return False
    return any(words == w or words.endswith(" " + w) for w in (wanted, wanted + "s", wanted + " s"))


def keep_one_per_page(html: str, common: frozenset[str]) -> str:
    """Each term's <abbr> on one use only (see the module's docstring); plain text elsewhere."""
    parts = TAG.split(html)
    heading = no_link = 0
    text_before: list[str] = []        # the page's text so far, for the expansion test
    uses: dict[str, list[tuple[int, bool]]] = {}   # term -> [(index of <abbr ...>, linkable)]
    for i, part in enumerate(parts):
        if i % 2 == 0:                 # text
            text_before.append(part)
            continue
        head = HEADING.match(part)
        if head:
            heading += -1 if head.group(1) else 1
            text_before.append(" ")
        other = NO_LINK_INSIDE.match(part)
        if other and other.group(2).lower() != "abbr":
            no_link += -1 if other.group(1) else (0 if part.endswith("/>") else 1)
        opened = ABBR_OPEN.fullmatch(part)
        if not opened:
            continue
        term = parts[i + 1] if i + 1 < len(parts) else ""
        title = htmllib.unescape(opened.group(1))
        key = singular(term, title)
        if (heading > 0 or key in common or term in common
                or follows_expansion("".join(text_before[-12:])[-600:], title)):
            continue
        uses.setdefault(key, []).append((i, no_link == 0))
    keep = set()
    for found in uses.values():
        linkable = [i for i, can_link in found if can_link]
        keep.add(linkable[0] if linkable else found[0][0])
    for i, part in enumerate(parts):
        if i % 2 and ABBR_OPEN.fullmatch(part) and i not in keep and i + 2 < len(parts) and parts[i + 2] == "</abbr>":
            parts[i] = parts[i + 2] = ""
    return "".join(parts)


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


_common: dict[str, frozenset[str]] = {}


def on_config(config):
    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    _common["terms"] = read_common(root)
    return config


def on_page_content(html: str, page, config, files) -> str:
    if page.meta.get("abbreviations") is False:
        return ABBR.sub(r"\1", html)
    html = keep_one_per_page(html, _common.get("terms", frozenset()))
    glossary = files.get_file_from_path(GLOSSARY)
    if glossary is None:
        return html
    return link_terms(html, glossary.url_relative_to(page.file))


def on_post_page(output: str, page, config) -> str:
    """The tap script, on pages with a term linked to the glossary (before </body>)."""
    if 'class="kb-abbr"' not in output or 'id="kb-abbr-tap"' in output:
        return output
    head, body_end, tail = output.rpartition("</body>")
    return head + TAP_SCRIPT + "\n" + body_end + tail if body_end else output
