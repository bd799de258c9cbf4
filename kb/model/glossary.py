"""Load and validate data/glossary.yml, the single source of the glossary.

Used by kb/render/make_glossary.py (which renders the glossary page and the
abbreviation snippet) and by kb/check. Every problem is reported as a
GlossaryError carrying the file and line, never as a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from kb.model.datafile import DataError, compose

GLOSSARY_FILE = Path("data/glossary.yml")
REQUIRED = ("term", "definition", "related")
KNOWN = set(REQUIRED) | {"expansion", "source", "french"}   # french: NATO's French term(s), for search only


class GlossaryError(DataError):
    """A problem in the glossary data file, with the line it is on."""


@dataclass
class Entry:
    term: str
    definition: str
    related: list[str]
    expansion: str | None = None
    french: list[str] = field(default_factory=list)    # NATO's French forms (OTAN): search words, not shown
    sources: list[str] = field(default_factory=list)   # footnote texts, each as rendered on the page
    line: int = 0
    related_lines: list[int] = field(default_factory=list)
    source_lines: list[int] = field(default_factory=list)

    @property
    def source(self) -> str | None:
        """All the entry's sources as one text, addresses freed of their angle brackets (None without
        any): what kb/check/sources.py judges, finding each address up to the next space."""
        return re.sub(r"<(https://[^\s<>]+)>", r" \1 ", " ".join(self.sources)) or None

    @property
    def anchor(self) -> str:
        """The id of this term's heading on the glossary page."""
        return anchor(self.term)


def anchor(term: str) -> str:
    """The id of a term's heading on the glossary page (the pages' acronym links use it too)."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def _scalar(node: yaml.Node, path: Path, key: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise GlossaryError(path, node.start_mark.line + 1, f"'{key}' must be non-empty text")
    return str(node.value).strip()


# A source is a footnote in the form the pages use: Publisher, kind "Title", D Month YYYY. <https://...>
SOURCE_FORM = 'Publisher, kind "Title", D Month YYYY. <https://address>'
ADDRESS = re.compile(r"<https://[^\s<>]+>")
BARE_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+", re.I)
# Before the first address: a publisher (no quotes) and a comma, then a title in double quotes.
CITATION = re.compile(r'^[^\s",][^",]*, [^"]*"[^"]+"')


def _sources(node: yaml.Node, path: Path, term: str) -> tuple[list[str], list[int]]:
    """The `source` field: one footnote text, or a list of them (each checked at its own line)."""
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    if not nodes:
        raise GlossaryError(path, node.start_mark.line + 1, f"source of '{term}' is an empty list: give one or more "
                            f"footnote texts, {SOURCE_FORM}")
    texts, lines = [], []
    for item in nodes:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise GlossaryError(path, line, f"source of '{term}' must be a footnote text or a list of "
                                f"them, {SOURCE_FORM}")
        texts.append(" ".join(str(item.value).split()))
        lines.append(line)
        _check_source(texts[-1], path, line, term)
    return texts, lines


def _check_source(text: str, path: Path, line: int, term: str) -> None:
    """One source: publisher and quoted title, then its address(es) written <https://...>, nothing after."""
    if BARE_URL.fullmatch(text.strip("<>")):
        raise GlossaryError(path, line, f"source of '{term}' is a bare address: write it as a footnote, "
                            f"{SOURCE_FORM}")
    addresses = list(ADDRESS.finditer(text))
    rest = ADDRESS.sub(" ", text)
    if not addresses or BARE_URL.search(rest) or re.search(r"[<>]", rest):
        raise GlossaryError(path, line, f"source of '{term}' must give its address(es) as <https://...> and "
                            f"no other address or < >: {SOURCE_FORM}")
    if re.search(r"[\[\]`]", rest):
        raise GlossaryError(path, line, f"source of '{term}' must not contain [ ] or ` (it is put on the page as "
                            f"written: no links, footnote marks or code): {SOURCE_FORM}")
    if not CITATION.match(text[:addresses[0].start()]):
        raise GlossaryError(path, line, f"source of '{term}' must name the publisher, then the title in "
                            f"double quotes, before the address: {SOURCE_FORM}")
    if text[addresses[-1].end():].strip():
        raise GlossaryError(path, line, f"source of '{term}' must end with its address: {SOURCE_FORM}")


