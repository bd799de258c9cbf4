"""One era scheme (issue 23): History, the Timeline, the Operations catalogue, the Summits pages and
the Sources page's boxes all cut at the years of kb/model/eras.py; a section may start later or merge
neighbouring eras, and only the timeline splits an era, at the years the scheme gives (TIMELINE_PARTS)."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from kb.model import eras
from kb.render import make_reference
from kb.render import make_sources
from kb.model import timeline

DOCS = ROOT / "docs"
ERA_STARTS = {e.first for e in eras.ERAS}
ERA_ENDS = {e.last for e in eras.ERAS}
PART_CUTS = {cut for cut, _ in eras.TIMELINE_PARTS.values()}


def nav_entries(folder_prefix: str) -> list[tuple[str, str]]:
    """(label, path) of mkdocs.yml's nav entries whose path starts with folder_prefix."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(rf"^\s*- ([^:\n]+): ({re.escape(folder_prefix)}[\w-]+\.md)\s*$", text, re.M)


def test_the_eras_follow_the_history_pages():
    """Each era starts in the year its History page starts and ends the year before the next one
    starts: the History page's title runs to that year ("1966–1991"), which both pages tell."""
    assert [e.first for e in eras.ERAS] == sorted(ERA_STARTS) and eras.ERAS[-1].last == eras.TODAY
    for e, nxt in zip(eras.ERAS, eras.ERAS[1:] + [None]):
        assert nxt is None or e.last == nxt.first - 1
        page = DOCS / e.history
        title = re.search(r'^title: "?([^"\n]+)', page.read_text(encoding="utf-8"), re.M).group(1)
        assert title == f"{e.first}–{nxt.first if nxt else 'today'}: {e.title}", (page, title)
    history_pages = sorted(p.name for p in (DOCS / "history").glob("*.md") if p.name != "index.md")
    assert history_pages == sorted(Path(e.history).name for e in eras.ERAS)


def assert_drawn_from_the_scheme(section: str, pages: list[tuple[int, int]], cuts=frozenset()):
    """Pages in order, without gaps; the first may start later than an era; every other page starts
    an era (or a part the scheme defines: cuts) and every page ends one."""
    for (first, last), nxt in zip(pages, pages[1:] + [None]):
        assert first <= last, (section, first, last)
        assert last in ERA_ENDS or last + 1 in cuts, f"{section}: a page ends in {last}, not at an era's end"
        if nxt:
            assert nxt[0] == last + 1, f"{section}: a gap or overlap after {last}"
            assert nxt[0] in ERA_STARTS | cuts, f"{section}: a page starts in {nxt[0]}, not at an era's start"
    assert pages[-1][1] == eras.TODAY, f"{section}: the last page does not run to today"


def test_every_section_cuts_only_at_the_schemes_years():
    assert_drawn_from_the_scheme("timeline", [(f, l) for _, f, l, _ in timeline.ERAS], PART_CUTS)
    assert_drawn_from_the_scheme("operations", [(f, l) for *_, f, l in make_reference.OPERATION_ERAS])
    assert_drawn_from_the_scheme("summits", [(f, l) for *_, f, l in make_reference.SUMMIT_ERAS])
    assert_drawn_from_the_scheme("sources", [(f, l) for f, l, _ in make_sources.PERIODS[1:]])
    assert make_sources.PERIODS[0][1] == eras.ERAS[0].first - 1
    # Only the timeline uses the parts, and each part's cut lies inside its era.
    for slug, (cut, _) in eras.TIMELINE_PARTS.items():
        assert eras.BY_SLUG[slug].first < cut <= eras.BY_SLUG[slug].last


def test_the_timeline_parts_are_needed():
    """An era is split for the timeline only when it holds more than 55 events (the phone limit of
    tests/test_site.py); no unsplit era holds more."""
    events = timeline.load_timeline()
    for e in eras.ERAS:
        n = sum(e.first <= ev.year <= e.last for ev in events)
        assert (n > 55) == (e.slug in eras.TIMELINE_PARTS), (e.slug, n)


def test_the_generated_pages_and_nav_follow_the_scheme():
    """The era pages on disk and in the nav are those the scheme gives, labelled with their years:
    no page of an earlier scheme is left."""
    expected = {
        "reference/timeline-": [(eras.label(f, l), slug) for slug, f, l, _ in timeline.ERAS],
        "reference/operations/": [(label, slug) for slug, label, *_ in make_reference.OPERATION_ERAS],
        "reference/summits/": [(label, slug) for slug, label, *_ in make_reference.SUMMIT_ERAS],
    }
    for prefix, pages in expected.items():
        assert nav_entries(prefix) == [(label, f"{prefix}{slug}.md") for label, slug in pages], prefix
        on_disk = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.glob(f"{prefix}*.md"))
        assert on_disk == sorted(f"{prefix}{slug}.md" for _, slug in pages), prefix
        for label, slug in pages:
            title = re.search(r"^title: (.+)$", (DOCS / f"{prefix}{slug}.md").read_text(encoding="utf-8"), re.M)
            assert label in title.group(1), (prefix, slug, title.group(1))

