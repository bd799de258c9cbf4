"""Tests for scripts/check.py.

Each test copies a small valid project (built once per session), injects ONE
fault, runs the real script in a subprocess and asserts the exact problem
line(s) and the exit status. No test needs the network.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
CHECK = SCRIPTS / "check.py"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("DIRECTORY_URLS", None)

MKDOCS_YML = """\
site_name: Fixture KB
site_url: https://example.org/kb/
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
theme:
  name: material
plugins:
  - search
  - glightbox
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.snippets:
      base_path: [includes]
      auto_append: [abbreviations.md]
      check_paths: true
nav:
  - Home: index.md
  - Operations:
      - operations/balkans.md
      - operations/afghanistan.md
  - Structures:
      - structures/command-structure.md
  - Partnerships: partnerships/index.md
  - Reference:
      - reference/glossary.md
      - reference/timeline.md
      - reference/sources.md
"""

GLOSSARY = """\
- term: NATO
  expansion: North Atlantic Treaty Organization
  definition: The alliance founded in 1949.
  related: [index.md]
- term: KFOR
  expansion: Kosovo Force
  definition: The NATO-led force in Kosovo.
  related: [operations/balkans.md]
- term: ISAF
  expansion: International Security Assistance Force
  definition: The NATO-led mission in Afghanistan.
  related: [operations/afghanistan.md]
- term: Article 5
  definition: The collective defence clause of the treaty.
  related: [index.md]
