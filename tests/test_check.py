"""Tests for kb/check.

Each test copies a small valid project (built once per session), injects ONE
fault, runs the real script in a subprocess and asserts the exact problem
line(s) and the exit status. No test needs the network.
"""

from __future__ import annotations

import datetime as dt
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The pipeline runs as `python -m kb.…` inside a fixture project: the package comes from this repository.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
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


TODAY = dt.date.today().isoformat()


def page(title: str, body: str, source: str) -> str:
    return (f"---\ntitle: {title}\ndescription: {title} in the fixture.\nlast_reviewed: {TODAY}\n---\n\n"
            f"# {title}\n\n"
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
PUBLISHERS = """\
- {host: sources.example, name: Fixture Ministry of Defence, tier: official}
- {host: news.example, name: Fixture Times, tier: press}
- {host: state.example, name: Fixture State Agency, tier: state, why: state news agency}
- {host: wiki.example, name: Fixture Wiki, tier: pointer, why: an encyclopedia anyone can edit}
- {host: mirror.example, tier: never, why: Wikipedia mirror}
- {host: archive.example, name: Fixture Archive, tier: archive}
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n'


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("template")
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    (root / "data").mkdir()
    (root / "data" / "glossary.yml").write_text(GLOSSARY)
    (root / "data" / "acronym-allowlist.txt").write_text(ALLOWLIST)
    (root / "data" / "publishers.yml").write_text(PUBLISHERS)
    for name, text in PAGES.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text)
    (root / "docs" / "assets").mkdir()
    (root / "docs" / "assets" / "balkans-map.svg").write_text(SVG)
    make_glossary(root)
    return root


def make_glossary(root: Path) -> None:
    subprocess.run([sys.executable, "-m", "kb.generate", "glossary"], cwd=root, env=ENV,
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
    done = subprocess.run([sys.executable, "-m", "kb.check", "--root", str(root), *args],
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
    assert_problems(project, "docs/operations/balkans.md:13: link target 'afghan.md' not found "
                             "(did you mean afghanistan.md?)")


def test_repeated_broken_link_is_reported_on_each_line(project):
    edit(project, "docs/operations/balkans.md", "(afghanistan.md)", "(afghan.md)")
    edit(project, "docs/operations/balkans.md", "in Kosovo", "in [Kosovo](afghan.md)")
    assert_problems(project,
                    "docs/operations/balkans.md:9: link target 'afghan.md' not found (did you mean afghanistan.md?)",
                    "docs/operations/balkans.md:13: link target 'afghan.md' not found (did you mean afghanistan.md?)")


def test_broken_image(project):
    edit(project, "docs/operations/balkans.md", "balkans-map.svg", "balkan-map.svg")
    assert_problems(project, "docs/operations/balkans.md:11: image target '../assets/balkan-map.svg' not found "
                             "(did you mean ../assets/balkans-map.svg?)")


def test_missing_anchor(project):
    edit(project, "docs/operations/balkans.md", "afghanistan.md#isaf", "afghanistan.md#iasf")
    assert_problems(project, "docs/operations/balkans.md:13: anchor '#iasf' not found on "
                             "operations/afghanistan.md (did you mean #isaf?)")


def test_missing_same_page_anchor(project):
    edit(project, "docs/operations/afghanistan.md", "Back to the", "See [ISAF](#isa). Back to the")
    assert_problems(project, "docs/operations/afghanistan.md:11: anchor '#isa' not found on this page "
                             "(did you mean #isaf?)")


def test_absolute_link(project):
    edit(project, "docs/index.md", "(operations/balkans.md)", "(/operations/balkans/)")
    assert_problems(project, "docs/index.md:11: absolute link '/operations/balkans/' to this site "
                             "(link the Markdown file: operations/balkans.md)")


def test_absolute_link_with_site_url(project):
    edit(project, "docs/index.md", "(operations/balkans.md)", "(https://example.org/kb/operations/balkans/)")
    assert_problems(project, "docs/index.md:11: absolute link 'https://example.org/kb/operations/balkans/' "
                             "to this site (link the Markdown file: operations/balkans.md)")


def test_image_without_alt(project):
    edit(project, "docs/operations/balkans.md", "![Map of the Balkans]", "![]")
    assert_problems(project, "docs/operations/balkans.md:11: image 'balkans-map.svg' has no alt text "
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
        with open(project / "data/publishers.yml", "a") as fh:
            fh.write("- {host: 127.0.0.1, name: Local test server, tier: official, https: false}\n")
        edit(project, "docs/operations/balkans.md", f"{base}/kfor", f"{base}/missing")
        code, lines, _ = run_check(project, "--external")
    finally:
        server.shutdown()
    assert lines[:-1] == [f"docs/operations/balkans.md:15: external link '{base}/missing' failed: HTTP 404"]
    assert lines[-1].endswith("7 external links checked)")
    assert code == 1


# --- glossary ------------------------------------------------------------------------------------


def test_undefined_acronym(project):
    edit(project, "docs/operations/balkans.md", "NATO led KFOR", "NATO and EUFOR led KFOR")
    assert_problems(project, "docs/operations/balkans.md:9: acronym 'EUFOR' is not in data/glossary.yml "
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
                    "docs/operations/afghanistan.md:11: acronym 'EUFOR' is not in data/glossary.yml "
                    "(define it there, or add it to data/acronym-allowlist.txt)",
                    "docs/operations/afghanistan.md:11: acronym 'ISAF-I' is not in data/glossary.yml "
                    "(define it there, or add it to data/acronym-allowlist.txt)",
                    "docs/operations/balkans.md:9: acronym 'NGO' is not in data/glossary.yml "
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
                             "(run: make generate)")


def test_missing_abbr_tooltip(project):
    """Reported on every page that uses the term, except the glossary (abbreviations: false)."""
    edit(project, "includes/abbreviations.md", "*[KFOR]: Kosovo Force\n", "")
    assert_problems(project,
                    "docs/operations/balkans.md:9: 'KFOR' has no <abbr> tooltip in the built page "
                    "(is includes/abbreviations.md up to date? run make generate)",
                    "includes/abbreviations.md:1: out of date with data/glossary.yml "
                    "(run: make generate)")


def test_common_acronym_needs_no_tooltip(project):
    """Issue 24: a term listed in data/common-acronyms.txt (NATO) is exempt from the tooltip rule;
    the list holds glossary terms with an expansion only."""
    edit(project, "includes/abbreviations.md", "*[NATO]: North Atlantic Treaty Organization\n", "")
    (project / "data" / "common-acronyms.txt").write_text("# known to every reader\nNATO\nOSCE  # not a term\n")
    assert_problems(project,
                    "data/common-acronyms.txt:3: 'OSCE' is not a term with an expansion in data/glossary.yml "
                    "(list only glossary terms here)",
                    "includes/abbreviations.md:1: out of date with data/glossary.yml "
                    "(run: make generate)")


def test_term_used_only_after_its_expansion_needs_no_tooltip(project):
    """Issue 24: "Kosovo Force (KFOR)" explains KFOR in the text, where the hook shows no tooltip;
    a later bare KFOR would need one."""
    edit(project, "includes/abbreviations.md", "*[KFOR]: Kosovo Force\n", "")
    edit(project, "docs/operations/balkans.md", "NATO led KFOR", "NATO led the Kosovo Force (KFOR)")
    assert_problems(project, "includes/abbreviations.md:1: out of date with data/glossary.yml "
                             "(run: make generate)")
    edit(project, "docs/operations/balkans.md", "from 1999.", "from 1999; KFOR is still there.")
    code, lines, _ = run_check(project)
    assert "docs/operations/balkans.md:9: 'KFOR' has no <abbr> tooltip in the built page " \
           "(is includes/abbreviations.md up to date? run make generate)" in lines


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
    assert_problems(project, "docs/operations/afghanistan.md:11: footnote '[^2]' has no definition "
                             "(add a line '[^2]: source')")


def test_missing_description(project):
    edit(project, "docs/operations/afghanistan.md", "description: Afghanistan in the fixture.\n", "")
    assert_problems(project, "docs/operations/afghanistan.md:1: front matter has no 'description' "
                             "(start the page with ---, description: ..., ---)")


def test_malformed_front_matter(project):
    edit(project, "docs/operations/afghanistan.md", "title: Afghanistan", "title: Afghanistan: ISAF")
    assert_problems(project, "docs/operations/afghanistan.md:2: front matter is not valid YAML: "
                             "mapping values are not allowed here (quote values that contain ': ')")


# --- sources (data/publishers.yml) and review dates ---------------------------------------------

AFGHAN_NOTE = '[^1]: NATO, "Afghanistan", <https://sources.example/isaf>'


def cite(project, note: str) -> None:
    """Replace the Afghanistan page's footnote definition (line 13, the last line) with `note`."""
    file = project / "docs/operations/afghanistan.md"
    lines = file.read_text().splitlines()
    assert lines[12].startswith("[^1]:"), lines[12]
    file.write_text("\n".join(lines[:12] + [note]) + "\n")


def test_footnote_without_address(project):
    cite(project, "[^1]: NATO, ISAF page.")
    assert_problems(project, "docs/operations/afghanistan.md:13: footnote '[^1]' has no address "
                             "(cite the source's full address: <https://...>)")


def test_footnote_host_not_in_registry(project):
    cite(project, "[^1]: Unknown outlet. <https://unknown.example/isaf>")
    assert_problems(project, "docs/operations/afghanistan.md:13: footnote '[^1]' host 'unknown.example' is not in "
                             "data/publishers.yml (add it with its publisher and tier, or cite another source)")


def test_footnote_from_never_acceptable_host(project):
    cite(project, AFGHAN_NOTE + " Also <https://www.mirror.example/isaf>")
    assert_problems(project, "docs/operations/afghanistan.md:13: footnote '[^1]' 'mirror.example' is never an "
                             "acceptable source: Wikipedia mirror (cite an official, scholarly or press source)")


def test_footnote_http_where_https(project):
    cite(project, AFGHAN_NOTE.replace("https://", "http://"))
    assert_problems(project, "docs/operations/afghanistan.md:13: footnote '[^1]' 'http://sources.example/isaf' "
                             "uses http:// (write https://; data/publishers.yml says sources.example serves https)")


def test_http_allowed_where_registry_says_no_https(project):
    edit(project, "data/publishers.yml", "tier: official}", "tier: official, https: false}")
    cite(project, AFGHAN_NOTE.replace("https://", "http://"))
    code, lines, _ = run_check(project)
    assert code == 0, lines


def test_state_media_must_say_so(project):
    edit(project, "docs/operations/balkans.md", "from 1999.[^1]", "from 1999.[^1][^2]")
    edit(project, "docs/operations/balkans.md", "<https://sources.example/kfor>\n",
         "<https://sources.example/kfor>\n[^2]: Agency report. <https://state.example/kfor>\n")
    assert_problems(project, "docs/operations/balkans.md:16: footnote '[^2]' 'state.example' is state-controlled "
                             "media (Fixture State Agency): cite it only for what its own government said, and say "
                             "so in the footnote (e.g. 'Russian state news agency')")
    edit(project, "docs/operations/balkans.md", "Agency report.", "Fixture state news agency, the government's view.")
    code, lines, _ = run_check(project)
    assert code == 0, lines


def test_pointer_only_beside_a_better_source(project):
    cite(project, "[^1]: Encyclopedia article. <https://en.wiki.example/ISAF>")
    assert_problems(project, "docs/operations/afghanistan.md:13: footnote '[^1]' 'en.wiki.example' may only stand "
                             "beside a better source in the same footnote (add an official, scholarly or press "
                             "source)")
    cite(project, "[^1]: Encyclopedia article <https://en.wiki.example/ISAF>; Fixture Times <https://news.example/a>; "
                  "NATO <https://sources.example/isaf>")
    code, lines, _ = run_check(project)
    assert code == 0, lines


def test_archive_copy_is_judged_by_what_it_archived(project):
    cite(project, "[^1]: NATO, archived. <https://archive.example/web/2010/https://sources.example/isaf>")
    code, lines, _ = run_check(project)
    assert code == 0, lines
    cite(project, "[^1]: NATO, archived. <https://archive.example/web/2010/https://sources.example/isaf>"
                  " <https://archive.example/web/2010/http://mirror.example/isaf>")
    assert_problems(project, "docs/operations/afghanistan.md:13: footnote '[^1]' 'mirror.example' is never an "
                             "acceptable source: Wikipedia mirror (cite an official, scholarly or press source)")


def test_page_without_official_source(project):
    cite(project, "[^1]: Fixture Times, report. <https://news.example/isaf>")
    assert_problems(project, "docs/operations/afghanistan.md:13: page cites no official source (NATO, a government, "
                             "a parliament, the UN or the EU): cite one for its key facts")


def test_malformed_address_names_file_and_line(project):
    """MkDocs itself cannot build a page with `<https://[bad/x>`: that page is reported at its
    line, and the others are still built and checked."""
    cite(project, AFGHAN_NOTE + " <https://[bad/x>")
    edit(project, "docs/operations/balkans.md", "(afghanistan.md)", "(afghan.md)")
    assert_problems(project, "docs/operations/afghanistan.md:13: malformed address 'https://[bad/x': MkDocs cannot "
                             "build the page (check the address)",
                    "docs/operations/balkans.md:13: link target 'afghan.md' not found (did you mean afghanistan.md?)")


def test_non_utf8_page_is_reported_at_its_line_and_others_still_checked(project):
    file = project / "docs/operations/afghanistan.md"
    file.write_bytes(file.read_bytes().replace(b"NATO led ISAF", b"NATO led \xff ISAF"))
    edit(project, "docs/operations/balkans.md", "(afghanistan.md)", "(afghan.md)")
    assert_problems(project, "docs/operations/afghanistan.md:11: not UTF-8 text (byte 0xff): save the file as UTF-8",
                    "docs/operations/balkans.md:13: link target 'afghan.md' not found (did you mean afghanistan.md?)")


def test_footnote_definitions_out_of_reading_order(project):
    edit(project, "docs/operations/balkans.md", "from 1999.[^1]", "from 1999.[^2][^1]")
    edit(project, "docs/operations/balkans.md", "<https://sources.example/kfor>\n",
         "<https://sources.example/kfor>\n[^2]: NATO, \"Second\". <https://sources.example/second>\n")
    assert_problems(project, "docs/operations/balkans.md:15: footnote definitions are not in the order the text "
                             "cites them, so the markers are numbered out of order (run: python -m "
                             "kb.order_footnotes)")
    done = subprocess.run([sys.executable, "-m", "kb.order_footnotes"], cwd=project, env=ENV,
                          capture_output=True, text=True)
    assert done.stdout.strip() == "reordered docs/operations/balkans.md"
    code, lines, _ = run_check(project)
    assert code == 0, lines


def test_duplicate_footnote_definition(project):
    cite(project, AFGHAN_NOTE + "\n[^1]: Another. <https://sources.example/other>")
    assert_problems(project, "docs/operations/afghanistan.md:14: footnote '[^1]' is defined twice (first on line "
                             "13; the second would replace it)")


def test_glossary_source_is_checked(project):
    edit(project, "data/glossary.yml", "  definition: The NATO-led force in Kosovo.\n",
         "  definition: The NATO-led force in Kosovo.\n"
         "  source: 'Fixture Mirror, web page \"KFOR\". <https://mirror.example/kfor>'\n")
    make_glossary(project)
    assert_problems(project, "data/glossary.yml:5: source of 'KFOR' 'mirror.example' is never an acceptable "
                             "source: Wikipedia mirror (cite an official, scholarly or press source)")


def test_process_talk(project):
    edit(project, "docs/operations/afghanistan.md", "NATO led ISAF from 2003 to 2014.",
         "NATO led ISAF from 2003 to 2014; its exact size was not retrieved for this site.")
    assert_problems(project, "docs/operations/afghanistan.md:11: 'was not retrieved' narrates research: state what "
                             "is known and date it (e.g. 'As of November 2026, ...'), or leave the claim out")


TIMELINE_EVENT = """\
- date: 1999-06-12
  event: KFOR enters Kosovo.
  themes: [operations]
  page: operations/balkans.md
  sources:
    - NATO, KFOR page. <https://sources.example/kfor>
"""


@pytest.mark.parametrize("old, new, expected", [
    ("1999-06-12", "1999-13-01", "data/timeline.yml:1: 'date' '1999-13-01' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    ("[operations]", "[operashuns]", "data/timeline.yml:3: unknown theme 'operashuns' (one of: treaty, enlargement, "
     "summits, strategy, structures, operations, partnerships, crises, arms-control, spending, new-domains)"),
    ("operations/balkans.md", "operations/kosovo.md", "data/timeline.yml:4: page 'operations/kosovo.md' does not "
     "exist under docs/"),
    ("<https://sources.example/kfor>", "https://sources.example/kfor", "data/timeline.yml:6: each source needs "
     "exactly one https address in angle brackets: 'Publisher, title, date. <https://...>'"),
    ("KFOR enters Kosovo.", "KFOR <b>enters</b> Kosovo.", "data/timeline.yml:2: 'event' must be plain text (no <, > "
     "or footnotes: sources go in 'sources')"),
    ("  themes:", "  event: Again.\n  themes:", "data/timeline.yml:3: field 'event' given twice in one entry "
     "(first on line 2)"),
], ids=["date", "theme", "page", "source-format", "markup", "repeated-field"])
def test_timeline_data_errors_at_their_line(project, old, new, expected):
    (project / "data" / "timeline.yml").write_text(TIMELINE_EVENT.replace(old, new, 1))
    assert_problems(project, expected)


def test_timeline_sources_follow_the_sourcing_policy_and_pages_stay_generated(project):
    (project / "data" / "timeline.yml").write_text(TIMELINE_EVENT.replace("sources.example", "mirror.example"))
    code, lines, _ = run_check(project)
    assert code == 1
    assert ("data/timeline.yml:6: source 'mirror.example' is never an acceptable source: Wikipedia mirror "
            "(cite an official, scholarly or press source)") in lines
    assert ("docs/reference/timeline-1949-1965.md:1: out of date with data/timeline.yml "
            "(run: make generate)") in lines


def test_an_era_page_the_timeline_no_longer_has_is_reported_then_removed(project):
    def make_timeline(*args):
        return subprocess.run([sys.executable, "-m", "kb.generate", "timeline", *args], cwd=project, env=ENV,
                              capture_output=True, text=True)
    (project / "data" / "timeline.yml").write_text(TIMELINE_EVENT)
    assert make_timeline().returncode == 0
    old = project / "docs" / "reference" / "timeline-2014-today.md"     # an era of an earlier release
    old.write_text((project / "docs" / "reference" / "timeline-1991-2000.md").read_text())
    message = ("docs/reference/timeline-2014-today.md:1: no longer generated from data/timeline.yml "
               "(run: make generate, which removes it)")
    code, lines, _ = run_check(project)
    assert code == 1 and message in lines
    done = make_timeline("--check")
    assert done.returncode == 1 and done.stdout.splitlines() == [message]
    assert make_timeline().returncode == 0 and not old.exists()
    assert message not in run_check(project)[1]


def test_registry_unknown_tier_exits_2(project):
    edit(project, "data/publishers.yml", "tier: press}", "tier: pres}")
    assert_cannot_run(project, "data/publishers.yml:2: unknown tier 'pres' (one of: official, scholarly, press, "
                               "state, pointer, archive, reprint, never)")


def test_registry_duplicate_host_exits_2(project):
    with open(project / "data/publishers.yml", "a") as fh:
        fh.write("- {host: news.example, name: Again, tier: press}\n")
    assert_cannot_run(project, "data/publishers.yml:7: duplicate host 'news.example' (first on line 2)")


def test_missing_registry_exits_2(project):
    (project / "data/publishers.yml").unlink()
    assert_cannot_run(project, "data/publishers.yml:0: publisher registry file not found")


def test_missing_review_date(project):
    edit(project, "docs/operations/afghanistan.md", f"last_reviewed: {TODAY}\n", "")
    assert_problems(project, "docs/operations/afghanistan.md:1: front matter has no 'last_reviewed' (the date its "
                             "facts were last checked: last_reviewed: YYYY-MM-DD)")


def test_malformed_review_date(project):
    edit(project, "docs/operations/afghanistan.md", f"last_reviewed: {TODAY}", "last_reviewed: soon")
    assert_problems(project, "docs/operations/afghanistan.md:4: last_reviewed 'soon' is not a date "
                             "(write YYYY-MM-DD)")


def test_old_review_date_is_a_warning(project):
    edit(project, "docs/operations/afghanistan.md", f"last_reviewed: {TODAY}", "last_reviewed: 2020-01-31")
    code, lines, _ = run_check(project)
    days = (dt.date.today() - dt.date(2020, 1, 31)).days
    assert lines[:-1] == [f"docs/operations/afghanistan.md:4: warning: last reviewed 2020-01-31, {days} days ago: "
                          "check its facts and update last_reviewed"]
    assert lines[-1].startswith("check: no problems, 1 warning (")
    assert code == 0


# --- hostile and malformed input --------------------------------------------------------------

BALKANS_BODY = "NATO led KFOR in Kosovo from 1999.[^1]"


def test_raw_script_tag(project):
    edit(project, "docs/operations/balkans.md", BALKANS_BODY, BALKANS_BODY + " <script>alert(1)</script>")
    assert_problems(project, "docs/operations/balkans.md:9: raw <script> is not allowed in a page (write Markdown; "
                             "if the page truly needs it, list 'docs/operations/balkans.md script' in "
                             "data/raw-html-allowlist.txt)")


def test_raw_html_allowlist(project):
    edit(project, "docs/operations/balkans.md", BALKANS_BODY, BALKANS_BODY + " <form>x</form>")
    (project / "data/raw-html-allowlist.txt").write_text("docs/operations/balkans.md form\n")
    code, lines, _ = run_check(project)
    assert code == 0, lines


def test_iframe_object_embed_form(project):
    edit(project, "docs/operations/balkans.md", BALKANS_BODY, BALKANS_BODY + "\n\n<iframe src=\"https://x.example\">"
         "</iframe><object data=\"x\"></object><embed src=\"x\"><form action=\"https://x.example\"></form>")
    code, lines, _ = run_check(project)
    assert code == 1
    assert [line.split(" is not allowed")[0] for line in lines[:-1]] == [
        "docs/operations/balkans.md:11: raw <embed>", "docs/operations/balkans.md:11: raw <form>",
        "docs/operations/balkans.md:11: raw <iframe>", "docs/operations/balkans.md:11: raw <object>"]


def test_event_handler_attribute(project):
    edit(project, "docs/operations/balkans.md", BALKANS_BODY, BALKANS_BODY + ' <span onmouseover="alert(1)">x</span>')
    assert_problems(project, "docs/operations/balkans.md:9: event-handler attribute 'onmouseover=' is not allowed "
                             "in a page (scripts come only from the theme)")


def test_javascript_and_data_links(project):
    edit(project, "docs/operations/balkans.md", BALKANS_BODY,
         BALKANS_BODY + " [x](javascript:alert(1)) and ![y](data:image/png;base64,AAAA)")
    assert_problems(project, "docs/operations/balkans.md:9: 'data:' address (<img src>) is not allowed "
                             "(link to a page or an https:// address)",
                    "docs/operations/balkans.md:9: 'javascript:' address (<a href>) is not allowed "
                    "(link to a page or an https:// address)")


def test_undefined_reference_style_link(project):
    edit(project, "docs/operations/balkans.md", BALKANS_BODY, BALKANS_BODY + " See [the report][nope].")
    assert_problems(project, "docs/operations/balkans.md:9: reference-style link '[the report][nope]' has no "
                             "definition (add a line '[nope]: https://...' or write [text](address))")


def test_duplicate_heading_id(project):
    edit(project, "docs/operations/afghanistan.md", "Back to the", "\n\n## Again { #isaf }\n\nBack to the")
    assert_problems(project, "docs/operations/afghanistan.md:13: id '#isaf' is used 2 times on this page "
                             "(give each heading its own { #id })")


def test_unused_footnote(project):
    cite(project, AFGHAN_NOTE + "\n[^2]: NATO, spare. <https://sources.example/spare>")
    assert_problems(project, "docs/operations/afghanistan.md:14: footnote '[^2]' is defined but never used "
                             "(cite it in the text, or remove it)")


def test_markup_in_front_matter(project):
    edit(project, "docs/partnerships/index.md", "title: Partnerships", "title: 'T </title><script>x</script>'")
    assert_problems(project, "docs/partnerships/index.md:2: front matter 'title' must be plain text (no <, > or "
                             "HTML: it goes into the page head, nav and search)")


def test_bom_and_dots_closing_front_matter_are_fine(project):
    file = project / "docs/operations/afghanistan.md"
    text = file.read_text().replace(f"last_reviewed: {TODAY}\n---\n", f"last_reviewed: {TODAY}\n...\n", 1)
    file.write_text("\ufeff" + text)
    code, lines, _ = run_check(project)
    assert code == 0, lines


def test_other_markdown_extensions_are_checked(project):
    """MkDocs builds .markdown (and .mdown, .mkdn, .mkd) pages too: they get every check."""
    (project / "docs/operations/extra.markdown").write_text(EXTRA.replace("[^1]\n", "[^1] See [x](nowhere.md).\n", 1))
    edit(project, "mkdocs.yml", "      - operations/afghanistan.md\n",
         "      - operations/afghanistan.md\n      - operations/extra.markdown\n")
    edit(project, "docs/index.md", "- [Sources]", "- [Extra](operations/extra.markdown)\n- [Sources]")
    assert_problems(project, "docs/operations/extra.markdown:9: link target 'nowhere.md' not found")


def test_raw_html_image_path_hint(project):
    edit(project, "docs/operations/balkans.md", "![Map of the Balkans](../assets/balkans-map.svg)",
         '<img src="../assets/balkans-map.svg" alt="Map">')
    assert_problems(project, "docs/operations/balkans.md:11: image target '../assets/balkans-map.svg' not found "
                             "(MkDocs does not rewrite addresses in raw HTML; write it in Markdown, "
                             "![alt](../assets/balkans-map.svg), so it works in both builds)")


def test_term_only_in_raw_html_is_not_a_missing_tooltip(project):
    """Markdown's abbr extension does not touch raw HTML: no tooltip can be asked for there."""
    edit(project, "docs/operations/afghanistan.md", "Back to the", "\n\n<div>KFOR in a raw block</div>\n\nBack to the")
    code, lines, _ = run_check(project)
    assert code == 0, lines


def test_glossary_field_repeated_in_one_entry(project):
    edit(project, "data/glossary.yml", "  definition: The NATO-led force in Kosovo.\n",
         "  definition: The NATO-led force in Kosovo.\n  definition: Again.\n")
    assert_problems(project, "data/glossary.yml:8: field 'definition' given twice in one entry (first on line 7; "
                             "the second would replace it)")


def test_glossary_markup_and_block_markdown_rejected(project):
    edit(project, "data/glossary.yml", "The NATO-led force in Kosovo.", "<script>alert(1)</script>")
    assert_problems(project, "data/glossary.yml:7: definition of 'KFOR' must not contain HTML or < > "
                             "(write the words out)")


def test_glossary_heading_injection_rejected(project):
    edit(project, "data/glossary.yml", "  definition: The NATO-led force in Kosovo.\n",
         "  definition: |\n    The force.\n    ## Injected\n")
    assert_problems(project, "data/glossary.yml:7: definition of 'KFOR' must be one paragraph of plain text "
                             "(no headings, lists, tables, admonitions or footnote lines)")


def test_glossary_terms_colliding_in_case_or_punctuation(project):
    with open(project / "data/glossary.yml", "a") as fh:
        fh.write("- term: Nato\n  definition: Again.\n  related: [index.md]\n")
    assert_problems(project, "data/glossary.yml:16: term 'Nato' collides with 'NATO' (line 1): both would get the "
                             "anchor #term-nato (terms must differ in letters or digits, not only in case or "
                             "punctuation)")


def test_invalid_glossary_entry_does_not_stop_the_acronym_checks(project):
    edit(project, "data/glossary.yml", "  definition: The NATO-led force in Kosovo.\n", "")
    edit(project, "docs/operations/balkans.md", "NATO led KFOR", "NATO and EUFOR led KFOR")
    assert_problems(project, "data/glossary.yml:5: entry is missing required field 'definition'",
                    "docs/operations/balkans.md:9: acronym 'EUFOR' is not in data/glossary.yml "
                    "(define it there, or add it to data/acronym-allowlist.txt)")


def test_glossary_term_that_can_never_get_a_tooltip(project):
    with open(project / "data/glossary.yml", "a") as fh:
        fh.write("- term: C++\n  expansion: A language\n  definition: Code.\n  related: [index.md]\n")
    assert_problems(project, "data/glossary.yml:16: term 'C++' starts or ends with a sign: tooltips match whole "
                             "words only, so it could never get one (spell it out, e.g. 'C plus plus')")


def test_glossary_source_must_be_an_address(project):
    edit(project, "data/glossary.yml", "  definition: The NATO-led force in Kosovo.\n",
         "  definition: The NATO-led force in Kosovo.\n  source: javascript:alert(1)\n")
    assert_problems(project, "data/glossary.yml:8: source of 'KFOR' must give its address(es) as <https://...> "
                    "and no other address or < >: Publisher, kind \"Title\", D Month YYYY. <https://address>")


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


# --- the other scripts: one clear line and a non-zero exit on bad input, never a traceback ---------


def run_script(root: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", script, *args], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


def test_make_glossary_on_bad_glossary(project):
    edit(project, "data/glossary.yml", "The NATO-led force in Kosovo.", "<script>alert(1)</script>")
    done = run_script(project, "kb.generate", "glossary")
    assert done.returncode == 2
    assert done.stderr.strip() == ("data/glossary.yml:7: definition of 'KFOR' must not contain HTML or < > "
                                   "(write the words out)")


def test_make_sources_on_malformed_address_and_non_utf8_page(project):
    cite(project, AFGHAN_NOTE + " <https://[bad/x>")
    done = run_script(project, "kb.generate", "sources")
    assert done.returncode == 0, done.stderr   # listed under "not in the registry"; the checker names the line
    file = project / "docs/operations/balkans.md"
    file.write_bytes(file.read_bytes().replace(b"NATO led", b"NATO \xff led"))
    done = run_script(project, "kb.generate", "sources")
    assert done.returncode == 2
    assert done.stderr.strip() == "docs/operations/balkans.md:9: not UTF-8 text: save the file as UTF-8"


def test_preflight_and_export_name_a_page_mkdocs_cannot_read(project):
    """`mkdocs build` itself crashes with a traceback on such a page: make serve/build/export
    run kb/preflight.py first, and the export checks too."""
    cite(project, AFGHAN_NOTE + " <https://[bad/x>")
    line = ("docs/operations/afghanistan.md:13: malformed address 'https://[bad/x': MkDocs cannot build the page "
            "(check the address)")
    done = run_script(project, "kb.preflight")
    assert (done.returncode, done.stderr.strip()) == (1, line)
    done = run_script(project, "kb.export")
    assert (done.returncode, done.stderr.strip()) == (1, line + "\nexport: fix the pages above first")


def test_export_into_a_file_or_onto_a_folder(project):
    (project / "dist").write_text("not a folder")
    done = run_script(project, "kb.export")
    assert done.returncode == 1
    assert done.stderr.strip() == "export: cannot write the zip: dist is a file, not a folder (remove it or pass --out DIR)"
    (project / "dist").unlink()
    (project / "dist" / "nato-kb-offline.zip").mkdir(parents=True)
    done = run_script(project, "kb.export")
    assert done.returncode == 1
    assert done.stderr.strip() == ("export: cannot write the zip: dist/nato-kb-offline.zip is a folder, not a zip "
                                   "file (remove it)")
    (project / "dist" / "nato-kb-offline.zip").rmdir()
    done = run_script(project, "kb.export")
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (project / "dist").iterdir()] == ["nato-kb-offline.zip"], "no partial file left"


def test_front_matter_lands_escaped_in_the_page_head(project):
    """overrides/main.html escapes front matter in <title>, the description and og: tags
    (MkDocs templates do not autoescape): quotes stay whole, markup stays text."""
    from bs4 import BeautifulSoup
    overrides = ROOT / "overrides"
    edit(project, "mkdocs.yml", "  name: material\n", f"  name: material\n  custom_dir: {overrides}\n")
    edit(project, "docs/partnerships/index.md", "title: Partnerships\ndescription: Partnerships in the fixture.",
         "title: 'T </title><script>alert(2)</script>'\n"
         "description: 'Why NATO called space the \"final\" frontier <script>alert(3)</script>'")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "built")],
                   cwd=project, env=ENV, check=True, capture_output=True)
    html = (project / "built/partnerships/index.html").read_text()
    head = BeautifulSoup(html.split("</head>")[0] + "</head>", "html.parser")
    assert "alert(2)" not in str(head.find_all("script")) and "alert(3)" not in str(head.find_all("script"))
    assert head.title.get_text() == "T alert(2) - Fixture KB"
    assert head.find("meta", attrs={"name": "description"})["content"] == 'Why NATO called space the "final" frontier alert(3)'
    assert head.find("meta", property="og:description")["content"] == 'Why NATO called space the "final" frontier alert(3)'


