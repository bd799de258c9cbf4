"""Command line of the checker (kb/check): check the knowledge base before you commit: links, glossary, orphans, sources.

    python -m kb.check               # build into a temp folder, then check
    python -m kb.check --site site   # check an existing build instead
    python -m kb.check --external    # also try every external link (network)
    python -m kb.check --root DIR    # project root (default: current folder)
    python -m kb.check --timing      # also print build and check times on stderr
    python -m kb.check --site site --html-only   # only what a built page could run or load

Every problem is printed as `path:LINE: what is wrong (hint)`, sorted by file
and line, then one summary line. Exit status: 0 clean, 1 problems found,
2 the check could not run (missing mkdocs.yml, malformed glossary YAML, build
crash); in that case one line on stderr says why.

What is checked (one function per check, see check_* below):

- the mkdocs build itself: it runs NON-strict so the HTML exists even with
  broken links, and every WARNING it logs becomes a problem. A warning on a
  line that a dedicated check below already reports is dropped as a duplicate.
- links and images inside the page content (Material's header, nav, footer
  and search are ignored): internal targets exist, `#anchors` exist on the
  target page, no absolute links to the site's own pages (`/...` or site_url),
  images have alt text. External links are counted; with --external each one
  is requested (HEAD, then GET if HEAD fails; 10 s timeout; in parallel).
- glossary (data/glossary.yml, validated by kb/model/glossary.py): a file that
  cannot be parsed stops the check (exit 2); an invalid entry (missing field,
  duplicate term...) is a problem. Every acronym in the prose is in the
  glossary or in data/acronym-allowlist.txt; every term is used on some page
  besides the glossary; every term with an `expansion` is shown as an <abbr>
  tooltip on each page that uses it; the generated glossary page and
  includes/abbreviations.md are up to date (kb/render/make_glossary.py).
- pages: every page under docs/ is in the nav and linked from another page's
  content (the home page excepted); every page has footnotes (except
  those whose front matter says `footnotes: none`); front matter (read by kb/model/frontmatter.py) is valid and
  has `title` and `description`; no footnote reference lacks its definition.
- writing (writing.py, data/writing.yml): descriptions long enough, kebab-case file
  names; a topic page links to three other pages and ends with '## Related pages'.
- addresses in footnotes and data sources (sources.py): a nato.int page is cited
  in English (/cps/en/ or ?selectedLocale=en); a host is its public name (no
  trailing dot, no internal server name: the registry's `canonical` names the
  host to cite); a `reprint` host (a site republishing other publishers'
  documents) only in a footnote that names the original publisher and says "reprint".
- time (freshness.py), against the page's `last_reviewed` (data files: the
  newest one among the pages): a sentence presenting an event dated before it
  as still to come ("is scheduled for", "will be held") is a problem; an "as of"
  date more than 12 months before it is a warning; an operation's
  `ongoing_as_of` more than 6 months before it is a problem.

Acronyms (ACRONYM below): a word of 2+ capital letters, optionally followed by
digits, optionally followed by hyphenated parts of capitals/digits, with an
optional plural `s`: NATO, KFOR, SNMG1, NTM-I, NGOs (-> NGO). A hyphenated
token is fine if it is defined as a whole, or if all its parts are acronyms
that are defined (EU-NATO); a numbered one if its letters are (SNMG1 -> SNMG).
Not acronyms: mixed-case words (PfP, ReSI), one capital plus digits (G7, F-35),
Roman numerals from II to XXXIX (World War II), parts of codes and domain
names (SC/7894, M-NACC-1(1997), LB.ua).
Prose excludes front matter, code spans and fences, HTML comments and tags,
URLs, link targets, footnote labels, attribute lists and abbreviation lines.
"""
from __future__ import annotations

import argparse
import re
import os
import posixpath
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit


from .build import build_site, check_build_warnings
from .frontmatter_checks import check_front_matter, check_tags
from .refdata_checks import check_facts_in_prose, check_reference_data
from .glossary_checks import (check_abbr, check_acronyms, check_glossary_usage,
                              read_allowlist, read_glossary)
from .html_safety import (check_duplicate_ids, check_link_schemes, check_raw_html, check_reference_links,
                          check_unused_footnotes)
