"""What the data files (data/*.yml) and their generators share.

- DataError: a problem in a data file, with the file and line (never a traceback).
- compose(): the file read as a YAML node tree, so that every value keeps its line.
- mapping_fields(): one entry's fields, checked for unknown, repeated and missing ones.
- text(), iso_date(), source(): one field's value, checked (plain text, a date, a footnote).
- show_date(): an ISO date as readers see it (4 April 1949, March 2021, 1966).
- write_generated(): the --check / write step of each generator (make_glossary, make_timeline).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
ADDRESS = re.compile(r"<(https://[^<>\s]+)>")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


class DataError(Exception):
    """A problem in a data file, with the line it is on."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def compose(path: Path, error: type[DataError], what: str) -> yaml.Node | None:
    """The YAML node tree of a data file; `error` (a DataError subclass) for a missing file,
    bytes that are not UTF-8 or malformed YAML. `what` names the file in messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(path, 0, f"{what} file not found") from None
    except UnicodeDecodeError as exc:
        raise error(path, path.read_bytes()[:exc.start].count(b"\n") + 1, "not UTF-8 text") from None
    try:
        return yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(path, mark.line + 1 if mark else 0, f"malformed YAML: {reason}") from None


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
    return value


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
            print(f"{p}:1: out of date with {source} (run: python scripts/{script})")
        for p in leftovers:
            print(f"{p}:1: no longer generated from {source} (run: python scripts/{script}, which removes it)")
        return 1 if stale or leftovers else 0
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(outputs[p], encoding="utf-8")
        print(f"wrote {p}")
    for p in leftovers:
        p.unlink()
        print(f"removed {p}")
    return 0
