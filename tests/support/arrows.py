"""Measuring the routekaart's dependency arrows as a reader sees them.

Works on the placed layout (render.posters.roadmap views), not on the SVG, so every figure is
exact. A finding is a short English sentence naming the arrow, so a failing test says what to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

EPS = 1e-6


@dataclass
class Findings:
    crossings: list[str] = field(default_factory=list)  # a line through a block, a connector or any text
    label_column: list[str] = field(default_factory=list)  # a line left of the first year column
    shared: list[str] = field(default_factory=list)  # two arrows' parallel runs closer than the minimum
    ports: list[str] = field(default_factory=list)  # two arrows meeting one block edge too close together
    bends: list[int] = field(default_factory=list)  # bends per arrow
    arrows: int = 0

    @property
    def problems(self) -> list[str]:
        return self.crossings + self.label_column + self.shared + self.ports


def _rect(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    return (x, y, x + w, y + h)


def _text_rect(text) -> tuple[float, float, float, float]:
    """The ink of a text block horizontally (by anchor), the whole line boxes vertically."""
    ink = text.ink_width
    left = {"start": text.x, "middle": text.x + (text.width - ink) / 2, "end": text.x + text.width - ink}[text.anchor]
    return _rect(left, text.y, ink, text.height)


def _enters(a, b, rect, margin: float = 0.0) -> bool:
    """Does segment a→b come into the inside of rect (grown by margin)?"""
    x1, y1, x2, y2 = rect[0] - margin, rect[1] - margin, rect[2] + margin, rect[3] + margin
    return min(a[0], b[0]) < x2 - EPS and max(a[0], b[0]) > x1 + EPS and min(a[1], b[1]) < y2 - EPS and max(a[1], b[1]) > y1 + EPS


def _runs(points):
    """(vertical, channel coordinate, low, high) for each straight segment of a polyline."""
    out = []
    for a, b in zip(points[:-1], points[1:], strict=True):
        if abs(a[0] - b[0]) < EPS:
            out.append((True, a[0], min(a[1], b[1]), max(a[1], b[1])))
        else:
            out.append((False, a[1], min(a[0], b[0]), max(a[0], b[0])))
    return out


def measure(sheet, stroke: float, separation: float) -> Findings:
    """Everything a reader would hold against the arrows of one placed routekaart sheet.

    `stroke` is the drawn line width; parallel runs and ports must lie at least `separation`
    apart centre to centre (so a visible gap stays between them).
    """
    found = Findings(arrows=len(sheet.arrows))
    blocks = {blk.frame.id: blk.frame for row in sheet.rows for blk in getattr(row, "blocks", ())}
    blocks.update({c.frame.id: c.frame for c in sheet.connectors})
    obstacles = [(f.id, _rect(f.x, f.y, f.width, f.height)) for f in blocks.values()]
    obstacles += [(t.id, _text_rect(t)) for t in sheet.texts if t.lines]
    first_column = min(y.frame.x for y in sheet.years)
    gutter = sheet.years[1].frame.x - sheet.years[0].frame.right if len(sheet.years) > 1 else 0.0
    label_edge = first_column - gutter
    for arrow in sheet.arrows:
        ends = {f"actie-{arrow.source}", arrow.source, f"actie-{arrow.target}", arrow.target}
        points = arrow.points
        found.bends.append(max(0, len(points) - 2))
        for a, b in zip(points[:-1], points[1:], strict=True):
            hit = [name for name, rect in obstacles if name not in ends and _enters(a, b, rect, stroke / 2)]
            # The arrow's own blocks: only the stub at the edge may touch them, never their inside.
            hit += [name for name, rect in obstacles if name in ends and _enters(a, b, rect)]
            if hit:
                found.crossings.append(f"{arrow.id} crosses {sorted(set(hit))}")
        if min(x for x, _ in points) < label_edge - EPS:
            found.label_column.append(f"{arrow.id} runs into the label column")
    runs = [(arrow.id, run) for arrow in sheet.arrows for run in _runs(arrow.points)]
    for (id_a, (va, ca, la, ha)), (id_b, (vb, cb, lb, hb)) in combinations(runs, 2):
        if id_a == id_b or va != vb or abs(ca - cb) >= separation - EPS:
            continue
        if min(ha, hb) - max(la, lb) > stroke:
            found.shared.append(f"{id_a} and {id_b} run {abs(ca - cb):.2f} pt apart")
    for side, pick in (("out", 0), ("in", -1)):
        edge: dict[str, list[float]] = {}
        for arrow in sheet.arrows:
            edge.setdefault(arrow.source if side == "out" else arrow.target, []).append(arrow.points[pick][1])
        for name, ys in edge.items():
            ys.sort()
            if any(b - a < separation - EPS for a, b in zip(ys[:-1], ys[1:], strict=True)):
                found.ports.append(f"{name}: {len(ys)} arrows {side} at {[round(y, 2) for y in ys]}")
    return found
