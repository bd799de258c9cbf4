"""Render the Sources pages from the footnotes of every page and data/publishers.yml.

    python -m kb.generate sources          # (re)write the sources pages
    python -m kb.generate --check sources  # exit 1 if one is out of date

Every footnote definition `[^label]: text <https://address>` on any page is read.
Addresses are grouped by tier (official, scholarly, press, ...), then by publisher
(both from the registry), each listed with the footnote's own description and the
pages that cite it. docs/reference/sources.md is the overview (counts by tier and
publisher); the addresses are on pages under docs/reference/sources/ (PARTS): NATO's own
site, NATO's commands and agencies, other official publishers, scholarly sources and the
press. The larger parts are split at fixed points (SPLITS: NATO's site by period, the others
by the publisher's initial) so that each page stays under the site's 100 KB first-view budget
on a phone (one page of every address was 137 KB; the five parts whole were up to 103 KB). The pages are kept out of the
search index (front matter `search: exclude: true`): lists of addresses, not reader text.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from pathlib import Path

from kb.model.text import md_inline
from kb.model import eras
from kb.model.frontmatter import FrontMatterError, markdown_pages, newest_review, page_title
from kb.model.publishers import (ACCEPTABLE, REGISTRY_FILE, TIERS, best_tier, judge,
                        load_registry, read_footnotes)

DOCS = Path("docs")
PAGE = DOCS / "reference" / "sources.md"            # the overview
FOLDER = DOCS / "reference" / "sources"              # the addresses, a page per part
# (slug, title, what it lists): every address is on exactly one of these pages (part_of).
PARTS = [
    ("nato", "NATO (nato.int)", "NATO's own site: treaties, communiqués, topic pages, news, speeches and archives"),
    ("nato-commands", "NATO commands and agencies", "the sites of NATO's commands, agencies and centres"),
    ("official", "Other official sources", "governments, parliaments, the UN, the EU, courts, official "
                                            "archives and NATO-accredited centres"),
    ("scholarly", "Scholarly sources", "journals, university presses and research institutes"),
    ("press", "Press", "news organisations (and state-controlled media, for their own government's statements)"),
]
# NATO's own site is one publisher with over 300 addresses: its page groups them by the last year
# their description names (usually the year of publication), in the eras of the site's reference
# pages (collapsed boxes, like the publishers' boxes on the other pages); documents older than the
# Alliance (the Brussels Treaty, 1948) in a box of their own.
PERIODS = eras.periods()
# Parts split over several pages, at fixed points so that a page's address stays put as addresses are
# added: (slug, what the page holds, first key, last key). The key of an address of NATO's site is the
# last year its description names (none: 9999, with the newest); elsewhere the publisher's initial
# (without a leading "The").
SPLITS = {
    "nato": [("nato-to-2000", "to 2000", 0, 2000), ("nato-2001-2013", "2001–2013", 2001, 2013),
             ("nato-2014-today", "2014–today", 2014, 9999)],
    "official": [("official-a-m", "A–M", "0", "M"), ("official-n-z", "N–Z", "N", "Z")],
    "press": [("press-a-l", "A–L", "0", "L"), ("press-m-z", "M–Z", "M", "Z")],
}
YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
NOTICE = ("<!-- Generated from the footnotes of every page and {registry} by kb/render/make_sources.py: "
          "do not edit by hand. -->")
HEADINGS = {
    "official": "Official sources",
    "scholarly": "Scholarly sources",
    "press": "Press",
    "state": "State-controlled media (their own government's statements only)",
    "pointer": "Pointers (beside a better source only)",
    "reprint": "Reprints (documents republished by another site; the footnote names the original)",
    "never": "Not acceptable (the checker rejects these)",
    "unlisted": "Not in the publisher registry (the checker rejects these)",
}


def is_sources_page(path: Path) -> bool:
    return path == PAGE or path.parent == FOLDER


def part_of(tier: str, name: str, host: str) -> str:
    """The page an address is listed on: NATO's own site (nato.int), NATO's commands and agencies
    (their subdomains), other official publishers, or the rest."""
    if tier == "official" and name == "NATO":
        return "nato-commands" if host.endswith(".nato.int") else "nato"
    return tier if tier in ("official", "scholarly") else "press"


def split_key(part: str, name: str, description: str):
    """Where an address falls in its part's SPLITS."""
    if part == "nato":
        years = [int(y) for y in YEAR.findall(description)]
        return years[-1] if years else 9999
    name = name.removeprefix("The ")          # The Guardian under G
    return name[:1].upper() if name[:1].isalpha() else "0"