def load_glossary(path: Path = GLOSSARY_FILE, problems: list | None = None) -> list[Entry]:
    """Parse and validate the glossary; raise GlossaryError on the first problem.

    With a `problems` list, an invalid entry is recorded there and skipped, and the valid
    entries are returned (the checker goes on checking acronyms with them); a file that
    cannot be read as a YAML list still raises."""
    root = compose(path, GlossaryError, "glossary")
    if root is None or not isinstance(root, yaml.SequenceNode):
        raise GlossaryError(path, 1, "the glossary must be a YAML list of entries")

    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for item in root.value:
        try:
            _load_entry(item, path, entries, seen)
        except GlossaryError as err:
            if problems is None:
                raise
            problems.append(err)
    return entries


def _load_entry(item: yaml.Node, path: Path, entries: list[Entry], seen: dict[str, int]) -> None:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        raise GlossaryError(path, line, "each entry must be a mapping with term, definition, related")
    fields = {}
    for k, v in item.value:
        if k.value in fields:
            raise GlossaryError(path, k.start_mark.line + 1,
                                f"field '{k.value}' given twice in one entry (first on line "
                                f"{fields[k.value][0].start_mark.line + 1}; the second would replace it)")
        fields[k.value] = (k, v)
    for key in fields:
        if key not in KNOWN:
            raise GlossaryError(path, fields[key][0].start_mark.line + 1,
                                f"unknown field '{key}' (allowed: {', '.join(sorted(KNOWN))})")
    for key in REQUIRED:
        if key not in fields:
            raise GlossaryError(path, line, f"entry is missing required field '{key}'")
    term = _scalar(fields["term"][1], path, "term")
    related_node = fields["related"][1]
    if not isinstance(related_node, yaml.SequenceNode) or not related_node.value:
        raise GlossaryError(path, related_node.start_mark.line + 1,
                            f"'related' of '{term}' must be a non-empty list of page paths")
    entry = Entry(
        term=term,
        definition=_scalar(fields["definition"][1], path, "definition"),
        related=[_scalar(n, path, "related") for n in related_node.value],
        related_lines=[n.start_mark.line + 1 for n in related_node.value],
        expansion=_scalar(fields["expansion"][1], path, "expansion") if "expansion" in fields else None,
        line=line,
    )
    if "french" in fields:
        node = fields["french"][1]
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if not nodes:
            raise GlossaryError(path, node.start_mark.line + 1, f"'french' of '{term}' is an empty list")
        entry.french = [_scalar(n, path, "french") for n in nodes]
    if "source" in fields:
        entry.sources, entry.source_lines = _sources(fields["source"][1], path, term)
    if term in seen:
        raise GlossaryError(path, line, f"duplicate term '{term}' (first defined on line {seen[term]})")
    _check_text(entry, fields, path)
    for other in entries:
        if other.term.lower() == term.lower() or other.anchor == entry.anchor:
            raise GlossaryError(path, line, f"term '{term}' collides with '{other.term}' (line {other.line}): "
                                f"both would get the anchor #{entry.anchor} (terms must differ in letters "
                                "or digits, not only in case or punctuation)")
    if entry.expansion and not re.fullmatch(r"\w(?:.*\w)?", term):
        raise GlossaryError(path, line, f"term '{term}' starts or ends with a sign: tooltips match whole words "
                            "only, so it could never get one (spell it out, e.g. 'C plus plus')")
    seen[term] = line
    entries.append(entry)


MARKUP = re.compile(r"<[A-Za-z!/?]|[<>]")
BLOCK_MARKDOWN = re.compile(r"(?m)^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\||```|~~~|!!!|\?\?\?|\[\^?[^\]]*\]:|\*\[)")


def _check_text(entry: Entry, fields: dict, path: Path) -> None:
    """Plain-text fields hold no markup; the definition is one paragraph of inline Markdown;
    the sources were checked by _check_source. (The generated glossary page escapes the definition and
    expansion as well; it puts a source on the page as written.)"""
    def line_of(key: str) -> int:
        return fields[key][1].start_mark.line + 1

    for key in ("term", "expansion"):
        value = getattr(entry, key)
        if value and MARKUP.search(value):
            raise GlossaryError(path, line_of(key), f"'{key}' of '{entry.term}' must be plain text "
                                "(no <, > or HTML)")
    if "<" in entry.definition or ">" in entry.definition:
        raise GlossaryError(path, line_of("definition"), f"definition of '{entry.term}' must not contain HTML "
                            "or < > (write the words out)")
    if BLOCK_MARKDOWN.search(entry.definition) or "\n\n" in entry.definition.strip():
        raise GlossaryError(path, line_of("definition"), f"definition of '{entry.term}' must be one paragraph of "
                            "plain text (no headings, lists, tables, admonitions or footnote lines)")
