"""Load and validate data/centres-of-excellence.yml (NATO-accredited Centres of Excellence) and
data/exercises.yml (major NATO and Allied exercises since 1949).

Used by kb/render/make_reference.py (docs/reference/centres-of-excellence.md, docs/reference/exercises.md
and their CSV and JSON downloads) and the checker (kb/check/refdata_checks.py). Every problem is
a CoeError or ExercisesError with file and line. Both files follow the design of data/leaders.yml:
entries, then footnotes; each stated fact cites footnote keys in the entry's 'sources'.

data/centres-of-excellence.yml:
    centres:
      - name: "Cooperative Cyber Defence Centre of Excellence"
        field: "Cyber defence"          # its specialism, as its sources describe it
        host: Estonia                   # a country of data/members.yml (the framework nation hosting it)
        city: Tallinn
        accredited: 2008                # optional: YYYY-MM-DD, YYYY-MM or YYYY, as precise as the source
        established: 2008-05            # optional: opened or established
        note: "..."                     # optional plain text
        sources:                        # facts: location (host and city), field, accredited, established, note
          location: [key]
          field: [key]
          accredited: [key]
    footnotes:
      key: "Publisher, kind \"Title\", D Month YYYY. <https://...>"

data/exercises.yml (in order of start date):
    exercises:
      - name: "Trident Juncture 2018"
        start: 2018-10-25               # YYYY-MM-DD, YYYY-MM or YYYY
        end: 2018-11-07                 # optional
        area: "Norway"                  # optional: host country or area
        lead: "NATO"                    # optional: who led or conducted it
        nations: "all 29 Allies, Finland and Sweden"   # optional plain text
        personnel: 50000                # optional whole number of people taking part
        personnel_qualifier: about      # optional, with personnel: about, more than, some, up to
        scale: "65 ships, 250 aircraft" # optional plain text: other reported figures
        note: "..."                     # optional plain text
        page: structures/exercises-training.md   # optional: the page of docs/ that explains it
        sources:                        # facts: dates, area, lead, nations, personnel, scale, note
          dates: [key]
    footnotes: {...}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from kb.model.datafile import (DataError, compose, fact_sources, footnote_table, integer, iso_date, mapping_fields,
                      not_after_review, review_date, show_date, text)

COE_FILE = Path("data/centres-of-excellence.yml")
EXERCISES_FILE = Path("data/exercises.yml")
FIRST_ACCREDITATION = "2005-06-01"    # the first centre's formal accreditation (c2coe.org, June 2018)
QUALIFIERS = ("about", "more than", "some", "up to")


class CoeError(DataError):
    """A problem in the Centres of Excellence file, with the line it is on."""


class ExercisesError(DataError):
    """A problem in the exercises file, with the line it is on."""


@dataclass
class Centre:
    name: str
    field: str
    host: str
    city: str
    accredited: str | None = None
    established: str | None = None
    note: str = ""
    sources: dict[str, list[str]] = field(default_factory=dict)
    line: int = 0


@dataclass
class Exercise:
    name: str
    start: str
    end: str | None = None
    area: str = ""
    lead: str = ""
    nations: str = ""
    personnel: int | None = None
    personnel_qualifier: str = ""
    scale: str = ""
    note: str = ""
    page: str = ""
    sources: dict[str, list[str]] = field(default_factory=dict)
    line: int = 0

    def when(self) -> str:
        """When it ran, each date as precise as its source: '13–23 September 1952', 'March 2022 – April 2022'."""
        if not self.end or self.end == self.start:
            return show_date(self.start)
        if len(self.start) == len(self.end) == 10 and self.start[:7] == self.end[:7]:
            return f"{int(self.start[8:])}–{show_date(self.end)}"
        return f"{show_date(self.start)} – {show_date(self.end)}"

    def people(self) -> str:
        if self.personnel is None:
            return ""
        return f"{self.personnel_qualifier + ' ' if self.personnel_qualifier else ''}{self.personnel:,}"


@dataclass
class Dataset:
    entries: list                                                    # Centre or Exercise, in file order
    footnotes: dict[str, str]                                        # key -> footnote text
    footnote_lines: dict[str, int] = field(default_factory=dict)   # key -> line in the file

    def texts(self, entry, *facts: str) -> list[str]:
        """The footnote texts of some of an entry's facts, each once, in order."""
        keys = [k for fact in facts for k in entry.sources.get(fact, [])]
        return [self.footnotes[k] for k in dict.fromkeys(keys)]


