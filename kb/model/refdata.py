"""Load and validate the reference datasets besides members, glossary and timeline:

    data/operations.yml   NATO operations and missions (the catalogue on the Operations page)
    data/summits.yml      summit meetings of Heads of State and Government
    data/spending.yml     defence expenditure per Ally and year, from NATO's report tables

Used by kb/render/make_reference.py (pages, downloads) and kb/render/make_charts.py. Every problem is
a RefDataError with file and line, never a traceback. Schemas: the comments at the top of each file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from kb.model.datafile import (DataError, boolean, compose, footnote_table, integer, iso_date, mapping_fields, not_after_review, review_date,
                      source, text)

DATA = Path("data")
DOCS = Path("docs")
OPERATION_TYPES = {"crisis-response", "article-5", "maritime", "air-policing", "training", "support", "deterrence"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class RefDataError(DataError):
    """A problem in a reference data file, with the line it is on."""


def _root(path: Path, kind: type) -> yaml.Node:
    root = compose(path, RefDataError, path.stem)
    if not isinstance(root, kind):
        raise RefDataError(path, 1, f"{path.name} must be a YAML {'list' if kind is yaml.SequenceNode else 'mapping'}")
    return root


def _top(root: yaml.MappingNode, path: Path, allowed: set[str], required: tuple[str, ...]) -> dict[str, yaml.Node]:
    return mapping_fields(root, allowed, required, RefDataError, path, ", ".join(required))


def _list(node: yaml.Node, path: Path, key: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise RefDataError(path, node.start_mark.line + 1, f"'{key}' must be a list")
    return node.value


def _number(node: yaml.Node, path: Path, key: str, low: float, high: float) -> float:
    value = text(node, path, key, RefDataError)
    try:
        number = float(value)
    except ValueError:
        raise RefDataError(path, node.start_mark.line + 1, f"'{key}' '{value}' is not a number") from None
    if not low <= number <= high:
        raise RefDataError(path, node.start_mark.line + 1, f"'{key}' {number} is outside {low}-{high}")
    return number


# --- Operations -------------------------------------------------------------------------------------
@dataclass
class Operation:
    name: str
    slug: str
    type: str
    type_label: str
    theatre: str
    start: str
    mandate: str
    page: str
    sources: dict[str, list[str]]
    full_name: str | None = None
    end: str | None = None
    ongoing_as_of: str | None = None
    last_reported_active: str | None = None   # no end known; no source within 6 months says it goes on
    dates_note: str | None = None
    peak_strength: Strength | None = None
    line: int = 0

    def precision(self, key: str) -> str | None:
        """'day', 'month' or 'year': how precise the date in `key` (start, end, ...) is."""
        return precision_of(getattr(self, key))


@dataclass
class Strength:
    """An operation's strength as its sources give it: a number of a unit (troops, aircraft) with
    the date it was reached, or `period` when the source dates it only as the operation's height or
    its whole course; a note where sources differ or add detail. A note alone when no number is given."""
    number: int | None = None
    unit: str | None = None
    qualifier: str | None = None     # about, more than, some, close to, up to
    date: str | None = None
    period: str | None = None        # height, operation
    note: str | None = None

    def show(self, show_date) -> str:
        """'about 60,000 troops (December 1995)', then the note."""
        out = ""
        if self.number is not None:
            when = show_date(self.date) if self.date else STRENGTH_PERIODS[self.period]
            out = f"{self.qualifier + ' ' if self.qualifier else ''}{self.number:,} {self.unit} ({when})"
        if self.note:
            out += (". " if out else "") + self.note
        return out


PRECISIONS = {1: "year", 2: "month", 3: "day"}
STRENGTH_QUALIFIERS = ("about", "more than", "some", "close to", "up to")
STRENGTH_PERIODS = {"height": "at its height", "operation": "during the operation"}


def precision_of(iso: str | None) -> str | None:
    """The precision of an ISO date of the site's forms: YYYY year, YYYY-MM month, YYYY-MM-DD day."""
    return PRECISIONS[len(iso.split("-"))] if iso else None


@dataclass
class Operations:
    operations: list[Operation]
    footnotes: dict[str, str]
    footnote_lines: dict[str, int] = field(default_factory=dict)


