"""Name the pages MkDocs cannot read at all, before MkDocs crashes on them with a traceback.

    python -m kb.preflight    # exit 1 with one `docs/page.md:LINE: problem` line per page

A page that is not UTF-8, or that holds an address Python cannot parse (`<https://[bad/x>`),
stops `mkdocs build` with a traceback; a tag in data/tags.yml that is not a plain name would
be printed as markup on the subject index. `make serve`, `make build` and `make export` run this
first; the checker (kb/check) reports the same problems and checks the other pages.
"""

from __future__ import annotations

import sys
from pathlib import Path


from kb.check.cli import unreadable_pages
from kb.check.frontmatter_checks import TagsError, read_tags
from kb import enter_project


def main() -> int:
    docs = Path("docs")
    if not docs.is_dir():
        print("preflight: docs/ not found (run from the project root)", file=sys.stderr)
        return 2
    problems = [str(p) for p in unreadable_pages(docs).values()]
    try:   # Material's tags plugin prints tag names as markup on the subject index
        read_tags()
    except TagsError as err:
        problems.append(str(err))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    enter_project()
    sys.exit(main())
