"""NATO's partners (issue 25, item 2): data/partners.yml, kb/model/partners.py, the pages
docs/reference/partners.md and docs/reference/partners/<slug>.md and the partners downloads.

The loader reports each problem at its line in the file (an unknown framework, a framework without a
source, a joining date after the review date, a member country listed as a partner, a profile that
cites an undefined footnote or none, a programme without its source, a partner listed twice, an
unused footnote); the generated pages exist for every partner, are in the navigation and are linked
from the Partnerships overview. Loader tests work on small files in a temporary directory; the
others read the project's own files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from kb.model.partners import FRAMEWORKS, PartnersError, load_partners

MEMBERS = {"Norway", "Sweden"}
NOTE = 'NATO, news item "Ireland becomes a NATO Partner", 1 December 1999. <https://www.nato.int/cps/en/natohq/news_1.htm>'

IRELAND = """\
  - country: Ireland
    slug: ireland
    frameworks:
      - framework: eapc-pfp
        joined: 1999-12-01
        sources: [n]
    profile: |
      Ireland joined the Partnership for Peace on 1 December 1999.[^n]
"""
JORDAN = """\
  - country: Jordan
    slug: jordan
    frameworks:
      - framework: md
        joined: 1995-11
        sources: [n]
    programme: Enhanced Opportunities Partner
    programme_sources: [n]
    profile: |
      Jordan joined the Mediterranean Dialogue in November 1995.[^n]
