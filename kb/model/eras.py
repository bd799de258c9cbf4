"""The site's one era scheme, shared by History, the Timeline, the Operations catalogue, the Summits
pages and the Sources page's boxes of NATO addresses (issue 23).

The eras are the History section's (docs/history/): each starts in the year its History page starts
and runs to the year before the next one starts. A History page is titled with the year its successor
starts ("1966–1991") because both pages tell that year (France's exit in 1966, the Rome summit and the
first NACC meeting in 1991, 11 September 2001, Crimea in 2014); the reference pages, which file each
dated item under one year, give that year to the era that opens with it, as the History overview's
table of eras does ("France leaves the integrated command" under 1966–1991, "NACC" under 1991–2001,
"Article 5 after 11 September 2001" under 2001–2014, "Crimea, Wales" under 2014–today).

A section may start later than an era (no operation before 1990, no summit before 1957) or merge
neighbouring eras (one page for few items), but it never cuts at another year, with one exception the
scheme itself defines: the timeline's parts. A timeline page holds at most about 55 events (a longer
one starts too slowly on a phone: tests/test_site.py), and two eras hold more, so the timeline splits
each of them once, at the year given in TIMELINE_PARTS; no other section cuts there.
"""

from __future__ import annotations

from dataclasses import dataclass

TODAY = 9999          # the last year of the current era: "today"


@dataclass(frozen=True)
class Era:
    slug: str          # the reference pages' address part, "1966-1990"
    first: int
    last: int          # TODAY for the current era
    title: str         # the History page's title without its years
    history: str       # the History page, under docs/

    @property
    def label(self) -> str:
        return label(self.first, self.last)


def label(first: int, last: int) -> str:
    """"1966–1990", "2014–today"."""
    return f"{first}–{'today' if last == TODAY else last}"


def slug(first: int, last: int) -> str:
    """"1966-1990", "2014-today"."""
    return f"{first}-{'today' if last == TODAY else last}"


ERAS = [
    Era("1949-1965", 1949, 1965, "Founding the integrated Alliance", "history/1949-1966.md"),
    Era("1966-1990", 1966, 1990, "Détente, flexible response and the end of the Cold War", "history/1966-1991.md"),
    Era("1991-2000", 1991, 2000, "Partnership, crisis management and enlargement", "history/1991-2001.md"),
    Era("2001-2013", 2001, 2013, "Article 5, Afghanistan and transformation", "history/2001-2014.md"),
    Era("2014-today", 2014, TODAY, "Collective defence renewed", "history/2014-today.md"),
]
BY_SLUG = {e.slug: e for e in ERAS}

# The timeline's parts of its two longest eras: {era slug: (first year of the second part, the two
# parts' titles)}. 1979: the dual-track decision (docs/history/1966-1991.md); 2022: Russia's
# full-scale invasion of Ukraine (docs/history/2014-today.md).
TIMELINE_PARTS = {
    "1966-1990": (1979, ("France's exit, flexible response and détente",
                         "The dual-track decision and the end of the Cold War")),
    "2014-today": (2022, ("Collective defence renewed after Crimea",
                          "Russia's full-scale war and two new Allies")),
}


def era_of(year: int) -> Era:
    return next(e for e in ERAS if e.first <= year <= e.last)


def timeline_pages() -> list[tuple[str, int, int, str, Era]]:
    """The timeline's pages: (slug, first year, last year, title "1966–1978: ...", era), one per era
    or, for the eras of TIMELINE_PARTS, one per part."""
    pages = []
    for e in ERAS:
        if e.slug in TIMELINE_PARTS:
            cut, (one, two) = TIMELINE_PARTS[e.slug]
            parts = [(e.first, cut - 1, one), (cut, e.last, two)]
        else:
            parts = [(e.first, e.last, e.title)]
        pages += [(slug(f, l), f, l, f"{label(f, l)}: {t}", e) for f, l, t in parts]
    return pages


def section_pages(groups: list[tuple[str, ...]], since: int) -> list[tuple[str, str, int, int]]:
    """A section's pages: (slug, label, first year, last year), one per group of neighbouring eras
    (given by slug), the first starting at `since` (the section's first item) when that is later;
    a group wholly before `since` is left out."""
    out = []
    for group in groups:
        eras = [BY_SLUG[s] for s in group]
        assert [ERAS.index(e) for e in eras] == list(range(ERAS.index(eras[0]), ERAS.index(eras[0]) + len(eras))), \
            f"not neighbouring eras: {group}"
        first, last = max(eras[0].first, since), eras[-1].last
        if first <= last:
            out.append((slug(first, last), label(first, last), first, last))
    return out


# The Operations catalogue and the Summits pages: neighbouring eras merged where they hold few items.
OPERATION_GROUPS = [("1949-1965", "1966-1990", "1991-2000"), ("2001-2013",), ("2014-today",)]
SUMMIT_GROUPS = [("1949-1965", "1966-1990"), ("1991-2000",), ("2001-2013",), ("2014-today",)]


def periods() -> list[tuple[int, int, str]]:
    """The Sources page's boxes of NATO addresses by year: (first, last, label), the eras and,
    before them, the documents older than the Alliance."""
    return [(0, ERAS[0].first - 1, f"Before {ERAS[0].first}")] + [(e.first, e.last, e.label) for e in ERAS]