MEMBERS = """\
- country: Belgium
  slug: belgium
  accession: 1949-04-04
  round: 0
  sources:
    accession: "News, report on the signing. <https://sources.example/belgium>"
- country: Sweden
  slug: sweden
  accession: 2024-03-07
  round: 10
  sources:
    accession: "News, report on the accession. <https://sources.example/sweden>"
"""


@pytest.mark.parametrize("sentence, expected", [
    ("NATO has 3 member countries.", "'NATO has 3 member countries' contradicts data/members.yml: 2 members"),
    ("Belgium was the most recent to join.", "'Belgium was the most recent to join' contradicts data/members.yml: "
     "the most recent member is Sweden"),
    ("Sweden joined NATO on 4 April 2023.", "'Sweden joined NATO on 4 April 2023' contradicts data/members.yml: "
     "Sweden joined on 7 March 2024"),
], ids=["count", "newest", "accession-date"])
def test_prose_that_contradicts_the_member_data_is_reported(project, sentence, expected):
    """Facts stated once (kbcheck/refdata_checks.py): prose restating a member fact must agree."""
    (project / "data" / "members.yml").write_text(MEMBERS)
    assert run_check(project)[0] == 0                          # agreeing data and prose: clean
    edit(project, "docs/operations/balkans.md", "NATO led KF", f"{sentence} NATO led KF")
    code, lines, _ = run_check(project)
    assert code == 1
    assert [line for line in lines if not line.startswith("check:")] == [
        next(f"docs/operations/balkans.md:{n}: {expected}" for n, text in
             enumerate((project / "docs/operations/balkans.md").read_text().splitlines(), 1) if sentence in text)]


