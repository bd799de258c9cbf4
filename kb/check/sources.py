"""Footnotes and their sources: every footnote has an address from a publisher the
registry (data/publishers.yml, read by kb/model/publishers.py) accepts, in the form readers
should see (the public host name, nato.int in English), a reprint host only for a labelled
reprint, and pages state facts rather than narrate how they were researched."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from kb.model.datafile import address_problem
from kb.model.publishers import (ACCEPTABLE, REGISTRY_FILE, STATE_LABEL, Publisher, RegistryError, archived, best_tier,
                        host_of, judge, load_registry, lookup, read_footnotes)

from kb.model.text import addresses

from .project import CannotRun, Page, Problem, find_line, footnote_exempt, is_generated_page

# Research narrated in the text ("was not retrieved for this site"): a reference states what is
# known and cites it. Matched in the prose of every page, footnotes included.
PROCESS_TALK = re.compile(
    r"\b(?:was|were|is|are|been)\s+not\s+(?:retrieved|recorded|located|found)\b"
    r"|\bnot\s+recorded\s+here\b|\bfull\s+address(?:es)?\s+not\s+recorded\b"
    r"|\b(?:retrieved|found|recorded|located)\s+for\s+this\s+site\b"
    r"|\bno\s+(?:\w+\s+){0,3}(?:source|figure|count|text)s?\s+(?:was\s+|were\s+)?found\b"
    r"|\b(?:latest\s+)?(?:reports|sources)\s+found\b", re.I)


# nato.int pages in another language: /cps/fr/natohq/... (English: /cps/en/, or ?selectedLocale=en).
NATO_LOCALE = re.compile(r"^/cps/([a-z]{2})/", re.I)
REPRINT = re.compile(r"\breprint(?:ed|s)?\b", re.I)


def read_registry() -> dict[str, Publisher]:
    try:
        return load_registry(REGISTRY_FILE)
    except RegistryError as err:
        raise CannotRun(f"{err.path}:{err.line}: {err.message}") from None


def check_footnotes(pages: list[Page]) -> list[Problem]:
    """Every page has footnotes, every reference has a definition, no label is defined twice."""
    problems = []
    for page in pages:
        seen: dict[str, int] = {}
        for note in read_footnotes(page.markup):
            if note.label in seen:
                problems.append(Problem(page.path, note.line, f"footnote '[^{note.label}]' is defined twice "
                                        f"(first on line {seen[note.label]}; the second would replace it)"))
            seen.setdefault(note.label, note.line)
        if page.content is None:
            continue
        if not footnote_exempt(page) and not any("footnote" in (t.get("class") or ()) for t in page.tags):
            problems.append(Problem(page.path, 1, "page has no footnotes (source its facts with [^1] ... [^1]: source)"))
        for text in page.content.find_all(string=re.compile(r"\[\^")):
            if text.find_parent(["code", "pre"]) is None:
                for label in re.findall(r"\[\^([^\]]+)\]", text):
                    problems.append(Problem(page.path, find_line(page, [f"[^{label}]"]),
                                            f"footnote '[^{label}]' has no definition (add a line '[^{label}]: source')"))
    return problems


def address_problems(registry: dict[str, Publisher], url: str) -> list[str]:
    """The address's form: the public host name readers should see, and nato.int in English."""
    try:
        raw = urlsplit(url).hostname or ""
        entry = lookup(registry, url)
    except ValueError:
        return []                       # malformed: source_problems says so
    if raw.endswith("."):
        return [f"host '{raw}' ends with a dot (write {raw.rstrip('.')})"]
    malformed = address_problem(url)       # a port outside 1-65535, no valid host, user:password@
    if malformed:
        return [malformed]
    if entry and entry.canonical:
        return [f"'{host_of(url)}' is an internal server name: cite the same page at {entry.canonical}"]
    inner = archived(url) if entry and entry.tier == "archive" else None
    for address in [url] + ([inner] if inner else []):
        try:
            parts = urlsplit(address)
            host = host_of(address)
        except ValueError:
            continue
        locale = NATO_LOCALE.match(parts.path)
        if (host == "nato.int" or host.endswith(".nato.int")) and locale and locale.group(1).lower() != "en" \
                and not re.search(r"(?:^|&)selectedLocale=en(?:&|$)", parts.query):
            return [f"'{address}' is NATO's {locale.group(1).lower()} version of the page: cite it in English "
                    f"(/cps/en/ instead of /cps/{locale.group(1)}/)"]
    return []


