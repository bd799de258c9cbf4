"""The Centres of Excellence and exercises datasets (issue 25, item 2): data/centres-of-excellence.yml and
data/exercises.yml, kb/model/coe_exercises.py, the pages docs/reference/centres-of-excellence.md and
docs/reference/exercises.md and their CSV and JSON downloads.

The loaders report each problem at its line in the file (a missing source, a host that is not a member,
an accreditation before the first one, an end before the start, a figure's qualifier without the figure,
exercises out of order, a page that does not exist, an unused footnote); the generated pages name
entries readers look for, and the CSVs have the documented headers. Loader tests work on small files in
a temporary directory; the others read the project's own generated files.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from kb.model.coe_exercises import CoeError, ExercisesError, load_centres, load_exercises

COUNTRIES = {"Estonia", "Latvia", "Norway"}
NOTE = 'NATO, news article "A title", 1 October 2024. <https://www.nato.int/cps/en/natohq/news_1.htm>'

CYBER = """\
  - name: Cooperative Cyber Defence Centre of Excellence
    field: Cyber defence
    host: Estonia
    city: Tallinn
    accredited: 2008
    sources:
      location: [n]
      field: [n]
      accredited: [n]
"""
STRATCOM = """\
  - name: Strategic Communications Centre of Excellence
    field: Strategic communications
    host: Latvia
    city: Riga
    established: 2014-01
    accredited: 2014-09-01
    sources:
      location: [n]
      field: [n]
      established: [n]
      accredited: [n]
"""
TJ15 = """\
  - name: Trident Juncture 2015
    start: 2015-10
    end: 2015-11
    personnel: 36000
    personnel_qualifier: more than
    sources:
      dates: [n]
      personnel: [n]
"""
TJ18 = """\
  - name: Trident Juncture 2018
    start: 2018-10-25
    end: 2018-11-07
    area: Norway
    sources:
      dates: [n]
      area: [n]
