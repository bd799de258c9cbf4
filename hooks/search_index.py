"""Search finds what readers type: reader text only in the index, plus the words readers
type for the words the text uses.

Why: Material's search matches words exactly (after stemming). Readers type "defense" where
the site writes "defence", "Kosovo Force" where a page says KFOR, or "Afganistan". Material
offers no hook to rewrite queries, so this hook works on what the index contains:

- on_page_content: footnotes (and their numbers in the text) and the "Related pages" list
  get Material's documented `data-search-exclude` attribute: they stay on the page and leave
  the index (footnote bodies made publishers' names the best match for "Libya").
- on_post_build: the empty page entry Material writes above each page's first section takes
  that section's text (a page hit then shows an excerpt), and the index gains, hidden in a
  `<span hidden>` that results never show:
    * in a title, the other spelling of its words, British or American (defence/defense,
      -isation/-ization, centre/center...), and the acronym of a glossary name it contains
      ("Euro-Atlantic Partnership Council" -> EAPC), so that they weigh as title words do;
    * in the text, once per page: the other spelling of its words, "two percent" for "2%",
      for a glossary acronym its expansion and for an expansion its acronym (KFOR <-> Kosovo
      Force; acronyms in more than a thirtieth of the sections, such as NATO, are left out),
      and on a topic page's first section its title words of seven letters or more with one
      letter missing (the commonest typo: "artcle", "Afganistan"; in the text, not the title,
      so that search.suggest never offers a misspelling).
  The subject tags (tags plugin) leave the index: drop_tags says why.
  The offline plugin inlines the index after this hook (its on_post_build runs last).

Without this hook (zensical build) the site is the same, with the plain Material index.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

FOOTNOTES = re.compile(r'<div class="footnote">')
FOOTNOTE_MARKS = re.compile(r'<sup id="fnref')
RELATED = re.compile(r'(<h2 id="related-pages")(>.*?</h2>\s*)(<ul>)', re.S)

# British -> American spellings used on the site or typed by readers (both directions are added).
SPELLINGS = {
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "licence": "license", "centre": "center", "centres": "centers", "theatre": "theater",
    "theatres": "theaters", "metre": "meter", "metres": "meters", "programme": "program",
    "programmes": "programs", "labour": "labor", "honour": "honor", "favour": "favor",
    "armour": "armor", "armoured": "armored", "behaviour": "behavior", "neighbour": "neighbor",
    "neighbours": "neighbors", "neighbouring": "neighboring", "endeavour": "endeavor",
    "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "catalogue": "catalog", "dialogue": "dialog",
    "analyse": "analyze", "travelling": "traveling", "modelling": "modeling", "fulfil": "fulfill",
    "enrol": "enroll", "counselling": "counseling", "grey": "gray", "jewellery": "jewelry",
    "aeroplane": "airplane", "aluminium": "aluminum", "sceptical": "skeptical",
}
IZE = re.compile(r"^(\w{3,})i([sz])(ation|ations|e|ed|es|ing|er|ers)$")
IZE_EXCEPTIONS = {"exercise", "exercised", "exercises", "exercising", "comprise", "comprises", "comprised",
                  "promise", "promised", "premise", "enterprise", "surprise", "supervise", "revise", "revised",
                  "advise", "advised", "devise", "devised", "expertise", "franchise", "otherwise", "televise",
                  "compromise", "compromised", "raise", "raised", "praise", "precise", "concise", "paradise"}
PERCENT = re.compile(r"\b(10|[1-9])(?:\.\d+)?\s?%")
NUMBERS = "one two three four five six seven eight nine ten".split()
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
TAG = re.compile(r"<[^>]+>")

_glossary: list[tuple[str, str]] = []


def on_config(config, **kwargs):
    """Glossary acronyms and expansions, from the same data file as the tooltips."""
    global _glossary
    path = Path(config.config_file_path).parent / "data" / "glossary.yml"
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        entries = []
    _glossary = [(str(e["term"]), str(e["expansion"])) for e in entries
                 if isinstance(e, dict) and e.get("term") and e.get("expansion")]
    return config


def on_page_content(html, page, **kwargs):
    html = FOOTNOTES.sub('<div class="footnote" data-search-exclude>', html)
    html = FOOTNOTE_MARKS.sub('<sup data-search-exclude id="fnref', html)   # the numbers, not words
    return RELATED.sub(r'\1 data-search-exclude\2<ul data-search-exclude>', html, count=1)


def other_spellings(word: str) -> set[str]:
    w = word.lower()
    found = set()
    for british, american in SPELLINGS.items():
        if w == british:
            found.add(american)
        elif w == american:
            found.add(british)
    match = IZE.match(w)
    if match and w not in IZE_EXCEPTIONS:
        found.add(f"{match.group(1)}i{'z' if match.group(2) == 's' else 's'}{match.group(3)}")
    return found


def one_letter_missing(word: str) -> set[str]:
    w = word.lower()
    return {w[:i] + w[i + 1:] for i in range(1, len(w))} - {w}   # the first letter is rarely the one missed


def merge_top_sections(docs: list[dict]) -> list[dict]:
    """Material indexes each page twice at the top: an empty page entry, then the h1 section
    with the introduction. The page entry takes the introduction (so a page hit shows an
    excerpt) and the duplicate goes."""
    merged, skip = [], set()
    for i, doc in enumerate(docs):
        if i in skip:
            continue
        following = docs[i + 1] if i + 1 < len(docs) else None
        if ("#" not in doc["location"] and not doc.get("text") and following
                and following["location"].startswith(doc["location"] + "#")
                and following.get("title") == doc.get("title")):
            doc = dict(doc, text=following.get("text", ""))
            skip.add(i + 1)
        merged.append(doc)
    return merged


def augment(docs: list[dict]) -> None:
    plain = [TAG.sub(" ", d.get("text", "")) for d in docs]
    common = {term for term, _ in _glossary
              if sum(bool(re.search(rf"\b{re.escape(term)}\b", t)) for t in plain) > len(docs) / 30}
    titles = {doc["location"]: {w for w in WORD.findall(TAG.sub(" ", doc.get("title", ""))) if len(w) >= 7}
              for doc in docs if "#" not in doc["location"]    # page titles, for the page's first section
              and not doc["location"].startswith(("history/", "reference/"))  # topic pages, not section
              and doc["location"].strip("/").count("/") == 1}                 # indexes (index budget)
    vocabulary = {w.lower() for t in plain for w in WORD.findall(t)}
    given: dict[str, set[str]] = {}   # words already added on each page: once per page is enough to find it
    for doc, text in zip(docs, plain):
        title_words = set(WORD.findall(TAG.sub(" ", doc.get("title", ""))))
        words = set(WORD.findall(text)) | title_words
        reference = doc["location"].startswith("reference/")   # glossary and timeline: the topic pages suffice
        # Variants of the title's own words go into the title (weighted as titles are), hidden.
        in_title: set[str] = set()
        for word in title_words if not reference else ():
            in_title |= other_spellings(word)
        title_text = TAG.sub(" ", doc.get("title", ""))
        for term, expansion in _glossary if not reference else ():   # "EAPC" finds the page titled with its name
            if expansion.lower() in title_text.lower() and not re.search(rf"\b{re.escape(term)}\b", title_text):
                in_title.add(term)
        in_title -= {w.lower() for w in words}
        if in_title:
            doc["title"] = doc.get("title", "") + '<span hidden> ' + " ".join(sorted(in_title)) + "</span>"
        # Variants of the text's words go into the text, once per page.
        extra: set[str] = set()
        for word in (words - title_words) if not reference else ():
            extra |= other_spellings(word)
        if "#" not in doc["location"]:   # typos in the text: in the title, search.suggest would offer them
            for word in titles.get(doc["location"], ()):
                extra |= one_letter_missing(word) - vocabulary
        for number in PERCENT.findall(text):   # "2%" is found by "two percent"
            extra |= {NUMBERS[int(number) - 1], "percent"}
        lowered = text.lower()
        for term, expansion in _glossary:
            if term in common or reference:
                continue
            if re.search(rf"\b{re.escape(term)}\b", text):
                extra.add(expansion)
            elif expansion.lower() in lowered:
                extra.add(term)
        extra -= {w.lower() for w in words} | in_title
        page = given.setdefault(doc["location"].split("#")[0], set())
        extra -= page
        page |= extra
        if extra:
            doc["text"] = doc.get("text", "") + '<span hidden> ' + " ".join(sorted(extra)) + "</span>"


def drop_tags(index: dict) -> None:
    """The tags plugin adds each page's subject tags to the index with a boost of a million:
    "Kosovo Force" then ranks every page tagged "forces and readiness" above the Balkans page,
    "INF Treaty" every page tagged "treaty and law". Tags are for browsing (the Subject index);
    the words of the page decide what it is found for."""
    index.get("config", {}).get("fields", {}).pop("tags", None)
    for doc in index.get("docs", []):
        doc.pop("tags", None)


def on_post_build(config, **kwargs):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = merge_top_sections(index.get("docs", []))
    drop_tags(index)
    augment(index["docs"])
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
