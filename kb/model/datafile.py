"""What the data files (data/*.yml) and their generators share.

- DataError: a problem in a data file, with the file and line (never a traceback).
- compose(): the file read as a YAML node tree, so that every value keeps its line; a key given
  twice in one mapping is an error at its line (YAML's "the last one wins" loses data silently).
- load_mapping(): YAML text (front matter) loaded with the same rule, and with invalid dates
  (2026-02-30) reported at their line instead of raising ValueError.
- mapping_fields(): one entry's fields, checked for unknown, repeated and missing ones.
- text(), iso_date(), source(), boolean(), integer(): one field's value, checked (plain text, a
  date, a footnote with a valid address, true/false, a whole number).
- not_after_review(): a dated event must not lie after the site's review date (it would be
  published as history).
- address_problem(): what is wrong with an https address (host, port), or None.
- show_date(): an ISO date as readers see it (4 April 1949, March 2021, 1966).
- write_generated(): the --check / write step of each generator (make_glossary, make_timeline).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

# Markdown that would turn a plain-text field into markup on a page: attribute lists
# ({ #id .class key=value }, {: ...}) and links or images ([text](address)).
MARKUP = re.compile(r"\{\s*:?\s*(?:[#.][\w-]|[\w:-]+\s*=)[^}]*\}|\]\(")
ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
ADDRESS = re.compile(r"<(https://[^<>\s]+)>")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


class DataError(Exception):
    """A problem in a data file, with the line it is on."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def compose(path: Path, error: type[DataError], what: str, entries_checked: bool = True) -> yaml.Node | None:
    """The YAML node tree of a data file; `error` (a DataError subclass) for a missing file,
    bytes that are not UTF-8, malformed YAML or a key given twice in one mapping. `what` names
    the file in messages. entries_checked: the caller checks the top mapping and the entries of
    the top list with mapping_fields() (which names a repeated field in its own words), so
    repeated keys are looked for below them only; False: everywhere."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(path, 0, f"{what} file not found") from None
    except UnicodeDecodeError as exc:
        raise error(path, path.read_bytes()[:exc.start].count(b"\n") + 1, "not UTF-8 text") from None
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(path, mark.line + 1 if mark else 0, f"malformed YAML: {reason}") from None
    duplicate = duplicate_key(root, entries_checked=entries_checked)
    if duplicate:
        raise error(path, duplicate[0], duplicate[1])
    return root


def duplicate_key(root: yaml.Node | None, offset: int = 0, entries_checked: bool = False) -> tuple[int, str] | None:
    """(line, message) of the first key given twice in one mapping of a node tree, or None.
    `offset`: lines before the YAML text (front matter starts on line 2 of its page);
    entries_checked: the top mapping, or the mappings directly in the top list, are not looked at."""
    found = []
    stack = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        entry = entries_checked and (depth == 0 or (depth == 1 and isinstance(root, yaml.SequenceNode)))
        if isinstance(node, yaml.MappingNode) and not entry:
            seen: dict[str, int] = {}
            for key, value in node.value:
                line = key.start_mark.line + 1 + offset
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        found.append((line, f"key '{key.value}' given twice (first on line {seen[key.value]}): "
                                            "YAML would keep only the last one"))
                    seen.setdefault(key.value, line)
        if isinstance(node, yaml.MappingNode):
            stack += [(child, depth + 1) for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(child, depth + 1) for child in node.value]
    return min(found) if found else None


def load_mapping(text: str, offset: int = 0) -> object:
    """YAML text (a page's front matter) as Python values, like yaml.safe_load, but a key given
    twice or an impossible date (2026-02-30) raises ValueError("LINE: message"); `offset`: lines
    before the text in its file. yaml.YAMLError for malformed YAML, as safe_load."""
    root = yaml.compose(text)
    duplicate = duplicate_key(root, offset)
    if duplicate:
        raise ValueError(f"{duplicate[0]}: {duplicate[1]}")
    loader = yaml.SafeLoader("")
    try:
        stack = [root] if root is not None else []
        while stack:   # every timestamp scalar is a real date, else the line that holds it
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
                try:
                    loader.construct_yaml_timestamp(node)
                except ValueError as exc:
                    raise ValueError(f"{node.start_mark.line + 1 + offset}: '{node.value}' is not a real date "
                                     f"({exc})") from None
            elif isinstance(node, yaml.MappingNode):
                stack += [v for pair in node.value for v in pair]
            elif isinstance(node, yaml.SequenceNode):
                stack += node.value
        return loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()


def mapping_fields(item: yaml.Node, allowed: set[str], required: tuple[str, ...], error: type[DataError],
                   path: Path, what: str) -> dict[str, yaml.Node]:
    """{field: value node} of one entry of a data file: a mapping, with only `allowed` fields,
    each given once, and every `required` one present. `what` describes the entry in messages."""
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        raise error(path, line, f"each entry must be a mapping with {what}")
    fields: dict[str, yaml.Node] = {}
    for key, value in item.value:
        if key.value not in allowed:
            raise error(path, key.start_mark.line + 1,
                        f"unknown field '{key.value}' (allowed: {', '.join(sorted(allowed))})")
        if key.value in fields:
            raise error(path, key.start_mark.line + 1, f"field '{key.value}' given twice in one entry "
                        f"(first on line {fields[key.value].start_mark.line + 1})")
        fields[key.value] = value
    for key in required:
        if key not in fields:
            raise error(path, line, f"entry is missing required field '{key}'")
    return fields


def text(node: yaml.Node, path: Path, key: str, error: type[DataError], plain: bool = True) -> str:
    """A non-empty scalar, whitespace collapsed; `plain`: no <, > or footnote markers."""
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise error(path, node.start_mark.line + 1, f"'{key}' must be non-empty text")
    value = " ".join(str(node.value).split())
    if plain and re.search(r"[<>]|\[\^", value):
        raise error(path, node.start_mark.line + 1,
                    f"'{key}' must be plain text (no <, > or footnotes: sources go in 'sources')")
    if plain and MARKUP.search(value):
        raise error(path, node.start_mark.line + 1, f"'{key}' must be plain text (no Markdown links or "
                    f"{{ attribute lists }}: '{MARKUP.search(value).group(0)}')")
    return value


def valid_iso(value: str) -> bool:
    """YYYY-MM-DD, YYYY-MM or YYYY, and a real date."""
    if not ISO.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def iso_date(node: yaml.Node, path: Path, key: str, error: type[DataError]) -> str:
    value = text(node, path, key, error)
    if not valid_iso(value):
        raise error(path, node.start_mark.line + 1, f"'{key}' '{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return value


def source(node: yaml.Node, path: Path, key: str, error: type[DataError]) -> str:
    """A footnote in the site's format: 'Publisher, title, date. <https://...>' (one address)."""
    value = text(node, path, key, error, plain=False)
    if len(ADDRESS.findall(value)) != 1 or re.search(r"<(?!https://)", value):
        raise error(path, node.start_mark.line + 1, "each source needs exactly one https address "
                    "in angle brackets: 'Publisher, title, date. <https://...>'")
    problem = address_problem(ADDRESS.search(value).group(1))
    if problem:
        raise error(path, node.start_mark.line + 1, problem)
    return value


HOST = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]", re.I)