from .links import check_alt_text, check_external, check_linked, check_links, check_nav
from .project import MARKDOWN_EXTENSIONS, CannotRun, Problem, Stats, read_config, read_pages
from .timeline_checks import check_timeline
from .generated import check_generated
from .writing import check_writing
from .freshness import check_data_freshness, check_page_freshness
from .unsafe_files import snippet_options, snippet_problems, symlinks
from .sources import check_footnote_order, check_footnotes, check_process_talk, check_sources, read_registry

# --- main -------------------------------------------------------------------------------------


def unreadable_pages(docs: Path) -> dict[str, Problem]:
    """Pages MkDocs cannot read at all (not UTF-8, unreadable, an address urlsplit rejects), and
    files it must not publish (symbolic links, snippets from outside the snippet folders: see
    unsafe_files), with the line."""
    found: dict[str, Problem] = symlinks(docs)
    snippets = snippet_options()
    for path in sorted(docs.rglob("*")):
        if path.suffix.lower() not in MARKDOWN_EXTENSIONS or not path.is_file() or path.is_symlink():
            continue
        src = path.relative_to(docs).as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            found[src] = Problem(path.as_posix(), 1, f"cannot read the page: {exc.strerror or exc}")
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            found[src] = Problem(path.as_posix(), data[:exc.start].count(b"\n") + 1,
                                 f"not UTF-8 text (byte 0x{data[exc.start]:02x}): save the file as UTF-8")
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for url in re.findall(r"(?:https?|ftp)://[^\s<>)]+", line):
                try:
                    urlsplit(url)
                except ValueError:
                    found.setdefault(src, Problem(path.as_posix(), number, f"malformed address '{url}': MkDocs "
                                                  "cannot build the page (check the address)"))
        if snippets is not None and "8<" in text:
            for problem in snippet_problems(path, text, snippets)[:1]:
                found.setdefault(src, problem)
    return found


def build_all_it_can(site: Path, docs: Path) -> tuple[list, dict[str, Problem]]:
    """Build the site without the files MkDocs cannot read or must not publish (unreadable_pages),
    reported at their line, so one bad file does not stop the checks of the rest."""
    bad = unreadable_pages(docs)
    return build_site(site, exclude=sorted(bad)), bad


def run_html_only(site: Path, docs: Path) -> int:
    """`--html-only --site DIR`: only the checks of what a built page could run or load (scripts,
    styles, handlers, addresses: html_safety.py), at their source lines. `make build` runs it."""
    if not site.is_dir():
        raise CannotRun(f"{site}: site folder not found")
    pages = [p for p in read_pages(docs, site) if p.content is not None]
    report = sorted({str(p): p for p in check_raw_html(pages) + check_link_schemes(pages)}.values(),
                    key=lambda p: (p.path, p.line, p.message))
    for problem in report:
        print(problem)
    print(f"check: {len(report)} unsafe element{'s' * (len(report) != 1)} in the built pages" if report
          else f"check: no unsafe HTML ({len(pages)} pages)")
    return 1 if report else 0


