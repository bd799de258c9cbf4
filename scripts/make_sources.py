"""Render docs/reference/sources.md from the footnotes of every page and data/publishers.yml.

    python scripts/make_sources.py          # (re)write the sources page
    python scripts/make_sources.py --check  # exit 1 if it is out of date

Every footnote definition `[^label]: text <https://address>` on any page is read.
Addresses are grouped by tier (official, scholarly, press, ...), then by publisher
(both from the registry), each listed with the footnote's own description and the
pages that cite it. The page is kept out of the search index (front matter
`search: exclude: true`): it is a list of addresses, not reader text.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from frontmatter import FrontMatterError, markdown_pages, newest_review, page_title  # noqa: E402
from publishers import (ACCEPTABLE, REGISTRY_FILE, TIERS, RegistryError, best_tier, judge,  # noqa: E402
                        load_registry, read_footnotes)

DOCS = Path("docs")
PAGE = DOCS / "reference" / "sources.md"
HEADINGS = {
    "official": "Official sources",
    "scholarly": "Scholarly sources",
    "press": "Press",
    "state": "State-controlled media (their own government's statements only)",
    "pointer": "Pointers (beside a better source only)",
    "never": "Not acceptable (the checker rejects these)",
    "unlisted": "Not in the publisher registry (the checker rejects these)",
}


def collect(registry):
    """{tier: {publisher name: {address: [description, {pages}]}}}, footnote count, footnotes by tier."""
    found = defaultdict(lambda: defaultdict(dict))
    count, by_tier = 0, defaultdict(int)
    for path in markdown_pages(DOCS):
        if path == PAGE:
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
                entry = found[tier][name].setdefault(url, [description, set()])
                entry[1].add(path)
    return found, count, by_tier


def md_text(text: str) -> str:
    """A footnote description as link text: no nested brackets or stray emphasis."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("[", "(").replace("]", ")").replace("*", "").replace("`", "'"))


def render() -> str:
    registry = load_registry(REGISTRY_FILE)
    found, count, by_tier = collect(registry)
    titles = {path: page_title(path, path.stem) for path in markdown_pages(DOCS) if path != PAGE}
    addresses = sum(len(a) for pubs in found.values() for a in pubs.values())
    publishers = sum(len(pubs) for pubs in found.values())
    official = round(100 * by_tier.get("official", 0) / count) if count else 0
    reviewed = newest_review(DOCS, skip=(PAGE, DOCS / "reference" / "glossary.md"))
    out = [
        "---",
        "title: Sources",
        "description: Every public source cited on this site, grouped by tier and publisher, with the pages "
        "that cite each one.",
        *([f"last_reviewed: {reviewed}"] if reviewed else []),
        "search:",
        "  exclude: true  # a list of addresses: it would crowd out reader text in search results",
        "---",
        "",
        f"<!-- Generated from the footnotes of every page and {REGISTRY_FILE} by scripts/make_sources.py: "
        "do not edit by hand. -->",
        "",
        "# Sources",
        "",
        f"The pages of this site carry {count} footnotes citing {addresses} distinct addresses from "
        f"{publishers} publishers. {official}% of the footnotes cite an official source. This page lists every "
        "address, grouped by tier and then by publisher, with the pages that cite it. It is generated from the "
        "footnotes themselves, so it is always complete.",
        "",
        "Tiers, best first (the [sourcing policy](about.md#sourcing-policy) explains them):",
        "",
    ]
    out += [f"- **{tier}**: {TIERS[tier]}." for tier in ACCEPTABLE + ("state",)]
    out.append("")
    for tier in [*TIERS, "unlisted"]:
        pubs = found.get(tier)
        if not pubs:
            continue
        n = sum(len(a) for a in pubs.values())
        share = f", {round(100 * by_tier.get(tier, 0) / count)}% of footnotes" if tier in ACCEPTABLE else ""
        out += [f"## {HEADINGS.get(tier, tier)}", "",
                f"{len(pubs)} publisher{'s' * (len(pubs) != 1)}, {n} address{'es' * (n != 1)}{share}.", ""]
        for name in sorted(pubs, key=lambda k: (-len(pubs[k]), k.lower())):
            items = pubs[name]
            out += [f'??? note "{md_text(name).replace(chr(34), chr(39))} ({len(items)})"', ""]
            for url in sorted(items, key=lambda u: (items[u][0].lower(), u)):
                description, pages = items[url]
                cited = ", ".join(f"[{md_text(titles[p])}]({Path('..', p.relative_to(DOCS)).as_posix()})"
                                  for p in sorted(pages))
                out.append(f"    - [{md_text(description)}]({url}). Cited on: {cited}")
            out.append("")
    out += [
        "## Related pages",
        "",
        "- [About this site](about.md): editorial policy, sourcing policy and review dates.",
        "- [Glossary](glossary.md): acronyms and terms.",
        "- [Timeline](timeline.md): dated events, each with its source.",
    ]
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the sources page is out of date")
    args = parser.parse_args()
    try:
        text = render()
    except (FrontMatterError, RegistryError) as err:
        print(err, file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as err:
        print(f"make_sources: {err}", file=sys.stderr)
        return 2
    current = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
    if args.check:
        if current != text:
            print(f"{PAGE}:1: out of date with the pages' footnotes (run: python scripts/make_sources.py)")
            return 1
        return 0
    if current != text:
        PAGE.write_text(text, encoding="utf-8")
        print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