def _load(path: Path, list_key: str, what: str, error, read_entry) -> Dataset:
    root = compose(path, error, what)
    if root is None or not isinstance(root, yaml.MappingNode):
        raise error(path, 1, f"the {what} file must be a mapping with '{list_key}' and 'footnotes'")
    top = mapping_fields(root, {list_key, "footnotes"}, (list_key, "footnotes"), error, path,
                         f"{list_key}, footnotes")
    data = Dataset([], {})
    data.footnotes, data.footnote_lines = footnote_table(top["footnotes"], path, error)
    items = top[list_key]
    if not isinstance(items, yaml.SequenceNode) or not items.value:
        raise error(path, items.start_mark.line + 1, f"'{list_key}' must be a list of {what}")
    seen: dict[str, int] = {}
    for item in items.value:
        entry = read_entry(item, data.footnotes)
        if entry.name in seen:
            raise error(path, entry.line, f"'{entry.name}' is listed twice (first on line {seen[entry.name]})")
        seen[entry.name] = entry.line
        data.entries.append(entry)
    used = {k for e in data.entries for keys in e.sources.values() for k in keys}
    for key, line in data.footnote_lines.items():
        if key not in used:
            raise error(path, line, f"footnote '{key}' is not cited by any entry")
    return data


def _dates(f: dict, entry, keys: tuple[str, ...], path: Path, error, review: str) -> None:
    for key in keys:
        if key in f:
            setattr(entry, key, iso_date(f[key], path, key, error))
            not_after_review(f[key], getattr(entry, key), path, key, error, review)


def _not_before(f: dict, later_key: str, later: str | None, earlier_key: str, earlier: str | None, path: Path,
                error) -> None:
    """Compare at the precision both dates share: 1994-08 is not before 1994-08-13."""
    if later and earlier:
        n = min(len(later), len(earlier))
        if later[:n] < earlier[:n]:
            raise error(path, f[later_key].start_mark.line + 1,
                        f"'{later_key}' {later} is before '{earlier_key}' {earlier}")


# --- Centres of Excellence ----------------------------------------------------------------------------
COE_FIELDS = {"name", "field", "host", "city", "accredited", "established", "note", "sources"}
COE_REQUIRED = ("name", "field", "host", "city", "sources")
COE_FACTS = ("location", "field", "accredited", "established", "note")


def load_centres(path: Path = COE_FILE, countries: set[str] | None = None, docs: Path = Path("docs")) -> Dataset:
    """The centres in file order; CoeError on the first problem. countries: the names a host may take
    (the countries of data/members.yml); None: not checked."""
    review = review_date(docs)

    def read(item: yaml.Node, footnotes: dict[str, str]) -> Centre:
        f = mapping_fields(item, COE_FIELDS, COE_REQUIRED, CoeError, path, ", ".join(COE_REQUIRED))
        c = Centre(name=text(f["name"], path, "name", CoeError), field=text(f["field"], path, "field", CoeError),
                   host=text(f["host"], path, "host", CoeError), city=text(f["city"], path, "city", CoeError),
                   line=item.start_mark.line + 1)
        if countries is not None and c.host not in countries:
            raise CoeError(path, f["host"].start_mark.line + 1, f"host '{c.host}' is not a country of "
                           "data/members.yml (write its name as there, e.g. 'Türkiye')")
        _dates(f, c, ("accredited", "established"), path, CoeError, review)
        if c.accredited:
            n = len(c.accredited)
            if c.accredited < FIRST_ACCREDITATION[:n]:
                raise CoeError(path, f["accredited"].start_mark.line + 1, f"'accredited' {c.accredited} is before "
                               f"the first accreditation of a Centre of Excellence, {show_date(FIRST_ACCREDITATION)}")
        _not_before(f, "accredited", c.accredited, "established", c.established, path, CoeError)
        if "note" in f:
            c.note = text(f["note"], path, "note", CoeError)
        stated = {"location": True, "field": True, "accredited": c.accredited, "established": c.established,
                  "note": c.note}
        fact_sources(f, c, COE_FACTS, stated, path, footnotes, CoeError)
        return c

    return _load(path, "centres", "Centres of Excellence", CoeError, read)