def run(args: argparse.Namespace) -> int:
    if args.site:
        args.site = os.path.abspath(args.site)
    if args.html_only:
        if not args.site:
            raise CannotRun("--html-only needs --site DIR (a built site)")
        os.chdir(args.root)
        return run_html_only(Path(args.site), Path(read_config().get("docs_dir") or "docs"))
    if not os.path.isdir(args.root):
        raise CannotRun(f"{args.root}: project root not found")
    os.chdir(args.root)
    config = read_config()
    docs = Path(config.get("docs_dir") or "docs")
    if not docs.is_dir():
        raise CannotRun(f"{docs}: docs folder not found")
    site_url = str(config.get("site_url") or "")
    entries, problems, glossary_terms = read_glossary()
    glossary_broken = bool(problems)
    registry = read_registry()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kb-check-") as tmp:
        if args.site:
            site, records, unreadable = Path(args.site).resolve(), [], {}
            if not site.is_dir():
                raise CannotRun(f"{args.site}: site folder not found")
        else:
            site = Path(tmp) / "site"
            records, unreadable = build_all_it_can(site, docs)
        built = time.perf_counter()
        pages = read_pages(docs, site)
        stats = Stats()
        by_src = {p.src: p for p in pages}
        problems += list(unreadable.values())
        pages = [p for p in pages if p.src not in unreadable]
        problems += [Problem(p.path, 1, "page was not found in the built site") for p in pages if p.dest is None]
        problems += check_front_matter(pages)
        problems += check_tags(pages)
        problems += check_writing(pages)
        problems += check_links(pages, site, docs, site_url, stats)
        problems += check_alt_text(pages)
        problems += check_nav(pages, config.get("nav"))
        problems += check_linked(pages, stats)
        problems += check_footnotes(pages)
        problems += check_sources(pages, registry, entries)
        problems += check_process_talk(pages)
        problems += check_footnote_order(pages)
        problems += check_timeline(registry)
        problems += check_reference_data(registry)
        problems += check_facts_in_prose(pages)
        problems += check_page_freshness(pages)
        problems += check_data_freshness(docs)
        problems += check_raw_html(pages)
        problems += check_link_schemes(pages)
        problems += check_duplicate_ids(pages)
        problems += check_reference_links(pages)
        problems += check_unused_footnotes(pages)
        if unreadable:  # links to a page left out of the build are not broken links
            def stem(path: str) -> str:  # operations/afghanistan.md, ../afghanistan/, afghanistan.html
                path = posixpath.splitext(path.split("#")[0].rstrip("/"))[0]
                return posixpath.dirname(path) if posixpath.basename(path) == "index" else path
            names = {posixpath.basename(stem(src)) for src in unreadable}

            def to_unreadable(problem: Problem) -> bool:
                target = re.search(r"target '([^']+)' not found", problem.message)
                return bool(target) and posixpath.basename(stem(target.group(1))) in names
            problems = [p for p in problems if not to_unreadable(p)]
        problems += check_acronyms(pages, entries, read_allowlist() | glossary_terms)
        problems += check_glossary_usage(pages, entries)
        problems += check_abbr(pages, entries)
        # generated files are up to date (kb.generate's steps); the glossary's once the whole glossary is valid
        problems += check_generated(skip={"glossary"} if glossary_broken else set())
        if args.external:
            problems += check_external(stats)
        records = [r for r in records if not any(src in r.getMessage() for src in unreadable)]
        problems += check_build_warnings(records, by_src, docs)
    checked = time.perf_counter()

    covered = {(p.path, p.line) for p in problems if not p.from_build}
    unique = {}
    for p in problems:
        if p.from_build and (p.path, p.line) in covered:
            continue
        unique.setdefault(str(p), p)
    report = sorted(unique.values(), key=lambda p: (p.path, p.line, p.message))
    for problem in report:
        print(problem)
    warned = [p for p in report if p.warning]
    report = [p for p in report if not p.warning]
    files = len({p.path for p in report})
    external = (f"{len(stats.external)} external links checked" if args.external
                else f"{len(stats.external)} external links not checked; use --external")
    summary = (f"{len(report)} problem{'s' * (len(report) != 1)} in {files} file{'s' * (files != 1)}"
               if report else "no problems")
    if warned:
        summary += f", {len(warned)} warning{'s' * (len(warned) != 1)}"
    print(f"check: {summary} ({len(pages)} pages, {stats.internal} internal links, {external})")
    if args.timing:
        print(f"check: build {built - started:.2f} s, checks {checked - built:.2f} s", file=sys.stderr)
    return 1 if report else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", metavar="DIR", help="check this existing build instead of building")
    parser.add_argument("--external", action="store_true", help="also request every external link")
    parser.add_argument("--root", metavar="DIR", default=".", help="project root (default: current folder)")
    parser.add_argument("--html-only", action="store_true",
                        help="with --site: only the unsafe-HTML checks of the built pages (make build runs it)")
    parser.add_argument("--timing", action="store_true", help="print build and check times on stderr")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except CannotRun as exc:
        print(f"{exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("check: interrupted", file=sys.stderr)
    except Exception as exc:  # never a traceback: one line, exit 2
        print(f"check: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