def _strength(node: yaml.Node, path: Path, review: str) -> Strength:
    """peak_strength: {number, unit, qualifier, date or period, note}; a number needs its unit and its
    date (or period), a strength without a number needs a note."""
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise RefDataError(path, line, "'peak_strength' must be a mapping: {number: 60000, unit: troops, "
                           "date: 1995-12, note: ...} (free text goes in 'note')")
    f = mapping_fields(node, {"number", "unit", "qualifier", "date", "period", "note"}, (), RefDataError, path,
                       "number, unit, date or period")
    s = Strength()
    for key in ("unit", "qualifier", "period", "note"):
        if key in f:
            setattr(s, key, text(f[key], path, key, RefDataError))
    if "number" in f:
        raw = text(f["number"], path, "number", RefDataError)
        if not re.fullmatch(r"[1-9][0-9]*", raw):
            raise RefDataError(path, f["number"].start_mark.line + 1, f"'number' '{raw}' is not a whole number "
                               "(digits only, no commas or words: the words go in 'qualifier', 'unit' or 'note')")
        s.number = int(raw)
        if not s.unit:
            raise RefDataError(path, f["number"].start_mark.line + 1, "'number' needs a 'unit' (troops, aircraft ...)")
        if ("date" in f) == ("period" in f):
            raise RefDataError(path, f["number"].start_mark.line + 1, "'number' needs a 'date' (YYYY-MM-DD, YYYY-MM "
                               f"or YYYY) or, when the source gives none, a 'period' ({', '.join(STRENGTH_PERIODS)})")
    elif not s.note:
        raise RefDataError(path, line, "'peak_strength' needs a 'number' (with its unit and date) or a 'note'")
    else:
        for key in ("unit", "qualifier", "date", "period"):
            if key in f:
                raise RefDataError(path, f[key].start_mark.line + 1, f"'{key}' without a 'number'")
    if "date" in f:
        s.date = iso_date(f["date"], path, "date", RefDataError)
        not_after_review(f["date"], s.date, path, "date", RefDataError, review)
    if s.period is not None and s.period not in STRENGTH_PERIODS:
        raise RefDataError(path, f["period"].start_mark.line + 1, f"'period' '{s.period}' is not one of: "
                           f"{', '.join(STRENGTH_PERIODS)}")
    if s.qualifier is not None and s.qualifier not in STRENGTH_QUALIFIERS:
        raise RefDataError(path, f["qualifier"].start_mark.line + 1, f"'qualifier' '{s.qualifier}' is not one of: "
                           f"{', '.join(STRENGTH_QUALIFIERS)}")
    return s


