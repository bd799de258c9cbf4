"""Render the reference pages and downloads from data/ (members, operations, summits, spending).

    python -m kb.generate reference          # (re)write the pages and the downloads
    python -m kb.generate --check reference  # exit 1 if any is out of date (make test)

Outputs (like the glossary and the timeline: edit the YAML, never these files):
  docs/reference/members.md               all members: count, table (joined, round), chart, map
  docs/reference/members/<slug>.md        one profile per member: facts, profile, hosts, spending
  docs/reference/operations.md            the eras, each naming its operations and missions
  docs/reference/operations/<era>.md      the catalogue proper, a page per era (as the timeline's)
  docs/reference/summits.md               the eras, each naming its summits
  docs/reference/summits/<era>.md         each era's summits with their main decisions
  docs/reference/spending.md              defence spending per Ally: chart, commitments, the latest year
  docs/reference/spending/<year>.md       every earlier year's table, a page each
  docs/reference/leaders.md               Secretaries General, SACEURs, SACTs, SACLANTs, Chairs of the MC
  docs/reference/centres-of-excellence.md NATO-accredited Centres of Excellence: host, city, field, dates
  docs/reference/exercises.md             major exercises since 1949: dates, area, lead, nations, size
  docs/reference/partners.md              NATO's partner countries, the frameworks they joined and when
  docs/reference/partners/<slug>.md       one profile per partner: frameworks, programme, profile
  docs/reference/data.md                  the downloads, their fields and licence
  (the timeline and glossary pages come from make_timeline.py and make_glossary.py; their downloads,
  like every dataset's, from here, so that the Data page lists them all)
  docs/assets/data/<set>.csv and .json    each dataset, with its sources
Each page's footnotes are numbered in reading order, one per distinct source.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from kb.model.text import md_inline
from kb.model.coe_exercises import COE_FILE, EXERCISES_FILE, Dataset, load_centres, load_exercises
from kb.model import eras
from kb.model.datafile import show_date
from kb.model.glossary import GLOSSARY_FILE, load_glossary
from kb.model.leaders import LEADERS_FILE, POSTS, Leaders, in_office, load_leaders
from kb.render.make_charts import MEMBER_SIZE, member_chart_alt, member_chart_name
from kb.model.members import MEMBERS_FILE, Member, load_members, mentioned
from kb.model.partners import FRAMEWORKS, PARTNERS_FILE, Partners, load_partners
from kb.model.refdata import Operations, Spending, Summit, load_operations, load_spending, load_summits
from kb.model.timeline import TIMELINE_FILE, era_of, eras_between


def cell(text: str) -> str:
    """Data text in these pages, which are mostly tables: kb/model/text.py's rule, pipes too."""
    return md_inline(text, table=True)


DOCS = Path("docs")
REF = DOCS / "reference"
DOWNLOADS = DOCS / "assets" / "data"
REVIEWED = "last_reviewed: 2026-11-30"
NOTICE = "<!-- Generated from {src} by kb/render/make_reference.py: edit the YAML, not this file. -->"
LICENCE = "CC BY 4.0"
COUNT_SOURCE = ('NATO, topic page "Enlargement and Article 10" (last updated 8 March 2024). '
                "<https://www.nato.int/cps/en/natohq/topics_49212.htm>")




class Notes:
    """A page's footnotes: one per distinct source text, numbered in the order first cited.
    `grouped`: the sources of one fact share one footnote (one mark instead of several: the
    catalogue's rows cite up to four sources a fact, and every mark costs a phone start-up time)."""

    def __init__(self, grouped: bool = False):
        self.texts: list[str] = []
        self.grouped = grouped

    def cite(self, *sources: str) -> str:
        sources = tuple(dict.fromkeys(sources))
        if self.grouped and len(sources) > 1:
            sources = ("; ".join(text.rstrip() for text in sources),)
        marks = []
        for text in sources:
            if text not in self.texts:
                self.texts.append(text)
            marks.append(f"[^{self.texts.index(text) + 1}]")
        return "".join(dict.fromkeys(marks))

    def render(self) -> list[str]:
        return [""] + [f"[^{i}]: {text}" for i, text in enumerate(self.texts, 1)]


