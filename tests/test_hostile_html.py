"""Hostile input that reaches the built HTML: scripts the source checker could not see, a
policy skipped by a sentence, tag names and site addresses printed raw, inline styles.

One copy of the real project gets every attack at once; it is checked once (kb/check),
built once strictly (must fail) and once non-strictly (the site an author would get without
--strict), and that site is opened in Chromium, every element with an on* attribute clicked:
nothing may run.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, ROOT

PAGE = "docs/operations/balkans.md"
ANCHOR = "## Bosnia and Herzegovina\n"
# Each attack sets window.pwned if its code runs.
ATTACKS = {
    # an indented ``` line: the old checker took it for a fence and skipped what followed
    "indented fence": "Text.\n\n    ```\n\n<script>window.pwned='indented fence'</script>\n\n",
    # an inline ``` span: the same
    "inline fence": "Inline ```x``` code.\n\n<script>window.pwned='inline fence'</script>\n\n",
    # `<!--` in inline code: the old checker took the rest of the page for a comment
    "inline comment": "A `<!--` in code.\n\n<script>window.pwned='inline comment'</script>\n\n",
    # a sentence naming the policy made the old hook skip the page; then an attr_list handler
    "policy sentence": 'Pages carry http-equiv="Content-Security-Policy" in their head.\n\n'
                       '[Read more](https://example.org/){ onclick="window.pwned=\'attr_list\'" }\n\n',
    "style": '<style>body{display:none}</style>\n\n'
             '<p style="position:fixed;inset:0;background:red">covered</p>\n\n',
    "scheme": '<a href="&#x6A;ava&#x09;script:window.pwned=\'entity\'">x</a>\n\n',
}


def csp_hash(code: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A copy of the project with every attack planted."""
    project = tmp_path_factory.mktemp("hostile") / "kb"
    shutil.copytree(ROOT, project, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "site", "dist", "node_modules", ".pytest_cache", "__pycache__"))
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    text = text.replace("tags: [Balkans, crisis management, air]",
                        'tags: [Balkans, crisis management, air, "<img src=x onerror=window.pwned=1>"]')
    text = text.replace(ANCHOR, "".join(ATTACKS.values()) + ANCHOR, 1)
    page.write_text(text, encoding="utf-8")
    tags = project / "data/tags.yml"
    tags.write_text(tags.read_text(encoding="utf-8").replace(
        "  - Balkans\n", '  - Balkans\n  - "<img src=x onerror=window.pwned=1>"\n', 1), encoding="utf-8")
    return project


def mkdocs(project: Path, dest: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args, "-d", str(dest)], cwd=project,
                          env=dict(ENV, **env), capture_output=True, text=True)


