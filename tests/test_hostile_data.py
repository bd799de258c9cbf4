"""Hostile input, data side (issue 27): data that fails loudly at its line, no leaks of files
outside the site, clean interruption of the export, a safe publish workflow, an offline 404 page.

Fast where it can be: loaders and generators are called in-process on small files; the checker,
preflight and export run once each on the fixture project of test_check.py.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from test_check import ENV, ROOT, edit, project, run_check, template  # noqa: F401 (fixtures)


from kb.model import datafile
from kb.model.datafile import DataError, compose
from kb.model.frontmatter import FrontMatterError, read_front_matter


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(call) -> str:
    """The one-line message of the DataError / FrontMatterError `call` raises."""
    with pytest.raises((DataError, FrontMatterError)) as caught:
        call()
    return str(caught.value)


# --- YAML: a key given twice is an error at its line ------------------------------------------------


def test_duplicate_footnote_key_in_a_data_file(tmp_path):
    path = write(tmp_path / "operations.yml", "operations: []\nfootnotes:\n  kfor: NATO. <https://www.nato.int/a>\n"
                                              "  kfor: NATO. <https://www.nato.int/b>\n")
    assert error_of(lambda: compose(path, DataError, "operations")) == (
        f"{path}:4: key 'kfor' given twice (first on line 3): YAML would keep only the last one")


def test_duplicate_title_and_impossible_date_in_front_matter(tmp_path):
    page = write(tmp_path / "p.md", "---\ntitle: One\ndescription: D.\ntitle: Two\nlast_reviewed: 2026-11-30\n---\n")
    assert error_of(lambda: read_front_matter(page)) == (
        f"{page}:4: front matter: key 'title' given twice (first on line 2): YAML would keep only the last one")
    write(page, "---\ntitle: One\ndescription: D.\nlast_reviewed: 2026-02-30\n---\n")
    assert error_of(lambda: read_front_matter(page)) == (
        f"{page}:4: front matter: '2026-02-30' is not a real date (day is out of range for month)")


def test_tags_file_errors_at_their_line(tmp_path, monkeypatch):
    from kb.check.frontmatter_checks import TagsError, read_tags
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data/tags.yml", "regions:\n  - Europe\ndomains:\n  - land\nregions:\n  - Arctic\n")
    with pytest.raises(TagsError) as caught:
        read_tags()
    assert str(caught.value) == "data/tags.yml:5: key 'regions' given twice (first on line 1): YAML would keep only the last one"
    for text, expected in [("regions: [Europe\n", "data/tags.yml:2: malformed YAML"),
                           ("regions: Europe\n", "data/tags.yml:1: group 'regions' must be a list of tags"),
                           ("regions:\n  - Europe\n  - {a: b}\n", "data/tags.yml:3: each tag must be a short plain name"),
                           ("regions:\n  - Europe\ndomains:\n  - Europe\n", "data/tags.yml:4: tag 'Europe' listed twice")]:
        write(tmp_path / "data/tags.yml", text)
        with pytest.raises(TagsError) as caught:
            read_tags()
        assert str(caught.value).startswith(expected), text


def test_each_data_file_error_is_reported_on_its_own(tmp_path, monkeypatch):
    """An error in members.yml no longer hides the errors of the other data files."""
    from kb.check.refdata_checks import check_reference_data
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data/members.yml", "- country: Poland\n  country: Poland\n")
    write(tmp_path / "data/summits.yml", "- date: 1957-12-16\n  sources: [\n")
    write(tmp_path / "data/operations.yml", "operations: []\nfootnotes:\n  a: x\n  a: y\n")
    assert [str(p) for p in check_reference_data(None)] == [
        "data/members.yml:2: field 'country' given twice in one entry (first on line 1)",
        "data/operations.yml:4: key 'a' given twice (first on line 3): YAML would keep only the last one",
        "data/summits.yml:3: malformed YAML: expected the node content, but found '<stream end>'"]


# --- types and dates ----------------------------------------------------------------------------------

SPENDING = """\
editions:
  - id: dep
    title: Defence Expenditure
    published: 2024-06-17
    source: NATO, report "Defence Expenditure", 17 June 2024. <https://www.nato.int/cps/en/natohq/news_226465.htm>
commitments: []
figures:
  - country: Poland
    year: 2014
    gdp_share: 1.88
    edition: dep
    estimate: false
