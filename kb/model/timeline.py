"""Load and validate data/timeline.yml, the single source of the timeline pages.

Used by kb/render/make_timeline.py (which renders the timeline pages) and by the checker.
Every problem is a TimelineError with file and line, never a traceback.

An event:
    - date: 1967-12-14        # ISO: YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known
      end: 1967-12-15         # optional, same forms: the last day of a range
      date_text: Early 1968   # optional: how the date is shown, when the ISO form says too little
      event: Ministers approve the Harmel Report.   # plain text, one or two sentences
      themes: [strategy]      # one or more of THEMES
      page: policies/strategic-concepts.md          # the page (under docs/) that explains it
      sources:                # footnotes in the site's format, each with one https address in <...>
        - NATO, topic page "The Harmel Report". <https://www.nato.int/cps/en/natohq/topics_67927.htm>
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from kb.model.datafile import text as datafile_text
from kb.model.datafile import (ADDRESS, MONTHS, DataError, address_problem, compose, mapping_fields, not_after_review,
                      review_date, show_date, valid_iso)

from kb.model import eras

TIMELINE_FILE = Path("data/timeline.yml")
DOCS = Path("docs")
THEMES = {
    "treaty": "The treaty and its articles",
    "enlargement": "Enlargement",
    "summits": "Summits",
    "strategy": "Strategy and doctrine",
    "structures": "Structures and commands",
    "operations": "Operations and exercises",
    "partnerships": "Partnerships",
    "crises": "Crises and consultations",
    "arms-control": "Arms control",
    "spending": "Defence spending",
    "new-domains": "Cyber, space and new domains",
}
# The timeline's era pages, docs/reference/timeline-<slug>.md: (slug, first year, last year
# (9999: to today), title), from the site's one era scheme (kb/model/eras.py). About fifty events at
# most a page: every event has a source or two as footnotes, and a longer page starts slowly on a
# phone (Lighthouse, median of three: the 98-event page 1949-1989 scored 94-98 in single runs; its
# halves 98 and 100), so the scheme splits its two longest eras in two parts for the timeline.
ERAS = [(slug, first, last, title) for slug, first, last, title, _ in eras.timeline_pages()]


def era_of(year: int) -> str:
    """The slug of the timeline era page that holds a year's events."""
    return next(slug for slug, first, last, _ in ERAS if first <= year <= last)


def eras_between(first: int, last: int) -> list[tuple[str, str]]:
    """(slug, label such as "1949–1966") of the timeline eras that overlap the years first..last."""
    return [(slug, title.split(":")[0]) for slug, f, l, title in ERAS if f <= last and first <= l]


FIELDS = {"date", "end", "date_text", "event", "themes", "page", "sources"}
REQUIRED = ("date", "event", "themes", "page", "sources")


class TimelineError(DataError):
    """A problem in the timeline file, with the line it is on."""


@dataclass
class Event:
    date: str
    event: str
    themes: list[str]
    page: str
    sources: list[str]
    end: str | None = None
    date_text: str | None = None
    line: int = 0
    source_lines: list[int] = field(default_factory=list)

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def shown_date(self) -> str:
        """4 April 1949, 13–14 December 1967, March 2021, 1966 (or date_text)."""
        if self.date_text:
            return self.date_text
        start = _parts(self.date)
        if not self.end:
            return _format(start)
        end = _parts(self.end)
        if len(start) == len(end) == 3 and start[:2] == end[:2]:
            return f"{start[2]}–{_format(end)}"
        if len(start) == len(end) == 3 and start[0] == end[0]:
            return f"{start[2]} {MONTHS[start[1] - 1]} – {_format(end)}"
        return f"{_format(start)} – {_format(end)}"


def _parts(iso: str) -> list[int]:
    return [int(p) for p in iso.split("-")]


def _format(parts: list[int]) -> str:
    return show_date("-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)))


_valid_iso = valid_iso


def _text(node: yaml.Node, path: Path, key: str, plain: bool = True) -> str:
    """Non-empty text; `plain`: no markup, attribute lists or links (datafile.text)."""
    return datafile_text(node, path, key, TimelineError, plain=plain)


def load_timeline(path: Path = TIMELINE_FILE, docs: Path = DOCS) -> list[Event]:
    """Parse and validate the timeline, sorted by date; raise TimelineError on the first problem."""
    root = compose(path, TimelineError, "timeline")
    if root is None or not isinstance(root, yaml.SequenceNode):
        raise TimelineError(path, 1, "the timeline must be a YAML list of events")
    events: list[Event] = []
    seen: dict[tuple[str, str], int] = {}
    review = review_date(docs)
    for item in root.value:
        line = item.start_mark.line + 1
        fields = mapping_fields(item, FIELDS, REQUIRED, TimelineError, path, "date, event, themes, page, sources")
        event = Event(date=_text(fields["date"], path, "date"), event=_text(fields["event"], path, "event"),
                      themes=[], page=_text(fields["page"], path, "page"), sources=[], line=line)
        for key in ("date", "end"):
            if key in fields:
                value = _text(fields[key], path, key)
                if not _valid_iso(value):
                    raise TimelineError(path, fields[key].start_mark.line + 1,
                                        f"'{key}' '{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
                not_after_review(fields[key], value, path, key, TimelineError, review)
                setattr(event, key, value)
        if event.end and event.end < event.date:
            raise TimelineError(path, fields["end"].start_mark.line + 1, f"'end' {event.end} is before 'date'")
        if "date_text" in fields:
            event.date_text = _text(fields["date_text"], path, "date_text")
        for key in ("event", "date_text"):
            value = getattr(event, key)
            if value and re.search(r"[<>]|\[\^", value):
                raise TimelineError(path, fields[key].start_mark.line + 1,
                                    f"'{key}' must be plain text (no <, > or footnotes: sources go in 'sources')")
        themes = fields["themes"]
        if not isinstance(themes, yaml.SequenceNode) or not themes.value:
            raise TimelineError(path, themes.start_mark.line + 1, "'themes' must be a non-empty list")
        for node in themes.value:
            theme = _text(node, path, "themes")
            if theme not in THEMES:
                raise TimelineError(path, node.start_mark.line + 1,
                                    f"unknown theme '{theme}' (one of: {', '.join(THEMES)})")
            event.themes.append(theme)
        if not (docs / event.page).is_file():
            raise TimelineError(path, fields["page"].start_mark.line + 1,
                                f"page '{event.page}' does not exist under {docs}/")
        sources = fields["sources"]
        if not isinstance(sources, yaml.SequenceNode) or not sources.value:
            raise TimelineError(path, sources.start_mark.line + 1, "'sources' must be a non-empty list of footnotes")
        for node in sources.value:
            source = _text(node, path, "sources", plain=False)
            if len(ADDRESS.findall(source)) != 1 or re.search(r"<(?!https://)", source):
                raise TimelineError(path, node.start_mark.line + 1, "each source needs exactly one https address "
                                    "in angle brackets: 'Publisher, title, date. <https://...>'")
            problem = address_problem(ADDRESS.search(source).group(1))
            if problem:
                raise TimelineError(path, node.start_mark.line + 1, problem)
            event.sources.append(source)
            event.source_lines.append(node.start_mark.line + 1)
        key = (event.date, event.event)
        if key in seen:
            raise TimelineError(path, line, f"duplicate event (first on line {seen[key]})")
        seen[key] = line
        events.append(event)
    return sorted(events, key=lambda e: (e.date, e.line))
