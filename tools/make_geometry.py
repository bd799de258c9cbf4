"""Cut the country outlines the members map needs out of Natural Earth, once, into data/geo/.

Run by hand when the outlines should change (the build never needs the network):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_geometry.py package/countries-50m.json

world-atlas (ISC licence, Mike Bostock) packages Natural Earth's 1:50m admin-0 countries
(public domain) as TopoJSON. This script decodes the arcs, keeps the countries that touch Europe,
North America and the North Atlantic, simplifies each ring (Douglas-Peucker, 0.12 degrees) and
writes data/geo/countries.json: {"countries": {name: [[[lon, lat], ...] ring, ...]}}, with its
licence note in data/geo/LICENCE.md. kb/render/make_charts.py draws the map from that file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BBOX = (-170.0, 24.0, 60.0, 84.0)           # lon min, lat min, lon max, lat max
TOLERANCE = 0.12
OUT = Path("data/geo/countries.json")


def decode(topology: dict) -> list[list[list[float]]]:
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs) -> list[list[float]]:
    points: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        best, index = 0.0, None
        for i in range(a + 1, b):
            x0, y0 = points[i]
            dx, dy = x2 - x1, y2 - y1
            length = (dx * dx + dy * dy) ** 0.5
            dist = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / length if length else ((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5
            if dist > best:
                best, index = dist, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def main(path: str) -> int:
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = decode(topology)
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            outer = ring(polygon[0], arcs)
            if max(p[0] for p in outer) - min(p[0] for p in outer) > 180:     # crosses the antimeridian
                outer = [[x + 360 if x < 0 else x, y] for x, y in outer]
            lons, lats = [p[0] for p in outer], [p[1] for p in outer]
            if max(lons) < BBOX[0] or min(lons) > BBOX[2] or max(lats) < BBOX[1] or min(lats) > BBOX[3]:
                continue
            small = simplify(outer, TOLERANCE)
            if len(small) >= 4:
                rings.append([[round(x, 2), round(y, 2)] for x, y in small])
        if rings:
            countries[geometry["properties"]["name"]] = rings
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "Natural Earth 1:50m admin-0 countries via world-atlas 2.0.2",
                               "countries": countries}, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(countries)} countries, {OUT.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python tools/make_geometry.py path/to/countries-50m.json", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
