"""Writing rules (data/writing.yml): the checker enforces what tests/test_site.py asserts on the site.

- every page: a description of at least `description_min_length` characters; a file name in
  kebab-case (lowercase letters, digits and hyphens: `command-structure.md`);
- every topic page (kb/model/frontmatter.py's is_topic_page: not generated, not the home page or a
  section's index, not marked `related_pages: none`): its content links to at least
  `min_linked_pages` other pages, and it ends with a `## Related pages` section (no `## ` heading
  after it).

The thresholds are stated once, in data/writing.yml; a project without that file has no writing
rules (like data/tags.yml for tags). A malformed file is reported at its line.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from kb.model.frontmatter import is_topic_page

from .frontmatter_checks import _key_line
from .project import Page, Problem

WRITING_FILE = "data/writing.yml"
RULES = {"description_min_length": int, "min_linked_pages": int, "related_heading": str}
KEBAB_CASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def read_rules() -> tuple[dict | None, list[Problem]]:
    """The rules of data/writing.yml (None when the file is absent), or the problems that stop them."""
    path = Path(WRITING_FILE)
    if not path.is_file():
        return None, []
    try:
        rules = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(WRITING_FILE, mark.line + 1 if mark else 1, f"not valid YAML: "
                              f"{getattr(exc, 'problem', None) or exc}")]
    if not isinstance(rules, dict):
        return None, [Problem(WRITING_FILE, 1, "must be 'rule: value' lines")]
    problems = []
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(key: str) -> int:
        return next((n for n, text in enumerate(lines, 1) if re.match(rf"{re.escape(str(key))}\s*:", text)), 1)

    for key, value in rules.items():
        kind = RULES.get(key)
        if kind is None:
            problems.append(Problem(WRITING_FILE, line_of(key), f"unknown rule '{key}' (known: {', '.join(RULES)})"))
        elif not isinstance(value, kind) or isinstance(value, bool) or (kind is int and value < 0):
            problems.append(Problem(WRITING_FILE, line_of(key), f"'{key}' must be "
                                    f"{'a whole number' if kind is int else 'text'}"))
    for key in RULES:
        if key not in rules:
            problems.append(Problem(WRITING_FILE, 1, f"rule '{key}' missing"))
    return (None if problems else rules), problems


def linked_pages(page: Page) -> set[str]:
    """The other pages the built content links to (as tests/test_site.py counts them)."""
    if page.content is None:
        return set()
    return {a["href"].split("#")[0] for a in page.content.find_all("a", href=True)
            if not a["href"].startswith(("http", "#", "mailto:")) and a["href"].split("#")[0]}


def check_writing(pages: list[Page]) -> list[Problem]:
    rules, problems = read_rules()
    if rules is None:
        return problems
    heading = f"## {rules['related_heading']}"
    for page in pages:
        name = page.src.rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0]
        if not KEBAB_CASE.fullmatch(stem):
            problems.append(Problem(page.path, 1, f"file name '{name}' is not kebab-case (lowercase letters, "
                                    "digits and hyphens: rename it, e.g. 'command-structure.md')"))
        if page.meta_error:
            continue
        description = str((page.meta or {}).get("description") or "").strip()
        if description and len(description) < rules["description_min_length"]:
            problems.append(Problem(page.path, _key_line(page, "description"),
                                    f"description is {len(description)} characters: write at least "
                                    f"{rules['description_min_length']} (it is the search-result snippet)"))
        if not is_topic_page(page.src, page.meta):
            continue
        headings = [(n, text.rstrip()) for n, text in page.markup if text.startswith("## ")]
        related = [n for n, text in headings if text == heading]
        if not related:
            problems.append(Problem(page.path, 1, f"topic page has no '{heading}' section (end it with one "
                                    "that links to the pages a reader goes on to)"))
        else:
            after = [(n, text) for n, text in headings if n > related[-1]]
            if after:
                problems.append(Problem(page.path, after[0][0], f"'{after[0][1]}' after '{heading}': the "
                                        f"'{heading}' section ends the page"))
        count = len(linked_pages(page))
        if page.content is not None and count < rules["min_linked_pages"]:
            problems.append(Problem(page.path, related[-1] if related else 1,
                                    f"topic page links to {count} other page{'s' * (count != 1)}: link at least "
                                    f"{rules['min_linked_pages']} (in the text or under '{heading}')"))
    return problems
