"""Render the timeline pages from data/timeline.yml.

    python -m kb.generate timeline          # (re)write the timeline pages
    python -m kb.generate --check timeline  # exit 1 if any is out of date

Outputs (one page per era, so no page is thousands of pixels of table):
  docs/reference/timeline.md              overview: eras, events per decade and per theme
  docs/reference/timeline-<era>.md        the events of one era, by decade, each with its
                                          sources as footnotes and a link to the page that
                                          explains it, and a theme filter (CSS only: it works
                                          offline and without JavaScript; with no :has()
                                          support every event stays visible)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kb.model.text import md_inline
from kb.model import eras
from kb.model.frontmatter import newest_review, page_title
from kb.model.members import load_members, mentioned
from kb.model.timeline import ERAS, THEMES, Event, load_timeline

DOCS = Path("docs")
OVERVIEW = DOCS / "reference" / "timeline.md"
NOTICE = "<!-- Generated from data/timeline.yml by kb/render/make_timeline.py: edit the YAML, not this file. -->"
GENERATED_FROM = "generated_from: [data/timeline.yml, kb/render/make_timeline.py]"   # kb/model/frontmatter.py
# Up to a hundred footnote marks a page: no hover tooltip on them (hooks/tooltips.py says why).
FOOTNOTE_TOOLTIPS = "footnote_tooltips: false  # the sources are numbered at the foot of the page"
MEMBERS: list = []   # events link to the members they name: set by render_all from data/members.yml
GENERATED = [OVERVIEW] + [DOCS / "reference" / f"timeline-{slug}.md" for slug, *_ in ERAS]




def reviewed() -> list[str]:
    newest = newest_review(DOCS, skip=tuple(GENERATED) + (DOCS / "reference" / "glossary.md",
                                                          DOCS / "reference" / "sources.md"))
    return [f"last_reviewed: {newest}"] if newest else []


def render_era(slug: str, first: int, last: int, title: str, events: list[Event], all_events: list[Event]) -> str:
    shown_last = max(e.year for e in events) if last == 9999 and events else last
    out = [
        "---",
        f"title: Timeline {title.split(':')[0]}",
        f"description: Dated, sourced events of NATO's history from {first} to "
        f"{'today' if last == 9999 else last}, each linked to the page that explains it, filterable by theme.",
        *reviewed(),
        FOOTNOTE_TOOLTIPS,
        GENERATED_FROM,
        "---",
        "",
        NOTICE,
        "",
        f"# Timeline {title}",
        "",
        f"{len(events)} events from {first} to {shown_last}, each with its sources and a link to the page that "
        f"explains it. {era_sentence(first, last)} The [timeline overview](timeline.md) lists every era; choose a "
        "theme below to show only its events.",
        "",
        '<fieldset class="kb-theme-filter" data-search-exclude>',
        "<legend>Show events about</legend>",
        '<label><input type="radio" name="kb-theme" value="all" checked> everything</label>',
    ]
    used = Counter(t for e in events for t in e.themes)
    for theme, label in THEMES.items():
        if used[theme]:
            out.append(f'<label><input type="radio" name="kb-theme" value="{theme}"> {label.lower()} '
                       f'({used[theme]})</label>')
    out += ["</fieldset>", ""]
    notes: dict[str, str] = {}
    decade = None
    for event in events:
        if event.year // 10 != decade:
            decade = event.year // 10
            out += [f"## {decade * 10}s", ""]
        refs = ""
        for source in event.sources:
            key = notes.setdefault(source, f"t{len(notes) + 1}")
            refs += f"[^{key}]"
        themes = " · ".join(THEMES[t].lower() for t in event.themes)
        explained = page_title(DOCS / event.page, event.page)
        countries = "".join(f" · [{md_inline(m.country)}](members/{m.slug}.md)" for m in mentioned(event.event, MEMBERS))
        out += [
            f'<div class="kb-event" data-themes="{" ".join(event.themes)}" markdown>',
            "",
            f'**<time datetime="{event.date}">{md_inline(event.shown_date)}</time>**: {md_inline(event.event)}{refs} '
            f'<span class="kb-event__more" data-search-exclude>{md_inline(themes)} · '
            f'[{md_inline(explained)}](../{event.page}){countries}</span>',
            "",
            "</div>",
            "",
        ]
    index = [i for i, (s, *_) in enumerate(ERAS) if s == slug][0]
    out += ["## Related pages", "", "- [Timeline overview](timeline.md): every era, and events per decade and theme."]
    if index > 0:
        prev = ERAS[index - 1]
        out.append(f"- [Timeline {prev[3]}](timeline-{prev[0]}.md): the years before.")
    if index < len(ERAS) - 1:
        nxt = ERAS[index + 1]
        out.append(f"- [Timeline {nxt[3]}](timeline-{nxt[0]}.md): the years after.")
    out += ["- [Members](members.md): every accession in detail.", "- [Sources](sources.md): every source cited.", ""]
    out += [f"[^{key}]: {source}" for source, key in notes.items()]
    return "\n".join(out).rstrip() + "\n"


def history_link(era: eras.Era, to_docs: str) -> str:
    """The era's History page as a link (to_docs: the way from the linking page to docs/), or its
    years alone in the checker's partial test projects, which have no History pages."""
    page = DOCS / era.history
    return f"[{md_inline(page_title(page, era.history))}]({to_docs}{era.history})" if page.is_file() else era.label


