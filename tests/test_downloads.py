"""Every dataset has its downloads (issue 25, item 5): the timeline and the glossary, like the members,
operations, summits, spending and leaders, are published as docs/assets/data/<set>.csv and .json by
kb/render/make_reference.py and listed on the Data page (docs/reference/data.md) with their fields.
The offline zip is the built site, and MkDocs copies docs/assets/data into it as it is.

Each test reads the project's own generated files against its data files: before the timeline and
glossary downloads existed, every timeline and glossary case here failed (no file, no Data page row).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from kb.render import make_reference
from kb.model.glossary import load_glossary
from kb.model.timeline import load_timeline

DOWNLOADS = ROOT / "docs" / "assets" / "data"
DATA_PAGE = ROOT / "docs" / "reference" / "data.md"
HEADERS = {
    "timeline": ["date", "end", "shown_date", "event", "themes", "page", "sources"],
    "glossary": ["term", "expansion", "definition", "related", "sources"],
}


def records(name: str) -> list[dict]:
    return json.loads((DOWNLOADS / f"{name}.json").read_text(encoding="utf-8"))["records"]


def csv_rows(name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((DOWNLOADS / f"{name}.csv").read_text(encoding="utf-8"))))


@pytest.mark.parametrize("name", sorted(make_reference.DATASETS))
def test_every_dataset_has_both_files_listed_on_the_data_page(name):
    page = DATA_PAGE.read_text(encoding="utf-8")
    for kind in ("csv", "json"):
        assert (DOWNLOADS / f"{name}.{kind}").is_file(), f"docs/assets/data/{name}.{kind} missing"
        assert f"](../assets/data/{name}.{kind})" in page, f"the Data page does not link {name}.{kind}"
    assert f"| {name.replace('-', ' ').capitalize()} (`{make_reference.DATASETS[name][0]}`) |" in page


@pytest.mark.parametrize("name", ["timeline", "glossary"])
def test_header_and_json_agree(name):
    text = (DOWNLOADS / f"{name}.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",") == HEADERS[name]
    data = json.loads((DOWNLOADS / f"{name}.json").read_text(encoding="utf-8"))
    assert data["dataset"] == name and data["licence"] == make_reference.LICENCE
    assert data["source_file"] == f"data/{name}.yml"
    assert all(list(r) == HEADERS[name] for r in data["records"])
    assert len(csv_rows(name)) == len(data["records"])


def test_timeline_rows_are_the_events(monkeypatch):
    monkeypatch.chdir(ROOT)
    events = load_timeline()
    rows, json_rows = csv_rows("timeline"), records("timeline")
    assert len(rows) == len(json_rows) == len(events) > 200
    for event, row, rec in zip(events, rows, json_rows):
        assert (row["date"], rec["date"], rec["event"]) == (event.date, event.date, event.event)
        assert rec["end"] == event.end and row["end"] == (event.end or "")
        assert rec["themes"] == event.themes and row["themes"] == " ; ".join(event.themes)
        assert rec["sources"] == event.sources and rec["sources"], f"{event.date}: no sources"
        assert rec["shown_date"] == event.shown_date


def test_glossary_rows_are_the_entries(monkeypatch):
    monkeypatch.chdir(ROOT)
    entries = load_glossary()
    rows, json_rows = csv_rows("glossary"), records("glossary")
    assert len(rows) == len(json_rows) == len(entries) > 100
    for entry, row, rec in zip(entries, rows, json_rows):
        assert (row["term"], rec["term"], rec["definition"]) == (entry.term, entry.term, entry.definition)
        assert rec["expansion"] == entry.expansion and rec["related"] == entry.related
        assert rec["sources"] == entry.sources


def test_downloads_are_up_to_date_with_the_data(monkeypatch):
    """What make_reference.py would write now is what is on disk (make glossary regenerates both)."""
    monkeypatch.chdir(ROOT)
    outputs = make_reference.render_all()
    for name in ("timeline", "glossary"):
        for kind in ("csv", "json"):
            path = Path("docs/assets/data") / f"{name}.{kind}"
            assert path in outputs, f"make_reference.py does not generate {path}"
            assert outputs[path] == (ROOT / path).read_text(encoding="utf-8"), f"{path} is stale"


def test_a_formula_in_a_definition_stays_text():
    """The CSV guard applies to the new sets too: a cell starting with = is prefixed with an apostrophe."""
    rows = make_reference.glossary_rows([type("E", (), {"term": "=X", "expansion": None, "definition": "+1",
                                                         "related": ["a.md"], "sources": []})()])
    files = make_reference.table_files("glossary", rows)
    text = files[make_reference.DOWNLOADS / "glossary.csv"]
    assert text.splitlines()[1].startswith("'=X,,'+1,a.md,")

