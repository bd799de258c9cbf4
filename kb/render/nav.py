"""The nav entries of the generated sections, written into mkdocs.yml from the generated pages.

A generated section of the nav holds a marked block; the lines between the markers are this
step's output (kb.generate runs it last, after the pages are written):

          # nav: reference/members/*.md (written by make generate, down to "# end nav")
          - Albania: reference/members/albania.md
          ...
          # end nav

"newest first" after the pattern lists the pages in reverse order of their file names (spending
years). Each label is the page's title, without the words all titles of the block begin with when
what remains is a period ("Timeline 1949–1965" -> "1949–1965"), so a nav label never differs from
its page's title but by that shared prefix. The block stays plain YAML: MkDocs and Zensical read it without a hook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kb.model.frontmatter import page_title

CONFIG = Path("mkdocs.yml")
DOCS = Path("docs")
BLOCK = re.compile(r"^(?P<indent>[ \t]*)# nav: (?P<pattern>[^\s,]+)(?P<newest>, newest first)?[^\n]*\n"
                   r"(?P<body>(?:(?!(?P=indent)# end nav\b)[^\n]*\n)*?)(?P=indent)# end nav\b", re.M)


def labels(titles: list[str]) -> list[str]:
    """Titles without the words they all begin with, when what remains is a period or a year
    ("Timeline 1949–1965" -> "1949–1965"); other titles whole ("United Kingdom", "United States")."""
    words = [t.split(" ") for t in titles]
    shared = 0
    while len(titles) > 1 and all(len(w) > shared + 1 for w in words) and len({w[shared] for w in words}) == 1:
        shared += 1
    rest = [" ".join(w[shared:]) for w in words]
    return rest if shared and all(r[:1].isdigit() for r in rest) else list(titles)


def quoted(label: str) -> str:
    """A YAML mapping key: plain when YAML reads it back as written, else double-quoted."""
    return label if re.fullmatch(r"\w[\w ’'().–—-]*", label) else json.dumps(label, ensure_ascii=False)


def block(indent: str, pattern: str, newest_first: bool) -> str:
    pages = sorted(DOCS.glob(pattern), reverse=newest_first)
    names = labels([page_title(p, p.stem) for p in pages])
    return "".join(f"{indent}- {quoted(n)}: {p.relative_to(DOCS).as_posix()}\n" for n, p in zip(names, pages))


def render(config: str) -> str:
    def replace(m: re.Match) -> str:
        head = m.group(0)[: m.start("body") - m.start(0)]
        return head + block(m.group("indent"), m.group("pattern"), bool(m.group("newest"))) + f"{m.group('indent')}# end nav"
    return BLOCK.sub(replace, config)


def outputs() -> dict[Path, str]:
    return {CONFIG: render(CONFIG.read_text(encoding="utf-8"))}