def pages_of(slug: str, title: str) -> list[tuple[str, str, object, object]]:
    """(page slug, page title, first key, last key) of a part: one page, or its SPLITS."""
    if slug not in SPLITS:
        return [(slug, title, None, None)]
    return [(page, f"{title}, {held}", first, last) for page, held, first, last in SPLITS[slug]]


def period(description: str) -> str:
    """The box an address of NATO's own site goes in: the era of the last year its description names."""
    years = [int(y) for y in YEAR.findall(description)]
    if years:
        return next(label for first, last, label in PERIODS if first <= years[-1] <= last)
    return "No year given (topic pages and current information)"


def collect(registry):
    """{tier: {publisher name: {address: [description, {pages}]}}}, footnote count, footnotes by tier."""
    found = defaultdict(lambda: defaultdict(dict))
    count, by_tier = 0, defaultdict(int)
    for path in markdown_pages(DOCS):
        if is_sources_page(path):
            continue
        try:
            lines = list(enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1))
        except UnicodeDecodeError as exc:
            raise FrontMatterError(path, path.read_bytes()[:exc.start].count(b"\n") + 1,
                                   "not UTF-8 text: save the file as UTF-8") from None
        for note in read_footnotes(lines):
            count += 1
            by_tier[best_tier(registry, note.urls) or "unlisted"] += 1
            description = note.text
            for url in note.urls:
                description = description.replace(f"<{url}>", "").replace(url, "")
            description = " ".join(description.split()).rstrip(" .;,") or "Source"
            for url in note.urls:
                try:
                    publisher, host = judge(registry, url)
                except ValueError:
                    publisher, host = None, "malformed address"
                tier = publisher.tier if publisher else "unlisted"
                name = publisher.name if publisher and publisher.tier != "never" else host
                entry = found[tier][name].setdefault(url, [description, set(), host])
                entry[1].add(path)
    return found, count, by_tier




def front(title: str, description: str, reviewed: str | None) -> list[str]:
    return ["---", f"title: {title}", f"description: {description}",
            *([f"last_reviewed: {reviewed}"] if reviewed else []),
            "search:", "  exclude: true  # a list of addresses: it would crowd out reader text in search results",
            f"generated_from: [{REGISTRY_FILE}, kb/render/make_sources.py]  # and the footnotes of every page",
            "footnotes: none  # the list of every footnote's source",
            "---", "", NOTICE.format(registry=REGISTRY_FILE), ""]


def plural(n: int, word: str, suffix: str = "s") -> str:
    return f"{n} {word}{suffix * (n != 1)}"


def render_all() -> dict[Path, str]:
    registry = load_registry(REGISTRY_FILE)
    found, count, by_tier = collect(registry)
    titles = {path: page_title(path, path.stem) for path in markdown_pages(DOCS) if not is_sources_page(path)}
    reviewed = newest_review(DOCS, skip=(PAGE, *FOLDER.glob("*.md"), DOCS / "reference" / "glossary.md"))
    # {part: {tier: {publisher: {url: [description, pages, host]}}}}
    parts: dict = {slug: defaultdict(lambda: defaultdict(dict)) for slug, *_ in PARTS}
    for tier, pubs in found.items():
        for name, items in pubs.items():
            for url, entry in items.items():
                parts[part_of(tier, name, entry[2])][tier][name][url] = entry
    addresses = sum(len(a) for pubs in found.values() for a in pubs.values())
    publishers = sum(len(pubs) for pubs in found.values())
    official = round(100 * by_tier.get("official", 0) / count) if count else 0
    pages = {PAGE: render_overview(found, parts, count, by_tier, addresses, publishers, official, reviewed)}
    siblings = [(page, page_title_) for slug, title, _ in PARTS for page, page_title_, *_ in pages_of(slug, title)]
    for slug, title, what in PARTS:
        for page, page_title_, first, last in pages_of(slug, title):
            held = {tier: {name: {url: e for url, e in items.items()
                                  if first is None or first <= split_key(slug, name, e[0]) <= last}
                           for name, items in pubs.items()} for tier, pubs in parts[slug].items()}
            held = {tier: {n: i for n, i in pubs.items() if i} for tier, pubs in held.items()}
            held = {tier: pubs for tier, pubs in held.items() if pubs}
            pages[FOLDER / f"{page}.md"] = render_part(page, page_title_, what, held, titles, reviewed,
                                                       siblings, by_period=slug == "nato")
    return pages


