"""Reference data: data/members.yml, operations.yml, summits.yml, spending.yml, leaders.yml,
centres-of-excellence.yml, exercises.yml and partners.yml are valid; their
sources follow the sourcing policy (reported at their line in the data file); and prose on the hand-written pages agrees with the data.

Facts stated once: a page may repeat a member fact in its own words, and this check holds the words
to the data. It reads three forms, which are how the site states them:
    "NATO has 32 member countries" (also "the Alliance now has 32 members/Allies/member states")
    "Poland joined NATO on 12 March 1999" (the country directly before "joined", not "X and Y joined")
    "Sweden was the most recent to join" (also newest/latest/last, "member/Ally to join")
and reports a number, date or name that differs from data/members.yml at its line.
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.model.datafile import DataError, show_date

from kb.model.text import addresses

from .project import Page, Problem, is_generated_page
from .sources import source_problems

DATA_FILES = ("data/members.yml", "data/operations.yml", "data/summits.yml", "data/spending.yml")
OPTIONAL_FILES = ("data/leaders.yml", "data/centres-of-excellence.yml",    # checked when present; a project
                  "data/exercises.yml", "data/partners.yml")                  # without them still has its pages
COUNT = re.compile(r"\b(?:NATO|the Alliance) (?:now |today )?has (\d+) (?:member countries|member states|members|Allies)\b")
NEWEST = re.compile(r"\b([A-Z][\w-]+(?: [A-Z][\w-]+)?) (?:was|is|became) the (?:most recent|newest|latest|last) "
                    r"(?:member |Ally |country )?to join\b")
DATE = r"(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})"


def _data_problem(err: DataError) -> Problem:
    return Problem(str(err.path), err.line, err.message)


def check_reference_data(registry) -> list[Problem]:
    """Validity and sources at their data line (kb/check/generated.py: the generated outputs)."""
    from kb.model.coe_exercises import load_centres, load_exercises
    from kb.model.leaders import load_leaders
    from kb.model.members import load_members
    from kb.model.partners import load_partners
    from kb.model.refdata import load_operations, load_spending, load_summits

    present = [name for name in DATA_FILES + OPTIONAL_FILES if Path(name).is_file()]
    if "data/members.yml" not in present:
        return []
    cited: list[tuple[str, str, int]] = []
    problems: list[Problem] = []
    members = None

    def members_cited():
        nonlocal members
        members = load_members()
        return [("data/members.yml", text, line) for m in members for text, line in m.cited]

    def operations_cited():
        ops = load_operations()
        return [("data/operations.yml", ops.footnotes[k], line) for k, line in ops.footnote_lines.items()]

    def summits_cited():
        return [("data/summits.yml", text, line) for s in load_summits() for text, line in zip(s.sources, s.source_lines)]

    def spending_cited():
        known = {m.country for m in members} if members is not None else None
        return [("data/spending.yml", text, line) for text, line in load_spending(members=known).source_lines]

    def leaders_cited():
        known = {m.country for m in members} if members is not None else None
        found = load_leaders(countries=known)
        return [("data/leaders.yml", found.footnotes[k], line) for k, line in found.footnote_lines.items()]

    def centres_cited():
        known = {m.country for m in members} if members is not None else None
        found = load_centres(countries=known)
        return [("data/centres-of-excellence.yml", found.footnotes[k], line) for k, line in found.footnote_lines.items()]

    def exercises_cited():
        found = load_exercises()
        return [("data/exercises.yml", found.footnotes[k], line) for k, line in found.footnote_lines.items()]

    def partners_cited():
        known = {m.country for m in members} if members is not None else None
        found = load_partners(members=known)
        return [("data/partners.yml", found.footnotes[k], line) for k, line in found.footnote_lines.items()]

    # Each file on its own: an error in one (at its line) does not hide the errors of the others.
    for name, read in (("data/members.yml", members_cited), ("data/operations.yml", operations_cited),
                       ("data/summits.yml", summits_cited), ("data/spending.yml", spending_cited),
                       ("data/leaders.yml", leaders_cited), ("data/centres-of-excellence.yml", centres_cited),
                       ("data/exercises.yml", exercises_cited), ("data/partners.yml", partners_cited)):
        if name in present:
            try:
                cited += read()
            except DataError as err:
                problems.append(_data_problem(err))
    if problems:
        return problems
    for path, text, line in cited:
        urls = addresses(text)
        problems += [Problem(path, line, f"source {message}") for message in source_problems(registry, text, urls)]
    return problems


def check_facts_in_prose(pages: list[Page]) -> list[Problem]:
    """Hand-written prose that restates a member fact agrees with data/members.yml."""
    from kb.model.members import ALSO_CALLED, load_members

    try:
        members = load_members()
    except DataError:
        return []           # reported by check_reference_data
    by_name = {}
    for m in members:
        for name in (m.country,) + ALSO_CALLED.get(m.country, ()):
            by_name[name] = m
    newest = max(members, key=lambda m: m.accession)
    joined = re.compile(rf"(?<!and )\b({'|'.join(map(re.escape, sorted(by_name, key=len, reverse=True)))}) "
                        rf"joined (?:NATO|the Alliance) on {DATE}")
    problems = []
    for page in pages:
        if is_generated_page(page):
            continue
        for line, text in page.prose:
            for match in COUNT.finditer(text):
                if int(match.group(1)) != len(members):
                    problems.append(Problem(page.path, line, f"'{match.group(0)}' contradicts data/members.yml: "
                                            f"{len(members)} members"))
            for match in NEWEST.finditer(text):
                if match.group(1) not in (newest.country,) + ALSO_CALLED.get(newest.country, ()):
                    problems.append(Problem(page.path, line, f"'{match.group(0)}' contradicts data/members.yml: "
                                            f"the most recent member is {newest.country}"))
            for match in joined.finditer(text):
                member = by_name[match.group(1)]
                said = f"{match.group(2)} {match.group(3)} {match.group(4)}"
                if said != show_date(member.accession):
                    problems.append(Problem(page.path, line, f"'{match.group(0)}' contradicts data/members.yml: "
                                            f"{member.country} joined on {show_date(member.accession)}"))
    return problems
