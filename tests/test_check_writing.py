"""The checker's writing rules (kb/check/writing.py, data/writing.yml) on test_check's fixture
project: a topic page links to three other pages and ends with '## Related pages'; descriptions are
long enough; file names are kebab-case. The fixture gets the project's own data/writing.yml and
pages that follow it; each test breaks one rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_check import ROOT, assert_problems, edit, page, project, run_check, template  # noqa: F401

WRITING = ROOT / "data" / "writing.yml"
# The fixture's topic pages and the three pages each one's Related pages section links to.
RELATED = {
    "operations/balkans.md": ["afghanistan.md", "../structures/command-structure.md", "../partnerships/index.md"],
    "operations/afghanistan.md": ["balkans.md", "../structures/command-structure.md", "../reference/glossary.md"],
    "structures/command-structure.md": ["../operations/balkans.md", "../operations/afghanistan.md",
                                        "../partnerships/index.md"],
}
PAGES = ["index.md", *RELATED, "partnerships/index.md", "reference/timeline.md", "reference/sources.md"]


def related_section(links: list[str]) -> str:
    return "\n\n## Related pages\n\n" + "".join(f"- [{Path(link).stem.title()}]({link})\n" for link in links)


@pytest.fixture
def writing(project):
    """The fixture project under the real writing rules, every page following them."""
    shutil.copy(WRITING, project / "data" / "writing.yml")
    for name in PAGES:
        title = (project / "docs" / name).read_text().split("title: ", 1)[1].split("\n", 1)[0]
        edit(project, f"docs/{name}", f"description: {title} in the fixture.",
             f"description: {title} in the fixture project of the checker's writing rules.")
    for name, links in RELATED.items():
        edit(project, f"docs/{name}", "\n\n[^1]: ", related_section(links) + "\n[^1]: ")
    for name in ("reference/timeline.md", "reference/sources.md"):   # reference pages, not topic pages
        edit(project, f"docs/{name}", "---\n\n#", "related_pages: none  # a reference list\n---\n\n#")
    return project


def test_fixture_under_the_writing_rules_passes(writing):
    code, lines, stderr = run_check(writing)
    assert code == 0 and lines[-1].startswith("check: no problems"), (lines, stderr)


def test_topic_page_without_related_pages(writing):
    edit(writing, "docs/operations/balkans.md", "## Related pages", "## See also")
    assert_problems(writing, "docs/operations/balkans.md:1: topic page has no '## Related pages' section "
                             "(end it with one that links to the pages a reader goes on to)")


def test_related_pages_must_end_the_page(writing):
    edit(writing, "docs/operations/balkans.md", "\n[^1]: ", "\n## Later\n\nMore about Kosovo.\n\n[^1]: ")
    text = (writing / "docs/operations/balkans.md").read_text()
    line = text[:text.index("## Later")].count("\n") + 1
    assert_problems(writing, f"docs/operations/balkans.md:{line}: '## Later' after '## Related pages': "
                             "the '## Related pages' section ends the page")


def test_topic_page_linking_two_pages(writing):
    edit(writing, "docs/structures/command-structure.md", "- [Index](../partnerships/index.md)\n", "")
    text = (writing / "docs/structures/command-structure.md").read_text()
    line = text[:text.index("## Related pages")].count("\n") + 1
    assert_problems(writing, f"docs/structures/command-structure.md:{line}: topic page links to 2 other pages: "
                             "link at least 3 (in the text or under '## Related pages')")


def test_pages_that_are_not_topic_pages_need_neither(writing):
    """Generated (the glossary: generated_from), section indexes and `related_pages: none` pages."""
    assert "generated_from:" in (writing / "docs/reference/glossary.md").read_text()
    edit(writing, "docs/reference/timeline.md", "related_pages: none  # a reference list\n", "")
    assert_problems(writing, "docs/reference/timeline.md:1: topic page has no '## Related pages' section "
                             "(end it with one that links to the pages a reader goes on to)",
                    "docs/reference/timeline.md:1: topic page links to 0 other pages: "
                    "link at least 3 (in the text or under '## Related pages')")


def test_short_description(writing):
    edit(writing, "docs/operations/afghanistan.md",
         "description: Afghanistan in the fixture project of the checker's writing rules.",
         "description: NATO in Afghanistan.")
    assert_problems(writing, "docs/operations/afghanistan.md:3: description is 20 characters: write at least 50 "
                             "(it is the search-result snippet)")


def test_file_name_not_kebab_case(writing):
    (writing / "docs/operations/Kosovo_Force.md").write_text(page(
        "Kosovo Force", "NATO has led a force in Kosovo since 1999.[^1]", "kosovo-force").replace(
        "in the fixture.", "in the fixture project of the checker's writing rules.\nrelated_pages: none"))
    edit(writing, "mkdocs.yml", "      - operations/afghanistan.md\n",
         "      - operations/afghanistan.md\n      - operations/Kosovo_Force.md\n")
    edit(writing, "docs/operations/balkans.md", "## Related pages\n\n", "## Related pages\n\n- [Force](Kosovo_Force.md)\n")
    assert_problems(writing, "docs/operations/Kosovo_Force.md:1: file name 'Kosovo_Force.md' is not kebab-case "
                             "(lowercase letters, digits and hyphens: rename it, e.g. 'command-structure.md')")


def test_writing_rules_file_is_checked(writing):
    edit(writing, "data/writing.yml", "min_linked_pages: 3", "min_linked_pages: three")
    line = (writing / "data/writing.yml").read_text().split("min_linked_pages:")[0].count("\n") + 1
    assert_problems(writing, f"data/writing.yml:{line}: 'min_linked_pages' must be a whole number")


def test_generated_page_needs_no_related_pages(writing):
    """A page whose front matter says `generated_from` is the generator's: no writing rule but the
    description's and the file name's applies to it."""
    text = page("Figures", "Figures from the data.[^1]", "figures").replace(
        "in the fixture.", "in the fixture project of the checker's writing rules.")
    (writing / "docs/reference/figures.md").write_text(
        text.replace("---\n\n#", "generated_from: [data/glossary.yml, kb/render/make_glossary.py]\n---\n\n#"))
    edit(writing, "mkdocs.yml", "      - reference/sources.md\n", "      - reference/sources.md\n      - reference/figures.md\n")
    edit(writing, "docs/reference/timeline.md", "1949: the treaty", "[Figures](figures.md). 1949: the treaty")
    code, lines, stderr = run_check(writing)
    assert code == 0 and lines[-1].startswith("check: no problems"), (lines, stderr)
