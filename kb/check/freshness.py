"""Time: what a page or a data file says stays true as its review date passes.

- A sentence that presents a dated event as still to come ("will be held", "is scheduled",
  "scheduled for", "is to be held", "planned for", "upcoming", "next summit", "NATO set its summit
  for ...") when that date is before the review date: an error, at the line of the sentence.
- "As of <date>" more than 12 months before the review date: a warning (update it, or re-check).
- An operation's `ongoing_as_of` more than 6 months before the data's review date: an error.

A page's review date is its front matter `last_reviewed`. A data file (data/*.yml) has none of its
own: its review date is the newest `last_reviewed` among the pages (kb/model/frontmatter.py), and
its problems are reported at their line in the YAML. Generated pages are skipped: what they say
comes from data/ and is reported there.

Dates read in a sentence: 2026-07-08; 8 July 2026 and 7–8 July 2026; July 8, 2026; July 2026;
2026 and 2023–24. A date counts by its last day (July 2026 -> 31 July 2026; 2026 -> 31 December
2026), so a month or year that contains the review date is never "before" it. A day and month
without a year (7–8 July) takes the year of the sentence when the sentence names exactly one.
The event's date is the first date after the future phrase, else the last one before it; for a
timeline event (`event:`) the entry's own `date`/`end`.
Quoted text (titles), footnote definitions and sources are not read: a title such as "NATO to
hold 2026 summit" is the source's wording, not the site's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import yaml

from .project import Page, Problem, is_generated_page

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTH = "(?:" + "|".join(MONTHS) + ")"
DASH = r"\s*[–—-]\s*"
# One alternation, longest forms first, so a full date is never also read as a year.
DATES = re.compile(
    rf"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
    rf"|\b(?P<d1>\d{{1,2}}) (?P<m1>{MONTH}){DASH}(?P<d2>\d{{1,2}}) (?P<m2>{MONTH}) (?P<y2>(?:19|20)\d\d)\b"
    rf"|\b(?:\d{{1,2}}{DASH})?(?P<d>\d{{1,2}}) (?P<m>{MONTH})(?: (?P<y>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<um>{MONTH}) (?:\d{{1,2}}{DASH})?(?P<ud>\d{{1,2}}),? (?P<uy>(?:19|20)\d\d)\b"
    rf"|\b(?:{MONTH}{DASH})?(?P<mm>{MONTH}) (?P<my>(?:19|20)\d\d)\b"
    rf"|\b(?P<y0>(?:19|20)\d\d){DASH}(?P<yend>\d\d(?:\d\d)?)\b"
    rf"|\b(?P<yy>(?:19|20)\d\d)\b(?![-/]\d)")

# Phrases that present an event as still to come. The participles (group `bare`) are also used
# of past plans ("a meeting planned for 6 December had been vetoed"), so a sentence that says
# what happened (PAST) is not read as a forecast through them.
FUTURE = re.compile(
    r"\bwill\s+(?:be\s+held|take\s+place|be\s+hosted|host|meet|convene|open|begin|start)\b"
    r"|\b(?:is|are)\s+(?:to\s+be\s+held|to\s+take\s+place|to\s+meet|to\s+convene|due\s+to|expected\s+to|"
    r"planned\s+for|scheduled|set\s+for|slated)\b"
    r"|(?P<bare>\bscheduled\s+(?:for|to|on|in|at|dates?)\b|^\s*scheduled\b|\bplanned\s+for\b"
    r"|\bupcoming\b|\bforthcoming\b|\bnext\s+summit\b"
    r"|\bset\s+(?:its|that|the|this)\s+(?:[\w-]+\s+){0,3}?(?:summit|meeting)s?\s+for\b)", re.I)
PAST = re.compile(r"\b(?:was|were|had|been|did|took\s+place|went\s+ahead|curtailed|cancell?ed|postponed|"
                  r"called\s+off)\b", re.I)
AS_OF = re.compile(r"\bas\s+of\s+", re.I)
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')
FOOTNOTE_REF = re.compile(r"\[\^[^\]]*\]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])|\s*\|\s*")
FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:")

AS_OF_MONTHS = 12          # "as of" older than this before the review date: a warning
ONGOING_MONTHS = 6         # an operation's ongoing_as_of older than this: an error
DATA_SKIP = {"publishers.yml", "tags.yml"}        # registries, not statements
SOURCE_KEYS = {"sources", "source", "footnotes", "page", "slug", "related", "themes"}


# --- dates ------------------------------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def iso_first_day(value: str) -> dt.date | None:
    """The first day of YYYY-MM-DD, YYYY-MM or YYYY; None when it is not a date."""
    last = iso_last_day(value)
    if last is None:
        return None
    parts = str(value).strip().split("-")
    return last if len(parts) == 3 else last.replace(day=1) if len(parts) == 2 else last.replace(month=1, day=1)


def iso_last_day(value: str) -> dt.date | None:
    """The last day of YYYY-MM-DD, YYYY-MM or YYYY; None when it is not a date."""
    try:
        parts = [int(p) for p in str(value).strip().split("-")]
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            return month_end(*parts)
        if len(parts) == 1 and 1000 <= parts[0] <= 9999:
            return dt.date(parts[0], 12, 31)
    except (ValueError, TypeError):
        pass
    return None


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def read_dates(text: str) -> list[tuple[int, int, dt.date | None, str]]:
    """(start, end, last day or None when the year is missing, the words) of every date in `text`."""
    found = []
    for m in DATES.finditer(text):
        g = m.groupdict()
        try:
            if g["iso"]:
                last = dt.date.fromisoformat(g["iso"])
            elif g["y2"]:
                last = dt.date(int(g["y2"]), MONTHS.index(g["m2"]) + 1, int(g["d2"]))
            elif g["m"]:
                last = dt.date(int(g["y"]), MONTHS.index(g["m"]) + 1, int(g["d"])) if g["y"] else None
            elif g["uy"]:
                last = dt.date(int(g["uy"]), MONTHS.index(g["um"]) + 1, int(g["ud"]))
            elif g["my"]:
                last = month_end(int(g["my"]), MONTHS.index(g["mm"]) + 1)
            elif g["y0"]:
                end = g["yend"]
                last = dt.date(int(g["y0"][:2] + end) if len(end) == 2 else int(end), 12, 31)
            else:
                last = dt.date(int(g["yy"]), 12, 31)
        except ValueError:      # 31 February: not a date
            continue
        found.append([m.start(), m.end(), last, m.group(0)])
    years = {item[2].year for item in found if item[2] is not None}
    for n, item in enumerate(found):     # "its 2026 summit for 7–8 July": 8 July 2026
        if item[2] is None:
            earlier = [i[2].year for i in found[:n] if i[2] is not None]
            year = earlier[-1] if earlier else next(iter(years)) if len(years) == 1 else None
            m = DATES.match(item[3])
            try:
                item[2] = dt.date(year, MONTHS.index(m.group("m")) + 1, int(m.group("d"))) if year else None
            except ValueError:
                pass
    return [tuple(item) for item in found]


def show(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- sentences --------------------------------------------------------------------------------


def blank(pattern: re.Pattern, text: str) -> str:
    """`text` with every match of `pattern` replaced by spaces (offsets kept)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def sentences(text: str) -> list[str]:
    """The sentences (and table cells) of a line of prose, quotes and footnote markers blanked."""
    text = blank(FOOTNOTE_REF, blank(QUOTED, text))
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def future_claims(text: str, review: dt.date, event_date: dt.date | None = None) -> list[tuple[str, str]]:
    """(phrase, message) for each sentence of `text` that presents an event dated before `review` as
    still to come."""
    messages = []
    for sentence in sentences(text):
        match = FUTURE.search(sentence)
        if not match or (match.group("bare") and PAST.search(sentence)):
            continue
        dates = [d for d in read_dates(sentence) if d[2] is not None]
        clause = sentence.find(";", match.end())     # "...are expected to change; in 2018 ...": not its date
        after = [d for d in dates if d[0] >= match.end() and (clause < 0 or d[1] <= clause)]
        before = [d for d in dates if d[1] <= match.start()]
        chosen = after[0] if after else before[-1] if before else None
        day = event_date or (chosen[2] if chosen else None)
        if day is None or day >= review:
            continue
        phrase = " ".join(sentence[match.start():chosen[1] if chosen and chosen in after else match.end()].split())
        if len(phrase) > 80:
            phrase = " ".join(match.group(0).split())
        messages.append((phrase, f"'{phrase}' presents an event of {show(day)} as still to come, but the facts "
                                 f"were reviewed on {review} (say what happened, e.g. 'was held on ...', or leave "
                                 "it out)"))
    return messages


