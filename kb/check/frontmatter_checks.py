"""Front matter: valid YAML, a title, a description, and a review date.

`last_reviewed: YYYY-MM-DD` says when the page's facts were last checked (shown on
the page as "Facts checked as of ..."). A missing or malformed date is a problem;
a date more than REVIEW_AFTER_DAYS old is a warning. KB_TODAY=YYYY-MM-DD in the
environment sets "today" (for tests).
"""

from __future__ import annotations

import datetime as dt
import os
import re

from .project import Page, Problem

REVIEW_AFTER_DAYS = 365


def today() -> dt.date:
    value = os.environ.get("KB_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def _key_line(page: Page, key: str) -> int:
    """The line of `key:` in the page's front matter (1 when it is not there)."""
    try:
        with open(page.path, encoding="utf-8-sig") as fh:
            for number, line in enumerate(fh, 1):
                if number > 1 and line.rstrip() in ("---", "..."):
                    break
                if re.match(rf"{re.escape(key)}\s*:", line):
                    return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def check_front_matter(pages: list[Page]) -> list[Problem]:
    problems = []
    for page in pages:
        if page.meta_error:
            problems.append(Problem(page.path, *page.meta_error))
            continue
        for key in ("title", "description"):
            if not page.meta or not str(page.meta.get(key) or "").strip():
                problems.append(Problem(page.path, 1, f"front matter has no '{key}' "
                                        f"(start the page with ---, {key}: ..., ---)"))
            elif not isinstance(page.meta.get(key), str):
                problems.append(Problem(page.path, _key_line(page, key), f"front matter '{key}' must be text"))
            elif re.search(r"[<>]", page.meta[key]):
                problems.append(Problem(page.path, _key_line(page, key), f"front matter '{key}' must be plain text "
                                        "(no <, > or HTML: it goes into the page head, nav and search)"))
        problems += check_review_date(page)
    return problems


def check_review_date(page: Page) -> list[Problem]:
    value = (page.meta or {}).get("last_reviewed")
    if value is None:
        return [Problem(page.path, 1, "front matter has no 'last_reviewed' (the date its facts were last "
                        "checked: last_reviewed: YYYY-MM-DD)")]
    line = _key_line(page, "last_reviewed")
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return [Problem(page.path, line, f"last_reviewed '{value}' is not a date (write YYYY-MM-DD)")]
    now = today()
    if value > now:
        return [Problem(page.path, line, f"last_reviewed {value} is in the future (today is {now})")]
    age = (now - value).days
    if age > REVIEW_AFTER_DAYS:
        return [Problem(page.path, line, f"last reviewed {value}, {age} days ago: check its facts and "
                        "update last_reviewed", warning=True)]
    return []


TAGS_FILE = "data/tags.yml"
TAGGED_SECTIONS = ("foundations/", "history/", "structures/", "operations/", "policies/", "partnerships/",
                   "challenges/", "impact/", "future/")


class TagsError(Exception):
    """data/tags.yml cannot be used, with the line."""

    def __init__(self, path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def read_tags() -> set[str] | None:
    """Every allowed tag (data/tags.yml: groups of tag lists); None when the file is absent.
    TagsError at its line: malformed YAML, a group given twice, a group that is not a list of
    short plain names, a tag listed twice."""
    from pathlib import Path

    import yaml
    from kb.model.datafile import DataError, compose

    path = Path(TAGS_FILE)
    if not path.is_file():
        return None
    try:
        root = compose(path, DataError, "tags", entries_checked=False)
    except DataError as err:
        raise TagsError(TAGS_FILE, err.line, err.message) from None
    if root is None:
        return set()
    if not isinstance(root, yaml.MappingNode):
        raise TagsError(TAGS_FILE, root.start_mark.line + 1, "must map groups to lists of tags (group:\n  - Tag)")
    tags: dict[str, int] = {}
    for group, items in root.value:
        if not isinstance(items, yaml.SequenceNode):
            raise TagsError(TAGS_FILE, items.start_mark.line + 1, f"group '{group.value}' must be a list of tags")
        for item in items.value:
            line = item.start_mark.line + 1
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                raise TagsError(TAGS_FILE, line, "each tag must be a short plain name")
            name = str(item.value).strip()
            if len(name) > 60 or re.search(r"[<>\[\]{}`#\n]", name):
                raise TagsError(TAGS_FILE, line, f"tag '{name[:60]}' must be a short plain name "
                                "(no <, >, brackets, braces, backquotes or #)")
            if name in tags:
                raise TagsError(TAGS_FILE, line, f"tag '{name}' listed twice (first on line {tags[name]})")
            tags[name] = line
    return set(tags)


def check_tags(pages: list[Page]) -> list[Problem]:
    """Tags come from the fixed list in data/tags.yml; every topic page carries at least one."""
    try:
        allowed = read_tags()
    except TagsError as err:
        return [Problem(err.path, err.line, err.message)]
    if allowed is None:
        return []
    problems = []
    for page in pages:
        if page.meta_error:
            continue
        tags = (page.meta or {}).get("tags")
        if tags is None:
            if page.src.startswith(TAGGED_SECTIONS):
                problems.append(Problem(page.path, 1, "topic page has no 'tags' (add tags: [...] from data/tags.yml)"))
            continue
        if not isinstance(tags, list) or not tags:
            problems.append(Problem(page.path, _key_line(page, "tags"), "front matter 'tags' must be a list"))
            continue
        for tag in tags:
            if str(tag) not in allowed:
                problems.append(Problem(page.path, _key_line(page, "tags"), f"tag '{tag}' is not in {TAGS_FILE} "
                                        "(use a listed tag, or add it there)"))
    return problems