"""


@pytest.mark.parametrize("old, new, expected", [
    ("estimate: false", "estimate: yes", "12: 'estimate' must be true or false, not 'yes'"),
    ("estimate: false", "estimate: 'true'", "12: 'estimate' must be true or false, not 'true'"),
    ("year: 2014", "year: 2014.7", "9: 'year' must be a whole number, not '2014.7'"),
    ("nato.int/cps", "nato.int:99999/cps", "5: address 'https://www.nato.int:99999/cps/en/natohq/news_226465.htm' "
     "has port 99999, outside 1-65535"),
], ids=["yes", "quoted", "fraction", "port"])
def test_spending_types_are_enforced(tmp_path, old, new, expected):
    from kb.model.refdata import load_spending
    path = write(tmp_path / "spending.yml", SPENDING.replace(old, new, 1))
    assert error_of(lambda: load_spending(path)) == f"{path}:{expected}"


def test_spending_true_and_false_still_load(tmp_path):
    from kb.model.refdata import load_spending
    path = write(tmp_path / "spending.yml", SPENDING + SPENDING.split("figures:\n")[1]
                 .replace("2014", "2015").replace("false", "true"))
    assert [(f.year, f.estimate) for f in load_spending(path).figures] == [(2014, False), (2015, True)]


@pytest.mark.parametrize("url, problem", [
    ("https://www.nato.int/cps/en/", None),
    ("https://www.nato.int:443/x", None),
    ("https://www.nato.int:99999/", "has port 99999, outside 1-65535"),
    ("https://www.nato.int:0/", "has port 0, outside 1-65535"),
    ("https://www.nato.int:http/", "has an invalid port 'http'"),
    ("https://[bad/x", "is malformed"),
    ("https://nato/", "has no valid host name"),
    ("https://-bad-.example/", "has no valid host name"),
    ("https://user:pw@www.nato.int/", "holds a user name or password"),
])
def test_address_hosts_and_ports(url, problem):
    found = datafile.address_problem(url)
    assert (found is None) if problem is None else (problem in found), found


TIMELINE = """\
- date: 1999-06-12
  event: KFOR enters Kosovo.
  themes: [operations]
  page: balkans.md
  sources:
    - NATO, KFOR page. <https://www.nato.int/kfor>
"""
SUMMIT = """\
- date: 2025-06-24
  place: The Hague
  sources:
    - NATO, official text "The Hague Summit Declaration", 25 June 2025. <https://www.nato.int/cps/en/natohq/official_texts_236705.htm>
"""


@pytest.fixture
def reviewed_docs(tmp_path, monkeypatch) -> Path:
    """docs/ whose newest review date is 30 November 2026 (the facts' "as of" date)."""
    monkeypatch.setenv("KB_TODAY", "2026-12-07")
    docs = tmp_path / "docs"
    write(docs / "balkans.md", "---\ntitle: Balkans\ndescription: B.\nlast_reviewed: 2026-11-30\n---\n")
    return docs


def test_a_future_event_is_not_published_as_history(tmp_path, reviewed_docs):
    from kb.model.refdata import load_summits
    from kb.model.timeline import load_timeline
    path = write(tmp_path / "timeline.yml", TIMELINE)
    assert [e.date for e in load_timeline(path, reviewed_docs)] == ["1999-06-12"]
    write(path, TIMELINE.replace("1999-06-12", "2031-04-04"))
    assert error_of(lambda: load_timeline(path, reviewed_docs)) == (
        f"{path}:1: 'date' 2031-04-04 is after the review date 2026-11-30: only events that have happened belong here")
    write(path, TIMELINE.replace("1999-06-12", "2026-12"))   # a month not over by the review date
    assert "'date' 2026-12 is after the review date" in error_of(lambda: load_timeline(path, reviewed_docs))
    path = write(tmp_path / "summits.yml", SUMMIT)
    assert [s.date for s in load_summits(path, reviewed_docs)] == ["2025-06-24"]
    write(path, SUMMIT.replace("2025-06-24", "2031-07-07"))
    assert error_of(lambda: load_summits(path, reviewed_docs)) == (
        f"{path}:1: 'date' 2031-07-07 is after the review date 2026-11-30: only events that have happened belong here")


def test_a_source_dated_before_1949_has_a_box():
    from kb.render.make_sources import period
    assert period('Brussels Treaty, "Treaty of Economic, Social and Cultural Collaboration", 17 March 1948') == "Before 1949"
    assert period("The North Atlantic Treaty, 4 April 1949") == "1949–1965"   # the first era (kb/model/eras.py)


def test_csv_cells_cannot_be_formulas():
    import csv
    import io

    from kb.render.make_reference import table_files
    rows = [{"country": '=HYPERLINK("https://evil.example","x")', "capital": "+1", "slug": "-x", "round": 0,
             "note": "@SUM(A1)", "share": -1.5, "estimate": False, "sources": ["=1+1", "NATO"]}]
    files = table_files("members", rows)
    [cells] = list(csv.DictReader(io.StringIO(next(t for p, t in files.items() if p.suffix == ".csv"))))
    assert cells == {"country": '\'=HYPERLINK("https://evil.example","x")', "capital": "'+1", "slug": "'-x",
                     "round": "0", "note": "'@SUM(A1)", "share": "-1.5", "estimate": "False",
                     "sources": "'=1+1 ; NATO"}


# --- no leaks: snippets and symbolic links ------------------------------------------------------------


def snippet_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return next(item["pymdownx.snippets"] for item in config["markdown_extensions"]
                if isinstance(item, dict) and "pymdownx.snippets" in item)


@pytest.mark.parametrize("name", [".git/config", "pyproject.toml", "/etc/passwd", "../README.md"])
def test_the_site_snippets_include_nothing_outside_their_folders(name, monkeypatch):
    """With the site's own pymdownx.snippets options, from the project root (as MkDocs runs)."""
    import markdown
    from pymdownx.snippets import SnippetMissingError
    monkeypatch.chdir(ROOT)
    if not name.startswith("..") and not Path(name).exists():
        pytest.skip(f"{name} does not exist here")
    options = {k: v for k, v in snippet_config().items() if k != "auto_append"}
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options})
    with pytest.raises(SnippetMissingError):
        md.convert(f'```\n--8<-- "{name}"\n```\n')
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options})
    assert "Changelog" in md.convert('--8<-- "CHANGELOG.md"\n')       # what the site does include
    assert "*[NATO]" in Path("includes/abbreviations.md").read_text(encoding="utf-8")


