"""The operations catalogue as data (issue 25, item 3): data/operations.yml, kb/model/refdata.py
(load_operations), the pages docs/reference/operations*.md and the downloads
docs/assets/data/operations.csv and .json.

Peak strength is structured (a whole number of a unit, with the date it was reached or the period
the source gives, and a note), each date's precision (day, month, year) is exported and may be
stated, and the catalogue starts in 1990. The loader reports each problem at its line in the file;
loader tests work on small files in a temporary directory, the others read the project's own
generated files.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from kb.model.refdata import RefDataError, load_operations

NOTE = 'NATO, topic page "Peace support operations in Bosnia and Herzegovina". <https://www.nato.int/cps/en/natohq/topics_52122.htm>'


def ops_file(extra: str = "", strength: str = "") -> str:
    """One operation (IFOR, from line 2); `extra` adds fields after its end date, `strength` its
    peak_strength block (from line 11 when `extra` is empty)."""
    return ("operations:\n"
            "  - name: IFOR\n"                        # line 2
            "    slug: ifor\n"
            "    type: crisis-response\n"
            "    type_label: Crisis response\n"
            "    theatre: Bosnia and Herzegovina\n"
            "    start: 1995-12\n"                    # line 7
            "    end: 1996-12\n"                      # line 8
            "    mandate: UNSCR 1031\n"
            "    page: operations/balkans.md\n"       # line 10
            + extra + strength +
            "    sources:\n"
            "      dates: [n]\n"
            "      mandate: [n]\n"
            "      strength: [n]\n"
            f"footnotes:\n  n: '{NOTE}'\n")


def load(tmp_path: Path, monkeypatch, content: str):
    monkeypatch.setenv("KB_TODAY", "2026-12-07")
    docs = tmp_path / "docs"
    (docs / "operations").mkdir(parents=True, exist_ok=True)
    (docs / "operations" / "balkans.md").write_text("---\ntitle: Balkans\nlast_reviewed: 2026-12-07\n---\n\n# Balkans\n")
    path = tmp_path / "operations.yml"
    path.write_text(content)
    return load_operations(path, docs)


def error_of(tmp_path: Path, monkeypatch, content: str) -> str:
    with pytest.raises(RefDataError) as err:
        load(tmp_path, monkeypatch, content)
    return str(err.value).replace(str(tmp_path) + "/", "")


STRENGTH = ("    peak_strength:\n"
            "      number: {number}\n"                # line 12
            "      qualifier: about\n"
            "      unit: troops\n"
            "{when}")


def test_a_strength_is_a_number_of_a_unit_with_its_date(tmp_path, monkeypatch):
    ops = load(tmp_path, monkeypatch, ops_file(strength=STRENGTH.format(number=60000, when="      date: 1995-12\n")))
    s = ops.operations[0].peak_strength
    assert (s.number, s.unit, s.qualifier, s.date, s.period) == (60000, "troops", "about", "1995-12", None)
    from kb.model.datafile import show_date
    assert s.show(show_date) == "about 60,000 troops (December 1995)"


@pytest.mark.parametrize("number", ["60,000", "about 60000", "sixty thousand", "60000.5"])
def test_a_strength_that_is_not_a_whole_number_is_an_error_at_its_line(tmp_path, monkeypatch, number):
    content = ops_file(strength=STRENGTH.format(number=f'"{number}"', when="      date: 1995-12\n"))
    assert error_of(tmp_path, monkeypatch, content).startswith(
        f"operations.yml:12: 'number' '{number}' is not a whole number")


def test_a_strength_without_its_date_is_an_error_at_its_line(tmp_path, monkeypatch):
    assert error_of(tmp_path, monkeypatch, ops_file(strength=STRENGTH.format(number=60000, when=""))).startswith(
        "operations.yml:12: 'number' needs a 'date' (YYYY-MM-DD, YYYY-MM or YYYY) or, when the source gives none, "
        "a 'period'")


def test_a_strength_period_stands_for_a_date_the_source_does_not_give(tmp_path, monkeypatch):
    ops = load(tmp_path, monkeypatch, ops_file(strength=STRENGTH.format(number=60000, when="      period: height\n")))
    from kb.model.datafile import show_date
    assert ops.operations[0].peak_strength.show(show_date) == "about 60,000 troops (at its height)"
    content = ops_file(strength=STRENGTH.format(number=60000, when="      period: peak\n"))
    assert error_of(tmp_path, monkeypatch, content) == (
        "operations.yml:15: 'period' 'peak' is not one of: height, operation")


def test_a_strength_date_after_the_review_date_is_an_error(tmp_path, monkeypatch):
    content = ops_file(strength=STRENGTH.format(number=60000, when="      date: 2027-01\n"))
    assert error_of(tmp_path, monkeypatch, content).startswith("operations.yml:15: 'date' 2027-01 is after the "
                                                                "review date 2026-12-07")


def test_free_text_strength_is_refused(tmp_path, monkeypatch):
    content = ops_file(strength='    peak_strength: "about 60,000 troops in 1996"\n')
    assert error_of(tmp_path, monkeypatch, content).startswith(
        "operations.yml:11: 'peak_strength' must be a mapping: {number: 60000, unit: troops, date: 1995-12")


def test_a_note_alone_is_a_strength_without_a_number(tmp_path, monkeypatch):
    ops = load(tmp_path, monkeypatch, ops_file(strength='    peak_strength:\n      note: "Sources differ."\n'))
    assert ops.operations[0].peak_strength.number is None
    content = ops_file(strength='    peak_strength:\n      unit: troops\n      note: "Sources differ."\n')
    assert error_of(tmp_path, monkeypatch, content) == "operations.yml:12: 'unit' without a 'number'"


def test_each_date_has_its_precision(tmp_path, monkeypatch):
    ops = load(tmp_path, monkeypatch, ops_file(extra="    start_precision: month\n    end_precision: month\n"))
    o = ops.operations[0]
    assert (o.precision("start"), o.precision("end")) == ("month", "month")


def test_a_stated_precision_that_does_not_match_the_date_is_an_error_at_its_line(tmp_path, monkeypatch):
    content = ops_file(extra="    start_precision: day\n")
    assert error_of(tmp_path, monkeypatch, content) == (
        "operations.yml:11: 'start_precision' is 'day' but 'start' 1995-12 is precise to the month "
        "(YYYY-MM-DD: day, YYYY-MM: month, YYYY: year)")


# --- The project's own catalogue --------------------------------------------------------------------
CATALOGUE = ROOT / "docs" / "reference" / "operations"
CSV_HEADER = ["name", "full_name", "type", "type_label", "theatre", "start", "end", "ongoing_as_of",
              "last_reported_active", "start_precision", "end_precision", "dates_note", "mandate",
              "strength_number", "strength_unit", "strength_qualifier", "strength_date", "strength_period",
              "strength_note", "page", "sources"]


def test_the_catalogue_starts_in_1990_with_the_early_operations():
    overview = (ROOT / "docs" / "reference" / "operations.md").read_text()
    assert "NATO's operations and missions[^1] from 1990" in overview
    era = (CATALOGUE / "1990-2000.md").read_text()
    for name in ("Anchor Guard", "Maritime Monitor", "Sky Monitor", "Maritime Guard", "Sharp Guard"):
        assert f"[**{name}**]" in era, name
    assert "8 August 1990 – 28 February 1991" in era
    assert era.index("**Anchor Guard**") < era.index("**Maritime Monitor**") < era.index("**Deny Flight**")


def test_the_catalogue_shows_strength_and_dates_consistently():
    era = (CATALOGUE / "1990-2000.md").read_text()
    assert "Strength: about 60,000 troops (December 1995)" in era               # IFOR: month
    assert "Strength: 33,000 troops (1999)" in era                              # SFOR: year
    assert "Strength: 49,000 personnel (September 1999)" in era                 # KFOR
    assert "| 12 April 1993 – 20 December 1995[^" in era                       # day
    assert "| December 1995 – December 1996[^" in era                         # month
    later = (CATALOGUE / "2001-2013.md").read_text()
    assert "Strength: more than 130,000 troops from 51 NATO and partner nations (at its height)" in later
    assert "| 2004 – 31 December 2011[^" in later                              # year, then day


def test_the_csv_has_the_documented_header_and_structured_strength():
    path = ROOT / "docs" / "assets" / "data" / "operations.csv"
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == CSV_HEADER
    ifor = next(r for r in rows if r["name"] == "IFOR")
    assert (ifor["strength_number"], ifor["strength_unit"], ifor["strength_date"]) == ("60000", "troops", "1995-12")
    assert (ifor["start_precision"], ifor["end_precision"]) == ("month", "month")
    anchor = next(r for r in rows if r["name"] == "Anchor Guard")
    assert (anchor["start"], anchor["start_precision"]) == ("1990-08-08", "day")
    records = json.loads(path.with_suffix(".json").read_text())["records"]
    assert list(records[0]) == CSV_HEADER
    assert next(r for r in records if r["name"] == "IFOR")["strength_number"] == 60000
    data_page = (ROOT / "docs" / "reference" / "data.md").read_text()
    assert "strength_number (a whole number of strength_unit" in data_page