def render_overview(found, parts, count, by_tier, addresses, publishers, official, reviewed) -> str:
    out = front("Sources", "Every public source cited on this site, grouped by tier and publisher, with the pages "
                "that cite each one.", reviewed)
    out += [
        "# Sources",
        "",
        f"The pages of this site carry {count} footnotes citing {addresses} distinct addresses from "
        f"{publishers} publishers. {official}% of the footnotes cite an official source. The pages below list "
        "every address, grouped by tier and then by publisher, with the pages that cite it. They are generated "
        "from the footnotes themselves, so they are always complete.",
        "",
        "| Page | What it lists | Addresses |",
        "| --- | --- | ---: |",
    ]
    for slug, title, what in PARTS:
        n = sum(len(a) for pubs in parts[slug].values() for a in pubs.values())
        links = pages_of(slug, title)
        named = f"[{title}](sources/{slug}.md)" if len(links) == 1 else title + ": " + ", ".join(
            f"[{page_title_.rsplit(', ', 1)[1]}](sources/{page}.md)" for page, page_title_, *_ in links)
        out.append(f"| {named} | {what[0].upper() + what[1:]} | {n} |")
    out += ["", "Tiers, best first (the [sourcing policy](about.md#sourcing-policy) explains them):", ""]
    out += [f"- **{tier}**: {TIERS[tier]}." for tier in ACCEPTABLE + ("state",)]
    out += ["", "## Sources by tier", "", "| Tier | Publishers | Addresses | Share of footnotes |",
            "| --- | ---: | ---: | ---: |"]
    for tier in [*TIERS, "unlisted"]:
        pubs = found.get(tier)
        if pubs:
            share = f"{round(100 * by_tier.get(tier, 0) / count)}%" if count else "–"
            out.append(f"| {HEADINGS.get(tier, tier)} | {len(pubs)} | {sum(len(a) for a in pubs.values())} "
                       f"| {share} |")
    out += [
        "",
        "## Related pages",
        "",
        "- [About this site](about.md): editorial policy, sourcing policy and review dates.",
        "- [Glossary](glossary.md): acronyms and terms.",
        "- [Timeline](timeline.md): dated events, each with its source.",
    ]
    return "\n".join(out).rstrip() + "\n"


def render_part(slug: str, title: str, what: str, tiers: dict, titles: dict, reviewed, siblings,
                by_period: bool) -> str:
    n = sum(len(a) for pubs in tiers.values() for a in pubs.values())
    out = front(f'"Sources: {title}"', f'"The {n} addresses this site cites from {what}, with the pages that '
                'cite each one."', reviewed)
    by_year = " grouped by the last year each description names (usually the year of publication)," \
        if by_period else ""
    out += [f"# Sources: {title}", "",
            f"{plural(n, 'address', 'es')} from {what},{by_year} with the pages that cite each. Every tier and "
            "publisher: [Sources](../sources.md).", ""]
    many_tiers = len(tiers) > 1
    for tier in [t for t in [*TIERS, "unlisted"] if t in tiers]:
        pubs = tiers[tier]
        if many_tiers:
            k = sum(len(a) for a in pubs.values())
            out += [f"## {HEADINGS.get(tier, tier)}", "",
                    f"{plural(len(pubs), 'publisher')}, {plural(k, 'address', 'es')}.", ""]
        boxes: dict[str, dict] = {}                # box title -> {url: entry}: a period, or a publisher
        if by_period:                              # one publisher: its addresses by period, in order
            for label in [label for *_, label in PERIODS] + [period("")]:
                boxes[label] = {url: e for items in pubs.values() for url, e in items.items() if period(e[0]) == label}
            boxes = {label: items for label, items in boxes.items() if items}
        else:
            boxes = {name: pubs[name] for name in sorted(pubs, key=lambda k: (-len(pubs[k]), k.lower()))}
        for box, items in boxes.items():
            indent = "    " if len(boxes) > 1 else ""  # one box: its list, open; several: collapsed boxes
            if len(boxes) > 1:
                out += [f'??? note "{md_inline(box).replace(chr(34), chr(39))} ({len(items)})"', ""]
            for url in sorted(items, key=lambda u: (items[u][0].lower(), u)):
                description, pages, _ = items[url]
                cited = ", ".join(f"[{md_inline(titles[p])}]({posixpath.relpath(p.as_posix(), FOLDER.as_posix())})"
                                  for p in sorted(pages))
                out.append(f"{indent}- [{md_inline(description)}]({url}). Cited on: {cited}")
            out.append("")
    others = [f"[{t}]({s}.md)" for s, t in siblings if s != slug]
    out += ["## Related pages", "", "- [Sources](../sources.md): every tier and publisher, with counts.",
            f"- The other lists: {', '.join(others)}.",
            "- [About this site](../about.md): the sourcing policy."]
    return "\n".join(out).rstrip() + "\n"

