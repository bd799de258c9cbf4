"""Load and validate data/partners.yml: the countries that cooperate with NATO through its partnership
frameworks (the Partnership for Peace and the Euro-Atlantic Partnership Council, the Mediterranean
Dialogue, the Istanbul Cooperation Initiative) or as partners across the globe.

Used by kb/render/make_reference.py (docs/reference/partners.md, one profile page per partner under
docs/reference/partners/, the partners CSV and JSON downloads). Every problem is a PartnersError
with file and line.

The file:
    partners:
      - country: "Ireland"               # English short name; not a member of NATO (data/members.yml)
        slug: ireland                    # page name: docs/reference/partners/ireland.md
        frameworks:                      # one or more of FRAMEWORKS, each once
          - framework: eapc-pfp
            joined: 1999-12-01           # optional: YYYY-MM-DD, YYYY-MM or YYYY, as precise as the source
            sources: [key]               # footnote keys: the partner's place in the framework (and date)
        programme: "Individually ..."    # optional plain text: its partnership programme, where sourced
        programme_sources: [key]         # required with programme
        profile: |                       # a short paragraph with footnote markers [^key]
          Ireland joined the Partnership for Peace on 1 December 1999.[^ireland]
    footnotes:
      key: "Publisher, kind \"Title\", D Month YYYY. <https://...>"

Partners are listed in the order of the file (alphabetical by country); every footnote is cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from kb.model.datafile import (DataError, compose, footnote_keys, footnote_table, iso_date, mapping_fields, not_after_review,
                      review_date, text)

PARTNERS_FILE = Path("data/partners.yml")
# framework -> (name as the pages show it, page under docs/ that explains it)
FRAMEWORKS = {
    "eapc-pfp": ("Partnership for Peace and Euro-Atlantic Partnership Council",
                 "partnerships/partnership-for-peace.md"),
    "md": ("Mediterranean Dialogue", "partnerships/mediterranean-dialogue.md"),
    "ici": ("Istanbul Cooperation Initiative", "partnerships/istanbul-cooperation-initiative.md"),
    "global": ("Partners across the globe", "partnerships/global-partners.md"),
}
FIELDS = {"country", "slug", "frameworks", "programme", "programme_sources", "profile"}
REQUIRED = ("country", "slug", "frameworks", "profile")
SLUG = re.compile(r"[a-z]+(?:-[a-z]+)*")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


class PartnersError(DataError):
    """A problem in the partners file, with the line it is on."""


@dataclass
class Membership:
    framework: str
    sources: list[str]                      # footnote keys
    joined: str | None = None
    line: int = 0

    @property
    def name(self) -> str:
        return FRAMEWORKS[self.framework][0]

    @property
    def page(self) -> str:
        return FRAMEWORKS[self.framework][1]


@dataclass
class Partner:
    country: str
    slug: str
    frameworks: list[Membership]
    profile: str
    programme: str | None = None
    programme_sources: list[str] = field(default_factory=list)
    line: int = 0

    def framework(self, key: str) -> Membership | None:
        return next((m for m in self.frameworks if m.framework == key), None)


@dataclass
class Partners:
    partners: list[Partner]
    footnotes: dict[str, str]                                       # key -> footnote text
    footnote_lines: dict[str, int] = field(default_factory=dict)   # key -> line in the file

    def texts(self, keys: list[str]) -> list[str]:
        return [self.footnotes[k] for k in dict.fromkeys(keys)]

    def of(self, framework: str) -> list[Partner]:
        return [p for p in self.partners if p.framework(framework)]


def _membership(item: yaml.Node, path: Path, footnotes: dict[str, str], review: str) -> Membership:
    f = mapping_fields(item, {"framework", "joined", "sources"}, ("framework", "sources"), PartnersError, path,
                       "framework, sources (and joined)")
    key = text(f["framework"], path, "framework", PartnersError)
    if key not in FRAMEWORKS:
        raise PartnersError(path, f["framework"].start_mark.line + 1,
                            f"unknown framework '{key}' (one of: {', '.join(FRAMEWORKS)})")
    m = Membership(framework=key, sources=footnote_keys(f["sources"], path, "sources", footnotes, PartnersError),
                   line=item.start_mark.line + 1)
    if "joined" in f:
        m.joined = iso_date(f["joined"], path, "joined", PartnersError)
        not_after_review(f["joined"], m.joined, path, "joined", PartnersError, review)
    return m


def _partner(item: yaml.Node, path: Path, footnotes: dict[str, str], members: set[str] | None,
             review: str) -> Partner:
    f = mapping_fields(item, FIELDS, REQUIRED, PartnersError, path, ", ".join(REQUIRED))
    line = item.start_mark.line + 1
    country = text(f["country"], path, "country", PartnersError)
    if members is not None and country in members:
        raise PartnersError(path, f["country"].start_mark.line + 1,
                            f"'{country}' is a member of NATO (data/members.yml), not a partner")
    slug = text(f["slug"], path, "slug", PartnersError)
    if not SLUG.fullmatch(slug):
        raise PartnersError(path, f["slug"].start_mark.line + 1, f"slug '{slug}' must be lowercase words joined by -")
    node = f["frameworks"]
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise PartnersError(path, node.start_mark.line + 1, "'frameworks' must be a list of frameworks")
    memberships: list[Membership] = []
    for entry in node.value:
        m = _membership(entry, path, footnotes, review)
        if any(x.framework == m.framework for x in memberships):
            raise PartnersError(path, m.line, f"'{country}': framework '{m.framework}' given twice")
        memberships.append(m)
    profile = text(f["profile"], path, "profile", PartnersError, plain=False)
    if re.search(r"[<>]", profile):
        raise PartnersError(path, f["profile"].start_mark.line + 1, "'profile' is Markdown text: no HTML")
    for ref in FOOTNOTE_REF.findall(profile):
        if ref not in footnotes:
            raise PartnersError(path, f["profile"].start_mark.line + 1,
                                f"profile of '{country}' cites [^{ref}], which is not defined in 'footnotes'")
    if not FOOTNOTE_REF.search(profile):
        raise PartnersError(path, f["profile"].start_mark.line + 1,
                            f"profile of '{country}' has no footnote: every fact needs its source")
    partner = Partner(country=country, slug=slug, frameworks=memberships, profile=profile, line=line)
    if ("programme" in f) != ("programme_sources" in f):
        given = "programme" if "programme" in f else "programme_sources"
        raise PartnersError(path, f[given].start_mark.line + 1,
                            f"'{country}': 'programme' and 'programme_sources' go together")
    if "programme" in f:
        partner.programme = text(f["programme"], path, "programme", PartnersError)
        partner.programme_sources = footnote_keys(f["programme_sources"], path, "programme_sources", footnotes,
                                                  PartnersError)
    return partner


def load_partners(path: Path = PARTNERS_FILE, members: set[str] | None = None,
                  docs: Path = Path("docs")) -> Partners:
    """The partners in file order; PartnersError on the first problem. members: the member countries
    (data/members.yml), none of which may be listed as a partner; None: not checked."""
    root = compose(path, PartnersError, "partners")
    if root is None or not isinstance(root, yaml.MappingNode):
        raise PartnersError(path, 1, "the partners file must be a mapping with 'partners' and 'footnotes'")
    top = mapping_fields(root, {"partners", "footnotes"}, ("partners", "footnotes"), PartnersError, path,
                         "partners, footnotes")
    result = Partners([], {})
    result.footnotes, result.footnote_lines = footnote_table(top["footnotes"], path, PartnersError)
    items = top["partners"]
    if not isinstance(items, yaml.SequenceNode) or not items.value:
        raise PartnersError(path, items.start_mark.line + 1, "'partners' must be a list of partner countries")
    review = review_date(docs)
    seen: dict[str, int] = {}
    for item in items.value:
        partner = _partner(item, path, result.footnotes, members, review)
        for name in (partner.country, partner.slug):
            if name in seen:
                raise PartnersError(path, partner.line, f"'{name}' is listed twice (first at line {seen[name]})")
            seen[name] = partner.line
        result.partners.append(partner)
    used = {k for p in result.partners for m in p.frameworks for k in m.sources}
    used |= {k for p in result.partners for k in p.programme_sources}
    used |= {k for p in result.partners for k in FOOTNOTE_REF.findall(p.profile)}
    for key, line in result.footnote_lines.items():
        if key not in used:
            raise PartnersError(path, line, f"footnote '{key}' is not cited by any partner")
    return result
