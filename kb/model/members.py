"""Load and validate data/members.yml, the single source of the member countries.

Used by kb/render/make_reference.py (Members page, one profile page per member, the CSV and JSON
downloads), kb/render/make_charts.py (membership chart, map) and the checker (the member count and
the newest member stated in prose). Every problem is a MembersError with file and line.

A member:
    - country: Poland                 # English short name, as NATO uses it
      slug: poland                    # page name: docs/reference/members/poland.md
      accession: 1999-03-12           # founders: signature of the treaty; others: deposit of the instrument
      round: 4                        # 0 = founding member, 1 = 1952 ... 10 = 2024 (ROUNDS)
      capital: Warsaw                 # optional
      other_names: [Polska]           # optional: other names readers type (search words, not shown)
      french_name: Pologne            # optional: the French name (NATO's second language; search words)
      hosts:                          # optional: NATO bodies and forces on its territory
        - name: Multinational Corps Northeast (Szczecin)
          source: NATO, ... <https://...>
      sources:                        # one footnote or a list, per fact
        accession: NATO, ... <https://...>
        capital: ...
      profile: |                      # optional: Markdown paragraph(s) with footnote markers [^key]
        Poland joined NATO on 12 March 1999 ...[^wh-1999]
      footnotes:                      # every key the profile uses, defined once
        wh-1999: The White House, ... <https://...>
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from kb.model.datafile import DataError, compose, iso_date, mapping_fields, not_after_review, review_date, source, text

MEMBERS_FILE = Path("data/members.yml")
# Enlargement rounds: number -> (label, year). The accession date must fall in that year.
ROUNDS = {0: ("Founding member", 1949), 1: ("1st (1952)", 1952), 2: ("2nd (1955)", 1955), 3: ("3rd (1982)", 1982),
          4: ("4th (1999)", 1999), 5: ("5th (2004)", 2004), 6: ("6th (2009)", 2009), 7: ("7th (2017)", 2017),
          8: ("8th (2020)", 2020), 9: ("9th (2023)", 2023), 10: ("10th (2024)", 2024)}
FIELDS = {"country", "slug", "accession", "round", "capital", "other_names", "french_name", "hosts", "sources",
          "profile", "footnotes"}
REQUIRED = ("country", "slug", "accession", "round", "sources")
SOURCE_FACTS = {"accession", "capital"}
SLUG = re.compile(r"[a-z]+(?:-[a-z]+)*")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


class MembersError(DataError):
    """A problem in the members file, with the line it is on."""


@dataclass
class Host:
    name: str
    source: str
    line: int = 0


@dataclass
class Member:
    country: str
    slug: str
    accession: str
    round: int
    sources: dict[str, list[str]]
    capital: str | None = None
    other_names: list[str] = field(default_factory=list)
    french_name: str | None = None
    hosts: list[Host] = field(default_factory=list)
    profile: str = ""
    footnotes: dict[str, str] = field(default_factory=dict)
    line: int = 0
    cited: list[tuple[str, int]] = field(default_factory=list)   # (source, line in the file), every one

    @property
    def round_label(self) -> str:
        return ROUNDS[self.round][0]

    @property
    def page(self) -> str:
        """The member's profile page, under docs/."""
        return f"reference/members/{self.slug}.md"


def _sources(node: yaml.Node, path: Path, key: str, lines: list[tuple[str, int]]) -> list[str]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    if not items:
        raise MembersError(path, node.start_mark.line + 1, f"'{key}' needs at least one source")
    found = []
    for item in items:
        found.append(source(item, path, key, MembersError))
        lines.append((found[-1], item.start_mark.line + 1))
    return found


