"""What the data files (data/*.yml) and their generators share.

- DataError: a problem in a data file, with the file and line (never a traceback).
- compose(): the file read as a YAML node tree, so that every value keeps its line.
- mapping_fields(): one entry's fields, checked for unknown, repeated and missing ones.
- write_generated(): the --check / write step of each generator (make_glossary, make_timeline).
"""

from __future__ import annotations

from pathlib import Path

import yaml


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


def write_generated(outputs: dict[Path, str], check: bool, source: Path, script: str) -> int:
    """--check: one line per stale output, exit 1; otherwise write the stale outputs."""
    stale = [p for p, text in outputs.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if check:
        for p in stale:
            print(f"{p}:1: out of date with {source} (run: python scripts/{script})")
        return 1 if stale else 0
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(outputs[p], encoding="utf-8")
        print(f"wrote {p}")
    return 0