@pytest.fixture(scope="module")
def checked(hostile, strict_build) -> list[str]:
    """The checker on the hostile copy, reading the build below (its own build is the same)."""
    result = subprocess.run([sys.executable, "-m", "kb.check", "--site", str(strict_build[1])], cwd=hostile,
                            env=ENV, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout.splitlines()


@pytest.fixture(scope="module")
def strict_build(hostile, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """One strict build of the hostile copy. MkDocs writes every page before it aborts on the
    warnings, so its folder is also the site a build without --strict would publish."""
    dest = tmp_path_factory.mktemp("loose")
    return mkdocs(hostile, dest, "--strict"), dest


@pytest.fixture(scope="module")
def loose_site(strict_build) -> Path:
    assert (strict_build[1] / "operations/balkans/index.html").is_file()
    return strict_build[1]


def line_of(project: Path, needle: str) -> int:
    lines = (project / PAGE).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_checker_reads_the_built_html_and_names_the_source_line(hostile, checked):
    scripts = [line for line in checked if "raw <script>" in line]
    assert sorted(int(line.split(":")[1]) for line in scripts) == sorted(
        line_of(hostile, f"window.pwned='{name}'") for name in ("indented fence", "inline fence", "inline comment"))
    assert all(line.startswith(f"{PAGE}:") for line in scripts)
    assert f"{PAGE}:{line_of(hostile, 'attr_list')}: event-handler attribute 'onclick=' is not allowed in a page " \
           "(scripts come only from the theme)" in checked
    assert any(line.startswith(f"{PAGE}:{line_of(hostile, '<style>')}: raw <style> is not allowed") for line in checked)
    assert any(line.startswith(f"{PAGE}:{line_of(hostile, 'position:fixed')}: style attribute") for line in checked)
    assert f"{PAGE}:{line_of(hostile, 'entity')}: 'javascript:' address (<a href>) is not allowed (link to a page " \
           "or an https:// address)" in checked


def test_strict_build_fails_on_inline_code_the_project_did_not_write(strict_build):
    result = strict_build[0]
    assert result.returncode != 0
    refused = [line for line in result.stderr.splitlines() if "csp: operations/balkans/index.html" in line]
    assert len(refused) == 4, result.stderr   # three scripts and the <style>


def test_policy_refuses_the_planted_code_and_is_on_every_page(loose_site):
    html = (loose_site / "operations/balkans/index.html").read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head)
    assert policy, "the page that mentions the policy in a sentence must still get one"
    for name in ("indented fence", "inline fence", "inline comment"):
        assert csp_hash(f"window.pwned='{name}'") not in policy.group(1)
    assert csp_hash("body{display:none}") not in policy.group(1)
    # the theme's own inline code is still allowed (its scripts are hashed)
    assert policy.group(1).count("'sha256-") >= 4


def test_tag_names_are_printed_as_text(loose_site):
    html = (loose_site / "operations/balkans/index.html").read_text(encoding="utf-8")
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=window.pwned=1&gt;" in html


def test_nothing_planted_runs_in_chromium(loose_site, browser):
    for path in ["operations/balkans/index.html", "reference/tags/index.html"]:
        page = browser.new_page()
        page.goto((loose_site / path).as_uri())
        for element in page.query_selector_all("[onclick], [onerror], [onmouseover]"):
            try:
                element.click(timeout=1000, no_wait_after=True)
            except Exception:
                pass
        page.wait_for_timeout(300)
        assert page.evaluate("window.pwned === undefined"), (path, page.evaluate("window.pwned"))
        assert page.evaluate("getComputedStyle(document.body).display") != "none", path
        page.close()


@pytest.mark.parametrize("variable, value", [
    ("SITE_URL", "javascript://example.org/%0aalert(1)"),
    ("SITE_URL", 'https://example.org/k"><script>alert(1)</script>/'),
    ("REPO_URL", "https://github.com/example/kb\" onmouseover=\"alert(1)"),
    ("EDIT_URI", 'edit/main/docs/"><svg onload=alert(1)>'),
    ("SITE_URL", "https://www.nato.int:99999/"),
])
def test_site_addresses_must_be_clean(tmp_path, variable, value):
    env = {"SITE_URL": "https://example.net/kb/", "REPO_URL": "https://github.com/example/kb",
           "EDIT_URI": "edit/main/docs/", variable: value}
    result = mkdocs(ROOT, tmp_path / "site", **env)
    assert result.returncode != 0
    key = {"SITE_URL": "site_url", "REPO_URL": "repo_url", "EDIT_URI": "edit_uri"}[variable]
    errors = [line for line in result.stderr.splitlines() if f"mkdocs.yml: {key} ({variable}) " in line]
    assert len(errors) == 1 and errors[0].startswith("ERROR"), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("loader, file, old, new", [
    ("members", "data/members.yml", "  capital: Ottawa\n", '  capital: Ottawa{ onclick="alert(1)" }\n'),
    ("members", "data/members.yml", "  capital: Ottawa\n", "  capital: \"[Ottawa](javascript:alert(1))\"\n"),
    ("timeline", "data/timeline.yml", None, '  event: "Signed { onmouseover=alert(1) }"'),
])
def test_plain_text_data_fields_refuse_markup(tmp_path, loader, file, old, new):
    """A plain-text field of a data file (a capital, a timeline event) cannot carry an attribute
    list or a link: the loader names the file and line (before: the text reached the page as markup)."""
    from kb.model import members
    from kb.model import timeline
    text = (ROOT / file).read_text(encoding="utf-8")
    old = old or next(line + "\n" for line in text.splitlines() if line.startswith("  event: "))
    new = new if new.endswith("\n") else new + "\n"
    assert old in text
    bad = tmp_path / Path(file).name
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    load = {"members": lambda: members.load_members(bad),
            "timeline": lambda: timeline.load_timeline(bad, ROOT / "docs")}[loader]
    with pytest.raises(Exception) as err:
        load()
    assert f"{bad}:{line}: " in str(err.value) and "must be plain text" in str(err.value), str(err.value)


def test_make_builds_html_check_reports_the_planted_code(hostile, loose_site):
    """`make build` runs `check.py --site site --html-only` after MkDocs: the same findings at
    their source lines, without a second build."""
    result = subprocess.run([sys.executable, "-m", "kb.check", "--site", str(loose_site), "--html-only"],
                            cwd=hostile, env=ENV, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{PAGE}:{line_of(hostile, 'attr_list')}: event-handler attribute 'onclick=' is not allowed in a page " \
           "(scripts come only from the theme)" in result.stdout.splitlines()
    assert sum("raw <script>" in line for line in result.stdout.splitlines()) == 3


def test_preflight_stops_make_build_on_a_tag_that_is_markup(hostile):
    """Material's tags plugin prints tag names as markup on the subject index; `make build` and
    `make serve` run preflight first, which names the line of data/tags.yml."""
    result = subprocess.run([sys.executable, "-m", "kb.preflight"], cwd=hostile, env=ENV, capture_output=True,
                            text=True)
    assert result.returncode == 1
    line = next(n for n, text in enumerate((hostile / "data/tags.yml").read_text().splitlines(), 1) if "<img" in text)
    assert result.stderr.splitlines() == [f"data/tags.yml:{line}: tag '<img src=x onerror=window.pwned=1>' must be a "
                                          "short plain name (no <, >, brackets, braces, backquotes or #)"]