def _member(item: yaml.Node, path: Path, review: str) -> Member:
    fields = mapping_fields(item, FIELDS, REQUIRED, MembersError, path, "country, slug, accession, round, sources")
    line = item.start_mark.line + 1
    lines: list[tuple[str, int]] = []
    slug = text(fields["slug"], path, "slug", MembersError)
    if not SLUG.fullmatch(slug):
        raise MembersError(path, fields["slug"].start_mark.line + 1,
                           f"slug '{slug}' must be lowercase letters and hyphens")
    round_text = text(fields["round"], path, "round", MembersError)
    if not round_text.isdigit() or int(round_text) not in ROUNDS:
        raise MembersError(path, fields["round"].start_mark.line + 1,
                           f"round '{round_text}' must be a number from 0 (founding member) to {max(ROUNDS)}")
    accession = iso_date(fields["accession"], path, "accession", MembersError)
    not_after_review(fields["accession"], accession, path, "accession", MembersError, review)
    if len(accession) != 10 or int(accession[:4]) != ROUNDS[int(round_text)][1]:
        raise MembersError(path, fields["accession"].start_mark.line + 1,
                           f"accession {accession} must be a full date in {ROUNDS[int(round_text)][1]}, "
                           f"the year of round {round_text}")
    member = Member(country=text(fields["country"], path, "country", MembersError), slug=slug,
                    accession=accession, round=int(round_text), sources={}, line=line, cited=lines)
    if "capital" in fields:
        member.capital = text(fields["capital"], path, "capital", MembersError)
    if "french_name" in fields:
        member.french_name = text(fields["french_name"], path, "french_name", MembersError)
    if "other_names" in fields:
        names = fields["other_names"]
        if not isinstance(names, yaml.SequenceNode) or not names.value:
            raise MembersError(path, names.start_mark.line + 1, "'other_names' must be a non-empty list of names")
        member.other_names = [text(n, path, "other_names", MembersError) for n in names.value]
    sources = fields["sources"]
    if not isinstance(sources, yaml.MappingNode):
        raise MembersError(path, sources.start_mark.line + 1, "'sources' must map facts (accession, capital) to sources")
    for key_node, value in sources.value:
        if key_node.value not in SOURCE_FACTS:
            raise MembersError(path, key_node.start_mark.line + 1,
                               f"unknown fact '{key_node.value}' in sources (allowed: {', '.join(sorted(SOURCE_FACTS))})")
        member.sources[key_node.value] = _sources(value, path, key_node.value, lines)
    for fact in ("accession", "capital") if member.capital else ("accession",):
        if fact not in member.sources:
            raise MembersError(path, sources.start_mark.line + 1, f"sources: '{fact}' needs a source")
    hosts = fields.get("hosts")
    if hosts is not None:
        if not isinstance(hosts, yaml.SequenceNode):
            raise MembersError(path, hosts.start_mark.line + 1, "'hosts' must be a list of {name, source}")
        for host in hosts.value:
            parts = mapping_fields(host, {"name", "source"}, ("name", "source"), MembersError, path, "name, source")
            member.hosts.append(Host(text(parts["name"], path, "name", MembersError),
                                     source(parts["source"], path, "source", MembersError),
                                     parts["source"].start_mark.line + 1))
            lines.append((member.hosts[-1].source, parts["source"].start_mark.line + 1))
    if "footnotes" in fields:
        notes = fields["footnotes"]
        if not isinstance(notes, yaml.MappingNode):
            raise MembersError(path, notes.start_mark.line + 1, "'footnotes' must map keys to sources")
        for key_node, value in notes.value:
            if key_node.value in member.footnotes:
                raise MembersError(path, key_node.start_mark.line + 1, f"footnote '{key_node.value}' defined twice")
            member.footnotes[str(key_node.value)] = source(value, path, str(key_node.value), MembersError)
            lines.append((member.footnotes[str(key_node.value)], value.start_mark.line + 1))
    if "profile" in fields:
        node = fields["profile"]
        member.profile = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if not member.profile:
            raise MembersError(path, node.start_mark.line + 1, "'profile' must be non-empty Markdown text")
        if re.search(r"<[a-zA-Z/!]", member.profile):
            raise MembersError(path, node.start_mark.line + 1, "'profile' must not contain HTML")
        used = FOOTNOTE_REF.findall(member.profile)
        for key in used:
            if key not in member.footnotes:
                raise MembersError(path, node.start_mark.line + 1, f"profile cites [^{key}], which 'footnotes' does not define")
        for key in member.footnotes:
            if key not in used:
                raise MembersError(path, fields["footnotes"].start_mark.line + 1, f"footnote '{key}' is not cited in the profile")
    elif member.footnotes:
        raise MembersError(path, fields["footnotes"].start_mark.line + 1, "'footnotes' without a 'profile'")
    return member


def load_members(path: Path = MEMBERS_FILE) -> list[Member]:
    """The members in order of accession (then name); MembersError on the first problem."""
    root = compose(path, MembersError, "members")
    if root is None or not isinstance(root, yaml.SequenceNode):
        raise MembersError(path, 1, "the members file must be a YAML list of countries")
    members: list[Member] = []
    seen: dict[tuple[str, str], int] = {}
    review = review_date()
    for item in root.value:
        member = _member(item, path, review)
        for kind, key in (("country", member.country.casefold()), ("slug", member.slug)):
            if (kind, key) in seen:
                raise MembersError(path, member.line, f"{kind} '{key}' appears twice (first on line {seen[kind, key]})")
            seen[kind, key] = member.line
        members.append(member)
    return sorted(members, key=lambda m: (m.accession, m.country))


# Other names a text may use for a member (older events say "Turkey", "West Germany").
ALSO_CALLED = {"Türkiye": ("Turkey",), "Czechia": ("Czech Republic",), "North Macedonia": ("Macedonia",)}


def mentioned(text: str, members: list[Member]) -> list[Member]:
    """The members a text names (whole words), in the order of the list."""
    found = []
    for m in members:
        names = (m.country,) + ALSO_CALLED.get(m.country, ())
        if any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) for name in names):
            found.append(m)
    return found
