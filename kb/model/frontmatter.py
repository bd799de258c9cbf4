"""Read a page's YAML front matter, or say clearly why it cannot be read.

MkDocs silently drops front matter that is not valid YAML (the page then has no
title or description), so every script here reads it through this function. A key given twice
(YAML keeps the last), an impossible date (2026-02-30) and a page that cannot be read at all
are errors at their line too, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from kb.model.datafile import load_mapping


class FrontMatterError(Exception):
    """Front matter missing or malformed, with the file and line."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def read_front_matter(path: Path) -> dict:
    """The front matter of a Markdown page as a dict ({} when the page has none)."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a UTF-8 byte-order mark is fine (MkDocs reads it)
    except OSError as exc:
        raise FrontMatterError(path, 1, f"cannot read the page: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        raise FrontMatterError(path, line, f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x}): "
                                           "save the file as UTF-8") from None
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}
    end = front_matter_end(text)
    if end < 0:
        raise FrontMatterError(path, 1, "front matter is not closed by a '---' line")
    try:
        meta = load_mapping(text[4:end], offset=1)
    except ValueError as exc:      # "LINE: a key given twice / an impossible date"
        line, message = str(exc).split(": ", 1)
        raise FrontMatterError(path, int(line), f"front matter: {message}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise FrontMatterError(path, line, f"front matter is not valid YAML: {problem} "
                                           "(quote values that contain ': ')") from None
    if not isinstance(meta, dict):
        raise FrontMatterError(path, 2, "front matter must be 'key: value' lines")
    return meta


def front_matter_end(text: str) -> int:
    """Offset of the newline before the line closing the front matter ('---' or '...'), or -1."""
    match = re.search(r"\n(?:---|\.\.\.)[ \t]*(?:\n|$)", text[3:])
    return match.start() + 3 if match else -1


def page_title(path: Path, default: str) -> str:
    """The page's front-matter title, or `default` when it has none."""
    return str(read_front_matter(path).get("title") or default)


MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs builds as pages


def markdown_pages(docs: Path) -> list[Path]:
    """Every page MkDocs would build under docs/, sorted."""
    return sorted(p for p in docs.rglob("*") if p.suffix.lower() in MARKDOWN_EXTENSIONS and p.is_file())


def newest_review(docs: Path, skip: tuple[Path, ...] = ()) -> str | None:
    """The newest `last_reviewed` date (YYYY-MM-DD) among the pages under docs/.

    The generated pages (glossary, sources) are rebuilt from every page's data, so
    their review date is the newest review of the pages they are made from.
    """
    dates = []
    for path in markdown_pages(docs):
        if path in skip:
            continue
        try:
            value = read_front_matter(path).get("last_reviewed")
        except FrontMatterError:
            continue
        if value is not None and len(str(value)) == 10:
            dates.append(str(value))
    return max(dates) if dates else None


# --- what a page is, stated once, in its own front matter ------------------------------------
# A generated page names what it is made from (`generated_from: data/members.yml`; the generators
# kb/render/make_*.py write it); a page that needs no footnotes says so (`footnotes: none`, with the
# reason in a comment); a page that is not a topic page without being generated or a section's
# index says so too (`related_pages: none`). The checker (kb/check), the edit-link hook
# (hooks/edit_generated.py) and the tests read these keys, never a list of paths.
GENERATED_KEY = "generated_from"


def generated_from(meta: dict) -> list[str]:
    """The data files (or scripts) a generated page is made from, first the one to edit; [] otherwise."""
    value = (meta or {}).get(GENERATED_KEY)
    if not value:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def is_generated(meta: dict) -> bool:
    """Written by a generator from data/: edit the data, not the page."""
    return bool(generated_from(meta))


def needs_footnotes(meta: dict) -> bool:
    """Every page sources its facts with footnotes unless its front matter says `footnotes: none`."""
    return str((meta or {}).get("footnotes", "")).strip().lower() != "none"


def is_topic_page(src: str, meta: dict) -> bool:
    """A page of prose the writing rules apply to (kb/check/writing.py): not generated, not the
    home page or a section's index, not marked `related_pages: none`. `src` is the path under docs/."""
    if is_generated(meta) or src.rsplit("/", 1)[-1] == "index.md":
        return False
    return str((meta or {}).get("related_pages", "")).strip().lower() != "none"
