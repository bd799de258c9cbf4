"""Load and validate data/leaders.yml: NATO's Secretaries General, Supreme Allied Commanders Europe,
Transformation and (until 2003) Atlantic, and Chairs of the Military Committee.

Used by kb/render/make_reference.py (docs/reference/leaders.md, the leaders CSV and JSON downloads) and
the checker (kb/check/refdata_checks.py). Every problem is a LeadersError with file and line.

The file:
    holders:
      - post: secretary-general        # one of POSTS
        name: "Mark Rutte"
        nationality: Netherlands       # a country of data/members.yml
        start: 2024-10-01              # YYYY-MM-DD, YYYY-MM or YYYY: as precise as the source
        end: 2028                      # not with current; leave out a date no source gives
        current: true                  # the holder in office (at most one per post)
        acting: true                   # optional: an acting (interim) holder
        note: "Died in office."        # optional plain text
        sources:                       # footnote keys, per fact: nationality, and start, end,
          nationality: [key]           # current and note whenever the holder has them
          start: [key, key2]
    footnotes:
      key: "Publisher, kind \"Title\", D Month YYYY. <https://...>"

A holder needs a start, an end or current: true. Holders of a post are listed in order of office.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from kb.model.datafile import (DataError, boolean, compose, fact_sources, footnote_table, iso_date, mapping_fields,
                      not_after_review, review_date, text)

LEADERS_FILE = Path("data/leaders.yml")
# post -> (heading, singular); the page shows the posts in this order.
POSTS = {
    "secretary-general": ("Secretaries General", "Secretary General"),
    "saceur": ("Supreme Allied Commanders Europe (SACEUR)", "Supreme Allied Commander Europe"),
    "sact": ("Supreme Allied Commanders Transformation (SACT)", "Supreme Allied Commander Transformation"),
    "saclant": ("Supreme Allied Commanders Atlantic (SACLANT, until 2003)", "Supreme Allied Commander Atlantic"),
    "cmc": ("Chairs of the Military Committee", "Chair of the Military Committee"),
}
FIELDS = {"post", "name", "nationality", "start", "end", "current", "acting", "note", "sources"}
REQUIRED = ("post", "name", "nationality", "sources")
FACTS = ("nationality", "start", "end", "current", "note")


class LeadersError(DataError):
    """A problem in the leaders file, with the line it is on."""


@dataclass
class Holder:
    post: str
    name: str
    nationality: str
    start: str | None = None
    end: str | None = None
    current: bool = False
    acting: bool = False
    note: str = ""
    sources: dict[str, list[str]] = field(default_factory=dict)    # fact -> footnote keys
    line: int = 0


@dataclass
class Leaders:
    holders: list[Holder]
    footnotes: dict[str, str]                                       # key -> footnote text
    footnote_lines: dict[str, int] = field(default_factory=dict)   # key -> line in the file

    def of(self, post: str) -> list[Holder]:
        return [h for h in self.holders if h.post == post]

    def texts(self, holder: Holder, *facts: str) -> list[str]:
        """The footnote texts of some of a holder's facts, each once, in order."""
        keys = [k for fact in facts for k in holder.sources.get(fact, [])]
        return [self.footnotes[k] for k in dict.fromkeys(keys)]


def _holder(item: yaml.Node, path: Path, footnotes: dict[str, str], countries: set[str] | None,
            review: str) -> Holder:
    f = mapping_fields(item, FIELDS, REQUIRED, LeadersError, path, ", ".join(REQUIRED))
    line = item.start_mark.line + 1
    post = text(f["post"], path, "post", LeadersError)
    if post not in POSTS:
        raise LeadersError(path, f["post"].start_mark.line + 1, f"unknown post '{post}' (one of: {', '.join(POSTS)})")
    holder = Holder(post=post, name=text(f["name"], path, "name", LeadersError),
                    nationality=text(f["nationality"], path, "nationality", LeadersError), line=line)
    if countries is not None and holder.nationality not in countries:
        raise LeadersError(path, f["nationality"].start_mark.line + 1, f"nationality '{holder.nationality}' is not "
                           "a country of data/members.yml (write its name as there, e.g. 'United Kingdom')")
    for key in ("start", "end"):
        if key in f:
            setattr(holder, key, iso_date(f[key], path, key, LeadersError))
            not_after_review(f[key], getattr(holder, key), path, key, LeadersError, review)
    for key in ("current", "acting"):
        if key in f:
            setattr(holder, key, boolean(f[key], path, key, LeadersError))
    if "note" in f:
        holder.note = text(f["note"], path, "note", LeadersError)
    if holder.current and holder.end:
        raise LeadersError(path, f["end"].start_mark.line + 1, f"'{holder.name}' has an 'end' and 'current: true'")
    if not (holder.start or holder.end or holder.current):
        raise LeadersError(path, line, f"'{holder.name}' needs a 'start', an 'end' or 'current: true'")
    # Compare at the precision both dates share: 1994-08 is not after 1994-08-13.
    if holder.start and holder.end:
        n = min(len(holder.start), len(holder.end))
        if holder.end[:n] < holder.start[:n]:
            raise LeadersError(path, f["end"].start_mark.line + 1,
                               f"'end' {holder.end} is before 'start' {holder.start}")
    stated = {"nationality": True, "start": holder.start, "end": holder.end, "current": holder.current,
              "note": holder.note}
    fact_sources(f, holder, FACTS, stated, path, footnotes, LeadersError)
    return holder


def load_leaders(path: Path = LEADERS_FILE, countries: set[str] | None = None, docs: Path = Path("docs")) -> Leaders:
    """The holders in file order; LeadersError on the first problem. countries: the names a
    nationality may take (the countries of data/members.yml); None: not checked (members.yml unreadable)."""
    root = compose(path, LeadersError, "leaders")
    if root is None or not isinstance(root, yaml.MappingNode):
        raise LeadersError(path, 1, "the leaders file must be a mapping with 'holders' and 'footnotes'")
    top = mapping_fields(root, {"holders", "footnotes"}, ("holders", "footnotes"), LeadersError, path,
                         "holders, footnotes")
    leaders = Leaders([], {})
    leaders.footnotes, leaders.footnote_lines = footnote_table(top["footnotes"], path, LeadersError)
    items = top["holders"]
    if not isinstance(items, yaml.SequenceNode) or not items.value:
        raise LeadersError(path, items.start_mark.line + 1, "'holders' must be a list of office-holders")
    review = review_date(docs)
    current: dict[str, Holder] = {}
    for item in items.value:
        holder = _holder(item, path, leaders.footnotes, countries, review)
        if holder.current:
            if holder.post in current:
                raise LeadersError(path, holder.line, f"two current holders of post '{holder.post}': "
                                   f"'{holder.name}' and '{current[holder.post].name}' (line {current[holder.post].line})")
            current[holder.post] = holder
        leaders.holders.append(holder)
    used = {k for h in leaders.holders for keys in h.sources.values() for k in keys}
    for key, line in leaders.footnote_lines.items():
        if key not in used:
            raise LeadersError(path, line, f"footnote '{key}' is not cited by any holder")
    return leaders


def in_office(h: Holder) -> str:
    """When the holder was in office, as readers see it: '4 July 2025 – present', 'from 1956'."""
    from kb.model.datafile import show_date
    if h.current:
        return f"{show_date(h.start)} – present" if h.start else "in office"
    if h.start and h.end:
        return f"{show_date(h.start)} – {show_date(h.end)}"
    return f"from {show_date(h.start)}" if h.start else f"until {show_date(h.end)}"