def stale_as_of(text: str, review: dt.date) -> list[tuple[str, str]]:
    """(phrase, message) for each "as of <date>" in `text` more than AS_OF_MONTHS before `review`."""
    limit = months_before(review, AS_OF_MONTHS)
    messages = []
    text = blank(FOOTNOTE_REF, blank(QUOTED, text))
    for match in AS_OF.finditer(text):
        found = DATES.match(text, match.end())
        if not found:
            continue
        dates = read_dates(found.group(0))
        day = dates[0][2] if dates else None
        if day is not None and day < limit:
            phrase = match.group(0) + found.group(0)
            messages.append((phrase, f"'{phrase}' is more than {AS_OF_MONTHS} months before the review date "
                                     f"{review}: check the fact and give a newer date, or say when it held"))
    return messages


# --- pages ------------------------------------------------------------------------------------


def generated(page: Page) -> bool:
    return is_generated_page(page)   # front matter `generated_from` (kb/model/frontmatter.py)


def prose_lines(page: Page) -> list[tuple[int, str]]:
    """The page's prose lines without footnote definitions (sources are not statements)."""
    markup = dict(page.markup)
    out, in_note = [], False
    for number, text in page.prose:
        raw = markup.get(number, "")
        if FOOTNOTE_DEF.match(raw):
            in_note = True
            continue
        if in_note and (raw.startswith(("    ", "\t")) or not raw.strip()):
            continue
        in_note = False
        out.append((number, text))
    return out


