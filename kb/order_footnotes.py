"""Put each page's footnote definitions in the order the text first cites them.

    python -m kb.order_footnotes           # reorder the definitions in place
    python -m kb.order_footnotes --check   # exit 1, one line per page out of order

Python-Markdown numbers footnotes in the order they are defined, so definitions in
reading order give markers 1, 2, 3... down the page (its "reference order" option is
not reliable for references inside tables, lists and admonitions). Only the block of
one-line definitions is moved; the text is not touched. The checker reports pages out
of order.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kb.model.frontmatter import markdown_pages
from kb import enter_project

DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:")
REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def reading_order(lines: list[str]) -> list[str]:
    """Footnote labels in the order the text (not the definitions) first cites them."""
    order: list[str] = []
    for line in lines:
        if DEFINITION.match(line):
            continue
        for label in REFERENCE.findall(line):
            if label not in order:
                order.append(label)
    return order


def reorder(text: str) -> str | None:
    """The page with its definitions in reading order, or None when they already are (or when
    a definition spans several lines: those pages are left for the author)."""
    lines = text.split("\n")
    defs = [i for i, line in enumerate(lines) if DEFINITION.match(line)]
    if not defs:
        return None
    if any(i + 1 < len(lines) and lines[i + 1].startswith(("    ", "\t")) for i in defs):
        return None
    rank = {label: n for n, label in enumerate(reading_order(lines))}
    current = [DEFINITION.match(lines[i]).group(1) for i in defs]
    wanted = sorted(range(len(defs)), key=lambda k: (rank.get(current[k], len(rank)), k))
    if wanted == list(range(len(defs))):
        return None
    moved = [lines[defs[k]] for k in wanted]
    for i, line in zip(defs, moved):
        lines[i] = line
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a page's definitions are out of order")
    args = parser.parse_args()
    stale = 0
    for path in markdown_pages(Path("docs")):
        try:
            new = reorder(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # the checker names the line
        if new is None:
            continue
        stale += 1
        if args.check:
            print(f"{path}:1: footnote definitions are not in reading order (run: python -m kb.order_footnotes)")
        else:
            path.write_text(new, encoding="utf-8")
            print(f"reordered {path}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    enter_project()
    sys.exit(main())