def is_ip(host: str) -> bool:
    """An IPv4 or IPv6 address (the test servers on 127.0.0.1)."""
    import ipaddress
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def footnote_table(node: yaml.Node, path: Path, error: type[DataError],
                   empty_ok: bool = False) -> tuple[dict[str, str], dict[str, int]]:
    """A data file's `footnotes:` mapping (key: footnote text), each text checked by source():
    ({key: text}, {key: line}). Used by every dataset that cites shared footnotes by key."""
    if not isinstance(node, yaml.MappingNode) or not (node.value or empty_ok):
        raise error(path, node.start_mark.line + 1, "'footnotes' must map keys to sources")
    texts, lines = {}, {}
    for key, value in node.value:
        texts[str(key.value)] = source(value, path, str(key.value), error)
        lines[str(key.value)] = value.start_mark.line + 1
    return texts, lines


def footnote_keys(node: yaml.Node, path: Path, key: str, footnotes: dict[str, str], error: type[DataError],
                  label: str | None = None) -> list[str]:
    """A non-empty list of keys of the file's footnote table (footnote_table), each one defined.
    `label` names the list in messages (default: 'key')."""
    items = node.value if isinstance(node, yaml.SequenceNode) else None
    if not items:
        raise error(path, node.start_mark.line + 1, f"{label or repr(key)} must be a list of footnote keys")
    keys = []
    for item in items:
        value = text(item, path, key, error)
        if value not in footnotes:
            raise error(path, item.start_mark.line + 1, f"footnote '{value}' is not defined in 'footnotes'")
        keys.append(value)
    return keys


