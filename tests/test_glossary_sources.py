"""Glossary sources are footnotes in the form the pages use (issue 22).

data/glossary.yml `source:` is the footnote text itself -- `Publisher, kind "Title", D Month YYYY.
<https://address>` -- or a list of such texts. kb/model/glossary.py rejects anything else at its line
(a bare address above all), and kb/render/make_glossary.py puts the text on the page as written.
Each test works in a temporary directory: the project's own data and pages are never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from kb.model.glossary import GlossaryError, load_glossary

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
FORM = 'Publisher, kind "Title", D Month YYYY. <https://address>'
GOOD = ('NATO, topic page "NATO\'s role in Kosovo", last updated 20 November 2023. '
        '<https://www.nato.int/cps/en/natohq/topics_48818.htm>')
SECOND = ('SHAPE, web page "Present Structure". '
          '<https://shape.nato.int/structure/nato-command-structure-adaptation/present-structure>')


def q(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


def glossary(source_lines: str) -> str:
    """Two entries; the second (KFOR, from line 5) gets the given `source:` lines."""
    return ("- term: NATO\n"
            "  expansion: North Atlantic Treaty Organization\n"
            "  definition: The alliance founded in 1949.\n"
            "  related: [index.md]\n"
            "- term: KFOR\n"
            "  expansion: Kosovo Force\n"
            "  definition: The NATO-led force in Kosovo.\n"
            "  related: [index.md]\n"
            + source_lines)


def error_for(tmp_path: Path, source_lines: str) -> str:
    path = tmp_path / "glossary.yml"
    path.write_text(glossary(source_lines), encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    return str(caught.value)


def test_bare_address_is_rejected_at_its_line(tmp_path):
    message = error_for(tmp_path, "  source: https://www.nato.int/cps/en/natohq/topics_48818.htm\n")
    assert message == (f"{tmp_path / 'glossary.yml'}:9: source of 'KFOR' is a bare address: write it as a "
                       f"footnote, {FORM}")
    assert "\n" not in message


@pytest.mark.parametrize("source, line, problem", [
    # the bare address in angle brackets, or as the second item of a list: still bare, at its own line
    ("  source: <https://www.nato.int/x.htm>\n", 9, "is a bare address"),
    (f"  source:\n    - {q(GOOD)}\n    - https://www.nato.int/x.htm\n", 11, "is a bare address"),
    # text, but no title in double quotes before the address
    ("  source: NATO, topic page on KFOR. <https://www.nato.int/x.htm>\n", 9,
     "must name the publisher, then the title in double quotes"),
    # the address not in angle brackets, http rather than https, or text after the address
    ("  source: 'NATO, topic page \"KFOR\". https://www.nato.int/x.htm'\n", 9, "as <https://...>"),
    ("  source: 'NATO, topic page \"KFOR\". <http://www.nato.int/x.htm>'\n", 9, "as <https://...>"),
    ("  source: 'NATO, topic page \"KFOR\". <https://www.nato.int/x.htm> (2023).'\n", 9,
     "must end with its address"),
    ("  source: []\n", 9, "is an empty list"),
    # Markdown that would become a link or a footnote mark on the page
    ("  source: 'NATO, page \"[KFOR](javascript:alert(1))\". <https://www.nato.int/x.htm>'\n", 9,
     "must not contain [ ] or `"),
])
def test_malformed_sources_are_rejected_at_their_line(tmp_path, source, line, problem):
    message = error_for(tmp_path, source)
    assert message.startswith(f"{tmp_path / 'glossary.yml'}:{line}: source of 'KFOR' ")
    assert problem in message and FORM in message


def test_well_formed_sources_load_as_written(tmp_path):
    path = tmp_path / "glossary.yml"
    folded = "  source: >-\n    " + GOOD.replace(" <https", "\n    <https") + "\n"   # wrapped as in the data file
    path.write_text(glossary(folded), encoding="utf-8")
    assert [e.sources for e in load_glossary(path)] == [[], [GOOD]]
    path.write_text(glossary(f"  source:\n    - {q(GOOD)}\n    - {q(SECOND)}\n"), encoding="utf-8")
    assert load_glossary(path)[1].sources == [GOOD, SECOND]


def make_glossary(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.generate", "glossary"], cwd=root, env=ENV,
                          capture_output=True, text=True)


@pytest.fixture
def project(tmp_path) -> Path:
    """The least make_glossary.py needs: the data file and the page the entries relate to."""
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "reference").mkdir(parents=True)
    (tmp_path / "includes").mkdir()
    (tmp_path / "docs" / "index.md").write_text("---\ntitle: Home\nlast_reviewed: 2026-11-30\n---\n\n# Home\n")
    return tmp_path


def test_well_formed_source_renders_on_the_page_as_given(project):
    (project / "data" / "glossary.yml").write_text(
        glossary(f"  source:\n    - {q(GOOD)}\n    - {q(SECOND)}\n"), encoding="utf-8")
    run = make_glossary(project)
    assert run.returncode == 0, run.stderr
    page = (project / "docs" / "reference" / "glossary.md").read_text(encoding="utf-8")
    assert "The NATO-led force in Kosovo.[^src-term-kfor][^src-term-kfor-2]\n" in page
    assert f"\n[^src-term-kfor]: {GOOD}\n" in page
    assert f"\n[^src-term-kfor-2]: {SECOND}\n" in page
    assert "Source for the glossary entry" not in page


def test_make_glossary_stops_on_a_bare_address(project):
    (project / "data" / "glossary.yml").write_text(
        glossary("  source: https://www.nato.int/cps/en/natohq/topics_48818.htm\n"), encoding="utf-8")
    run = make_glossary(project)
    assert run.returncode == 2
    assert run.stderr == (f"data/glossary.yml:9: source of 'KFOR' is a bare address: write it as a footnote, "
                          f"{FORM}\n")
    assert not (project / "docs" / "reference" / "glossary.md").exists()
