"""Glossary: acronyms defined, terms used, tooltips shown (kb/check/generated.py: the generated files)."""

from __future__ import annotations

import re
from pathlib import Path

from kb.model.glossary import GLOSSARY_FILE, Entry, GlossaryError, load_glossary

from .project import GLOSSARY_PAGE, CannotRun, Page, Problem, is_sources_page

ALLOWLIST_FILE = Path("data/acronym-allowlist.txt")
COMMON_FILE = Path("data/common-acronyms.txt")   # no tooltip for these (hooks/abbr_first_use.py)
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
# A glossary error that means the file itself cannot be read: stop (exit 2).

ACRONYM = re.compile(r"(?<![\w/-])([A-Z]{2,}[0-9]*(?:-[A-Z0-9]+)*)s?(?![\w/]|\.\w)")
ACRONYM_PART = re.compile(r"[A-Z]{2,}[0-9]*")
ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def read_glossary() -> tuple[list[Entry], list[Problem], set[str]]:
    """The valid glossary entries, a problem for each invalid one, and every term written in
    the file (valid or not), so that one bad entry does not turn its term's every use into
    an "undefined acronym" or stop the other glossary checks."""
    errors: list[GlossaryError] = []
    try:
        entries = load_glossary(GLOSSARY_FILE, problems=errors)
    except GlossaryError as err:
        where = f"{err.path}:{err.line}" if err.line else f"{err.path}"
        raise CannotRun(f"{where}: {err.message}") from None
    import yaml
    try:
        raw = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8")) or []
        written = {str(item["term"]) for item in raw if isinstance(item, dict) and item.get("term")}
    except (yaml.YAMLError, OSError, TypeError):
        written = set()
    return entries, [Problem(str(e.path), e.line, e.message) for e in errors], written


def read_allowlist() -> set[str]:
    if not ALLOWLIST_FILE.is_file():
        return set()
    words = (line.split("#", 1)[0].strip() for line in ALLOWLIST_FILE.read_text(encoding="utf-8").splitlines())
    return {w for w in words if w}



def _acronyms(text: str):
    for match in ACRONYM.finditer(text):
        token = match.group(1)
        if not ROMAN.fullmatch(token):
            yield token


def _defined(name: str, known: set[str]) -> bool:
    """Defined as written, or a numbered instance of a defined acronym (SNMG1 -> SNMG)."""
    return name in known or name.rstrip("0123456789") in known


def _undefined(token: str, known: set[str]) -> list[str]:
    """The undefined names in a token: EU-NATO is fine when both EU and NATO are defined."""
    if _defined(token, known):
        return []
    parts = token.split("-")
    if len(parts) > 1 and all(ACRONYM_PART.fullmatch(p) for p in parts):
        return [p for p in parts if not _defined(p, known)]
    return [token]


def check_acronyms(pages: list[Page], entries: list[Entry], allowed: set[str]) -> list[Problem]:
    """Every acronym in the prose is in the glossary or the allowlist (reported once per page)."""
    known = {e.term for e in entries} | allowed
    problems = []
    for page in pages:
        # generated from the footnotes, which are checked on their own pages
        if is_sources_page(page):
            continue
        reported = set()
        for number, line in page.prose:
            for token in _acronyms(line):
                for name in _undefined(token, known):
                    if name not in reported:
                        reported.add(name)
                        problems.append(Problem(page.path, number, f"acronym '{name}' is not in {GLOSSARY_FILE} "
                                                f"(define it there, or add it to {ALLOWLIST_FILE})"))
    return problems


def _is_acronym(term: str) -> bool:
    return sum(c.isupper() for c in term) >= 2


def check_glossary_usage(pages: list[Page], entries: list[Entry]) -> list[Problem]:
    """Every glossary term is used on some page other than the glossary itself.

    Acronyms match case-sensitively, other terms in any case; a plural 's' counts,
    and so does a numbered instance of an acronym (SNMG1 uses SNMG).
    """
    terms = sorted((e.term for e in entries), key=len, reverse=True)
    alternatives = "|".join(re.escape(t) if _is_acronym(t) else f"(?i:{re.escape(t)})" for t in terms)
    pattern = re.compile(rf"(?<!\w)({alternatives})(s|[0-9]+)?(?!\w)")
    used = set()
    for page in pages:
        if page.src == GLOSSARY_PAGE:
            continue
        for _, line in page.prose:
            for match in pattern.finditer(line):
                term, suffix = match.groups()
                if _is_acronym(term):
                    used.add(term)
                elif not (suffix or "s").isdigit():
                    used.add(term.lower())
    return [Problem(str(GLOSSARY_FILE), e.line, f"glossary term '{e.term}' is not used on any page "
                    "(use it on a page, or remove it)")
            for e in entries if (e.term if _is_acronym(e.term) else e.term.lower()) not in used]


