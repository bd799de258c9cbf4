"""Each member profile's chart of its defence spending as a share of GDP (issue 25, item 4).

kb/render/make_charts.py draws docs/assets/charts/members/<slug>-spending.svg from data/spending.yml
for every member with figures; kb/render/make_reference.py (member_page) embeds it in
docs/reference/members/<slug>.md with alt text and a caption naming the edition. The tests read the
project's own files: every member with figures has an up-to-date chart and its profile shows it;
each chart's markers sit where spending.yml's values put them (read back from the drawing's 0% and
2% lines), hollow exactly for the estimates; Iceland, with no figures, has no chart.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parent.parent
from kb.render import make_charts
from kb.model.members import MEMBERS_FILE, load_members
from kb.model.refdata import load_spending

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = ROOT / "docs" / "assets" / "charts" / "members"
PROFILES = ROOT / "docs" / "reference" / "members"
MEMBERS = load_members(ROOT / MEMBERS_FILE)
SPENDING = load_spending(ROOT / "data" / "spending.yml", members={m.country for m in MEMBERS})
WITH_FIGURES = [m for m in MEMBERS if SPENDING.by_country(m.country)]


def chart_of(m) -> Path:
    return CHARTS / f"{m.slug}-spending.svg"


def test_every_member_with_figures_has_its_chart_and_its_profile_shows_it(monkeypatch):
    assert len(WITH_FIGURES) == 31          # 32 Allies; Iceland has none
    monkeypatch.chdir(ROOT)
    drawn = make_charts.outputs()
    css = (ROOT / "docs" / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert "figure.kb-figure--small" in css
    for m in WITH_FIGURES:
        path = chart_of(m)
        assert path.is_file(), f"{m.country}: no {path.name}"
        assert drawn[Path("docs/assets/charts/members") / path.name] == path.read_text(encoding="utf-8"), \
            f"{path.name} is out of date (run: make generate)"
        page = (PROFILES / f"{m.slug}.md").read_text(encoding="utf-8")
        figure = re.search(r'<figure class="kb-figure kb-figure--small" markdown>\n(.*?)</figure>', page, re.S)
        assert figure, f"{m.slug}.md: no chart"
        image = re.search(r"!\[([^\]]*)\]\(\.\./\.\./assets/charts/members/([\w-]+\.svg)\)", figure.group(1))
        assert image and image.group(2) == path.name, f"{m.slug}.md: chart not embedded"
        assert image.group(1).startswith(f"Line chart: {m.country}'s defence expenditure as a share of GDP"), \
            f"{m.slug}.md: alt text {image.group(1)!r}"
        edition = SPENDING.editions[SPENDING.by_country(m.country)[-1].edition]
        caption = re.search(r"<figcaption markdown>\n(.*?)\n</figcaption>", figure.group(1), re.S).group(1)
        assert f"*{edition['title']}*" in caption and "](../spending.md)" in caption, caption
        assert re.search(r"\[\^\d+\]", caption), f"{m.slug}.md: the caption's facts have no footnote"


@pytest.mark.parametrize("m", WITH_FIGURES, ids=lambda m: m.slug)
def test_chart_points_are_the_spending_figures(m):
    """Each marker's height, read against the drawing's 0% and 2% lines, is the year's figure."""
    figures = SPENDING.by_country(m.country)
    root = ElementTree.parse(chart_of(m)).getroot()
    assert root.get("role") == "img"
    assert root.find(SVG + "title").text and m.country in root.find(SVG + "title").text
    desc = root.find(SVG + "desc").text
    lines = list(root.iter(SVG + "line"))
    zero = float(next(e for e in lines if e.get("data-value") == "0").get("y1"))
    two = float(next(e for e in lines if "guideline" in (e.get("class") or "")).get("y1"))
    points = [c for c in root.iter(SVG + "circle") if c.get("data-year")]
    assert [int(c.get("data-year")) for c in points] == [f.year for f in figures]
    xs = [float(c.get("cx")) for c in points]
    steps = {round(b - a, 1) for a, b in zip(xs, xs[1:])}
    assert len(steps) == 1 and steps.pop() > 0, "years not evenly spaced left to right"
    for f, c in zip(figures, points):
        drawn = 2 * (zero - float(c.get("cy"))) / (zero - two)
        assert abs(drawn - f.gdp_share) < 0.01, f"{m.country} {f.year}: drawn at {drawn:.3f}, data {f.gdp_share}"
        hollow = c.get("fill").lower() in ("#fff", "#ffffff")
        assert hollow == f.estimate, f"{m.country} {f.year}: estimate {f.estimate}, hollow marker {hollow}"
        assert f"{f.year} {f.gdp_share:.2f}%" in desc
    line = root.find(SVG + "polyline").get("points").split()
    assert line == [f"{c.get('cx')},{c.get('cy')}" for c in points]
    labels = [t.text for t in root.iter(SVG + "text") if t.get("font-weight")]
    assert labels == [f"{figures[0].gdp_share:.2f}", f"{figures[-1].gdp_share:.2f}"]
    texts = [t.text for t in root.iter(SVG + "text")]
    assert str(figures[0].year) in texts and str(figures[-1].year) in texts
    assert {"2% guideline", "NATO figure", "estimate"} <= set(texts), "legend missing"
    assert min(float(t.get("font-size")) for t in root.iter(SVG + "text")) >= 12
    assert chart_of(m).stat().st_size < 8000


def test_iceland_has_no_chart_but_says_why(monkeypatch):
    monkeypatch.chdir(ROOT)
    iceland = next(m for m in MEMBERS if m.country == "Iceland")
    assert SPENDING.by_country("Iceland") == []
    assert not chart_of(iceland).exists()
    assert not any("iceland" in p.name for p in make_charts.outputs())
    page = (PROFILES / "iceland.md").read_text(encoding="utf-8")
    assert "kb-figure" not in page and "assets/charts/members" not in page
    assert "Iceland has no armed forces" in page


def test_only_members_charts_are_in_the_folder():
    assert sorted(p.name for p in CHARTS.glob("*.svg")) == sorted(chart_of(m).name for m in WITH_FIGURES)
