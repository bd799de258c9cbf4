"""Render the glossary page and the abbreviation snippet from data/glossary.yml.

    python -m kb.generate glossary          # (re)write both generated files
    python -m kb.generate --check glossary  # exit 1 if either is out of date

Outputs:
  docs/reference/glossary.md   the rendered glossary (one anchor per term)
  includes/abbreviations.md    `*[TERM]: expansion` lines, auto-appended to every
                               page by pymdownx.snippets -> hover tooltips
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from kb.model.text import md_inline
from kb.model.frontmatter import newest_review, page_title
from kb.model.glossary import GLOSSARY_FILE, Entry, GlossaryError, load_glossary

DOCS = Path("docs")
PAGE = DOCS / "reference" / "glossary.md"
SNIPPET = Path("includes") / "abbreviations.md"
NOTICE = "<!-- Generated from data/glossary.yml by kb/render/make_glossary.py: edit the YAML, not this file. -->"


def check_related(entries: list[Entry]) -> None:
    for entry in entries:
        for target, line in zip(entry.related, entry.related_lines):
            if not (DOCS / target).is_file():
                raise GlossaryError(GLOSSARY_FILE, line,
                                    f"related page '{target}' of '{entry.term}' does not exist under docs/")




def reviewed_line() -> list[str]:
    """`last_reviewed:` for the glossary: the newest review date of the pages (see frontmatter.py)."""
    newest = newest_review(DOCS, skip=(PAGE, DOCS / "reference" / "sources.md"))
    return [f"last_reviewed: {newest}"] if newest else []


def render_page(entries: list[Entry]) -> str:
    out = [
        "---",
        "title: Glossary",
        "description: Acronyms and terms used across the NATO cooperation knowledge base, "
        "each with its expansion, a short definition and the pages that explain it.",
        "abbreviations: false  # expansions are written out here: no tooltips (hooks/abbr_first_use.py)",
        # 129 terms: a contents list of them would be sent twice (sidebar and phone menu), 2 KB gzip
        # that takes the page over its 100 KB first view; the "Jump to" letters do the same job.
        "hide: [toc]",
        # a source per term, 100 footnote marks: no hover tooltips on them (hooks/tooltips.py says why)
        "footnote_tooltips: false  # the sources are numbered at the foot of the page",
        "generated_from: [data/glossary.yml, kb/render/make_glossary.py]",
        # footnotes come from the terms' optional sources in data/glossary.yml: none without any
        *([] if any(e.sources for e in entries) else ["footnotes: none  # no term in data/glossary.yml gives a source"]),
        *reviewed_line(),
        "---",
        "",
        NOTICE,
        "",
        "# Glossary",
        "",
        f"This glossary lists {len(entries)} acronyms and terms used on this site. The same data gives the "
        "tooltips shown when you hover over an acronym on any page. Definitions are short; follow the "
        "related pages for detail and sources.",
        "",
    ]
    ordered = sorted(entries, key=lambda e: e.term.lower())
    letters = sorted({e.term[0].upper() for e in entries})
    out += ["Jump to: " + " · ".join(f"[{c}](#letter-{c.lower()})" for c in letters),
            '{: data-search-exclude="1" }', ""]
    footnotes = []
    for letter, group in groupby(ordered, key=lambda e: e.term[0].upper()):
        out += [f"## {letter} {{ #letter-{letter.lower()} }}", ""]   # not "#i": print-site mangles one-letter ids
        for entry in group:
            out.append(f"### {entry.term} {{ #{entry.anchor} }}")
            out.append("")
            lead = f"**{entry.expansion}.** " if entry.expansion else ""
            note = ""
            for n, text in enumerate(entry.sources, 1):   # footnote texts as written in the data
                label = f"src-{entry.anchor}" + (f"-{n}" if n > 1 else "")
                note += f"[^{label}]"
                footnotes.append(f"[^{label}]: {text}")
            out.append(f"{lead}{entry.definition}{note}")
            out.append("")
            links = []
            for target in entry.related:
                links.append(f"[{md_inline(page_title(DOCS / target, target))}](../{target})")
            out.append("Related: " + ", ".join(links))
            out.append('{: data-search-exclude="1" }')   # links, not reader text: kept out of the search index
            out.append("")
    out += [
        "## Related pages",
        "",
        "- [Timeline](timeline.md): the events behind many of these terms.",
        "- [Command structure](../structures/command-structure.md): ACO, ACT and their commands.",
        "- [Partnerships](../partnerships/index.md): PfP, EAPC, the Mediterranean Dialogue and the ICI.",
        "- [Sources](sources.md): where the facts on this site come from.",
        "",
    ]
    out += footnotes
    return "\n".join(out).rstrip() + "\n"


def render_snippet(entries: list[Entry]) -> str:
    """One `*[TERM]: expansion` line per acronym, plus its plural (`STANAGs`), since
    abbr tooltips match whole words only."""
    terms = {e.term for e in entries}
    lines = []
    for e in entries:
        if e.expansion:
            lines.append(f"*[{e.term}]: {e.expansion}")
            if e.term.isupper() and f"{e.term}s" not in terms:
                lines.append(f"*[{e.term}s]: {e.expansion} (plural)")
    return "\n".join(lines) + "\n"


def outputs() -> dict[Path, str]:
    """The glossary page and the abbreviation snippet (kb.generate writes them)."""
    entries = load_glossary()
    check_related(entries)
    return {PAGE: render_page(entries), SNIPPET: render_snippet(entries)}