def check_page_freshness(pages: list[Page]) -> list[Problem]:
    """Future tense about a past date (error) and old "as of" dates (warning) in hand-written pages."""
    problems = []
    for page in pages:
        review = as_date(page.meta.get("last_reviewed")) if page.meta else None
        if review is None or generated(page):
            continue            # no review date: the front-matter check reports it
        for number, text in prose_lines(page):
            problems += [Problem(page.path, number, m) for _, m in future_claims(text, review)]
            problems += [Problem(page.path, number, m, warning=True) for _, m in stale_as_of(text, review)]
    return problems


# --- data files -------------------------------------------------------------------------------


def data_review(docs: Path) -> dt.date | None:
    from kb.model.frontmatter import newest_review

    return as_date(newest_review(docs)) if docs.is_dir() else None


def scalar_line(node: yaml.ScalarNode, lines: list[str], needle: str) -> int:
    """The file line of `needle` inside a (possibly multi-line) scalar, else the scalar's first line."""
    first, last = node.start_mark.line, node.end_mark.line
    words = " ".join(needle.split()[:4])
    for number in range(first, min(last, len(lines) - 1) + 1):
        if words and words in " ".join(lines[number].split()):
            return number + 1
    return first + 1 + (node.style in ("|", ">") and first < last)


def walk(node, review: dt.date, path: str, lines: list[str], problems: list[Problem]) -> None:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            walk(item, review, path, lines, problems)
        return
    if not isinstance(node, yaml.MappingNode):
        return
    fields = {str(k.value): v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    event_date = None
    if "event" in fields:   # a timeline entry: its sentence is about its own date
        for key in ("end", "date"):
            if isinstance(fields.get(key), yaml.ScalarNode):
                event_date = iso_last_day(fields[key].value)
                if event_date:
                    break
    for key, value in fields.items():
        if key in SOURCE_KEYS:
            continue
        if key == "ongoing_as_of" and isinstance(value, yaml.ScalarNode):
            # a year or a month counts from its first day: "2026" is not evidence of December 2026
            day, limit = iso_first_day(value.value), months_before(review, ONGOING_MONTHS)
            if day and day < limit:
                name = fields["name"].value if isinstance(fields.get("name"), yaml.ScalarNode) else "operation"
                problems.append(Problem(path, value.start_mark.line + 1, f"'{name}' ongoing_as_of {value.value} is "
                                        f"more than {ONGOING_MONTHS} months before the data's review date {review} "
                                        "(confirm it is still running, with a dated source, and update the date; "
                                        "or give its 'end')"))
            continue
        if isinstance(value, yaml.ScalarNode):
            text = str(value.value)
            if "://" in text or not re.search(r"[A-Za-z]{3}", text):
                continue    # a source, or a bare number or date
            for line_text in text.splitlines() or [text]:
                for needle, message in future_claims(line_text, review, event_date if key == "event" else None):
                    problems.append(Problem(path, scalar_line(value, lines, needle), message))
                for needle, message in stale_as_of(line_text, review):
                    problems.append(Problem(path, scalar_line(value, lines, needle), message, warning=True))
        else:
            walk(value, review, path, lines, problems)


def check_data_freshness(docs: Path, data: Path = Path("data")) -> list[Problem]:
    """The same rules in the data files (and `ongoing_as_of`), at their YAML line."""
    review = data_review(docs)
    if review is None or not data.is_dir():
        return []
    problems: list[Problem] = []
    for file in sorted(data.glob("*.yml")):
        if file.name in DATA_SKIP:
            continue
        try:
            text = file.read_text(encoding="utf-8")
            root = yaml.compose(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue            # the file's own check reports it
        walk(root, review, file.as_posix(), text.splitlines(), problems)
    return problems