def raw_html_lines(page: Page) -> set[int]:
    """Lines of raw HTML blocks: from a line starting with a tag to the next blank line."""
    lines, inside = set(), False
    for number, line in page.markup:
        stripped = line.lstrip()
        if not stripped:
            inside = False
        elif not inside and re.match(r"<[A-Za-z][\w-]*[\s>/]", stripped) and " markdown" not in stripped:
            inside = True
        if inside:
            lines.add(number)
    return lines


def read_common() -> list[tuple[int, str]]:
    """The terms of data/common-acronyms.txt with their line numbers (none if the file is missing)."""
    if not COMMON_FILE.is_file():
        return []
    found = []
    for number, line in enumerate(COMMON_FILE.read_text(encoding="utf-8").splitlines(), 1):
        word = line.split("#", 1)[0].strip()
        if word:
            found.append((number, word))
    return found


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def follows_expansion(before: str, expansion: str) -> bool:
    """The text before a use of a term ends with the term's expansion and "(": "Kosovo Force (KFOR)"
    (any case and punctuation; a plural or possessive expansion counts, as in hooks/abbr_first_use.py)."""
    head, bracket, rest = before.rstrip().rpartition("(")
    wanted = _words(expansion)
    if not bracket or rest.strip() or not wanted:
        return False
    words = _words(head[-400:])
    return any(words == w or words.endswith(" " + w) for w in (wanted, wanted + "s", wanted + " s"))


def needs_tooltip(content, term: str, expansion: str) -> bool:
    """A use of the term in the built page outside headings and not right after its expansion:
    hooks/abbr_first_use.py puts the page's tooltip on such a use."""
    from bs4 import NavigableString
    texts, pattern = [], re.compile(rf"(?<!\w){re.escape(term)}s?(?!\w)")
    for node in content.descendants:
        if not isinstance(node, NavigableString) or type(node) is not NavigableString:
            continue   # comments and the like
        if node.find_parent(HEADINGS):
            texts.append("\n")
            continue
        for match in pattern.finditer(node):
            if not follows_expansion("".join(texts)[-600:] + node[:match.start()], expansion):
                return True
        texts.append(str(node))
    return False


def check_abbr(pages: list[Page], entries: list[Entry]) -> list[Problem]:
    """Each page that uses a term with an expansion shows it as an <abbr> tooltip (once: the
    tooltip is on its first use, hooks/abbr_first_use.py), except:

    - the acronyms every reader knows, listed in data/common-acronyms.txt (NATO, US, UK, EU, UN):
      never a tooltip; each must be a glossary term with an expansion;
    - a term whose every use on the built page is in a heading or right after its own expansion
      ("Kosovo Force (KFOR)"), where no tooltip is shown;
    - a page whose front matter says `abbreviations: false`, such as the glossary.

    Terms are matched as the abbr extension does: whole words, longest first.
    """
    problems = []
    common = read_common()
    expanded = {e.term: e.expansion for e in entries if e.expansion}
    for line, word in common:
        if word not in expanded:
            problems.append(Problem(COMMON_FILE.as_posix(), line, f"'{word}' is not a term with an expansion in "
                                    f"{GLOSSARY_FILE} (list only glossary terms here)"))
    exempt = {word for _, word in common}
    terms = sorted((t for t in expanded if t not in exempt), key=len, reverse=True)
    if not terms:
        return problems
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, terms)) + r")\b")
    for page in pages:
        if page.content is None or (page.meta or {}).get("abbreviations") is False:
            continue
        shown = set()
        for tag in page.tags:
            if tag.name == "abbr":
                text = tag.get_text()
                shown |= {text, text[:-1]} if text.endswith("s") else {text}
        first_use: dict[str, int] = {}
        raw = raw_html_lines(page)
        for number, text in page.prose:
            if number in raw:  # Markdown (and its abbr extension) does not touch raw HTML blocks
                continue
            for match in pattern.finditer(text):
                first_use.setdefault(match.group(1), number)
        for term, line in first_use.items():
            if term not in shown and needs_tooltip(page.content, term, expanded[term]):
                problems.append(Problem(page.path, line, f"'{term}' has no <abbr> tooltip in the built page "
                                        "(is includes/abbreviations.md up to date? "
                                        "run make generate)"))
    return problems