def names_original(publisher: Publisher, text: str) -> bool:
    """A reprint footnote starts with the original publisher, not the reprint host
    ('NATO, press release ..., 27 September 2001; reprint by BITS. <https://...>')."""
    lead = re.split(r"[,(;:]", text, maxsplit=1)[0].strip().lower()
    own = publisher.name.lower()
    short = own.split("(")[0].strip()
    return bool(lead) and not REPRINT.search(lead) and publisher.host not in lead and lead not in (own, short) \
        and not short.startswith(lead) and not lead.startswith(short)


def source_problems(registry: dict[str, Publisher], text: str, urls: list[str]) -> list[str]:
    """What is wrong with one citation (a footnote's text and addresses), as messages."""
    if not urls:
        return ["has no address (cite the source's full address: <https://...>)"]
    messages, acceptable = [], False
    for url in urls:
        try:
            publisher, host = judge(registry, url)
        except ValueError as exc:
            messages.append(f"{exc} (check the address)")
            continue
        form = address_problems(registry, url)
        if form:
            messages += form
            continue
        if publisher is None:
            messages.append(f"host '{host}' is not in {REGISTRY_FILE} (add it with its publisher and tier, "
                            "or cite another source)")
            continue
        if url.startswith("http://") and publisher.https:
            messages.append(f"'{url}' uses http:// (write https://; {REGISTRY_FILE} says {publisher.host} serves https)")
        if publisher.tier == "never":
            messages.append(f"'{host}' is never an acceptable source: {publisher.why} "
                            "(cite an official, scholarly or press source)")
        elif publisher.tier == "state" and not STATE_LABEL.search(text):
            messages.append(f"'{host}' is state-controlled media ({publisher.name}): cite it only for what its own "
                            "government said, and say so in the footnote (e.g. 'Russian state news agency')")
        elif publisher.tier == "reprint" and not (REPRINT.search(text) and names_original(publisher, text)):
            messages.append(f"'{host}' republishes other publishers' documents ({publisher.name}): cite the "
                            "original; if it is not online, name the original publisher first and say 'reprint' "
                            "(e.g. 'NATO, press release \"...\", 27 September 2001; reprint by "
                            f"{publisher.name.split(' (')[0]}. <https://...>')")
        elif publisher.tier in ACCEPTABLE or publisher.tier in ("state", "reprint"):
            acceptable = True
    if not acceptable and not messages:
        hosts = ", ".join(sorted({judge(registry, u)[1] for u in urls}))
        messages.append(f"'{hosts}' may only stand beside a better source in the same footnote "
                        "(add an official, scholarly or press source)")
    return messages


def check_sources(pages: list[Page], registry: dict[str, Publisher], glossary_entries) -> list[Problem]:
    """Each footnote (and each glossary `source`) cites an acceptable, registered, https address;
    each page cites at least one official source."""
    problems = []
    for page in pages:
        if is_generated_page(page):
            continue  # generated: their sources are checked at their line in data/ (timeline, reference data)
        notes = read_footnotes(page.markup)
        found = len(problems)
        for note in notes:
            for message in source_problems(registry, note.text, note.urls):
                problems.append(Problem(page.path, note.line, f"footnote '[^{note.label}]' {message}"))
        # Only on a page whose citations are otherwise sound: one fix at a time.
        if notes and len(problems) == found and not footnote_exempt(page) and not any(
                best_tier(registry, n.urls) == "official" for n in notes):
            problems.append(Problem(page.path, notes[0].line, "page cites no official source (NATO, a government, "
                                    "a parliament, the UN or the EU): cite one for its key facts"))
    for entry in glossary_entries or []:
        if entry.source:
            from kb.model.glossary import GLOSSARY_FILE
            urls = addresses(entry.source)
            for message in source_problems(registry, entry.source, urls):
                problems.append(Problem(str(GLOSSARY_FILE), entry.line, f"source of '{entry.term}' {message}"))
    return problems


def check_footnote_order(pages: list[Page]) -> list[Problem]:
    """Definitions in the order the text cites them, so markers read 1, 2, 3 down the page."""
    from kb import order_footnotes

    problems = []
    for page in pages:
        try:
            text = open(page.path, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError):
            continue
        if order_footnotes.reorder(text) is not None:
            first = next((n for n, line in page.markup if order_footnotes.DEFINITION.match(line)), 1)
            problems.append(Problem(page.path, first, "footnote definitions are not in the order the text cites "
                                    "them, so the markers are numbered out of order (run: python -m "
                                    "kb.order_footnotes)"))
    return problems


def check_process_talk(pages: list[Page]) -> list[Problem]:
    """No sentence narrates research ("not retrieved for this site"): state what is known."""
    problems = []
    for page in pages:
        for number, line in page.markup:
            match = PROCESS_TALK.search(line)
            if match:
                problems.append(Problem(page.path, number, f"'{match.group(0)}' narrates research: state what is "
                                        "known and date it (e.g. 'As of November 2026, ...'), or leave the claim out"))
    return problems
