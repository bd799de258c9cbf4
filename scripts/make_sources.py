"""Render docs/reference/sources.md from the footnotes of every page.

    python scripts/make_sources.py          # (re)write the sources page
    python scripts/make_sources.py --check  # exit 1 if it is out of date

Each footnote definition `[^label]: text <https://address>` on any page is read;
addresses are grouped by publisher type (NATO, governments and international
organisations, other sources) and listed with the pages that cite them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from frontmatter import FrontMatterError, page_title  # noqa: E402

DOCS = Path("docs")
PAGE = DOCS / "reference" / "sources.md"
FOOTNOTE = re.compile(r"^\[\^[^\]]+\]:\s*(.+)$", re.M)
ADDRESS = re.compile(r"<(https?://[^>\s]+)>")

NATO_HOSTS = re.compile(r"(^|\.)(nato\.int|nato-otan\.org)$")
OFFICIAL_HOSTS = re.compile(
    r"(^|\.)(gov|mil|gouv\.fr|gov\.[a-z]{2}|mil\.[a-z]{2}|europa\.eu|parliament\.uk|un\.org|interpol\.int"
    r"|kariuomene\.lt|defensie\.nl|canada\.ca|regjeringen\.no|bundeswehr\.de|diplo\.de)$")
GROUPS = {
    "nato": ("NATO and its commands", "Official pages of NATO, its headquarters, commands and agencies "
             "(nato.int and its subdomains such as shape.nato.int, act.nato.int and mc.nato.int)."),
    "official": ("Governments, parliaments and international organisations",
                 "Pages of national governments, armed forces, parliaments, the EU, the UN and INTERPOL."),
    "other": ("News, research and other sources",
              "News agencies and newspapers, research institutes, encyclopedias and other secondary "
              "sources. Footnotes that rest on these say \"(secondary source)\" where the source is weaker."),
}


def group_of(host: str) -> str:
    if NATO_HOSTS.search(host):
        return "nato"
    if OFFICIAL_HOSTS.search(host):
        return "official"
    return "other"


def collect() -> tuple[dict[str, dict[str, set[Path]]], int]:
    """{group: {address: {pages citing it}}}, and the number of footnotes read."""
    found: dict[str, dict[str, set[Path]]] = defaultdict(lambda: defaultdict(set))
    count = 0
    for path in sorted(DOCS.rglob("*.md")):
        if path == PAGE:
            continue
        for note in FOOTNOTE.findall(path.read_text(encoding="utf-8")):
            count += 1
            for address in ADDRESS.findall(note):
                host = (urlsplit(address).hostname or "").removeprefix("www.")
                found[group_of(host)][address].add(path)
    return found, count


def render() -> str:
    found, count = collect()
    titles = {path: page_title(path, path.stem) for path in sorted(DOCS.rglob("*.md")) if path != PAGE}
    total = sum(len(v) for v in found.values())
    out = [
        "---",
        "title: Sources",
        "description: Every public source cited on this site, grouped by publisher type, with the pages that "
        "cite each one and how sources are graded.",
        "---",
        "",
        "<!-- Generated from the footnotes of every page by scripts/make_sources.py: do not edit by hand. -->",
        "",
        "# Sources",
        "",
        f"The pages of this site carry {count} footnotes citing {total} distinct public addresses. This page lists "
        "them all, grouped by who published them, with the pages that cite each one. It is generated from the "
        "footnotes themselves, so it is always complete.",
        "",
        "## How sources are graded",
        "",
        "Official NATO pages come first, then governments, parliaments and international organisations, then news "
        "agencies and research institutes, and last encyclopedias, mirrors and other secondary sources. Where a "
        "claim rests only on a weaker source, its footnote says \"(secondary source)\"; where sources disagree, the "
        "page shows both. A few footnotes give a publisher without a full address, because the address was not "
        "recorded; they say so. See the [editorial policy](about.md).[^policy]",
        "",
    ]
    for key, (heading, blurb) in GROUPS.items():
        addresses = found.get(key, {})
        out += [f"## {heading}", "", f"{blurb} {len(addresses)} addresses.", ""]
        by_host: dict[str, list[str]] = defaultdict(list)
        for address in addresses:
            by_host[(urlsplit(address).hostname or "").removeprefix("www.")].append(address)
        for host in sorted(by_host):
            out.append(f"??? note \"{host} ({len(by_host[host])})\"")
            out.append("")
            for address in sorted(by_host[host]):
                cited = ", ".join(
                    f"[{titles[p]}]({Path('..', p.relative_to(DOCS)).as_posix()})"
                    for p in sorted(addresses[address]))
                out.append(f"    - <{address}>: {cited}")
            out.append("")
    out += [
        "## Related pages",
        "",
        "- [About this site](about.md): editorial and accuracy policy.",
        "- [Glossary](glossary.md): acronyms and terms.",
        "- [Timeline](timeline.md): dated events, each with its source.",
        "",
        "[^policy]: This site's editorial policy, which sets out the grading. "
        "It follows common practice for reference works; see for example NATO's own archive and library pages, "
        "<https://lc.nato.int/about-us/history>.",
    ]
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the sources page is out of date")
    args = parser.parse_args()
    try:
        text = render()
    except FrontMatterError as err:
        print(err, file=sys.stderr)
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
