"""The leaders dataset (issue 25, part 2): data/leaders.yml, kb/model/leaders.py, the page
docs/reference/leaders.md and the downloads docs/assets/data/leaders.csv and .json.

The loader reports each problem at its line in the file (a missing source, an end before the start,
a nationality that is not a member country, two holders in office at once); the generated page names
the holders readers search for, and the CSV has the documented header. Loader tests work on small
files in a temporary directory; the others read the project's own generated files.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from kb.model.leaders import LeadersError, load_leaders

COUNTRIES = {"Netherlands", "Norway", "United States", "Italy"}
NOTE = 'NATO, news article "A title", 1 October 2024. <https://www.nato.int/cps/en/natohq/news_1.htm>'


def leaders_file(holders: str) -> str:
    """A leaders file: the given holders (from line 2), then one footnote 'n'."""
    return "holders:\n" + holders + f"footnotes:\n  n: '{NOTE}'\n"


STOLTENBERG = """\
  - post: secretary-general
    name: Jens Stoltenberg
    nationality: Norway
    start: 2014-10-01
    end: 2024-10-01
    sources:
      nationality: [n]
      start: [n]
      end: [n]
"""
RUTTE = """\
  - post: secretary-general
    name: Mark Rutte
    nationality: Netherlands
    start: 2024-10-01
    current: true
    sources:
      nationality: [n]
      start: [n]
      current: [n]
"""


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("KB_TODAY", "2026-12-07")


def load(tmp_path: Path, holders: str):
    path = tmp_path / "leaders.yml"
    path.write_text(leaders_file(holders), encoding="utf-8")
    return load_leaders(path, countries=COUNTRIES, docs=tmp_path / "docs")


def error(tmp_path: Path, holders: str) -> str:
    with pytest.raises(LeadersError) as err:
        load(tmp_path, holders)
    return str(err.value).replace(str(tmp_path) + "/", "")


def test_valid_file_loads(tmp_path):
    leaders = load(tmp_path, STOLTENBERG + RUTTE)
    assert [h.name for h in leaders.of("secretary-general")] == ["Jens Stoltenberg", "Mark Rutte"]
    assert leaders.texts(leaders.holders[1], "start") == [NOTE]


def test_missing_source_for_a_date(tmp_path):
    holders = STOLTENBERG.replace("      end: [n]\n", "")
    assert error(tmp_path, holders) == "leaders.yml:8: 'Jens Stoltenberg': sources: 'end' needs a source"


def test_end_before_start(tmp_path):
    holders = STOLTENBERG.replace("end: 2024-10-01", "end: 2013-05")
    assert error(tmp_path, holders) == "leaders.yml:6: 'end' 2013-05 is before 'start' 2014-10-01"


def test_dates_of_different_precision_compare_at_the_shared_precision(tmp_path):
    holders = STOLTENBERG.replace("end: 2024-10-01", "end: 2014-10")      # same month: not before the start
    assert load(tmp_path, holders).holders[0].end == "2014-10"


def test_unknown_nationality(tmp_path):
    holders = STOLTENBERG.replace("nationality: Norway", "nationality: Norvège")
    assert error(tmp_path, holders) == ("leaders.yml:4: nationality 'Norvège' is not a country of data/members.yml "
                                        "(write its name as there, e.g. 'United Kingdom')")


def test_two_current_holders_of_one_post(tmp_path):
    holders = RUTTE + STOLTENBERG.replace("    end: 2024-10-01\n", "    current: true\n").replace(
        "      end: [n]\n", "      current: [n]\n")
    assert error(tmp_path, holders) == ("leaders.yml:11: two current holders of post 'secretary-general': "
                                        "'Jens Stoltenberg' and 'Mark Rutte' (line 2)")


def test_end_after_the_review_date(tmp_path):
    holders = STOLTENBERG.replace("end: 2024-10-01", "end: 2027-01")
    assert error(tmp_path, holders) == ("leaders.yml:6: 'end' 2027-01 is after the review date 2026-12-07: "
                                        "only events that have happened belong here")


def test_unknown_field_and_undefined_footnote(tmp_path):
    assert error(tmp_path, STOLTENBERG.replace("    start:", "    begun: 2014\n    start:", 1)) == (
        "leaders.yml:5: unknown field 'begun' (allowed: acting, current, end, name, nationality, note, post, "
        "sources, start)")
    assert error(tmp_path, STOLTENBERG.replace("start: [n]", "start: [m]")) == (
        "leaders.yml:9: footnote 'm' is not defined in 'footnotes'")


# --- The project's generated page and downloads -------------------------------------------------------
def test_page_lists_secretaries_general():
    page = (ROOT / "docs/reference/leaders.md").read_text(encoding="utf-8")
    assert "## Secretaries General" in page
    for name in ("Jens Stoltenberg", "Mark Rutte", "Lord Ismay"):
        assert f"| {name} |" in page
    assert "| Mark Rutte | Netherlands[^" in page and "1 October 2024 – present" in page


def test_csv_header_and_json_records():
    with open(ROOT / "docs/assets/data/leaders.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["post", "post_label", "name", "nationality", "start", "end", "current", "acting", "note",
                       "sources"]
    data = json.loads((ROOT / "docs/assets/data/leaders.json").read_text(encoding="utf-8"))
    assert data["source_file"] == "data/leaders.yml" and len(data["records"]) == len(rows) - 1
    rutte = [r for r in data["records"] if r["name"] == "Mark Rutte"]
    assert rutte and rutte[0]["current"] is True and rutte[0]["end"] is None


def test_project_file_is_valid():
    from kb.model.members import load_members
    leaders = load_leaders(ROOT / "data/leaders.yml", countries={m.country for m in load_members(ROOT / "data/members.yml")},
                           docs=ROOT / "docs")
    assert sum(h.current for h in leaders.holders) == 4