# --- Exercises ----------------------------------------------------------------------------------------
EXERCISE_FIELDS = {"name", "start", "end", "area", "lead", "nations", "personnel", "personnel_qualifier", "scale",
                   "note", "page", "sources"}
EXERCISE_REQUIRED = ("name", "start", "sources")
EXERCISE_FACTS = ("dates", "area", "lead", "nations", "personnel", "scale", "note")


def load_exercises(path: Path = EXERCISES_FILE, docs: Path = Path("docs")) -> Dataset:
    """The exercises in file order (by start date); ExercisesError on the first problem."""
    review = review_date(docs)
    previous: list[Exercise] = []

    def read(item: yaml.Node, footnotes: dict[str, str]) -> Exercise:
        f = mapping_fields(item, EXERCISE_FIELDS, EXERCISE_REQUIRED, ExercisesError, path,
                           ", ".join(EXERCISE_REQUIRED))
        e = Exercise(name=text(f["name"], path, "name", ExercisesError), start="", line=item.start_mark.line + 1)
        _dates(f, e, ("start", "end"), path, ExercisesError, review)
        _not_before(f, "end", e.end, "start", e.start, path, ExercisesError)
        for key in ("area", "lead", "nations", "scale", "note"):
            if key in f:
                setattr(e, key, text(f[key], path, key, ExercisesError))
        if "personnel" in f:
            e.personnel = integer(f["personnel"], path, "personnel", ExercisesError, 1, 10_000_000)
        if "personnel_qualifier" in f:
            e.personnel_qualifier = text(f["personnel_qualifier"], path, "personnel_qualifier", ExercisesError)
            if e.personnel_qualifier not in QUALIFIERS:
                raise ExercisesError(path, f["personnel_qualifier"].start_mark.line + 1,
                                     f"'personnel_qualifier' must be one of: {', '.join(QUALIFIERS)}")
            if e.personnel is None:
                raise ExercisesError(path, f["personnel_qualifier"].start_mark.line + 1,
                                     "'personnel_qualifier' without 'personnel'")
        if "page" in f:
            e.page = text(f["page"], path, "page", ExercisesError)
            if not e.page.endswith(".md") or not (docs / e.page).is_file():
                raise ExercisesError(path, f["page"].start_mark.line + 1,
                                     f"'page' {e.page} is not a page of {docs.as_posix()}/")
        if previous and e.start < previous[-1].start[:len(e.start)]:
            raise ExercisesError(path, f["start"].start_mark.line + 1, f"'{e.name}' starts before "
                                 f"'{previous[-1].name}' (line {previous[-1].line}): list exercises by start date")
        previous.append(e)
        stated = {"dates": True, "area": e.area, "lead": e.lead, "nations": e.nations,
                  "personnel": e.personnel is not None, "scale": e.scale, "note": e.note}
        fact_sources(f, e, EXERCISE_FACTS, stated, path, footnotes, ExercisesError)
        return e

    return _load(path, "exercises", "exercises", ExercisesError, read)