def quoted(value: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front(title: str, description: str, *extra: str) -> list[str]:
    return ["---", f"title: {quoted(title)}", f"description: {quoted(description)}", REVIEWED, *extra, "---", ""]


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


# --- Members -----------------------------------------------------------------------------------------
def members_page(members: list[Member]) -> str:
    notes = Notes()
    newest = max(members, key=lambda m: m.accession)
    founders = [m for m in members if m.round == 0]
    rounds = max(m.round for m in members)
    out = front("Members", f"All {len(members)} NATO member countries with accession dates, enlargement rounds "
                "and a profile of each, generated from data/members.yml.")
    out += [NOTICE.format(src=MEMBERS_FILE), "", "# Members", "",
            f"As of 30 November 2026, NATO has {len(members)} member countries.{notes.cite(COUNT_SOURCE)} "
            f"Membership grew from {len(founders)} founding members in 1949 through {rounds} rounds of enlargement; "
            f"{newest.country} was the most recent to join, on {show_date(newest.accession)}."
            f"{notes.cite(*newest.sources['accession'])} Each country has its own page: what it hosts, its "
            "profile and its defence spending as NATO reports it. The legal procedure is explained in "
            "[Membership and enlargement](../foundations/membership-enlargement.md).", "",
            "## Members by date of accession", "",
            "For founding members the date is the signature of the treaty (4 April 1949); for the others, the date "
            "they deposited their instrument of accession. The same data as a table file: "
            "[CSV](../assets/data/members.csv), [JSON](../assets/data/members.json) (fields on the "
            "[Data](data.md) page).", "",
            # Capitals (sourced for 20 of 32) are on each profile and in the downloads: here they left a
            # column with gaps, twenty more footnote markers (Lighthouse: 99, not 100) and a fourth column on phones.
            "| Member | Joined | Round |", "| --- | --- | --- |"]
    for m in members:
        joined = f"{show_date(m.accession)}{notes.cite(*m.sources['accession'])}"
        out.append(f"| [{cell(m.country)}](members/{m.slug}.md) | {joined} | {cell(m.round_label)} |")
    # The chart and the map come after the table: below the first screen, so their images load
    # only when a reader scrolls to them (the first view stays under 100 KB).
    out += ["", "## Membership growth and the map", "", '--8<-- "figures/membership.md"', "",
            '--8<-- "figures/members-map.md"', "",
            "## Related pages", "",
            "- [Membership and enlargement](../foundations/membership-enlargement.md): Article 10, the accession "
            "procedure and the Finnish and Swedish delays.",
            "- [Timeline](timeline.md): accessions alongside other events.",
            "- [Defence spending by Ally](spending.md): NATO's figures for every member.",
            "- [Data](data.md): this table as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


def member_page(m: Member, members: list[Member], spending: Spending, timeline_events) -> str:
    notes = Notes()
    out = front(cell(m.country), f"{cell(m.country)} in NATO: member since {show_date(m.accession)} "
                f"({m.round_label.lower() if m.round == 0 else ordinal(m.round) + ' enlargement round'}), what it hosts, "
                "and its defence spending as NATO reports it.")
    out += [NOTICE.format(src=MEMBERS_FILE), "", f"# {cell(m.country)}", "",
            "| | |", "| --- | --- |",
            f"| Member since | {show_date(m.accession)}{notes.cite(*m.sources['accession'])} |",
            f"| Enlargement round | {cell(m.round_label)} |"]
    if m.capital:
        out.append(f"| Capital | {cell(m.capital)}{notes.cite(*m.sources['capital'])} |")
    out.append("")
    if m.profile:
        # The profile's own keys become this page's numbers, in the order the profile cites them.
        profile = re.sub(r"\[\^([^\]\s]+)\]", lambda ref: notes.cite(m.footnotes[ref.group(1)]), m.profile)
        out += ["## Profile", "", profile, ""]
    if m.hosts:
        out += ["## NATO bodies and forces it hosts", ""]
        out += [f"- {cell(h.name)}{notes.cite(h.source)}" for h in m.hosts]
        out.append("")
    figures = spending.by_country(m.country)
    if figures:
        edition = spending.editions[figures[-1].edition]
        last = figures[-1]
        out += ["## Defence spending", "",
                f"NATO's figures for {cell(m.country)}, from *{cell(edition['title'])}* "
                f"(published {show_date(edition['published'])}): {last.gdp_share:.2f}% of GDP in {last.year}"
                f"{' (estimate)' if last.estimate else ''}, against {figures[0].gdp_share:.2f}% in {figures[0].year}."
                f"{notes.cite(edition['source'])} Every year and every Ally: [Defence spending by Ally](../spending.md).",
                "", *member_figure(m, figures, edition, notes),
                '<div class="kb-web-only" data-search-exclude markdown>', "",    # on the spending page: search, print
                "| Year | Share of GDP | Share on major equipment |", "| --- | --- | --- |"]
        for f in figures:
            equipment = f"{f.equipment_share:.2f}%" if f.equipment_share is not None else ""
            out.append(f"| {f.year}{' (estimate)' if f.estimate else ''} | {f.gdp_share:.2f}% | {equipment} |")
        out += ["", "</div>", ""]
    elif m.country == "Iceland":
        edition = spending.editions[next(iter(spending.editions))]
        out += ["## Defence spending", "", f"Iceland has no armed forces, and NATO's *{cell(edition['title'])}* "
                f"(published {show_date(edition['published'])}) gives no defence expenditure figure for it; its tables "
                f"give figures for the other Allies.{notes.cite(edition['source'])}", ""]
    events = [e for e in timeline_events if m in mentioned(e.event, members)]
    if events:
        # Each event is sourced where it is told, on the timeline page it links to; here it is a
        # pointer (no second set of footnotes), for the screen only.
        out += ["## In the timeline { .kb-web-only }", "", '<div class="kb-web-only" data-search-exclude markdown>', "",
                f"Events of the [timeline](../timeline.md) that name {cell(m.country)}, each sourced on its timeline page:", ""]
        for e in events[:12]:
            era = era_of(e.year)
            out.append(f"- {e.shown_date}: {cell(e.event)} ([timeline {era.replace('-', '–')}](../timeline-{era}.md))")
        out += ["", "</div>", ""]
    same = [x for x in members if x.round == m.round and x is not m]
    out += ["## Related pages", "", "- [Members](../members.md): all members, the map and the membership chart."]
    if same:
        out.append(f"- Same {'founding group' if m.round == 0 else 'enlargement round'}: "
                   + ", ".join(f"[{cell(x.country)}]({x.slug}.md)" for x in same) + ".")
    out.append("- [Membership and enlargement](../../foundations/membership-enlargement.md): how countries join.")
    return "\n".join(out + notes.render()) + "\n"


def member_figure(m: Member, figures, edition: dict, notes: Notes) -> list[str]:
    """The member's small chart of its share of GDP by year (kb/render/make_charts.py), with alt text
    and a caption naming the edition; extra.css (.kb-figure--small) shows it at most 360 px wide."""
    width, height = MEMBER_SIZE
    src = f"../../assets/charts/members/{member_chart_name(m.slug)}"
    first, last = figures[0], figures[-1]
    return ['<figure class="kb-figure kb-figure--small" markdown>',
            f"![{member_chart_alt(m.country, figures)}]({src}){{ loading=lazy width={width} height={height} }}",
            "<figcaption markdown>",
            f"{cell(m.country)}'s defence expenditure as a share of GDP, {first.year}–{last.year}, from NATO's "
            f"*{cell(edition['title'])}* (published {show_date(edition['published'])}); hollow markers are "
            f"estimates.{notes.cite(edition['source'])} Every Ally: [Defence spending by Ally](../spending.md).",
            "</figcaption>", "</figure>", ""]


# --- Operations ---------------------------------------------------------------------------------------
def eras_table(folder: str, column: str, eras, entries) -> list[str]:
    """An overview's table of eras naming their entries, each linked to its place on the era page
    (folder/<era>.md#anchor); entries(first, last) gives (name, anchor) pairs. Dates, facts and
    sources are on the era pages, so the table is out of the search index (and print skips the page)."""
    out = ['<div data-search-exclude markdown>', "", f"| Era | {column} |", "| --- | --- |"]
    for slug, label, first, last in eras:
        era = entries(first, last)
        names = ", ".join(f"[{name}]({folder}/{slug}.md#{anchor})" for name, anchor in era)
        out.append(f"| [{label}]({folder}/{slug}.md) ({len(era)}) | {names} |")
    return out + ["", "</div>", ""]


# The catalogue's pages: the site's eras (kb/model/eras.py), the first three merged and starting
# with the first operation (1990); (slug, label, first year, last year).
OPERATION_ERAS = eras.section_pages(eras.OPERATION_GROUPS, since=1990)


def in_era(records: list, first: int, last: int, when=lambda r: r.start) -> list:
    """The records (operations by start, summits by date: when) whose year is in first..last."""
    return [r for r in records if first <= int(when(r)[:4]) <= last]


def dates_of(o) -> str:
    if o.end:
        return f"{show_date(o.start)} – {show_date(o.end)}"
    if o.ongoing_as_of:
        return f"{show_date(o.start)} – ongoing (as of {show_date(o.ongoing_as_of)})"
    return f"{show_date(o.start)} – no end reported (last reported active {show_date(o.last_reported_active)})"


# NATO's own overview of its operations, cited on the catalogue's overview page.
OPERATIONS_TOPIC = ('NATO, topic page "Operations and missions: past and present" (last updated 10 July 2023). '
                    "<https://www.nato.int/cps/en/natohq/topics_52060.htm?selectedLocale=en>")


def operations_page(ops: Operations) -> str:
    """The overview: the eras and their operations; the catalogue proper (dates, mandate, theatre,
    strength, sources) is on one page per era, which keeps each page short."""
    notes = Notes()
    out = front("Operations catalogue", f"The {len(ops.operations)} NATO operations and missions covered on this site "
                "by era; the era pages give their dates, where, under which mandate and at what strength, each "
                "sourced. Generated from data/operations.yml.")
    dates_cite = lambda *some: notes.cite(*(ops.footnotes[k] for o in some for k in o.sources.get("dates", [])))
    out += [NOTICE.format(src="data/operations.yml"), "", "# Operations catalogue", "",
            f"NATO's operations and missions{notes.cite(OPERATIONS_TOPIC)} from "
            f"{ops.operations[0].start[:4]}{dates_cite(ops.operations[0])} to "
            f"today: {len(ops.operations)} entries. Each era's page marks those still running with the latest date "
            "their sources confirm, and gives every operation's dates, theatre, mandate and strength with their sources "
            "and a link to the page that explains it. Download: [CSV](../assets/data/operations.csv), "
            "[JSON](../assets/data/operations.json).", ""]
    out += eras_table("operations", "Operations and missions begun in it", OPERATION_ERAS,
                      lambda first, last: [(cell(o.name), o_anchor(o)) for o in in_era(ops.operations, first, last)])
    out += ["## Related pages", "", "- [Operations and missions](../operations/index.md): the overview.",
            "- [Timeline](timeline.md): the operations among other events.",
            "- [Data](data.md): this catalogue as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


def timeline_links(first: int, last: int) -> str:
    """Links, from a page one folder below reference/, to the timeline eras covering first..last."""
    return "Timeline " + " and ".join(f"[{label}](../timeline-{slug}.md)" for slug, label in eras_between(first, last))


def o_anchor(o) -> str:
    return "op-" + re.sub(r"[^a-z0-9]+", "-", o.name.lower()).strip("-")


def operations_era_page(ops: Operations, slug: str, label: str, first: int, last: int) -> str:
    notes = Notes(grouped=True)
    era = in_era(ops.operations, first, last)
    out = front(f"Operations catalogue, {label}", f"The {len(era)} NATO operations and missions begun in {label}: "
                "where, when, under which mandate and at what strength, each sourced; generated from data/operations.yml.",
                # some forty footnote marks a page: no hover tooltips (hooks/tooltips.py says why)
                "footnote_tooltips: false  # the sources are numbered at the foot of the page")
    out += [NOTICE.format(src="data/operations.yml"), "", f"# Operations catalogue, {label}", "",
            f"The {len(era)} operations and missions begun in {label}, oldest first. Each links to the page that "
            "explains it. Every era: [Operations catalogue](../operations.md).", "",
            "Dates are as precise as their sources: a day (12 June 1999), a month (March 2004) or a year (1995). "
            "Strength is the largest figure the sources give, with the date it was reached, or “at its height” or "
            "“during the operation” when they give none.", "",
            '<div class="kb-catalogue" markdown>', "",     # print: breaks between rows (extra.css)
            "| Operation | Dates | Where, mandate, strength |", "| --- | --- | --- |"]
    for o in era:
        cite = lambda fact: notes.cite(*(ops.footnotes[k] for k in o.sources.get(fact, [])))
        dates = dates_of(o) + cite("dates")          # cited first: the dates column comes first
        where = f"**{cell(o.theatre)}**<br>{cell(o.mandate)}{cite('mandate')}"
        if o.peak_strength:
            where += f"<br>Strength: {cell(o.peak_strength.show(show_date))}{cite('strength')}"
        if o.dates_note:
            where += f"<br>*Dates: {cell(o.dates_note)}*"
        out.append(f'| <span id="{o_anchor(o)}"></span>[**{cell(o.name)}**](../../{o.page})<br>{cell(o.type_label)} '
                   f"| {dates} | {where} |")
    around = [f"[{lab}]({sl}.md)" for sl, lab, _, _ in OPERATION_ERAS if sl != slug]
    out += ["", "</div>", "", "## Related pages", "", f"- Other eras: {', '.join(around)}.",
            "- [Operations and missions](../../operations/index.md): the overview.",
            f"- {timeline_links(first, last)}: the same years' events.",
            "- [Data](../data.md): this catalogue as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


# --- Summits ------------------------------------------------------------------------------------------
# The summits' pages: the site's eras (kb/model/eras.py), the first two merged and starting with
# the first summit (1957); (slug, label, first year, last year).
SUMMIT_ERAS = eras.section_pages(eras.SUMMIT_GROUPS, since=1957)


def summit_place(s: Summit) -> str:
    return cell(s.place) + (f", {cell(s.country)}" if s.country else "")


def summit_title(s: Summit) -> str:
    return f"{cell(s.name) if s.name else summit_place(s)}, {s.date[:4]}"


def summit_anchor(s: Summit) -> str:
    return f"summit-{s.date}"


def summit_when(s: Summit) -> str:
    return show_date(s.date) if not s.end else f"{show_date(s.date)} – {show_date(s.end)}"


def summits_page(summits: list[Summit]) -> str:
    """The overview: the eras and their summits; dates, decisions and sources on one page per era."""
    notes = Notes()
    out = front("Summits", f"All {len(summits)} NATO summit meetings from {cell(summits[0].place)} {summits[0].date[:4]} "
                f"to {cell(summits[-1].place)} {summits[-1].date[:4]} by era; the era pages give their main decisions "
                "and sources. Generated from data/summits.yml.")
    out += [NOTICE.format(src="data/summits.yml"), "", "# Summits", "",
            "Summits are meetings of the North Atlantic Council at the level of Heads of State and Government. "
            f"This site lists {len(summits)}, from the first in {summits[0].date[:4]}{notes.cite(*summits[0].sources)} "
            f"to the latest in {summits[-1].date[:4]}.{notes.cite(*summits[-1].sources)} Each era's page gives the main decisions their sources record. Download: "
            "[CSV](../assets/data/summits.csv), [JSON](../assets/data/summits.json).", ""]
    out += eras_table("summits", "Summits", SUMMIT_ERAS,
                      lambda first, last: [(summit_title(s), summit_anchor(s))
                                           for s in in_era(summits, first, last, when=lambda s: s.date)])
    out += ["## Related pages", "", "- [Timeline](timeline.md): the summits among other events.",
            "- [Strategic Concepts](../policies/strategic-concepts.md): the concepts adopted at summits.",
            "- [Data](data.md): this list as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


def summits_era_page(summits: list[Summit], slug: str, label: str, first: int, last: int) -> str:
    notes = Notes()
    era = in_era(summits, first, last, when=lambda s: s.date)
    out = front(f"Summits, {label}", f"The {len(era)} NATO summit meetings of {label}, with their main decisions "
                "and sources; generated from data/summits.yml.")
    out += [NOTICE.format(src="data/summits.yml"), "", f"# Summits, {label}", "",
            f"The {len(era)} summits of {label}, oldest first, with the main decisions their sources record. Every "
            "era: [Summits](../summits.md).", ""]
    for s in era:
        out += [f"## {summit_title(s)} {{ #{summit_anchor(s)} }}", "",
                f"**{summit_when(s)}**, {summit_place(s)}.{notes.cite(*s.sources)}", ""]
        out += [f"- {cell(d)}" for d in s.decisions] + ([""] if s.decisions else [])
    around = [f"[{lab}]({sl}.md)" for sl, lab, _, _ in SUMMIT_ERAS if sl != slug]
    out += ["## Related pages", "", f"- Other eras: {', '.join(around)}.",
            f"- {timeline_links(first, last)}: the same years' events.",
            "- [Strategic Concepts](../../policies/strategic-concepts.md): the concepts adopted at summits.",
            "- [Data](../data.md): every summit as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


# --- Spending -----------------------------------------------------------------------------------------
def spending_table(spending: Spending, members: list[Member], year: int, to_members: str) -> list[str]:
    """One year's table, highest share first; member links relative to the page (to_members)."""
    slug = {m.country: m.slug for m in members}
    rows = sorted((f for f in spending.figures if f.year == year), key=lambda f: -f.gdp_share)
    out = ["| Ally | Share of GDP | Share on major equipment |", "| --- | --- | --- |"]
    for f in rows:
        equipment = f"{f.equipment_share:.2f}%" if f.equipment_share is not None else ""
        out.append(f"| [{cell(f.country)}]({to_members}{slug[f.country]}.md) | {f.gdp_share:.2f}% | {equipment} |")
    return out


def at_2(spending: Spending, year: int) -> int:
    return sum(1 for f in spending.figures if f.year == year and f.gdp_share >= 2)


def estimated(spending: Spending, year: int) -> bool:
    return any(f.estimate for f in spending.figures if f.year == year)


def spending_page(spending: Spending, members: list[Member]) -> str:
    """The overview: edition, commitments, chart and the latest year; each earlier year has its own
    page (spending_year_page), which keeps every page short (Lighthouse: a page with all 341 rows
    spent half a second in the theme's start-up)."""
    notes = Notes()
    years = spending.years()
    latest = years[-1]
    edition = spending.editions[spending.figures[0].edition]
    out = front("Defence spending by Ally", f"Defence expenditure of each NATO Ally as a share of GDP and on major "
                f"equipment, {years[0]}–{latest}, from NATO's own tables; generated from data/spending.yml.")
    out += [NOTICE.format(src="data/spending.yml"), "", "# Defence spending by Ally", "",
            f"NATO publishes each Ally's defence expenditure every year. The figures below are from *{cell(edition['title'])}*, "
            f"published {show_date(edition['published'])}.{notes.cite(edition['source'])} {cell(edition['note'])} "
            f"In {years[0]}, {at_2(spending, years[0])} Allies spent 2% of GDP or more; in {latest}, "
            f"{at_2(spending, latest)}.{notes.cite(edition['source'])} The guidelines themselves are explained in "
            "[Defence spending guidelines](../policies/defence-spending.md). Download: "
            "[CSV](../assets/data/spending.csv), [JSON](../assets/data/spending.json).", "",
            '--8<-- "figures/spending.md"', "", "## Commitments", ""]
    for c in spending.commitments:
        out.append(f"- **{c['summit']}, {c['year']}**: {cell(c['text'])}{notes.cite(c['source'])}")
    out += ["", f"## {latest}{' (estimates)' if estimated(spending, latest) else ''}", "",
            '<div class="kb-year" data-search-exclude markdown>', "",
            *spending_table(spending, members, latest, "members/"), "", "</div>", "",
            "## Earlier years", "", "One page per year, each with every Ally's figures:", ""]
    for y in reversed(years[:-1]):
        out.append(f"- [{y}](spending/{y}.md){' (estimates)' if estimated(spending, y) else ''}: "
                   f"{at_2(spending, y)} Allies at 2% of GDP or more")
    out += ["", "## Related pages", "", "- [Defence spending guidelines](../policies/defence-spending.md): 2%, 20% and 5%.",
            "- [Burden-sharing](../policies/burden-sharing.md): who carries which costs.",
            "- [Data](data.md): these tables as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


def spending_year_page(spending: Spending, members: list[Member], year: int) -> str:
    notes = Notes()
    years = spending.years()
    edition = spending.editions[next(f.edition for f in spending.figures if f.year == year)]
    estimate = " (estimates)" if estimated(spending, year) else ""
    out = front(f"Defence spending by Ally, {year}", f"Defence expenditure of each NATO Ally in {year}{estimate} as a "
                "share of GDP and on major equipment, from NATO's own tables; generated from data/spending.yml.",
                # Out of the search index: ten pages titled "Defence spending" would push the topic
                # page off the first results; the overview (indexed) links every year.
                "search:", "  exclude: true")
    out += [NOTICE.format(src="data/spending.yml"), "", f"# Defence spending by Ally, {year}{estimate}", "",
            f"Figures from *{cell(edition['title'])}*, published {show_date(edition['published'])}."
            f"{notes.cite(edition['source'])} In {year}, {at_2(spending, year)} Allies spent 2% of GDP or more. "
            "Notes on the figures, the chart and the latest year: [Defence spending by Ally](../spending.md).", "",
            '<div class="kb-year" data-search-exclude markdown>', "",
            *spending_table(spending, members, year, "../members/"), "", "</div>", ""]
    around = [f"[{y}]({y}.md)" if y != years[-1] else f"[{y}](../spending.md)" for y in (year - 1, year + 1) if y in years]
    out += ["## Related pages", "", f"- Other years: {', '.join(around)}; every year: [Defence spending by Ally](../spending.md).",
            "- [Defence spending guidelines](../../policies/defence-spending.md): 2%, 20% and 5%.",
            "- [Data](../data.md): every year as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


# --- Leaders -----------------------------------------------------------------------------------------
SHAPE_ACT = ('SHAPE, "Did you know" page "why SHAPE and SACEUR did not change their titles when Allied Command '
             'Operations was created in 2004?". <https://shape.nato.int/page2148192756>')
LEADERS_INTRO = {   # post -> one sentence under its heading, with its sources (footnote keys of the file, or texts)
    "sact": ("The post was created in June 2003, when Allied Command Atlantic became Allied Command "
             "Transformation.", ["update-2005", SHAPE_ACT]),
    "saclant": ("SACLANT commanded Allied Command Atlantic, which became Allied Command Transformation in 2003.",
                ["update-2005", SHAPE_ACT]),
    "cmc": ("From 1949 to 1963 the chair of the Military Committee rotated among the member countries, and from "
            "1958 a separate chair led the Committee in permanent session; the list below starts in 1963, "
            "when the permanent Chair took their place.", ["cmc-list"]),
}


def leader_row(leaders: Leaders, h, notes: Notes) -> str:
    name = cell(h.name) + (" (acting)" if h.acting else "")
    if h.note:
        name += f"{'' if name.endswith('.') else '.'} {cell(h.note)}{notes.cite(*leaders.texts(h, 'note'))}"
    nationality = cell(h.nationality) + notes.cite(*leaders.texts(h, "nationality"))
    when = in_office(h) + notes.cite(*leaders.texts(h, "start", "end", "current"))
    return f"| {name} | {nationality} | {when} |"


def leaders_page(leaders: Leaders) -> str:
    notes = Notes()
    out = front("NATO's leaders", "NATO's Secretaries General, Supreme Allied Commanders Europe and Transformation "
                "(and Atlantic until 2003) and Chairs of the Military Committee, with nationality and dates in "
                "office. Generated from data/leaders.yml.")
    out += [NOTICE.format(src=LEADERS_FILE), "", "# NATO's leaders", "",
            "The holders of NATO's senior civilian and military posts, from the first to the present: the "
            "Secretary General, who chairs the North Atlantic Council; the Chair of the Military Committee; and "
            "the strategic commanders. How these posts fit together is explained in "
            "[Decision-making](../structures/decision-making.md) and "
            "[Command structure](../structures/command-structure.md). Dates are as precise as their sources. "
            "The same data as a "
            "table file: [CSV](../assets/data/leaders.csv), [JSON](../assets/data/leaders.json) (fields on the "
            "[Data](data.md) page).", ""]
    for post, (heading, _) in POSTS.items():
        out += [f"## {heading}", ""]
        if post in LEADERS_INTRO:
            sentence, keys = LEADERS_INTRO[post]
            out += [sentence + notes.cite(*(leaders.footnotes.get(k, k) for k in keys)), ""]
        out += ["| Holder | Nationality | In office |", "| --- | --- | --- |"]
        out += [leader_row(leaders, h, notes) for h in leaders.of(post)] + [""]
    out += ["## Related pages", "",
            "- [Decision-making](../structures/decision-making.md): the North Atlantic Council, the Military "
            "Committee and the Secretary General.",
            "- [Command structure](../structures/command-structure.md): Allied Command Operations and Allied "
            "Command Transformation.",
            "- [Data](data.md): this list as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


def leaders_rows(leaders: Leaders) -> list[dict]:
    return [{"post": h.post, "post_label": POSTS[h.post][1], "name": h.name, "nationality": h.nationality,
             "start": h.start, "end": h.end, "current": h.current, "acting": h.acting, "note": h.note or None,
             "sources": leaders.texts(h, *h.sources)} for h in leaders.holders]


# --- Centres of Excellence and exercises -----------------------------------------------------------------
COE_INTRO = ('NATO, topic page "Centres of Excellence", last updated 5 September 2024. '
             "<https://nato.int/cps/fr/natohq/topics_68372.htm?selectedLocale=en>")
COE_COUNT = ('Allied Command Transformation, article "COE Catalogue 2024 released", 2024. '
             "<https://www.act.nato.int/article/coe-catalogue-2024-released/>")
COE_FIRST = ('NATO Command and Control Centre of Excellence (NATO-accredited), page "General information Centres '
             'of Excellence", June 2018. <https://c2coe.org/2018/06/general-information-centres-of-excellence/>')


def centres_page(coe: Dataset, members) -> str:
    notes = Notes()
    slugs = {m.country: m.slug for m in members}
    out = front("Centres of Excellence", "NATO-accredited Centres of Excellence with their host nation and city, "
                "field and, where sourced, the dates of their establishment and accreditation. Generated from "
                "data/centres-of-excellence.yml.")
    out += [NOTICE.format(src=COE_FILE), "", "# Centres of Excellence", "",
            "Centres of Excellence are international military organisations that train and educate leaders and "
            "specialists from NATO member and partner countries; they are funded by the nations that sponsor "
            f"them, not by NATO, and are not part of the NATO Command Structure.{notes.cite(COE_INTRO)} The first "
            f"centre was formally accredited on 1 June 2005.{notes.cite(COE_FIRST)} Allied Command "
            "Transformation's 2024 catalogue counted 29 accredited centres, with a thirtieth, on climate change "
            f"and security, about to be accredited.{notes.cite(COE_COUNT)}", "",
            f"The table lists the {len(coe.entries)} centres whose host city a reliable source gives; it is not "
            "a complete list. Dates are as precise as their sources, and a dash means that no source used here "
            "gives the date. How centres are set up and accredited is explained on "
            "[Education, training and the Centres of Excellence](../structures/education-training.md). The same "
            "data as a table file: [CSV](../assets/data/centres-of-excellence.csv), "
            "[JSON](../assets/data/centres-of-excellence.json) (fields on the [Data](data.md) page).", "",
            "| Centre of Excellence | Field | Host city and nation | Established | Accredited |",
            "| --- | --- | --- | --- | --- |"]
    for c in sorted(coe.entries, key=lambda c: c.name):
        name = cell(c.name)
        if c.note:
            name += f". {cell(c.note)}{notes.cite(*coe.texts(c, 'note'))}"
        host = f"[{cell(c.host)}](members/{slugs[c.host]}.md)" if c.host in slugs else cell(c.host)
        where = f"{cell(c.city)}, {host}{notes.cite(*coe.texts(c, 'location'))}"
        dated = lambda fact: (show_date(getattr(c, fact)) + notes.cite(*coe.texts(c, fact))
                              if getattr(c, fact) else "—")
        out.append(f"| {name} | {cell(c.field)}{notes.cite(*coe.texts(c, 'field'))} | {where} | "
                   f"{dated('established')} | {dated('accredited')} |")
    out += ["", "## Related pages", "",
            "- [Education, training and the Centres of Excellence](../structures/education-training.md): NATO's "
            "schools, training centres and how a centre is accredited.",
            "- [Command structure](../structures/command-structure.md): Allied Command Transformation, which "
            "accredits the centres.",
            "- [Data](data.md): this list as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


def centres_rows(coe: Dataset) -> list[dict]:
    return [{"name": c.name, "field": c.field, "host": c.host, "city": c.city, "established": c.established,
             "accredited": c.accredited, "note": c.note or None, "sources": coe.texts(c, *c.sources)}
            for c in coe.entries]


def exercises_page(ex: Dataset) -> str:
    notes = Notes()
    out = front("Major exercises", "Major NATO and Allied exercises since 1949, from Mainbrace and REFORGER to "
                "Strong Resolve, Trident Juncture and Steadfast Defender: dates, area, lead, participating nations "
                "and size where sourced. Generated from data/exercises.yml.")
    out += [NOTICE.format(src=EXERCISES_FILE), "", "# Major exercises", "",
            f"The {len(ex.entries)} major NATO and Allied exercises on this site, oldest first, with the dates, area, "
            "lead, participating nations and size that a source gives; a dash means that no source used here gives "
            "it. Figures announced before an exercise are often rounded, and sources can differ: the notes say "
            "where they do. The largest recent exercises are compared on "
            "[Exercises and training](../structures/exercises-training.md). The same data as a table file: "
            "[CSV](../assets/data/exercises.csv), [JSON](../assets/data/exercises.json) (fields on the "
            "[Data](data.md) page).", "",
            '<div class="kb-catalogue" markdown>', "",
            "| Exercise | Dates | Area and lead | Nations and size |", "| --- | --- | --- | --- |"]
    for e in ex.entries:
        cite = lambda *facts: notes.cite(*ex.texts(e, *facts))
        name = cell(e.name)
        if e.page:
            name = f"[{name}](../{e.page})"
        if e.note:
            name += f". {cell(e.note)}{cite('note')}"
        where = "; ".join(p for p in (
            (cell(e.area) + cite("area")) if e.area else "",
            (f"led by {cell(e.lead)}" + cite("lead")) if e.lead else "") if p) or "—"
        size = "; ".join(p for p in (
            (cell(e.nations) + cite("nations")) if e.nations else "",
            (f"{e.people()} personnel" + cite("personnel")) if e.personnel is not None else "",
            (cell(e.scale) + cite("scale")) if e.scale else "") if p) or "—"
        out.append(f"| {name} | {e.when()}{cite('dates')} | {where} | {size} |")
    out += ["", "</div>", "", "## Related pages", "",
            "- [Exercises and training](../structures/exercises-training.md): the largest recent exercises "
            "compared.",
            "- [Force structure and readiness](../structures/force-structure-readiness.md): the forces these "
            "exercises test.",
            "- [Nuclear deterrence and nuclear sharing](../structures/nuclear-deterrence.md): the Steadfast Noon "
            "exercise.",
            "- [Data](data.md): this list as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


def exercises_rows(ex: Dataset) -> list[dict]:
    return [{"name": e.name, "start": e.start, "end": e.end, "area": e.area or None, "lead": e.lead or None,
             "nations": e.nations or None, "personnel": e.personnel, "personnel_qualifier": e.personnel_qualifier
             or None, "scale": e.scale or None, "note": e.note or None, "page": e.page or None,
             "sources": ex.texts(e, *e.sources)} for e in ex.entries]


# --- Partners ---------------------------------------------------------------------------------------
RUSSIA_SOURCE = ('NATO, topic page "Relations with Russia" (last updated 3 August 2023). '
                 "<https://www.nato.int/cps/en/natohq/topics_50090.htm>")
BELARUS_SOURCE = ('NATO, topic page "Relations with Belarus" (last updated 28 August 2024). '
                  "<https://www.nato.int/cps/en/natohq/topics_49119.htm>")


def joined_text(m) -> str:
    return show_date(m.joined) if m.joined else "—"


def partners_page(partners: Partners) -> str:
    notes = Notes()
    out = front("Partners", f"The {len(partners.partners)} partner countries of NATO on this site, with the "
                "frameworks they take part in (Partnership for Peace and EAPC, Mediterranean Dialogue, Istanbul "
                "Cooperation Initiative, partners across the globe), when they joined, and a profile of each.")
    counts = ", ".join(f"{len(partners.of(k))} in the {FRAMEWORKS[k][0]}" if k != "global" else
                       f"{len(partners.of(k))} {FRAMEWORKS[k][0].lower()}" for k in FRAMEWORKS)
    out += [NOTICE.format(src=PARTNERS_FILE), "", "# Partners", "",
            f"The {len(partners.partners)} countries listed here cooperate with NATO without being members: "
            f"{counts}. How each framework works is explained in [Partnerships](../partnerships/index.md). "
            "Dates are those a source gives, as precisely as it gives them; where no acceptable source gives "
            "one, the partner is listed without it. Russia and Belarus are not listed: NATO suspended all "
            f"practical cooperation with Russia in April 2014{notes.cite(RUSSIA_SOURCE)} and with Belarus in "
            f"November 2021.{notes.cite(BELARUS_SOURCE)} The same "
            "data as a table file: [CSV](../assets/data/partners.csv), [JSON](../assets/data/partners.json) "
            "(fields on the [Data](data.md) page).", ""]
    for key, (name, page) in FRAMEWORKS.items():
        group = partners.of(key)
        out += [f"## {name}", "", f"Explained on [{name}](../{page}).", "",
                "| Partner | Joined | Programme |", "| --- | --- | --- |"]
        for p in group:
            m = p.framework(key)
            joined = joined_text(m) + notes.cite(*partners.texts(m.sources))     # cited first: it comes first
            programme = (cell(p.programme) + notes.cite(*partners.texts(p.programme_sources))) if p.programme else ""
            out.append(f"| [{cell(p.country)}](partners/{p.slug}.md) | {joined} | {programme} |")
        out.append("")
    out += ["## Related pages", "",
            "- [Partnerships](../partnerships/index.md): the frameworks compared.",
            "- [Members](members.md): the 32 Allies.",
            "- [Data](data.md): this list as CSV and JSON."]
    return "\n".join(out + notes.render()) + "\n"


def partner_page(p, partners: Partners) -> str:
    notes = Notes()
    names = ", ".join(m.name for m in p.frameworks)
    out = front(cell(p.country), f"{cell(p.country)} as a NATO partner: {names}, when it joined, its partnership "
                "programme where sourced, and a short profile.")
    out += [NOTICE.format(src=PARTNERS_FILE), "", f"# {cell(p.country)}", "", "| | |", "| --- | --- |"]
    for m in p.frameworks:
        out.append(f"| [{m.name}](../../{m.page}) | {'Joined ' + show_date(m.joined) if m.joined else 'Partner'}"
                   f"{notes.cite(*partners.texts(m.sources))} |")
    if p.programme:
        out.append(f"| Programme | {cell(p.programme)}{notes.cite(*partners.texts(p.programme_sources))} |")
    profile = re.sub(r"\[\^([^\]\s]+)\]", lambda ref: notes.cite(partners.footnotes[ref.group(1)]), p.profile)
    out += ["", "## Profile", "", profile, "", "## Related pages", "",
            "- [Partners](../partners.md): every partner and framework."]
    for m in p.frameworks:
        same = [x for x in partners.of(m.framework) if x is not p]
        if same:
            out.append(f"- Also in the {m.name}: " + ", ".join(f"[{cell(x.country)}]({x.slug}.md)" for x in same) + ".")
    out.append("- [Partnerships](../../partnerships/index.md): how NATO's partnerships work.")
    return "\n".join(out + notes.render()) + "\n"


def partners_rows(partners: Partners) -> list[dict]:
    rows = []
    for p in partners.partners:
        row = {"country": p.country, "slug": p.slug}
        for key in FRAMEWORKS:
            m = p.framework(key)
            row[key.replace("-", "_")] = m is not None
            row[f"{key.replace('-', '_')}_joined"] = m.joined if m else None
        row.update({"programme": p.programme, "profile": re.sub(r"\[\^[^\]\s]+\]", "", p.profile),
                    "sources": partners.texts([k for m in p.frameworks for k in m.sources] + p.programme_sources
                                              + re.findall(r"\[\^([^\]\s]+)\]", p.profile))})
        rows.append(row)
    return rows


# --- Downloads ----------------------------------------------------------------------------------------
DATASETS = {
    "members": ("data/members.yml", "country, slug, accession (`YYYY-MM-DD`), round (0 = founding member), round_label, "
                "capital, hosts (names, separated by ' ; '), sources (footnotes, separated by ' ; ')"),
    "operations": ("data/operations.yml", "name, full_name, type, type_label, theatre, start, end (empty while "
                   "ongoing), ongoing_as_of (a source shows it active then), last_reported_active (no end "
                   "reported; the latest dated source, more than six months old, shows it active then), "
                   "start_precision and end_precision (day, month or year: dates are `YYYY-MM-DD`, `YYYY-MM` or "
                   "`YYYY`, as precise as the sources), dates_note, mandate, strength_number (a whole number of "
                   "strength_unit: troops, personnel, aircraft ...), strength_qualifier (about, more than, some, "
                   "close to, up to), strength_date (when the number was reached; empty when the source gives none), "
                   "strength_period (height or operation: the number is for the operation's height or its whole "
                   "course), strength_note, page, sources"),
    "summits": ("data/summits.yml", "date, end, place, country, name, main_decisions (' ; '), sources (' ; ')"),
    "spending": ("data/spending.yml", "country, year, gdp_share (% of GDP), equipment_share (% of defence "
                 "expenditure on major equipment), estimate (true/false), edition, source"),
    "leaders": ("data/leaders.yml", "post (secretary-general, saceur, sact, saclant, cmc), post_label, name, "
                "nationality, start and end (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the source; empty "
                "when not sourced), current (true/false: in office), acting (true/false), note, sources (' ; ')"),
    "centres-of-excellence": ("data/centres-of-excellence.yml", "name, field, host (the host nation, as in "
                              "members), city, established and accredited (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as "
                              "precise as the source; empty when not sourced), note, sources (' ; ')"),
    "exercises": ("data/exercises.yml", "name, start and end (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the "
                  "source; end empty when not sourced), area, lead, nations (text), personnel (number of people "
                  "taking part, as reported; empty when not sourced), personnel_qualifier (about, more than, some "
                  "or up to: how the source gives the figure), scale (other reported figures: ships, aircraft, "
                  "vehicles), note, page (the site page that explains it), sources (' ; ')"),
    "partners": ("data/partners.yml", "country, slug, eapc_pfp, md, ici, global (true/false: a partner in the "
                 "Partnership for Peace and EAPC, the Mediterranean Dialogue, the Istanbul Cooperation Initiative, "
                 "or across the globe), and for each the date joined (eapc_pfp_joined ...: `YYYY-MM-DD`, `YYYY-MM` "
                 "or `YYYY`, as precise as the source; empty when not sourced), programme, profile (plain text), "
                 "sources (' ; ')"),
    "timeline": ("data/timeline.yml", "date and end (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the source; "
                 "end empty for a single day), shown_date (as the timeline shows it), event, themes (' ; '), "
                 "page (the page under docs/ that explains it), sources (' ; ')"),
    "glossary": ("data/glossary.yml", "term, expansion (empty when the term is not an abbreviation), definition, "
                 "related (pages under docs/ that explain it, ' ; '), sources (' ; ')"),
}


def timeline_rows(events) -> list[dict]:
    return [{"date": e.date, "end": e.end, "shown_date": e.shown_date, "event": e.event, "themes": e.themes,
             "page": e.page, "sources": e.sources} for e in events]


def glossary_rows(entries) -> list[dict]:
    return [{"term": g.term, "expansion": g.expansion, "definition": g.definition, "related": g.related,
             "sources": g.sources} for g in entries]


def csv_cell(value) -> str | int | float:
    """A CSV cell that a spreadsheet shows as text: one that begins with =, +, - or @ (or a tab or
    carriage return) is a formula to Excel and LibreOffice (=HYPERLINK(...) runs on opening), so
    it gets a leading apostrophe, which they hide. Numbers stay numbers."""
    if isinstance(value, list):
        value = " ; ".join(map(str, value))
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def table_files(name: str, rows: list[dict]) -> dict[Path, str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return {DOWNLOADS / f"{name}.csv": buffer.getvalue(),
            DOWNLOADS / f"{name}.json": json.dumps({"dataset": name, "licence": LICENCE, "source_file": DATASETS[name][0],
                                                   "records": rows}, ensure_ascii=False, indent=1) + "\n"}


def downloads(members, ops: Operations, summits, spending: Spending) -> dict[Path, str]:
    files = {}
    files.update(table_files("members", [
        {"country": m.country, "slug": m.slug, "accession": m.accession, "round": m.round, "round_label": m.round_label,
         "capital": m.capital, "hosts": [h.name for h in m.hosts],
         "sources": [s for fact in m.sources.values() for s in fact] + [h.source for h in m.hosts]} for m in members]))
    files.update(table_files("operations", [
        {"name": o.name, "full_name": o.full_name, "type": o.type, "type_label": o.type_label, "theatre": o.theatre,
         "start": o.start, "end": o.end, "ongoing_as_of": o.ongoing_as_of,
         "last_reported_active": o.last_reported_active, "start_precision": o.precision("start"),
         "end_precision": o.precision("end"), "dates_note": o.dates_note, "mandate": o.mandate,
         **{f"strength_{k}": getattr(o.peak_strength, k) if o.peak_strength else None
            for k in ("number", "unit", "qualifier", "date", "period", "note")}, "page": o.page,
         "sources": list(dict.fromkeys(ops.footnotes[k] for keys in o.sources.values() for k in keys))}
        for o in ops.operations]))
    files.update(table_files("summits", [
        {"date": s.date, "end": s.end, "place": s.place, "country": s.country, "name": s.name,
         "main_decisions": s.decisions, "sources": s.sources} for s in summits]))
    files.update(table_files("spending", [
        {"country": f.country, "year": f.year, "gdp_share": f.gdp_share, "equipment_share": f.equipment_share,
         "estimate": f.estimate, "edition": spending.editions[f.edition]["title"],
         "source": spending.editions[f.edition]["source"]} for f in spending.figures]))
    return files


def data_page(files: dict[Path, str]) -> str:
    out = front("Data", "The data behind the reference pages as CSV and JSON: members, operations, summits, defence "
                "spending, leaders, the timeline and the glossary, with their fields, sources and licence.",
                "search:", "  exclude: true", "footnotes: none  # each dataset's sources are on its own page")
    out += ['<!-- Generated by kb/render/make_reference.py. -->', "", "# Data", "",
            "Every reference table on this site is generated from a data file in the project's `data/` folder. "
            f"Each is published here as CSV (one row per record; lists joined by ' ; ') and JSON, under {LICENCE}, "
            "like the text. Each record carries the sources its page gives it: the same footnotes.", "",
            "| Dataset | Download | Records | Fields |", "| --- | --- | --- | --- |"]
    for name, (src, fields) in DATASETS.items():
        csv_file, json_file = DOWNLOADS / f"{name}.csv", DOWNLOADS / f"{name}.json"
        if json_file not in files:     # a dataset whose data file a partial project lacks
            continue
        records = len(json.loads(files[json_file])["records"])
        size = lambda p: f"{(len(files[p].encode()) + 1023) // 1024} KB"
        out.append(f"| {name.replace('-', ' ').capitalize()} (`{src}`) | [CSV](../assets/data/{name}.csv) ({size(csv_file)}), "
                   f"[JSON](../assets/data/{name}.json) ({size(json_file)}) | {records} | {fields} |")
    out += ["", "The timeline and the glossary on their pages: [Timeline](timeline.md), [Glossary](glossary.md).", "",
            "## Related pages", "", "- [About](about.md): the sourcing policy behind every record.",
            "- [Sources](sources.md): every source the site cites."]
    return "\n".join(out) + "\n"


def render_all() -> dict[Path, str]:
    from kb.model import timeline
    members = load_members()
    ops, summits = load_operations(), load_summits()
    spending = load_spending(members={m.country for m in members})
    events = timeline.load_timeline()
    files = {REF / "members.md": members_page(members), REF / "operations.md": operations_page(ops),
             REF / "summits.md": summits_page(summits), REF / "spending.md": spending_page(spending, members)}
    for m in members:
        files[REF / "members" / f"{m.slug}.md"] = member_page(m, members, spending, events)
    for slug, label, first, last in SUMMIT_ERAS:
        files[REF / "summits" / f"{slug}.md"] = summits_era_page(summits, slug, label, first, last)
    for slug, label, first, last in OPERATION_ERAS:
        files[REF / "operations" / f"{slug}.md"] = operations_era_page(ops, slug, label, first, last)
    for year in spending.years()[:-1]:
        files[REF / "spending" / f"{year}.md"] = spending_year_page(spending, members, year)
    data = downloads(members, ops, summits, spending)
    if LEADERS_FILE.is_file():      # the checker's partial test projects have no leaders file
        leaders = load_leaders(countries={m.country for m in members})
        files[REF / "leaders.md"] = leaders_page(leaders)
        data.update(table_files("leaders", leaders_rows(leaders)))
    if COE_FILE.is_file():
        coe = load_centres(countries={m.country for m in members})
        files[REF / "centres-of-excellence.md"] = centres_page(coe, members)
        data.update(table_files("centres-of-excellence", centres_rows(coe)))
    if EXERCISES_FILE.is_file():
        ex = load_exercises()
        files[REF / "exercises.md"] = exercises_page(ex)
        data.update(table_files("exercises", exercises_rows(ex)))
    if PARTNERS_FILE.is_file():
        partners = load_partners(members={m.country for m in members})
        files[REF / "partners.md"] = partners_page(partners)
        for p in partners.partners:
            files[REF / "partners" / f"{p.slug}.md"] = partner_page(p, partners)
        data.update(table_files("partners", partners_rows(partners)))
    if TIMELINE_FILE.is_file():     # nor a timeline or glossary file, some of them
        data.update(table_files("timeline", timeline_rows(events)))
    if GLOSSARY_FILE.is_file():
        data.update(table_files("glossary", glossary_rows(load_glossary())))
    files.update(data)
    files[REF / "data.md"] = data_page(data)
    return {path: with_generated_from(text) if path.suffix == ".md" else text for path, text in files.items()}


def with_generated_from(page: str) -> str:
    """A page's front matter names what it is made from (kb/model/frontmatter.py's is_generated): the
    data file its notice names, then this script."""
    found = re.search(r"<!-- Generated from (data/[\w./-]+) by ", page)
    line = f"generated_from: [{found.group(1) + ', ' if found else ''}kb/render/make_reference.py]"
    end = page.index("\n---\n", 3)
    return page[:end] + "\n" + line + page[end:]