def test_checker_reports_leaks_and_bad_files_at_their_line_and_checks_the_rest(project):
    """One checker run: a symbolic link, snippets from outside the snippet folders (inside a fence,
    and an absolute path), a title given twice, an impossible review date, a broken tags file.
    Each is one line naming the file and line; the other pages are still built and checked."""
    write(project / ".git/config", "[remote \"origin\"]\n\turl = https://token@example.org/x\n")
    (project / "docs/passwd").symlink_to("/etc/passwd")
    edit(project, "docs/partnerships/index.md", "Partners work with NATO.[^1]",
         'Partners work with NATO.[^1]\n\n```\n--8<-- ".git/config"\n```')
    edit(project, "docs/reference/sources.md", "Where the facts come from.[^1]",
         'Where the facts come from.[^1]\n\n--8<-- "/etc/passwd"')
    edit(project, "docs/structures/command-structure.md", "description:", "title: Again\ndescription:")
    edit(project, "docs/operations/afghanistan.md", f"last_reviewed: {dt_today()}", "last_reviewed: 2026-02-30")
    edit(project, "docs/operations/balkans.md", "(afghanistan.md)", "(afghan.md)")
    write(project / "data/tags.yml", "regions:\n  - Europe\nregions:\n  - Arctic\n")
    code, lines, stderr = run_check(project)
    assert code == 1, stderr
    for expected in [
        "docs/passwd:1: symbolic link to '/etc/passwd': MkDocs would publish what it points at (remove it; "
        "copy the file into docs/ if it belongs on the site)",
        "docs/partnerships/index.md:12: snippet '.git/config' is not in the snippet folders (includes/) or does "
        "not exist: only files there may be included",
        "docs/reference/sources.md:11: snippet '/etc/passwd' is not in the snippet folders (includes/) or does "
        "not exist: only files there may be included",
        "docs/structures/command-structure.md:3: front matter: key 'title' given twice (first on line 2): YAML "
        "would keep only the last one",
        "docs/operations/afghanistan.md:4: front matter: '2026-02-30' is not a real date (day is out of range "
        "for month)",
        "data/tags.yml:3: key 'regions' given twice (first on line 1): YAML would keep only the last one",
        "docs/operations/balkans.md:13: link target 'afghan.md' not found (did you mean afghanistan.md?)",
    ]:
        assert expected in lines, "\n".join(lines)
    assert not any("token@" in line or "root:" in line for line in lines)


def dt_today() -> str:
    import datetime as dt
    return dt.date.today().isoformat()


def test_preflight_rejects_a_symbolic_link_and_a_leaking_snippet(project):
    (project / "docs/environ").symlink_to("/proc/self/environ")
    edit(project, "docs/index.md", "NATO cooperation", '--8<-- "../mkdocs.yml"\n\nNATO cooperation')
    done = subprocess.run([sys.executable, "-m", "kb.preflight"], cwd=project, env=ENV,
                          capture_output=True, text=True, timeout=60)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "docs/environ:1: symbolic link to '/proc/self/environ': MkDocs would publish what it points at (remove it; "
        "copy the file into docs/ if it belongs on the site)",
        "docs/index.md:9: snippet '../mkdocs.yml' is not in the snippet folders (includes/) or does not exist: "
        "only files there may be included"]