"""


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("KB_TODAY", "2026-12-07")


def write(tmp_path: Path, name: str, key: str, entries: str, extra_notes: str = "") -> Path:
    path = tmp_path / name
    path.write_text(f"{key}:\n{entries}footnotes:\n  n: '{NOTE}'\n{extra_notes}", encoding="utf-8")
    (tmp_path / "docs" / "structures").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "structures" / "exercises-training.md").write_text("# Exercises\n", encoding="utf-8")
    return path


def centres(tmp_path: Path, entries: str, extra_notes: str = ""):
    path = write(tmp_path, "centres-of-excellence.yml", "centres", entries, extra_notes)
    return load_centres(path, countries=COUNTRIES, docs=tmp_path / "docs")


def exercises(tmp_path: Path, entries: str, extra_notes: str = ""):
    path = write(tmp_path, "exercises.yml", "exercises", entries, extra_notes)
    return load_exercises(path, docs=tmp_path / "docs")


def centre_error(tmp_path: Path, entries: str, extra_notes: str = "") -> str:
    with pytest.raises(CoeError) as err:
        centres(tmp_path, entries, extra_notes)
    return str(err.value).replace(str(tmp_path) + "/", "")


def exercise_error(tmp_path: Path, entries: str, extra_notes: str = "") -> str:
    with pytest.raises(ExercisesError) as err:
        exercises(tmp_path, entries, extra_notes)
    return str(err.value).replace(str(tmp_path) + "/", "")


# --- Centres of Excellence ---------------------------------------------------------------------------
def test_valid_centres_load(tmp_path):
    coe = centres(tmp_path, CYBER + STRATCOM)
    assert [c.city for c in coe.entries] == ["Tallinn", "Riga"]
    assert coe.texts(coe.entries[1], "accredited") == [NOTE]


def test_centre_fact_without_a_source(tmp_path):
    assert centre_error(tmp_path, CYBER.replace("      accredited: [n]\n", "")) == (
        "centres-of-excellence.yml:8: 'Cooperative Cyber Defence Centre of Excellence': sources: 'accredited' "
        "needs a source")


def test_centre_source_for_a_fact_not_stated(tmp_path):
    assert centre_error(tmp_path, CYBER.replace("    accredited: 2008\n", "")) == (
        "centres-of-excellence.yml:7: 'Cooperative Cyber Defence Centre of Excellence': sources: 'accredited' "
        "cites a source for a fact the entry does not state")


def test_centre_host_not_a_member(tmp_path):
    assert centre_error(tmp_path, CYBER.replace("host: Estonia", "host: Eesti")) == (
        "centres-of-excellence.yml:4: host 'Eesti' is not a country of data/members.yml (write its name as "
        "there, e.g. 'Türkiye')")


def test_centre_accredited_before_the_first_accreditation(tmp_path):
    assert centre_error(tmp_path, CYBER.replace("accredited: 2008", "accredited: 2005-05")) == (
        "centres-of-excellence.yml:6: 'accredited' 2005-05 is before the first accreditation of a Centre of "
        "Excellence, 1 June 2005")


def test_centre_accredited_before_established(tmp_path):
    assert centre_error(tmp_path, CYBER + STRATCOM.replace("established: 2014-01", "established: 2015")) == (
        "centres-of-excellence.yml:16: 'accredited' 2014-09-01 is before 'established' 2015")


def test_centre_listed_twice_and_unused_footnote(tmp_path):
    assert centre_error(tmp_path, CYBER + CYBER) == (
        "centres-of-excellence.yml:11: 'Cooperative Cyber Defence Centre of Excellence' is listed twice "
        "(first on line 2)")
    assert centre_error(tmp_path, CYBER, f"  m: '{NOTE}'\n") == (
        "centres-of-excellence.yml:13: footnote 'm' is not cited by any entry")


# --- Exercises ---------------------------------------------------------------------------------------
def test_valid_exercises_load(tmp_path):
    ex = exercises(tmp_path, TJ15 + TJ18.replace("    area:", "    page: structures/exercises-training.md\n    area:", 1))
    assert ex.entries[0].people() == "more than 36,000"
    assert ex.entries[1].when() == "25 October 2018 – 7 November 2018"
    assert ex.entries[0].when() == "October 2015 – November 2015"


def test_exercise_end_before_start(tmp_path):
    assert exercise_error(tmp_path, TJ18.replace("end: 2018-11-07", "end: 2018-09")) == (
        "exercises.yml:4: 'end' 2018-09 is before 'start' 2018-10-25")


def test_exercise_after_the_review_date(tmp_path):
    assert exercise_error(tmp_path, TJ18.replace("end: 2018-11-07", "end: 2027-01")) == (
        "exercises.yml:4: 'end' 2027-01 is after the review date 2026-12-07: only events that have happened "
        "belong here")


def test_exercise_qualifier_without_a_figure(tmp_path):
    assert exercise_error(tmp_path, TJ15.replace("    personnel: 36000\n", "").replace("      personnel: [n]\n", "")) == (
        "exercises.yml:5: 'personnel_qualifier' without 'personnel'")
    assert exercise_error(tmp_path, TJ15.replace("more than", "roughly")) == (
        "exercises.yml:6: 'personnel_qualifier' must be one of: about, more than, some, up to")


def test_exercise_personnel_is_a_whole_number(tmp_path):
    assert exercise_error(tmp_path, TJ15.replace("36000", "36,000")) == (
        "exercises.yml:5: 'personnel' must be a whole number, not '36,000'")


def test_exercises_out_of_order(tmp_path):
    assert exercise_error(tmp_path, TJ18 + TJ15) == (
        "exercises.yml:10: 'Trident Juncture 2015' starts before 'Trident Juncture 2018' (line 2): list "
        "exercises by start date")


def test_exercise_page_must_exist(tmp_path):
    assert exercise_error(tmp_path, TJ18.replace("    area:", "    page: structures/nowhere.md\n    area:", 1)) == (
        f"exercises.yml:5: 'page' structures/nowhere.md is not a page of {tmp_path.as_posix()}/docs/".replace(
            str(tmp_path) + "/", ""))


def test_exercise_undefined_footnote_and_unknown_fact(tmp_path):
    assert exercise_error(tmp_path, TJ18.replace("area: [n]", "area: [m]")) == (
        "exercises.yml:8: footnote 'm' is not defined in 'footnotes'")
    assert exercise_error(tmp_path, TJ18.replace("      area: [n]\n", "      size: [n]\n")) == (
        "exercises.yml:8: unknown fact 'size' in sources (allowed: dates, area, lead, nations, personnel, scale, "
        "note)")


# --- The project's files, generated pages and downloads ------------------------------------------------
def test_project_files_are_valid():
    from kb.model.members import load_members
    coe = load_centres(ROOT / "data/centres-of-excellence.yml",
                       countries={m.country for m in load_members(ROOT / "data/members.yml")}, docs=ROOT / "docs")
    ex = load_exercises(ROOT / "data/exercises.yml", docs=ROOT / "docs")
    assert len(coe.entries) >= 10 and len(ex.entries) >= 10


def test_centres_page_lists_a_known_centre():
    page = (ROOT / "docs/reference/centres-of-excellence.md").read_text(encoding="utf-8")
    assert "# Centres of Excellence" in page
    assert "| Strategic Communications Centre of Excellence | Strategic communications[^" in page
    assert "Riga, [Latvia](members/latvia.md)[^" in page and "1 September 2014[^" in page


def test_exercises_page_lists_known_exercises():
    page = (ROOT / "docs/reference/exercises.md").read_text(encoding="utf-8")
    for name in ("Mainbrace", "Strong Resolve 2002", "Trident Juncture 2018", "Steadfast Defender 2024"):
        assert name in page
    assert "24 January 2024 – 31 May 2024[^" in page and "more than 90,000 personnel[^" in page


def test_csv_headers_and_json_records():
    headers = {"centres-of-excellence": ["name", "field", "host", "city", "established", "accredited", "note",
                                         "sources"],
               "exercises": ["name", "start", "end", "area", "lead", "nations", "personnel", "personnel_qualifier",
                             "scale", "note", "page", "sources"]}
    for name, header in headers.items():
        with open(ROOT / f"docs/assets/data/{name}.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == header
        data = json.loads((ROOT / f"docs/assets/data/{name}.json").read_text(encoding="utf-8"))
        assert data["source_file"] == f"data/{name}.yml" and len(data["records"]) == len(rows) - 1
        assert all(record["sources"] for record in data["records"])
    data = json.loads((ROOT / "docs/assets/data/exercises.json").read_text(encoding="utf-8"))
    sd = [r for r in data["records"] if r["name"] == "Steadfast Defender 2024"][0]
    assert sd["personnel"] == 90000 and sd["personnel_qualifier"] == "more than"
    page = (ROOT / "docs/reference/data.md").read_text(encoding="utf-8")
    assert "[CSV](../assets/data/centres-of-excellence.csv)" in page and "[CSV](../assets/data/exercises.csv)" in page