"""


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("KB_TODAY", "2026-12-07")


def load(tmp_path: Path, partners: str, footnotes: str = f"  n: '{NOTE}'\n"):
    path = tmp_path / "partners.yml"
    path.write_text("partners:\n" + partners + "footnotes:\n" + footnotes, encoding="utf-8")
    return load_partners(path, members=MEMBERS, docs=tmp_path / "docs")


def error(tmp_path: Path, partners: str, **kw) -> str:
    with pytest.raises(PartnersError) as err:
        load(tmp_path, partners, **kw)
    return str(err.value).replace(str(tmp_path) + "/", "")


def test_valid_file_loads(tmp_path):
    partners = load(tmp_path, IRELAND + JORDAN)
    assert [p.country for p in partners.partners] == ["Ireland", "Jordan"]
    assert [p.country for p in partners.of("md")] == ["Jordan"]
    assert partners.partners[0].framework("eapc-pfp").joined == "1999-12-01"
    assert partners.texts(partners.partners[1].programme_sources) == [NOTE]


def test_unknown_framework(tmp_path):
    assert error(tmp_path, IRELAND.replace("framework: eapc-pfp", "framework: nacc")) == (
        f"partners.yml:5: unknown framework 'nacc' (one of: {', '.join(FRAMEWORKS)})")


def test_framework_without_sources(tmp_path):
    assert error(tmp_path, IRELAND.replace("        sources: [n]\n", "")) == (
        "partners.yml:5: entry is missing required field 'sources'")


def test_framework_given_twice(tmp_path):
    twice = IRELAND.replace("    profile:", "      - framework: eapc-pfp\n        sources: [n]\n    profile:")
    assert error(tmp_path, twice) == "partners.yml:8: 'Ireland': framework 'eapc-pfp' given twice"


def test_joined_after_the_review_date(tmp_path):
    assert error(tmp_path, IRELAND.replace("joined: 1999-12-01", "joined: 2027-01")) == (
        "partners.yml:6: 'joined' 2027-01 is after the review date 2026-12-07: only events that have happened "
        "belong here")


def test_joined_not_a_date(tmp_path):
    assert error(tmp_path, IRELAND.replace("joined: 1999-12-01", "joined: December 1999")) == (
        "partners.yml:6: 'joined' 'December 1999' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def test_a_member_is_not_a_partner(tmp_path):
    assert error(tmp_path, IRELAND.replace("country: Ireland", "country: Sweden")) == (
        "partners.yml:2: 'Sweden' is a member of NATO (data/members.yml), not a partner")


def test_undefined_footnote_in_sources_and_in_the_profile(tmp_path):
    assert error(tmp_path, IRELAND.replace("sources: [n]", "sources: [m]")) == (
        "partners.yml:7: footnote 'm' is not defined in 'footnotes'")
    assert error(tmp_path, IRELAND.replace("1999.[^n]", "1999.[^n][^m]")) == (
        "partners.yml:8: profile of 'Ireland' cites [^m], which is not defined in 'footnotes'")


def test_profile_without_a_footnote(tmp_path):
    assert error(tmp_path, IRELAND.replace("1999.[^n]", "1999.")) == (
        "partners.yml:8: profile of 'Ireland' has no footnote: every fact needs its source")


def test_programme_without_its_source(tmp_path):
    assert error(tmp_path, JORDAN.replace("    programme_sources: [n]\n", "")) == (
        "partners.yml:8: 'Jordan': 'programme' and 'programme_sources' go together")


def test_partner_listed_twice(tmp_path):
    assert error(tmp_path, IRELAND + IRELAND.replace("slug: ireland", "slug: eire")) == (
        "partners.yml:10: 'Ireland' is listed twice (first at line 2)")


def test_unused_footnote(tmp_path):
    footnotes = f"  n: '{NOTE}'\n  spare: '{NOTE.replace('news_1', 'news_2')}'\n"
    assert error(tmp_path, IRELAND, footnotes=footnotes) == "partners.yml:12: footnote 'spare' is not cited by any partner"


def test_unknown_field(tmp_path):
    assert error(tmp_path, IRELAND.replace("    slug:", "    capital: Dublin\n    slug:", 1)) == (
        "partners.yml:3: unknown field 'capital' (allowed: country, frameworks, profile, programme, "
        "programme_sources, slug)")


# --- The project's own data and pages ---------------------------------------------------------------
def project_partners():
    from kb.model.members import load_members
    return load_partners(ROOT / "data" / "partners.yml", members={m.country for m in load_members(ROOT / "data" / "members.yml")},
                         docs=ROOT / "docs")


def test_the_project_lists_partners_of_every_framework():
    partners = project_partners()
    assert len(partners.partners) >= 30
    for key in FRAMEWORKS:
        assert partners.of(key), f"no partner in {key}"
    assert {"Ireland", "Jordan", "Japan", "Kuwait"} <= {p.country for p in partners.partners}


def test_every_partner_has_a_page_in_the_nav_and_the_overview():
    partners = project_partners()
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    overview = (ROOT / "docs" / "reference" / "partners.md").read_text(encoding="utf-8")
    for p in partners.partners:
        page = ROOT / "docs" / "reference" / "partners" / f"{p.slug}.md"
        assert page.is_file(), f"{page} missing"
        text = page.read_text(encoding="utf-8")
        assert f"# {p.country}" in text and "## Profile" in text and "[^1]:" in text
        assert f"reference/partners/{p.slug}.md" in nav
        assert f"](partners/{p.slug}.md)" in overview
    assert "](../reference/partners.md)" in (ROOT / "docs" / "partnerships" / "index.md").read_text(encoding="utf-8")


def test_downloads_have_a_row_per_partner():
    partners = project_partners()
    data = json.loads((ROOT / "docs" / "assets" / "data" / "partners.json").read_text(encoding="utf-8"))
    assert [r["country"] for r in data["records"]] == [p.country for p in partners.partners]
    assert all(r["sources"] for r in data["records"])
    csv_lines = (ROOT / "docs" / "assets" / "data" / "partners.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0].startswith("country,slug,eapc_pfp,eapc_pfp_joined,md,md_joined,ici,ici_joined,global,")


def test_the_checker_reports_a_partners_error_at_its_line(tmp_path, monkeypatch):
    """kbcheck/refdata_checks.py reads data/partners.yml on its own: its error is reported at its line
    beside the other files' (a member listed as a partner, here)."""
    from kb.check.refdata_checks import check_reference_data
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "members.yml").write_text((ROOT / "data" / "members.yml").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    (tmp_path / "data" / "partners.yml").write_text(
        "partners:\n" + IRELAND.replace("country: Ireland", "country: Norway") + f"footnotes:\n  n: '{NOTE}'\n",
        encoding="utf-8")
    assert [str(p) for p in check_reference_data(None)] == [
        "data/partners.yml:2: 'Norway' is a member of NATO (data/members.yml), not a partner"]
