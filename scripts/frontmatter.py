"""Read a page's YAML front matter, or say clearly why it cannot be read.

MkDocs silently drops front matter that is not valid YAML (the page then has no
title or description), so every script here reads it through this function.
"""

from __future__ import annotations

from pathlib import Path

import yaml


class FrontMatterError(Exception):
    """Front matter missing or malformed, with the file and line."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def read_front_matter(path: Path) -> dict:
    """The front matter of a Markdown page as a dict ({} when the page has none)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        raise FrontMatterError(path, 1, "front matter is not closed by a '---' line")
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise FrontMatterError(path, line, f"front matter is not valid YAML: {problem} "
                                           "(quote values that contain ': ')") from None
    if not isinstance(meta, dict):
        raise FrontMatterError(path, 2, "front matter must be 'key: value' lines")
    return meta


def page_title(path: Path, default: str) -> str:
    """The page's front-matter title, or `default` when it has none."""
    return str(read_front_matter(path).get("title") or default)
