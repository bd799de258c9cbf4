"""Search finds what readers type: reader text only in the index, plus the words readers
type for the words the text uses.

Why: Material's search matches words exactly (after stemming). Readers type "defense" where
the site writes "defence", "Kosovo Force" where a page says KFOR, or "Afganistan". Material
offers no hook to rewrite queries, so this hook works on what the index contains (and, for
typos, gives the page script the index's words):

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
    * (issue 26, names_and_accents) in a title, the other names of its subject (data/members.yml
      other_names and french_name: Turkey, UK, Holland, Allemagne; TOPIC_NAMES for partners), the
      French forms of the glossary terms it names (data/glossary.yml french: OTAN), number words
      for its numbers ("article five"), the glossary acronyms whose first related page it is
      ("Bosnia IFOR" -> Balkans), and in titles and text the accent-free form of every word with
      accents (Türkiye -> Turkiye: lunr matches letters as written);
    * (add_data_pages) the Data page, the yearly spending pages and the timeline overview, which
      their generators keep out of Material's index, as one light entry each (title, description).
  and writes search/vocabulary.js (vocabulary_script): every indexed word of five letters or
  more, lower-case and accent-free, from the same text the index holds (hidden words included),
  with how often it is used. The page script docs/assets/javascripts/forgiving-search.js loads it
  when the reader first focuses the search box and, after a pause in typing, replaces a word of
  the query that no indexed word has or starts with by its nearest indexed word (one edit, two
  in words of nine letters or more: "Partnreship", "Stoltenbreg", "satelites"), with a note the
  reader can undo. A script, not JSON: it loads from file:// in the offline copy too. It replaced
  the typo forms this hook once hid in the index ("Finlnd", "sweeden" for title words and
  leaders' surnames only: 15 KB gzip of the 200 KB budget, and no typo in other words).
  The subject tags (tags plugin) leave the index: drop_tags says why.
  The offline plugin inlines the index after this hook (its on_post_build runs last).

Without this hook (zensical build) the site is the same, with the plain Material index.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from kb.model.datafile import DataError
from kb.model.glossary import GlossaryError, anchor, load_glossary
from kb.model.leaders import load_leaders
from kb.model.members import load_members

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
_acronyms: dict[str, list[str]] = {}      # page -> glossary acronyms whose first related page it is
_french: dict[str, list[str]] = {}         # glossary term -> NATO's French forms (NATO -> OTAN ...)
_names: dict[str, list[str]] = {}          # page -> the other names of its subject (members: data/members.yml)
_towns: dict[str, list[str]] = {}          # member page -> its French name, the towns of the bodies it hosts
                                           # (in its title as _names)
_unindexed: list[dict] = []                # data pages kept out of Material's index, as entries of ours

# Partners have no data file: the names readers type for the pages about them (and the words
# readers use for enlargement: "Baltic states join 2004").
TOPIC_NAMES = {
    "partnerships/nato-russia": ["Russian Federation", "Russie"],
    "partnerships/nato-eu": ["European Union", "Union européenne"],
    "foundations/membership-enlargement": ["join", "joining", "accession", "accessions"],
}
# Pages out of Material's index (front matter `search: exclude`) that readers still look for: the
# Data page, the yearly spending pages and the timeline overview. They enter with their title and
# description only, at a fraction of a page's weight, so that topic pages keep the first results.
DATA_PAGES = re.compile(r"reference/(?:data|timeline|spending/\d{4})\.md")
DATA_WORDS = {"reference/data": "download downloads dataset datasets CSV JSON spreadsheet",
              "reference/timeline": "chronology dates events"}
DATA_BOOST = {"reference/data": 1.0, "reference/timeline": 3.0}   # the yearly spending pages: 0.5
SHORTEST = 5                               # search/vocabulary.js: words of five letters or more


def on_config(config, **kwargs):
    """Glossary acronyms and expansions, from the same data file as the tooltips."""
    global _glossary
    path = Path(config.config_file_path).parent / "data" / "glossary.yml"
    try:   # the glossary's own loader: only entries it validates (the checker names a bad one's line)
        entries = load_glossary(path, problems=[])
    except GlossaryError:
        entries = []
    _glossary = [(e.term, e.expansion) for e in entries if e.expansion]
    _french.clear()
    _acronyms.clear()
    for e in entries:
        if e.expansion and e.related and e.term.isupper():
            page = e.related[0].removesuffix(".md").removesuffix("/index")
            _acronyms.setdefault(page, []).append(e.term)
    for e in entries:
        if e.french:
            _french[e.term] = list(e.french)
    _names.clear()
    _towns.clear()
    _names.update({page: list(names) for page, names in TOPIC_NAMES.items()})
    try:   # the members' own loader (validated; the checker names a bad entry's line)
        members = load_members(path.parent / "members.yml")
    except DataError:
        members = []
    for m in members:
        page = f"reference/members/{m.slug}"
        if m.french_name:
            _towns.setdefault(page, []).append(m.french_name)
        # the towns of the NATO bodies it hosts ("NATO Headquarters (Brussels)"): "nato headquarters brussels"
        towns = [re.sub(r".*\((.*)\)$", r"\1", h.name) for h in m.hosts if h.name.endswith(")")]
        _towns.setdefault(page, []).extend(towns)
        _names[page] = list(m.other_names)
    try:   # NATO's leaders by name ("Mark Rutte", "Stoltenberg"): the page of the leaders dataset
        leaders = load_leaders(path.parent / "leaders.yml", countries={m.country for m in members})
        _names["reference/leaders"] = sorted({h.name for h in leaders.holders})
    except DataError:
        pass
    _unindexed.clear()
    return config


def on_page_context(context, page, **kwargs):
    """Data pages out of Material's index: remembered, to enter ours lightly (DATA_PAGES)."""
    search = page.meta.get("search") if isinstance(page.meta.get("search"), dict) else {}
    if search.get("exclude") and DATA_PAGES.fullmatch(page.file.src_uri):
        _unindexed.append({"location": page.url, "title": str(page.meta.get("title") or page.title or ""),
                           "text": str(page.meta.get("description") or ""),
                           "boost": DATA_BOOST.get(stem(page.url), 0.5)})
    return context


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