def load_operations(path: Path = DATA / "operations.yml", docs: Path = DOCS) -> Operations:
    root = _root(path, yaml.MappingNode)
    top = _top(root, path, {"operations", "footnotes"}, ("operations", "footnotes"))
    result = Operations([], {})
    result.footnotes, result.footnote_lines = footnote_table(top["footnotes"], path, RefDataError, empty_ok=True)
    fields_all = {"name", "slug", "full_name", "type", "type_label", "theatre", "start", "end", "ongoing_as_of",
                  "last_reported_active", "start_precision", "end_precision", "dates_note", "mandate",
                  "peak_strength", "page", "sources"}
    required = ("name", "slug", "type", "type_label", "theatre", "start", "mandate", "page", "sources")
    used: set[str] = set()
    slugs: dict[str, int] = {}
    review = review_date(docs)
    for item in _list(top["operations"], path, "operations"):
        f = mapping_fields(item, fields_all, required, RefDataError, path, ", ".join(required))
        line = item.start_mark.line + 1
        op = Operation(**{k: text(f[k], path, k, RefDataError) for k in
                          ("name", "slug", "type", "type_label", "theatre", "mandate", "page")},
                       start=iso_date(f["start"], path, "start", RefDataError), sources={}, line=line)
        for key in ("full_name", "dates_note"):
            if key in f:
                setattr(op, key, text(f[key], path, key, RefDataError))
        for key in ("end", "ongoing_as_of", "last_reported_active"):
            if key in f:
                setattr(op, key, iso_date(f[key], path, key, RefDataError))
        for key in ("start", "end", "ongoing_as_of", "last_reported_active"):
            if getattr(op, key):
                not_after_review(f[key], getattr(op, key), path, key, RefDataError, review)
        for key in ("start", "end"):       # an explicit precision must say what the date's form says
            pkey = f"{key}_precision"
            if pkey in f:
                given = text(f[pkey], path, pkey, RefDataError)
                if key not in f:
                    raise RefDataError(path, f[pkey].start_mark.line + 1, f"'{pkey}' without '{key}'")
                if given != op.precision(key):
                    raise RefDataError(path, f[pkey].start_mark.line + 1, f"'{pkey}' is '{given}' but '{key}' "
                                       f"{getattr(op, key)} is precise to the {op.precision(key)} (YYYY-MM-DD: day, "
                                       "YYYY-MM: month, YYYY: year)")
        if "peak_strength" in f:
            op.peak_strength = _strength(f["peak_strength"], path, review)
        if sum(getattr(op, key) is not None for key in ("end", "ongoing_as_of", "last_reported_active")) != 1:
            raise RefDataError(path, line, f"operation '{op.name}' needs exactly one of 'end', 'ongoing_as_of' or "
                               "'last_reported_active'")
        if op.end and op.end < op.start:
            raise RefDataError(path, f["end"].start_mark.line + 1, f"'end' {op.end} is before 'start' {op.start}")
        if op.type not in OPERATION_TYPES:
            raise RefDataError(path, f["type"].start_mark.line + 1,
                               f"unknown type '{op.type}' (one of: {', '.join(sorted(OPERATION_TYPES))})")
        if not SLUG.fullmatch(op.slug) or op.slug in slugs:
            raise RefDataError(path, f["slug"].start_mark.line + 1, f"slug '{op.slug}' must be unique, lowercase "
                               "letters, digits and hyphens")
        slugs[op.slug] = line
        if not (docs / op.page.split("#")[0]).is_file():
            raise RefDataError(path, f["page"].start_mark.line + 1, f"page '{op.page}' does not exist under {docs}/")
        src = f["sources"]
        if not isinstance(src, yaml.MappingNode):
            raise RefDataError(path, src.start_mark.line + 1, "'sources' must map dates, mandate, strength to keys")
        for fact, keys in src.value:
            if fact.value not in ("dates", "mandate", "strength"):
                raise RefDataError(path, fact.start_mark.line + 1, f"unknown fact '{fact.value}' (dates, mandate, strength)")
            op.sources[fact.value] = []
            for k in _list(keys, path, fact.value):
                if k.value not in result.footnotes:
                    raise RefDataError(path, k.start_mark.line + 1, f"footnote '{k.value}' is not defined in 'footnotes'")
                op.sources[fact.value].append(k.value)
                used.add(k.value)
        for fact in ("dates", "mandate"):
            if not op.sources.get(fact):
                raise RefDataError(path, src.start_mark.line + 1, f"operation '{op.name}' needs a source for its {fact}")
        if op.peak_strength and not op.sources.get("strength"):
            raise RefDataError(path, f["peak_strength"].start_mark.line + 1, "'peak_strength' needs a 'strength' source")
        result.operations.append(op)
    for key, line in result.footnote_lines.items():
        if key not in used:
            raise RefDataError(path, line, f"footnote '{key}' is not used by any operation")
    result.operations.sort(key=lambda o: (o.start, o.line))
    return result


# --- Summits ----------------------------------------------------------------------------------------
@dataclass
class Summit:
    date: str
    place: str
    decisions: list[str]
    sources: list[str]
    end: str | None = None
    country: str | None = None
    name: str | None = None
    line: int = 0
    source_lines: list[int] = field(default_factory=list)


def load_summits(path: Path = DATA / "summits.yml", docs: Path = DOCS) -> list[Summit]:
    summits, seen = [], {}
    review = review_date(docs)
    fields_all = {"date", "end", "place", "country", "name", "main_decisions", "sources"}
    for item in _list(_root(path, yaml.SequenceNode), path, "summits"):
        f = mapping_fields(item, fields_all, ("date", "place", "sources"), RefDataError, path, "date, place, sources")
        s = Summit(date=iso_date(f["date"], path, "date", RefDataError), place=text(f["place"], path, "place", RefDataError),
                   decisions=[], sources=[], line=item.start_mark.line + 1)
        not_after_review(f["date"], s.date, path, "date", RefDataError, review)
        for key in ("country", "name"):
            if key in f:
                setattr(s, key, text(f[key], path, key, RefDataError))
        if "end" in f:
            s.end = iso_date(f["end"], path, "end", RefDataError)
            not_after_review(f["end"], s.end, path, "end", RefDataError, review)
            if s.end < s.date:
                raise RefDataError(path, f["end"].start_mark.line + 1, f"'end' {s.end} is before 'date' {s.date}")
        for node in _list(f["main_decisions"], path, "main_decisions") if "main_decisions" in f else []:
            s.decisions.append(text(node, path, "main_decisions", RefDataError))
        for node in _list(f["sources"], path, "sources"):
            s.sources.append(source(node, path, "sources", RefDataError))
            s.source_lines.append(node.start_mark.line + 1)
        if not s.sources:
            raise RefDataError(path, s.line, "a summit needs at least one source")
        if s.date in seen:
            raise RefDataError(path, s.line, f"two summits on {s.date} (first on line {seen[s.date]})")
        seen[s.date] = s.line
        summits.append(s)
    return sorted(summits, key=lambda s: s.date)


