"""Write the site's diagrams and charts as static SVG, from data/ (no browser-side charting).

Each figure comes in two layouts, because one drawing cannot serve both a 358 px phone column and
a 690 px desktop column: a wide one (720 units across, shown from 45em up) and a narrow one (360
units, shown on phones), with text never below 13 and 12 units, so it renders at 12 px or more on
desktop and 11 px or more on a 390 px phone. The page shows one of the two with CSS
(extra.css, .kb-figure) and links the wide one "full size".

    python scripts/make_charts.py           write docs/assets/charts/*.svg
    python scripts/make_charts.py --check   exit 1 if any file is out of date (make test)

Each figure also gets a snippet, includes/figures/<name>.md, that a page one folder below docs/
includes with `--8<-- "figures/<name>.md"`: both images with their alt text and sizes, and a
caption with the "open full size" link.

Figures: the command structure (layout here, facts footnoted on its page) and membership growth
(data/members.yml). Text is checked to fit its box, so a longer label fails here, not on a phone.
"""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path

from datafile import DataError, write_generated
from members import MEMBERS_FILE, load_members

OUT = Path("docs/assets/charts")
SNIPPETS = Path("includes/figures")
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
MIN_FONT = {"wide": 13, "narrow": 12}
WIDTH = {"wide": 720, "narrow": 360}
INK, MUTED, LINE, ACCENT = "#1a1a1a", "#333", "#555", "#283593"


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

    y = row("Operational level: Joint Force Commands · Support and enabling", OPERATIONAL, y,
            4 if wide else 2, 54) if wide else row("Operational level and support", OPERATIONAL, y, 2, 54)
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


FIGURES = {
    "command-structure": (command_structure, "Diagram: NATO command structure, from the North Atlantic Council and "
                          "Military Committee down to the two strategic commands (ACO and ACT), the three Joint Force "
                          "Commands and the air, land and maritime commands", "NATO command structure (simplified)."),
    "membership": (membership, "Chart: the number of NATO member countries after each enlargement round, "
                   "from 12 in 1949 to 32 in 2024", "NATO member countries after each enlargement round."),
}


def outputs() -> dict[Path, str]:
    members = load_members(MEMBERS_FILE)
    files = {}
    for name, (draw, alt, caption) in FIGURES.items():
        args = (members,) if draw is membership else ()
        svgs = {layout: draw(layout, *args) for layout in ("wide", "narrow")}
        files[OUT / f"{name}.svg"], files[OUT / f"{name}-narrow.svg"] = svgs["wide"], svgs["narrow"]
        files[SNIPPETS / f"{name}.md"] = figure(name, alt, caption, svgs)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a chart is out of date")
    args = parser.parse_args()
    try:
        files = outputs()
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    return write_generated(files, args.check, MEMBERS_FILE, "make_charts.py")


if __name__ == "__main__":
    sys.exit(main())