def folded(word: str) -> str:
    """Türkiye -> Turkiye, États -> Etats: the form typed without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def stem(location: str) -> str:
    """"reference/members/turkiye/" and "reference/members/turkiye.html" -> "reference/members/turkiye"."""
    page = location.split("#")[0].removesuffix(".html").rstrip("/")
    return page.removesuffix("/index") if page != "index" else ""


def hide(doc: dict, field: str, words) -> None:
    """Add words to a field, in a span results never show."""
    words = [w for w in dict.fromkeys(words) if w]
    if words:
        doc[field] = doc.get(field, "") + '<span hidden> ' + " ".join(words) + "</span>"


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


LETTERS = re.compile(r"[^\W\d_](?:[\w'’]*[^\W\d_])?")     # words in any alphabet


def names_and_accents(docs: list[dict]) -> None:
    """Other names (Turkey, UK, Holland), French names (Allemagne, OTAN) in the titles they name,
    and accent-free forms of every word with accents (Türkiye -> Turkiye), hidden."""
    expansions = dict(_glossary)
    given: dict[str, set[str]] = {}
    for doc in docs:
        location, page = doc["location"], stem(doc["location"])
        title = TAG.sub(" ", doc.get("title", ""))
        in_title = list(_names.get(page, []) + _towns.get(page, [])) if "#" not in location else []
        if "#" not in location and not page.startswith("reference/"):
            in_title += [NUMBERS[int(n) - 1] for n in re.findall(r"\b(10|[1-9])\b", title)]   # "article five"
            in_title += _acronyms.get(page, [])      # "Bosnia IFOR": the page a glossary term points to first
        for term, forms in _french.items():
            named = (re.search(rf"\b{re.escape(term)}\b", title)
                     or (expansions.get(term) or "\0").lower() in title.lower())
            if location.endswith("#" + anchor(term)) or (
                    named and "#" not in location and not page.startswith("reference/")):
                in_title += forms + [w.split("'")[-1] for f in forms for w in f.split() if "'" in w]   # l'Atlantique
        present = {w.lower() for w in LETTERS.findall(title)}
        words = LETTERS.findall(title + " " + " ".join(in_title))
        in_title += [folded(w) for w in words if folded(w) != w]
        hide(doc, "title", [w for w in in_title if w.lower() not in present])
        text = TAG.sub(" ", doc.get("text", ""))
        seen = given.setdefault(page, set())
        plain = {folded(w) for w in LETTERS.findall(text) if folded(w) != w} - seen
        seen |= plain
        hide(doc, "text", sorted(plain))


def add_data_pages(docs: list[dict]) -> None:
    for entry in _unindexed:
        doc = dict(entry)
        hide(doc, "title", DATA_WORDS.get(stem(doc["location"]), "").split())
        docs.append(doc)


def drop_tags(index: dict) -> None:
    """The tags plugin adds each page's subject tags to the index with a boost of a million:
    "Kosovo Force" then ranks every page tagged "forces and readiness" above the Balkans page,
    "INF Treaty" every page tagged "treaty and law". Tags are for browsing (the Subject index);
    the words of the page decide what it is found for."""
    index.get("config", {}).get("fields", {}).pop("tags", None)
    for doc in index.get("docs", []):
        doc.pop("tags", None)


VOCABULARY_WORD = re.compile(r"[^\W\d_]+")      # runs of letters: the page script splits queries the same way


def vocabulary(docs: list[dict]) -> Counter:
    """The indexed words of five letters or more (lower-case, accent-free), with how often the
    index uses each (titles and text, hidden words included)."""
    counts: Counter = Counter()
    for doc in docs:
        text = folded(TAG.sub(" ", doc.get("title", "") + " " + doc.get("text", ""))).lower()
        counts.update(w for w in VOCABULARY_WORD.findall(text) if len(w) >= SHORTEST)
    return counts


def vocabulary_script(counts: Counter) -> str:
    """search/vocabulary.js: one global, __kbVocabulary = {words, uses}. words: the words in
    code point order, each as the number of letters it shares with the one before (0-9) and the
    rest ("0afghan6istan" = afghan, afghanistan): a quarter smaller gzipped than the words spelt out.
    uses: one digit a word, log2 of its count (ties between corrections go to the commoner word)."""
    words, parts, previous = sorted(counts), [], ""
    for word in words:
        shared = 0
        while shared < min(len(word), len(previous), 9) and word[shared] == previous[shared]:
            shared += 1
        parts.append(f"{shared}{word[shared:]}")
        previous = word
    uses = "".join(str(min(9, counts[w].bit_length() - 1)) for w in words)
    return "var __kbVocabulary=" + json.dumps({"words": "".join(parts), "uses": uses}, separators=(",", ":")) + ";\n"


def on_post_build(config, **kwargs):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = merge_top_sections(index.get("docs", []))
    drop_tags(index)
    augment(index["docs"])
    names_and_accents(index["docs"])
    add_data_pages(index["docs"])
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (path.parent / "vocabulary.js").write_text(vocabulary_script(vocabulary(index["docs"])), encoding="utf-8")