def test_prose_that_agrees_with_the_member_data_passes(project):
    (project / "data" / "members.yml").write_text(MEMBERS)
    edit(project, "docs/operations/balkans.md", "NATO led KF", "NATO has 2 member countries. Finland and "
         "Sweden joined NATO on 4 April 2023 and 7 March 2024. Sweden was the latest to join. NATO led KF")
    code, lines, _ = run_check(project)
    assert code == 0, lines


@pytest.mark.parametrize("old, new, expected", [
    ("round: 10", "round: 9", "data/members.yml:9: accession 2024-03-07 must be a full date in 2023, the year of "
     "round 9"),
    ("slug: sweden", "slug: Sweden", "data/members.yml:8: slug 'Sweden' must be lowercase letters and hyphens"),
    ("<https://sources.example/sweden>", "https://sources.example/sweden", "data/members.yml:12: each source needs "
     "exactly one https address in angle brackets: 'Publisher, title, date. <https://...>'"),
    ("sources.example/sweden", "mirror.example/sweden", "data/members.yml:12: source 'mirror.example' is never an "
     "acceptable source: Wikipedia mirror (cite an official, scholarly or press source)"),
], ids=["round-year", "slug", "source-format", "source-policy"])
def test_member_data_errors_at_their_line(project, old, new, expected):
    (project / "data" / "members.yml").write_text(MEMBERS.replace(old, new, 1))
    assert_problems(project, expected)


def test_tags_come_from_the_fixed_list_and_every_topic_page_has_some(project):
    """data/tags.yml is the subject index's vocabulary (kbcheck/frontmatter_checks.check_tags)."""
    (project / "data" / "tags.yml").write_text("themes:\n  - peacekeeping\n")
    edit(project, "docs/operations/balkans.md", f"last_reviewed: {TODAY}",
         f"last_reviewed: {TODAY}\ntags: [peacekeeping, peace keeping]")
    missing = "topic page has no 'tags' (add tags: [...] from data/tags.yml)"
    assert_problems(project,
                    f"docs/operations/afghanistan.md:1: {missing}",
                    "docs/operations/balkans.md:5: tag 'peace keeping' is not in data/tags.yml (use a listed tag, "
                    "or add it there)",
                    f"docs/partnerships/index.md:1: {missing}",
                    f"docs/structures/command-structure.md:1: {missing}")