def era_sentence(first: int, last: int) -> str:
    """Where an era page stands in the site's one era scheme (kb/model/eras.py)."""
    era = eras.era_of(first)
    if (era.first, era.last) == (first, last):
        if era.last == eras.TODAY:
            return f"The era is that of the History page {history_link(era, '../')}."
        return (f"The era is that of the History page {history_link(era, '../')}; the events of {era.last + 1}, "
                "the year that page ends with, are on the next era's timeline page, as that year opens the next "
                "History page.")
    part = "first" if first == era.first else "second"
    return (f"This is the {part} of the timeline's two pages for the era of the History page "
            f"{history_link(era, '../')}, which holds too many events for one page.")


def render_overview(events: list[Event]) -> str:
    out = [
        "---",
        "title: Timeline",
        "description: A sourced chronology of NATO from the 1949 treaty to today, era by era, with events "
        "per decade and per theme.",
        *reviewed(),
        "search:",
        "  exclude: true  # counts and links only: the era pages hold the events, and are indexed",
        GENERATED_FROM,
        "footnotes: none  # counts and links only: the era pages source each event",
        "---",
        "",
        NOTICE,
        "",
        "# Timeline",
        "",
        f"The timeline holds {len(events)} dated events from {events[0].year} to {events[-1].year}, each with "
        "its sources and a link to the page that explains it, on one page per era; each era page can show only "
        "the events of one theme. The eras are those of the History section, the Operations catalogue and the "
        "Summits pages: each starts in the year its History page starts, and a year that one History page closes "
        "and the next opens belongs to the era it opens. The two eras with the most events have two pages each.",
        "",
        "| Era (History page) | Timeline page | Events |",
        "| --- | --- | ---: |",
    ]
    for slug, first, last, title, era in eras.timeline_pages():
        n = sum(first <= e.year <= last for e in events)
        shown = history_link(era, "../") if first == era.first else ""
        out.append(f"| {shown} | [{title}](timeline-{slug}.md) | {n} |")
    out += ["", "## Events per decade", "", "| Decade | Events |", "| --- | ---: |"]
    for decade, n in sorted(Counter(e.year // 10 * 10 for e in events).items()):
        out.append(f"| {decade}s | {n} |")
    out += ["", "## Events per theme", "", "| Theme | Events |", "| --- | ---: |"]
    counts = Counter(t for e in events for t in e.themes)
    for theme, label in THEMES.items():
        out.append(f"| {label} | {counts[theme]} |")
    out += [
        "",
        "## Related pages",
        "",
        *(["- [History](../history/index.md): how Allied cooperation grew, era by era."]
          if (DOCS / "history" / "index.md").is_file() else []),
        "- [Members](members.md): every accession in detail.",
        "- [Glossary](glossary.md): acronyms and terms.",
        "- [Sources](sources.md): every source cited on the site.",
    ]
    return "\n".join(out).rstrip() + "\n"


def render_all(events: list[Event]) -> dict[Path, str]:
    MEMBERS[:] = load_members() if Path("data/members.yml").is_file() else []
    pages = {OVERVIEW: render_overview(events)}
    for slug, first, last, title in ERAS:
        era = [e for e in events if first <= e.year <= last]
        pages[DOCS / "reference" / f"timeline-{slug}.md"] = render_era(slug, first, last, title, era, events)
    return pages




def outputs() -> dict[Path, str]:
    """The timeline overview and its era pages (kb.generate writes them)."""
    return render_all(load_timeline())