# --- Defence spending -------------------------------------------------------------------------------
@dataclass
class Figure:
    country: str
    year: int
    gdp_share: float
    edition: str
    equipment_share: float | None = None
    estimate: bool = False
    line: int = 0


@dataclass
class Spending:
    editions: dict[str, dict]
    commitments: list[dict]
    figures: list[Figure]
    source_lines: list[tuple[str, int]] = field(default_factory=list)

    def years(self) -> list[int]:
        return sorted({f.year for f in self.figures})

    def by_country(self, country: str) -> list[Figure]:
        return sorted((f for f in self.figures if f.country == country), key=lambda f: f.year)


def load_spending(path: Path = DATA / "spending.yml", members: set[str] | None = None) -> Spending:
    root = _root(path, yaml.MappingNode)
    top = _top(root, path, {"editions", "commitments", "figures", "conflicts"}, ("editions", "commitments", "figures"))
    result = Spending({}, [], [])
    for item in _list(top["editions"], path, "editions"):
        f = mapping_fields(item, {"id", "title", "published", "source", "note"}, ("id", "title", "published", "source"),
                           RefDataError, path, "id, title, published, source")
        ed = {k: text(f[k], path, k, RefDataError) for k in ("id", "title") }
        ed["published"] = iso_date(f["published"], path, "published", RefDataError)
        ed["source"] = source(f["source"], path, "source", RefDataError)
        ed["note"] = text(f["note"], path, "note", RefDataError) if "note" in f else ""
        result.editions[ed["id"]] = ed
        result.source_lines.append((ed["source"], f["source"].start_mark.line + 1))
    for item in _list(top["commitments"], path, "commitments"):
        f = mapping_fields(item, {"year", "summit", "text", "source"}, ("year", "summit", "text", "source"),
                           RefDataError, path, "year, summit, text, source")
        c = {"year": integer(f["year"], path, "year", RefDataError, 1949, 2100), "summit": text(f["summit"], path, "summit", RefDataError),
             "text": text(f["text"], path, "text", RefDataError), "source": source(f["source"], path, "source", RefDataError)}
        result.commitments.append(c)
        result.source_lines.append((c["source"], f["source"].start_mark.line + 1))
    seen: dict[tuple[str, int], int] = {}
    for item in _list(top["figures"], path, "figures"):
        f = mapping_fields(item, {"country", "year", "gdp_share", "equipment_share", "edition", "estimate"},
                           ("country", "year", "gdp_share", "edition"), RefDataError, path, "country, year, gdp_share, edition")
        line = item.start_mark.line + 1
        fig = Figure(country=text(f["country"], path, "country", RefDataError),
                     year=integer(f["year"], path, "year", RefDataError, 1949, 2100),
                     gdp_share=_number(f["gdp_share"], path, "gdp_share", 0, 20),
                     edition=text(f["edition"], path, "edition", RefDataError), line=line)
        if "equipment_share" in f:
            fig.equipment_share = _number(f["equipment_share"], path, "equipment_share", 0, 100)
        if "estimate" in f:
            fig.estimate = boolean(f["estimate"], path, "estimate", RefDataError)
        if fig.edition not in result.editions:
            raise RefDataError(path, f["edition"].start_mark.line + 1, f"unknown edition '{fig.edition}'")
        if members is not None and fig.country not in members:
            raise RefDataError(path, f["country"].start_mark.line + 1,
                               f"'{fig.country}' is not a member in data/members.yml")
        if (fig.country, fig.year) in seen:
            raise RefDataError(path, line, f"{fig.country} {fig.year} given twice (first on line {seen[fig.country, fig.year]})")
        seen[fig.country, fig.year] = line
        result.figures.append(fig)
    return result