"""


def page(title: str, body: str, source: str) -> str:
    return (f"---\ntitle: {title}\ndescription: {title} in the fixture.\n---\n\n# {title}\n\n"
            f"{body}\n\n[^1]: NATO, \"{title}\", <https://sources.example/{source}>\n")


PAGES = {
    "index.md": page("Home", "NATO cooperation at a glance; Article 5 is its core.[^1]\n\n"
                     "- [Balkans](operations/balkans.md)\n"
                     "- [Afghanistan](operations/afghanistan.md)\n"
                     "- [Command structure](structures/command-structure.md)\n"
                     "- [Partnerships](partnerships/index.md)\n"
                     "- [Glossary](reference/glossary.md)\n"
                     "- [Timeline](reference/timeline.md)\n"
                     "- [Sources](reference/sources.md)", "about"),
    # Line 8: prose with acronyms; line 10: image; line 12: links.
    "operations/balkans.md": page("Balkans", "NATO led KFOR in Kosovo from 1999.[^1]\n\n"
                                  "![Map of the Balkans](../assets/balkans-map.svg)\n\n"
                                  "See also [Afghanistan](afghanistan.md) and the [ISAF section](afghanistan.md#isaf).",
                                  "kfor"),
    "operations/afghanistan.md": page("Afghanistan", "## ISAF { #isaf }\n\n"
                                      "NATO led ISAF from 2003 to 2014.[^1] Back to the [Balkans](balkans.md).",
                                      "isaf"),
    "structures/command-structure.md": page("Command structure", "ACO and ACT are the strategic commands.[^1]", "aco"),
    "partnerships/index.md": page("Partnerships", "Partners work with NATO.[^1]", "partners"),
    "reference/timeline.md": page("Timeline", "1949: the treaty is signed.[^1]", "timeline"),
    "reference/sources.md": page("Sources", "Where the facts come from.[^1]", "sources"),
}
ALLOWLIST = "# Fixture allowlist: acronyms used in the generated glossary page.\nACO\nACT\nEAPC\nICI\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n'


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("template")
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    (root / "data").mkdir()
    (root / "data" / "glossary.yml").write_text(GLOSSARY)
    (root / "data" / "acronym-allowlist.txt").write_text(ALLOWLIST)
    for name, text in PAGES.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text)
    (root / "docs" / "assets").mkdir()
    (root / "docs" / "assets" / "balkans-map.svg").write_text(SVG)
    make_glossary(root)
    return root


def make_glossary(root: Path) -> None:
    subprocess.run([sys.executable, str(SCRIPTS / "make_glossary.py")], cwd=root, env=ENV,
                   check=True, capture_output=True)


@pytest.fixture
def project(template, tmp_path) -> Path:
    return Path(shutil.copytree(template, tmp_path / "kb"))


def edit(root: Path, name: str, old: str, new: str) -> None:
    file = root / name
    text = file.read_text()
    assert old in text, f"{old!r} not in {name}"
    file.write_text(text.replace(old, new, 1))


def run_check(root: Path, *args: str) -> tuple[int, list[str], str]:
    done = subprocess.run([sys.executable, str(CHECK), "--root", str(root), *args],
                          env=ENV, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr
    assert "Traceback" not in done.stdout
    lines = done.stdout.splitlines()
    return done.returncode, lines, done.stderr


def assert_problems(root: Path, *expected: str) -> None:
    """The check reports exactly these problems (and nothing else) and exits 1."""
    code, lines, stderr = run_check(root)
    assert lines[:-1] == list(expected), stderr
    files = len({line.split(":", 1)[0] for line in expected})
    assert lines[-1].startswith(f"check: {len(expected)} problem{'s' * (len(expected) != 1)} "
                                f"in {files} file{'s' * (files != 1)} (")
    assert code == 1


def assert_cannot_run(root: Path, message_start: str) -> None:
    code, lines, stderr = run_check(root)
    assert code == 2
    assert lines == []
    assert len(stderr.strip().splitlines()) == 1
    assert stderr.startswith(message_start), stderr


# --- clean -------------------------------------------------------------------------------------


def test_clean_fixture_passes(project):
    code, lines, stderr = run_check(project)
    assert lines == ["check: no problems (8 pages, 23 internal links, 7 external links not checked; "
                     "use --external)"], stderr
    assert code == 0
    assert stderr == ""


def test_existing_site_is_checked_without_building(project):
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "built")],
                   cwd=project, env=ENV, check=True, capture_output=True)
    edit(project, "docs/operations/balkans.md", "(afghanistan.md)", "(afghan.md)")  # not rebuilt
    code, lines, _ = run_check(project, "--site", str(project / "built"))
    assert code == 0
    assert lines[-1].startswith("check: no problems (8 pages")


# --- links and images ----------------------------------------------------------------------------


def test_broken_link(project):
    edit(project, "docs/operations/balkans.md", "(afghanistan.md)", "(afghan.md)")
    assert_problems(project, "docs/operations/balkans.md:12: link target 'afghan.md' not found "
                             "(did you mean afghanistan.md?)")


def test_repeated_broken_link_is_reported_on_each_line(project):
    edit(project, "docs/operations/balkans.md", "(afghanistan.md)", "(afghan.md)")
    edit(project, "docs/operations/balkans.md", "in Kosovo", "in [Kosovo](afghan.md)")
    assert_problems(project,
                    "docs/operations/balkans.md:8: link target 'afghan.md' not found (did you mean afghanistan.md?)",
                    "docs/operations/balkans.md:12: link target 'afghan.md' not found (did you mean afghanistan.md?)")


def test_broken_image(project):
    edit(project, "docs/operations/balkans.md", "balkans-map.svg", "balkan-map.svg")
    assert_problems(project, "docs/operations/balkans.md:10: image target '../assets/balkan-map.svg' not found "
                             "(did you mean ../assets/balkans-map.svg?)")


def test_missing_anchor(project):
    edit(project, "docs/operations/balkans.md", "afghanistan.md#isaf", "afghanistan.md#iasf")
    assert_problems(project, "docs/operations/balkans.md:12: anchor '#iasf' not found on "
                             "operations/afghanistan.md (did you mean #isaf?)")


def test_missing_same_page_anchor(project):
    edit(project, "docs/operations/afghanistan.md", "Back to the", "See [ISAF](#isa). Back to the")
    assert_problems(project, "docs/operations/afghanistan.md:10: anchor '#isa' not found on this page "
                             "(did you mean #isaf?)")


def test_absolute_link(project):
    edit(project, "docs/index.md", "(operations/balkans.md)", "(/operations/balkans/)")
    assert_problems(project, "docs/index.md:10: absolute link '/operations/balkans/' to this site "
                             "(link the Markdown file: operations/balkans.md)")


def test_absolute_link_with_site_url(project):
    edit(project, "docs/index.md", "(operations/balkans.md)", "(https://example.org/kb/operations/balkans/)")
    assert_problems(project, "docs/index.md:10: absolute link 'https://example.org/kb/operations/balkans/' "
                             "to this site (link the Markdown file: operations/balkans.md)")


def test_image_without_alt(project):
    edit(project, "docs/operations/balkans.md", "![Map of the Balkans]", "![]")
    assert_problems(project, "docs/operations/balkans.md:10: image 'balkans-map.svg' has no alt text "
                             "(write ![what it shows](balkans-map.svg))")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(404 if "missing" in self.path else 200)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


def test_external_links_with_flag(project):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        for file in (project / "docs").rglob("*.md"):
            file.write_text(file.read_text().replace("https://sources.example", base))
        edit(project, "docs/operations/balkans.md", f"{base}/kfor", f"{base}/missing")
        code, lines, _ = run_check(project, "--external")
    finally:
        server.shutdown()
    assert lines[:-1] == [f"docs/operations/balkans.md:14: external link '{base}/missing' failed: HTTP 404"]
    assert lines[-1].endswith("7 external links checked)")
    assert code == 1


# --- glossary ------------------------------------------------------------------------------------


def test_undefined_acronym(project):
    edit(project, "docs/operations/balkans.md", "NATO led KFOR", "NATO and EUFOR led KFOR")
    assert_problems(project, "docs/operations/balkans.md:8: acronym 'EUFOR' is not in data/glossary.yml "
                             "(define it there, or add it to data/acronym-allowlist.txt)")


def test_allowlisted_acronym_and_ignored_contexts(project):
    edit(project, "data/acronym-allowlist.txt", "ICI\n", "ICI\nEUFOR\n")
    edit(project, "docs/operations/balkans.md", "NATO led KFOR",
         "NATO and EUFOR (not `UNDEF`, <!-- HIDDEN -->, [x](https://x.example/ABC)) led KFOR")
    code, lines, _ = run_check(project)
    assert code == 0, lines


def test_acronym_rules(project):
    edit(project, "docs/operations/balkans.md", "NATO led KFOR",
         "In World War II (not VI), NATO-KFOR ties, KFOR2, code SC/7894, LB.ua and NGOs, NATO led KFOR")
    edit(project, "docs/operations/afghanistan.md", "NATO led ISAF", "NATO-EUFOR and ISAF-I led ISAF")
    assert_problems(project,
                    "docs/operations/afghanistan.md:10: acronym 'EUFOR' is not in data/glossary.yml "
                    "(define it there, or add it to data/acronym-allowlist.txt)",
                    "docs/operations/afghanistan.md:10: acronym 'ISAF-I' is not in data/glossary.yml "
                    "(define it there, or add it to data/acronym-allowlist.txt)",
                    "docs/operations/balkans.md:8: acronym 'NGO' is not in data/glossary.yml "
                    "(define it there, or add it to data/acronym-allowlist.txt)")


def test_unused_glossary_term(project):
    with open(project / "data/glossary.yml", "a") as fh:
        fh.write("- term: SACEUR\n  expansion: Supreme Allied Commander Europe\n"
                 "  definition: The top military commander.\n  related: [structures/command-structure.md]\n")
    make_glossary(project)
    assert_problems(project, "data/glossary.yml:16: glossary term 'SACEUR' is not used on any page "
                             "(use it on a page, or remove it)")


def test_duplicate_glossary_term(project):
    with open(project / "data/glossary.yml", "a") as fh:
        fh.write("- term: NATO\n  definition: Again.\n  related: [index.md]\n")
    assert_problems(project, "data/glossary.yml:16: duplicate term 'NATO' (first defined on line 1)")


def test_glossary_entry_missing_field(project):
    edit(project, "data/glossary.yml", "  definition: The NATO-led force in Kosovo.\n", "")
    assert_problems(project, "data/glossary.yml:5: entry is missing required field 'definition'")


def test_malformed_glossary_yaml(project):
    edit(project, "data/glossary.yml", "The alliance founded", "The alliance: founded")
    assert_cannot_run(project, "data/glossary.yml:3: malformed YAML: mapping values are not allowed here")


def test_missing_glossary_file(project):
    (project / "data/glossary.yml").unlink()
    assert_cannot_run(project, "data/glossary.yml: glossary file not found")


def test_stale_generated_glossary(project):
    edit(project, "data/glossary.yml", "The alliance founded", "The alliance, founded")
    assert_problems(project, "docs/reference/glossary.md:1: out of date with data/glossary.yml "
                             "(run: python scripts/make_glossary.py)")


def test_missing_abbr_tooltip(project):
    """Reported on every page that uses the term, except the glossary (abbreviations: false)."""
    edit(project, "includes/abbreviations.md", "*[KFOR]: Kosovo Force\n", "")
    assert_problems(project,
                    "docs/operations/balkans.md:8: 'KFOR' has no <abbr> tooltip in the built page "
                    "(is includes/abbreviations.md up to date? run python scripts/make_glossary.py)",
                    "includes/abbreviations.md:1: out of date with data/glossary.yml "
                    "(run: python scripts/make_glossary.py)")


# --- pages ---------------------------------------------------------------------------------------

EXTRA = page("Extra", "An extra page about NATO.[^1]", "extra")


def test_page_not_in_nav(project):
    (project / "docs/operations/extra.md").write_text(EXTRA)
    edit(project, "docs/index.md", "- [Sources]", "- [Extra](operations/extra.md)\n- [Sources]")
    assert_problems(project, "docs/operations/extra.md:1: page is not in the nav (add it to nav: in mkdocs.yml)")


def test_page_not_linked_from_any_other(project):
    (project / "docs/operations/extra.md").write_text(EXTRA)
    edit(project, "mkdocs.yml", "      - operations/afghanistan.md\n",
         "      - operations/afghanistan.md\n      - operations/extra.md\n")
    assert_problems(project, "docs/operations/extra.md:1: no other page links to this page "
                             "(link it from a related page or its section index)")


def test_page_without_footnotes(project):
    edit(project, "docs/operations/afghanistan.md", "2014.[^1]", "2014.")
    edit(project, "docs/operations/afghanistan.md", '[^1]: NATO, "Afghanistan", <https://sources.example/isaf>\n', "")
    assert_problems(project, "docs/operations/afghanistan.md:1: page has no footnotes "
                             "(source its facts with [^1] ... [^1]: source)")


def test_footnote_without_definition(project):
    edit(project, "docs/operations/afghanistan.md", "2014.[^1]", "2014.[^1][^2]")
    assert_problems(project, "docs/operations/afghanistan.md:10: footnote '[^2]' has no definition "
                             "(add a line '[^2]: source')")


def test_missing_description(project):
    edit(project, "docs/operations/afghanistan.md", "description: Afghanistan in the fixture.\n", "")
    assert_problems(project, "docs/operations/afghanistan.md:1: front matter has no 'description' "
                             "(start the page with ---, description: ..., ---)")


def test_malformed_front_matter(project):
    edit(project, "docs/operations/afghanistan.md", "title: Afghanistan", "title: Afghanistan: ISAF")
    assert_problems(project, "docs/operations/afghanistan.md:2: front matter is not valid YAML: "
                             "mapping values are not allowed here (quote values that contain ': ')")


# --- the build ----------------------------------------------------------------------------------


def test_build_warning_is_a_problem(project):
    edit(project, "mkdocs.yml", "      - reference/sources.md\n",
         "      - reference/sources.md\n      - reference/missing.md\n")
    assert_problems(project, "mkdocs.yml:43: mkdocs: A reference to 'reference/missing.md' is included in the "
                             "'nav' configuration, which is not found in the documentation files.")


def test_build_crash_exits_2(project):
    (project / "includes/abbreviations.md").unlink()
    assert_cannot_run(project, "mkdocs build failed: ")


def test_missing_mkdocs_yml_exits_2(project):
    (project / "mkdocs.yml").unlink()
    assert_cannot_run(project, "mkdocs.yml: not found")