def fact_sources(f: dict, entry, facts: tuple[str, ...], stated: dict[str, object], path: Path,
                 footnotes: dict[str, str], error: type[DataError]) -> None:
    """entry.sources (fact: footnote keys) from an entry's `sources` mapping, `f` its fields: a known
    fact each, given once, a source for every fact `stated` marks present and none for another;
    `entry` has .name and .sources."""
    src = f["sources"]
    if not isinstance(src, yaml.MappingNode):
        raise error(path, src.start_mark.line + 1, f"'sources' must map facts ({', '.join(facts)}) to "
                    "lists of footnote keys")
    for fact_node, keys in src.value:
        fact = fact_node.value
        if fact not in facts:
            raise error(path, fact_node.start_mark.line + 1,
                        f"unknown fact '{fact}' in sources (allowed: {', '.join(facts)})")
        if fact in entry.sources:
            raise error(path, fact_node.start_mark.line + 1, f"sources: '{fact}' given twice")
        entry.sources[fact] = footnote_keys(keys, path, fact, footnotes, error, f"sources: '{fact}'")
    for fact, present in stated.items():
        if present and fact not in entry.sources:
            raise error(path, src.start_mark.line + 1, f"'{entry.name}': sources: '{fact}' needs a source")
        if not present and fact in entry.sources:
            raise error(path, src.start_mark.line + 1,
                        f"'{entry.name}': sources: '{fact}' cites a source for a fact the entry does not state")


def address_problem(url: str) -> str | None:
    """What is wrong with an address's host or port (None: nothing): a host must be a domain
    name (www.nato.int), a port a number from 1 to 65535."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"address '{url}' is malformed ({exc})"
    try:
        port = parts.port
    except ValueError:       # not a number, or beyond 65535
        given = parts.netloc.rsplit(":", 1)[-1]
        return (f"address '{url}' has port {given}, outside 1-65535" if given.isdigit()
                else f"address '{url}' has an invalid port '{given}'")
    host = parts.hostname or ""
    if not HOST.fullmatch(host) and not is_ip(host):
        return f"address '{url}' has no valid host name (write https://www.example.org/...)"
    if port is not None and not 1 <= port <= 65535:
        return f"address '{url}' has port {port}, outside 1-65535"
    if parts.username is not None or parts.password is not None:
        return f"address '{url}' holds a user name or password before its host"
    return None


def boolean(node: yaml.Node, path: Path, key: str, error: type[DataError]) -> bool:
    """true or false, written so: YAML 1.1 also reads yes/no/on/off, and a misspelling would be
    read as text (then false)."""
    value = text(node, path, key, error)
    if not isinstance(node, yaml.ScalarNode) or node.style or value not in ("true", "false"):
        raise error(path, node.start_mark.line + 1, f"'{key}' must be true or false, not '{value}'")
    return value == "true"


def integer(node: yaml.Node, path: Path, key: str, error: type[DataError], low: int, high: int) -> int:
    """A whole number from low to high (2014, not 2014.7 or "2014")."""
    value = text(node, path, key, error)
    if not re.fullmatch(r"-?\d+", value) or getattr(node, "style", None):
        raise error(path, node.start_mark.line + 1, f"'{key}' must be a whole number, not '{value}'")
    if not low <= int(value) <= high:
        raise error(path, node.start_mark.line + 1, f"'{key}' {value} is outside {low}-{high}")
    return int(value)


def review_date(docs: Path = Path("docs")) -> str:
    """The date the site's facts are checked as of (YYYY-MM-DD): the newest `last_reviewed` of its
    pages, and never after today (KB_TODAY=YYYY-MM-DD sets today, for tests)."""
    from kb.model.frontmatter import newest_review
    now = os.environ.get("KB_TODAY") or dt.date.today().isoformat()
    newest = newest_review(docs) if docs.is_dir() else None
    return min(newest, now) if newest else now


def not_after_review(node: yaml.Node, value: str, path: Path, key: str, error: type[DataError],
                     review: str) -> None:
    """A date (YYYY-MM-DD, YYYY-MM or YYYY) of something that happened: not after the review date
    (a page would present it as history)."""
    if value > review[:len(value)]:
        raise error(path, node.start_mark.line + 1, f"'{key}' {value} is after the review date {review}: "
                    "only events that have happened belong here")


def show_date(iso: str) -> str:
    """4 April 1949, March 2021 or 1966."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def write_generated(outputs: dict[Path, str], check: bool, source: Path, script: str,
                    leftovers: list[Path] = ()) -> int:
    """--check: one line per stale output, exit 1; otherwise write the stale outputs.
    leftovers: pages this script generated earlier and no longer does (an era page after the
    eras changed): --check reports them, a run removes them."""
    stale = [p for p, text in outputs.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if check:
        for p in stale:
            print(f"{p}:1: out of date with {source} (run: make generate)")
        for p in leftovers:
            print(f"{p}:1: no longer generated from {source} (run: make generate, which removes it)")
        return 1 if stale or leftovers else 0
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(outputs[p], encoding="utf-8")
        print(f"wrote {p}")
    for p in leftovers:
        p.unlink()
        print(f"removed {p}")
    return 0