def test_an_unreadable_page_is_reported_and_the_others_still_read(tmp_path, monkeypatch):
    """Tests run as root in the container, where chmod 000 does not stop a read: the read fails here."""
    from kb.check.cli import unreadable_pages
    docs = tmp_path / "docs"
    write(docs / "a.md", "---\ntitle: A\n---\n")
    write(docs / "b.md", "---\ntitle: B\n---\n\n<https://[bad/x>\n")
    real_bytes, real_text = Path.read_bytes, Path.read_text

    def deny(method):
        def read(self, *args, **kwargs):
            if self.name == "a.md":
                raise PermissionError(13, "Permission denied", str(self))
            return method(self, *args, **kwargs)
        return read
    monkeypatch.setattr(Path, "read_bytes", deny(real_bytes))
    monkeypatch.setattr(Path, "read_text", deny(real_text))
    monkeypatch.chdir(tmp_path)
    found = unreadable_pages(docs)
    assert [str(p) for p in found.values()] == [
        f"{docs}/a.md:1: cannot read the page: Permission denied",
        f"{docs}/b.md:5: malformed address 'https://[bad/x': MkDocs cannot build the page (check the address)"]
    assert error_of(lambda: read_front_matter(docs / "a.md")) == f"{docs}/a.md:1: cannot read the page: Permission denied"


# --- clean interruption of the export -----------------------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_stops_the_export_build_and_removes_its_files(project, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    (project / "dist").mkdir()
    write(project / "dist/.nato-kb.pdf.part", "half a PDF from a run killed with SIGKILL")
    write(project / "dist/nato-kb.pdf", "the finished PDF")
    export = subprocess.Popen([sys.executable, "-m", "kb.export"], cwd=project,
                              env=dict(ENV, TMPDIR=str(tmp)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not children(export.pid) and export.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    build = children(export.pid)
    assert build, "the export started no build"
    assert list(tmp.iterdir()), "the export made no temporary folder"
    export.send_signal(signal.SIGTERM)
    _, stderr = export.communicate(timeout=60)
    assert "Traceback" not in stderr
    assert export.returncode == 128 + signal.SIGTERM, stderr
    assert stderr.strip().splitlines()[-1] == "export: stopped by signal 15; temporary files removed"
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in build) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in build), "the mkdocs build still runs"
    assert list(tmp.iterdir()) == [], "temporary files left"
    assert sorted(p.name for p in (project / "dist").iterdir()) == ["nato-kb.pdf"], "a .part left, or the PDF lost"
    assert (project / "dist/nato-kb.pdf").read_text() == "the finished PDF"


# --- publishing ------------------------------------------------------------------------------------


def test_publish_workflow_least_privilege_and_pinned_actions():
    text = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    writes = lambda perms: sorted(k for k, v in (perms or {}).items() if v == "write")  # noqa: E731
    assert writes(flow.get("permissions")) == [], "the workflow-wide token must only read"
    build = flow["jobs"]["build"]
    assert any("make test" in str(step.get("run", "")) for step in build["steps"])
    assert "permissions" in build and writes(build["permissions"]) == [], "the job that runs the tests writes"
    deploy = flow["jobs"]["deploy"]
    assert writes(deploy["permissions"]) == ["id-token", "pages"]
    assert not any("run" in step for step in deploy["steps"]), "the job that may write runs no project code"
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert len(uses) == 5
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action}: not pinned by commit SHA"
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), f"{action}: no '# vX.Y.Z' comment"
    checkout = next(s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


# --- the offline copy's 404 page ----------------------------------------------------------------------


def test_offline_404_page_uses_relative_addresses(offline_dir):
    html = (offline_dir / "404.html").read_text(encoding="utf-8")
    absolute = re.findall(r"""(?:href|src|action)=["'](/[^"']*)""", html) + re.findall(r'"base":\s*"(/[^"]*)"', html)
    assert absolute == []
    for ref in re.findall(r"""(?:href|src)=["']([^"'#?]+)""", html):
        if "://" not in ref and not ref.startswith(("data:", "mailto:")):
            assert (offline_dir / ref).exists(), f"404.html: {ref} does not load from file://"


def test_footnote_address_with_an_impossible_port(project):
    """A page's footnote, like a data file's source, names a real port (before: accepted)."""
    from test_check import AFGHAN_NOTE, assert_problems, cite
    cite(project, AFGHAN_NOTE.replace("sources.example/isaf", "sources.example:99999/isaf"))
    assert_problems(project, "docs/operations/afghanistan.md:13: footnote '[^1]' address "
                             "'https://sources.example:99999/isaf' has port 99999, outside 1-65535")
