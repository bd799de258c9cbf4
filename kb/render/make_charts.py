"""Write the site's diagrams and charts as static SVG, from data/ (no browser-side charting).

Each figure comes in two layouts, because one drawing cannot serve both a 358 px phone column and
a 690 px desktop column: a wide one (720 units across, shown from 45em up) and a narrow one (360
units, shown on phones), with text never below 13 and 12 units, so it renders at 12 px or more on
desktop and 11 px or more on a 390 px phone. The page shows one of the two with CSS
(extra.css, .kb-figure) and links the wide one "full size".

    python -m kb.generate charts           write docs/assets/charts/*.svg
    python -m kb.generate --check charts   exit 1 if any file is out of date (make test)

Each figure also gets a snippet, includes/figures/<name>.md, that a page one folder below docs/
includes with `--8<-- "figures/<name>.md"`: both images with their alt text and sizes, and a
caption with the "open full size" link.

Figures: the command structure (layout here, facts footnoted on its page), membership growth and
the members map (data/members.yml; outlines from data/geo/countries.json, Natural Earth), and
defence spending by Ally against the 2% line (data/spending.yml). Text is checked to fit its box, so a longer label fails here, not on a phone.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import json

from kb.model.datafile import show_date
from kb.model.members import MEMBERS_FILE, load_members
from kb.model.refdata import load_spending

OUT = Path("docs/assets/charts")
SNIPPETS = Path("includes/figures")
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
MIN_FONT = {"wide": 13, "narrow": 12}
WIDTH = {"wide": 720, "narrow": 360}
INK, MUTED, LINE, ACCENT = "#1a1a1a", "#333", "#555", "#283593"
LINE_GAP = 4            # space between the spending chart's 2% line and any value label


class Drawing:
    """An SVG in the making: shapes and text, with a rough text-width check."""

    def __init__(self, layout: str, title: str, desc: str):
        self.layout, self.width, self.title, self.desc = layout, WIDTH[layout], title, desc
        self.parts: list[str] = []

    def text(self, x: float, y: float, content: str, size: float, *, bold=False, anchor="middle",
             fill=MUTED, max_width: float | None = None) -> None:
        if size < MIN_FONT[self.layout]:
            raise ValueError(f"{self.title}: text '{content}' at {size} is below {MIN_FONT[self.layout]}")
        if max_width is not None and text_width(content, size, bold) > max_width:
            raise ValueError(f"{self.title} ({self.layout}): '{content}' does not fit in {max_width:.0f} units")
        weight = ' font-weight="600"' if bold else ""
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"{weight} '
                          f'fill="{INK if bold else fill}">{escape(content)}</text>')

    def box(self, x: float, y: float, w: float, h: float, lines: list[str], *, fill="#e8eaf6") -> None:
        """A rounded box with a bold first line and smaller lines under it."""
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="7" fill="{fill}" '
                          f'stroke="{ACCENT}" stroke-width="1.5"/>')
        big, small = MIN_FONT[self.layout] + 2, MIN_FONT[self.layout]
        block = big + 4 + (len(lines) - 1) * (small + 4)
        top = y + (h - block) / 2 + big
        self.text(x + w / 2, top, lines[0], big, bold=True, max_width=w - 10)
        for i, line in enumerate(lines[1:]):
            self.text(x + w / 2, top + 4 + (i + 1) * (small + 4) - 2, line, small, max_width=w - 10)

    def line(self, x1, y1, x2, y2, *, arrow=False, stroke=LINE, width=1.5) -> None:
        end = ' marker-end="url(#a)"' if arrow else ""
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
                          f'stroke-width="{width}"{end}/>')

    def svg(self, height: float) -> str:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {height:.0f}" '
                f'width="{self.width}" height="{height:.0f}" role="img" aria-labelledby="t d" font-family="{FONT}">\n'
                f'<title id="t">{escape(self.title)}</title>\n<desc id="d">{escape(self.desc)}</desc>\n'
                f'<rect width="{self.width}" height="{height:.0f}" fill="#ffffff"/>\n'
                '<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                f'orient="auto"><path d="M0,0L10,5L0,10z" fill="{LINE}"/></marker></defs>\n'
                + "\n".join(self.parts) + "\n</svg>\n")


def text_width(content: str, size: float, bold: bool) -> float:
    """A generous estimate of rendered width in system sans-serif fonts."""
    narrow = sum(1 for c in content if c in "iljtfr.,:;'|· ()")
    wide = sum(1 for c in content if c.isupper() or c in "mwMW")
    rest = len(content) - narrow - wide
    return size * (0.3 * narrow + 0.68 * wide + 0.55 * rest) * (1.06 if bold else 1.0)


# --- The command structure ------------------------------------------------------------------------
COMMAND_TITLE = "NATO command structure (simplified)"
COMMAND_DESC = ("The North Atlantic Council gives political direction; the Military Committee gives military "
                "advice. Below them are two strategic commands: Allied Command Operations, headed by SACEUR at "
                "SHAPE in Mons, Belgium, and Allied Command Transformation, headed by SACT in Norfolk, Virginia. "
                "Under Allied Command Operations are three Joint Force Commands (Brunssum, Naples and Norfolk), "
                "the Joint Support and Enabling Command in Ulm, and three single-service commands: Allied Air "
                "Command at Ramstein, Allied Land Command at Izmir and Allied Maritime Command at Northwood.")
TOP = [["North Atlantic Council (NAC)", "political direction, by consensus"],
       ["Military Committee (MC)", "Chiefs of Defence: military advice"]]
STRATEGIC = [["Allied Command Operations (ACO)", "SACEUR · SHAPE, Mons, Belgium"],
             ["Allied Command Transformation (ACT)", "SACT · Norfolk, Virginia, USA"]]
STRATEGIC_NARROW = [["ACO", "Allied Command", "Operations", "SACEUR · Mons, Belgium"],
                    ["ACT", "Allied Command", "Transformation", "SACT · Norfolk, USA"]]
OPERATIONAL = [["JFC Brunssum", "Netherlands"], ["JFC Naples", "Italy"], ["JFC Norfolk", "Virginia, USA"],
               ["JSEC", "Ulm, Germany"]]
TACTICAL = [["AIRCOM", "Ramstein, Germany"], ["LANDCOM", "Izmir, Türkiye"], ["MARCOM", "Northwood, UK"]]


def command_structure(layout: str) -> str:
    d = Drawing(layout, COMMAND_TITLE, COMMAND_DESC)
    W, small = d.width, MIN_FONT[layout]
    wide = layout == "wide"
    bw = 320 if wide else 300
    y = 10
    for i, lines in enumerate(TOP):                      # NAC, then MC, with an arrow between them
        d.box((W - bw) / 2, y, bw, 54, lines)
        if i == 0:
            d.line(W / 2, y + 54, W / 2, y + 78, arrow=True)
        y += 80
    y -= 6                                               # two strategic commands, side by side
    d.line(W / 2, y - 20, W / 2, y)
    gap = 16 if wide else 10
    sw = (W - 20 - gap) / 2
    xs = [10, 10 + sw + gap]
    d.line(xs[0] + sw / 2, y, xs[1] + sw / 2, y)
    strategic = STRATEGIC if wide else STRATEGIC_NARROW
    sh = 58 if wide else 92
    for x, lines in zip(xs, strategic):
        d.line(x + sw / 2, y, x + sw / 2, y + 16, arrow=True)
        d.box(x, y + 18, sw, sh, lines, fill="#c5cae9")
    y += 18 + sh
    aco_x = xs[0] + sw / 2

    def row(label: str, items: list[list[str]], y: float, per_row: int, h: float) -> float:
        d.text(10, y + 24, label, small, anchor="start", fill=MUTED, max_width=W - 20)
        y += 34
        rows = [items[i:i + per_row] for i in range(0, len(items), per_row)]
        gap = 10
        w = (W - 20 - gap * (per_row - 1)) / per_row
        d.line(aco_x, y - 40, aco_x, y - 28, stroke="#9fa8da")
        for r, group in enumerate(rows):
            for i, lines in enumerate(group):
                d.box(10 + i * (w + gap), y, w, h, lines)
            y += h + gap
        return y

    label = "Operational level: Joint Force Commands · Support and enabling" if wide else "Operational level and support"
    y = row(label, OPERATIONAL, y, 4 if wide else 2, 54)
    y = row("Tactical level: single-service commands", TACTICAL, y, 3 if wide else 1,
            54 if wide else 46)
    d.text(10, y + 10, "Sources: footnotes on the Command structure page.", small, anchor="start",
           max_width=W - 20)
    return d.svg(y + 20)


# --- Membership growth ---------------------------------------------------------------------------
def membership(layout: str, members) -> str:
    steps: dict[int, int] = {}
    for m in members:
        year = int(m.accession[:4])
        steps[year] = steps.get(year, 0) + 1
    years, total, points = sorted(steps), 0, []
    for year in years:
        total += steps[year]
        points.append((year, total))
    desc = ("Step chart of the number of NATO member countries after each enlargement round: "
            + ", ".join(f"{n} in {y}" for y, n in points) + ".")
    d = Drawing(layout, "NATO member countries, 1949 to today", desc)
    W, small = d.width, MIN_FONT[layout]
    left, right, top, bottom = 44, W - 16, 16, (300 if layout == "wide" else 250)
    y_max = 5 * ((points[-1][1] + 4) // 5 + 1)
    x0, x1 = 1945, 2030
    sx = lambda year: left + (year - x0) / (x1 - x0) * (right - left)
    sy = lambda n: bottom - n / y_max * (bottom - top)
    for n in range(0, y_max + 1, 5 if layout == "wide" else 10):
        d.line(left, sy(n), right, sy(n), stroke="#d0d0d0", width=1)
        d.text(left - 8, sy(n) + 5, str(n), small, anchor="end")
    for year in range(1950, x1 + 1, 10 if layout == "wide" else 20):
        d.text(sx(year), bottom + 20, str(year), small)
    d.line(left, bottom, right, bottom, stroke=MUTED, width=1)
    path = []
    for i, (year, n) in enumerate(points):
        if i:
            path.append(f"{sx(year):.1f},{sy(points[i - 1][1]):.1f}")
        path.append(f"{sx(year):.1f},{sy(n):.1f}")
    path.append(f"{sx(2026):.1f},{sy(points[-1][1]):.1f}")
    d.parts.append(f'<polyline fill="none" stroke="{ACCENT}" stroke-width="3" points="{" ".join(path)}"/>')
    last_label = -1e9
    for year, n in points:
        d.parts.append(f'<circle cx="{sx(year):.1f}" cy="{sy(n):.1f}" r="4" fill="{ACCENT}"/>')
        if sx(year) - last_label >= 24 or (year, n) == points[-1]:
            d.text(sx(year) - 2, sy(n) - 9, str(n), small, bold=True)
            last_label = sx(year)
    d.text(left, bottom + 42, "Members after each enlargement, by year", small,
           anchor="start", max_width=right - left)
    return d.svg(bottom + 52)


def figure(name: str, alt: str, caption: str, svgs: dict[str, str]) -> str:
    """The snippet a page includes: wide and narrow image (CSS shows one) and a caption."""
    lines = ['<figure class="kb-figure" markdown>']
    for layout, svg in svgs.items():
        suffix = "" if layout == "wide" else "-narrow"
        size = svg.split('width="', 2)[2].split('"')[0], svg.split('height="', 2)[2].split('"')[0]
        lines.append(f"![{alt}](../assets/charts/{name}{suffix}.svg){{ .kb-figure__{layout} loading=lazy "
                     f"width={size[0]} height={size[1]} }}")
    lines += ['<figcaption markdown>', f"{caption} [Open full size](../assets/charts/{name}.svg){{ .kb-figure__open }}",
              "</figcaption>", "</figure>", ""]
    return "\n".join(lines)




# --- Members map ----------------------------------------------------------------------------------
GEO = Path("data/geo/countries.json")
NE_NAMES = {"Türkiye": "Turkey", "North Macedonia": "Macedonia", "United States": "United States of America"}
# Enlargement rounds grouped into six shades (colour-blind safe, dark enough for white borders).
GROUPS = [("1949 (founders)", (0,), "#1a237e"), ("1952–1982", (1, 2, 3), "#3f51b5"), ("1999", (4,), "#0277bd"),
          ("2004", (5,), "#00897b"), ("2009–2020", (6, 7, 8), "#f9a825"), ("2023–2024", (9, 10), "#d84315")]
PANELS = {  # name: (lon min, lon max, lat min, lat max)
    "North America": (-170.0, -50.0, 24.0, 75.0),
    "Europe": (-25.0, 45.0, 34.0, 71.5),
}


def members_map(layout: str, members) -> str:
    geo = json.loads(GEO.read_text(encoding="utf-8"))["countries"]
    colour = {NE_NAMES.get(m.country, m.country): next(c for _, rounds, c in GROUPS if m.round in rounds)
              for m in members}
    desc = ("Map of Europe and North America with NATO's member countries shaded by when they joined: "
            + "; ".join(f"{label}: " + ", ".join(m.country for m in members if m.round in rounds)
                        for label, rounds, _ in GROUPS) + ". Other countries are grey.")
    d = Drawing(layout, "NATO members by date of accession", desc)
    W, small = d.width, MIN_FONT[layout]
    if layout == "wide":
        boxes = {"North America": (0, 0, 250, 300), "Europe": (262, 0, W - 262, 300)}
        legend_y = 318
    else:
        boxes = {"Europe": (0, 0, W, 300), "North America": (0, 310, W, 170)}
        legend_y = 500
    d.parts.append("<defs>" + "".join(f'<clipPath id="clip{i}"><rect x="{x}" y="{y}" width="{w}" height="{h}"/></clipPath>'
                                      for i, (x, y, w, h) in enumerate(boxes.values())) + "</defs>")
    for i, (panel, (x0, y0, w, h)) in enumerate(boxes.items()):
        lon0, lon1, lat0, lat1 = PANELS[panel]
        kx = 0.62                                         # cos(52 degrees): keeps shapes from stretching east-west
        scale = min(w / ((lon1 - lon0) * kx), h / (lat1 - lat0))
        ox = x0 + (w - (lon1 - lon0) * kx * scale) / 2
        project = lambda lon, lat: (ox + (lon - lon0) * kx * scale, y0 + (lat1 - lat) * scale)
        d.parts.append(f'<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="#eef3f8"/>')
        paths = []
        for name, rings in geo.items():
            fill = colour.get(name, "#d6d6d6")
            path = []
            for ring in rings:
                lons, lats = [p[0] for p in ring], [p[1] for p in ring]
                if max(lons) < lon0 or min(lons) > lon1 or max(lats) < lat0 or min(lats) > lat1:
                    continue
                pts = [project(lon, lat) for lon, lat in ring]
                if max(px for px, _ in pts) - min(px for px, _ in pts) < 1.5 and name not in colour:
                    continue                                  # a speck of another country's coast
                path.append("M" + "L".join(f"{px:.0f},{py:.0f}" for px, py in pts) + "Z")
            if path:
                paths.append(f'<path d="{"".join(path)}" fill="{fill}" stroke="#fff" stroke-width="0.6"/>')
        d.parts.append(f'<g clip-path="url(#clip{i})">' + "".join(paths) + "</g>")
        d.text(x0 + 6, y0 + h - 8, panel, small, anchor="start", fill=MUTED)
    per_row = 3 if layout == "wide" else 2
    col = W / per_row
    for i, (label, rounds, fill) in enumerate(GROUPS):
        x, y = (i % per_row) * col, legend_y + (i // per_row) * 22
        d.parts.append(f'<rect x="{x + 2:.1f}" y="{y - 11}" width="14" height="14" fill="{fill}"/>')
        count = sum(1 for m in members if m.round in rounds)
        d.text(x + 22, y, f"{label} ({count})", small, anchor="start", max_width=col - 26)
    rows = (len(GROUPS) + per_row - 1) // per_row
    return d.svg(legend_y + (rows - 1) * 22 + 14)


# --- Defence spending by Ally ----------------------------------------------------------------------
def spending_chart(layout: str, members, spending) -> str:
    year = spending.years()[-1]
    rows = sorted((f for f in spending.figures if f.year == year), key=lambda f: -f.gdp_share)
    desc = (f"Bar chart of defence expenditure as a share of GDP in {year} (NATO estimates), by Ally, highest first, "
            "with a line at the 2% guideline: " + ", ".join(f"{f.country} {f.gdp_share:.2f}%" for f in rows) + ".")
    d = Drawing(layout, f"Defence expenditure as a share of GDP, {year}", desc)
    W, small = d.width, MIN_FONT[layout]
    label_w = 128 if layout == "wide" else 112
    left, right, top, bar, gap = label_w, W - 46, 26, 13, 5
    top_value = max(5.0, max(f.gdp_share for f in rows))
    sx = lambda v: left + v / top_value * (right - left)
    for i, f in enumerate(rows):
        y = top + i * (bar + gap)
        d.text(left - 6, y + bar - 2, f.country, small, anchor="end", max_width=label_w - 8)
        fill = ACCENT if f.gdp_share >= 2 else "#9fa8da"
        d.parts.append(f'<rect x="{left}" y="{y}" width="{sx(f.gdp_share) - left:.1f}" height="{bar}" fill="{fill}"/>')
        # The value after its bar, or after the 2% line when it would run into it (a share just
        # under 2%): no label is crossed by the line.
        value, x = f"{f.gdp_share:.2f}", sx(f.gdp_share) + 4
        if x < sx(2) + LINE_GAP and x + text_width(value, small, False) > sx(2) - LINE_GAP:
            x = sx(2) + LINE_GAP
        d.text(x, y + bar - 2, value, small, anchor="start")
    bottom = top + len(rows) * (bar + gap)
    d.line(sx(2), top - 8, sx(2), bottom, stroke="#c62828", width=1.5)
    d.text(sx(2) + 4, top - 10, "2% guideline", small, anchor="start", fill="#b71c1c")
    d.text(left, bottom + 18, f"% of GDP, {year} (NATO estimates)", small, anchor="start", max_width=right - left)
    return d.svg(bottom + 28)


# --- One Ally's share of GDP over time (its member profile) ---------------------------------------
# A small chart, one layout: 360 units across, shown at most 360 px wide (extra.css,
# .kb-figure--small), so its 12-unit text reads at 12 px on desktop and about 11.9 px on a phone.
MEMBER_OUT = OUT / "members"
MEMBER_SIZE = (WIDTH["narrow"], 192)
GUIDELINE = "#c62828"


def member_chart_name(slug: str) -> str:
    return f"{slug}-spending.svg"


def member_chart_alt(country: str, figures) -> str:
    first, last = figures[0], figures[-1]
    est = lambda f: " (estimate)" if f.estimate else ""
    return (f"Line chart: {country}'s defence expenditure as a share of GDP, {first.year} to {last.year}, "
            f"from {first.gdp_share:.2f}% in {first.year}{est(first)} to {last.gdp_share:.2f}% in "
            f"{last.year}{est(last)}, against the 2% guideline")


def member_spending(country: str, figures, edition: dict) -> str:
    """A line of the member's share of GDP by year, a dashed line at 2%, hollow markers for the
    years NATO gives as estimates, and the first and last values written out."""
    first, last = figures[0], figures[-1]
    desc = (f"Line chart of {country}'s defence expenditure as a share of GDP, {first.year} to {last.year}, "
            f"from NATO's {edition['title']} (published {show_date(edition['published'])}), with a dashed line at the 2% "
            "guideline; hollow markers are estimates: "
            + ", ".join(f"{f.year} {f.gdp_share:.2f}%{' (estimate)' if f.estimate else ''}" for f in figures) + ".")
    d = Drawing("narrow", f"{country}: defence expenditure as a share of GDP, {first.year}–{last.year}", desc)
    W, H = MEMBER_SIZE
    small = MIN_FONT["narrow"]
    left, right, top, bottom = 40, W - 24, 22, 142
    y_max = max(3, -(-(max(f.gdp_share for f in figures) + 0.25) // 1))
    x0 = left + 16
    step = (right - x0) / max(1, last.year - first.year)
    sx = lambda year: x0 + (year - first.year) * step
    sy = lambda v: bottom - v / y_max * (bottom - top)
    for n in (n for n in range(0, int(y_max) + 1) if n != 2):          # 2%: the guideline, below
        d.parts.append(f'<line x1="{left}" y1="{sy(n):.1f}" x2="{W - 6}" y2="{sy(n):.1f}" '
                       f'stroke="{"#888" if n == 0 else "#ddd"}" stroke-width="1" data-value="{n}"/>')
    for n in range(0, int(y_max) + 1):
        d.text(left - 6, sy(n) + 4, f"{n}%", small, anchor="end", max_width=left - 8)
    for year in range(first.year, last.year + 1, 2):
        d.text(sx(year), bottom + 17, str(year), small)
    d.parts.append(f'<line x1="{left}" y1="{sy(2):.1f}" x2="{W - 6}" y2="{sy(2):.1f}" stroke="{GUIDELINE}" '
                   'stroke-width="1.5" stroke-dasharray="6 3" data-value="2" class="guideline"/>')
    d.parts.append(f'<polyline fill="none" stroke="{ACCENT}" stroke-width="2" points="'
                   + " ".join(f"{sx(f.year):.1f},{sy(f.gdp_share):.1f}" for f in figures) + '"/>')
    for f in figures:
        fill, estimate = ("#ffffff", ' data-estimate="true"') if f.estimate else (ACCENT, "")
        d.parts.append(f'<circle cx="{sx(f.year):.1f}" cy="{sy(f.gdp_share):.1f}" r="3.5" fill="{fill}" '
                       f'stroke="{ACCENT}" stroke-width="2" data-year="{f.year}" data-value="{f.gdp_share:.2f}"'
                       f'{estimate}/>')
    for f in (first, last) if last is not first else (first,):
        # Above the marker, unless that would put the 2% line through the value: then below it.
        y = sy(f.gdp_share) - 8
        if y - small < sy(2) + 2 and y > sy(2) - 2:
            y = sy(f.gdp_share) + 8 + small - 2
        d.text(sx(f.year), y, f"{f.gdp_share:.2f}", small, bold=True)
    legend_y = bottom + 42
    d.parts.append(f'<line x1="8" y1="{legend_y - 4}" x2="28" y2="{legend_y - 4}" stroke="{GUIDELINE}" '
                   'stroke-width="1.5" stroke-dasharray="6 3"/>')
    d.text(32, legend_y, "2% guideline", small, anchor="start", max_width=100)
    d.parts.append(f'<circle cx="146" cy="{legend_y - 4}" r="3.5" fill="{ACCENT}" stroke="{ACCENT}" stroke-width="2"/>')
    d.text(154, legend_y, "NATO figure", small, anchor="start", max_width=90)
    d.parts.append(f'<circle cx="256" cy="{legend_y - 4}" r="3.5" fill="#ffffff" stroke="{ACCENT}" stroke-width="2"/>')
    d.text(264, legend_y, "estimate", small, anchor="start", max_width=W - 268)
    return d.svg(H)


def member_charts(members, spending) -> dict[Path, str]:
    """One chart per member with figures (Iceland has none: no armed forces, no figure)."""
    files = {}
    for m in members:
        figures = spending.by_country(m.country)
        if figures:
            edition = spending.editions[figures[-1].edition]
            files[MEMBER_OUT / member_chart_name(m.slug)] = member_spending(m.country, figures, edition)
    return files


FIGURES = {
    "command-structure": (command_structure, "Diagram: NATO command structure, from the North Atlantic Council and "
                          "Military Committee down to the two strategic commands (ACO and ACT), the three Joint Force "
                          "Commands and the air, land and maritime commands", "NATO command structure (simplified)."),
    "membership": (membership, "Chart: the number of NATO member countries after each enlargement round, "
                   "from 12 in 1949 to 32 in 2024", "NATO member countries after each enlargement round. "
                   "The table above gives every date."),
    "members-map": (members_map, "Map: NATO member countries in Europe and North America, shaded by when they "
                    "joined (1949, 1952–1982, 1999, 2004, 2009–2020, 2023–2024)",
                    "NATO members by date of accession. Outlines: Natural Earth (public domain)."),
    "spending": (spending_chart, "Chart: each Ally's defence expenditure as a share of GDP in the latest year of "
                 "NATO's figures, highest first, against the 2% guideline", "Defence expenditure as a share of "
                 "GDP by Ally, latest year of NATO's figures. The tables below give every figure."),
}


def outputs() -> dict[Path, str]:
    members = load_members(MEMBERS_FILE)
    spending = load_spending(members={m.country for m in members})
    files = {}
    for name, (draw, alt, caption) in FIGURES.items():
        args = {membership: (members,), members_map: (members,), spending_chart: (members, spending)}.get(draw, ())
        svgs = {layout: draw(layout, *args) for layout in ("wide", "narrow")}
        files[OUT / f"{name}.svg"], files[OUT / f"{name}-narrow.svg"] = svgs["wide"], svgs["narrow"]
        files[SNIPPETS / f"{name}.md"] = figure(name, alt, caption, svgs)
    files.update(member_charts(members, spending))
    return files

