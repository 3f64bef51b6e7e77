"""Connectors of a multi-sheet routekaart: an arrow whose two actions are on different sheets.

Instead of a line off the page, the arrow ends on its first action's sheet in a
small labelled box in a band under the chart ('naar 9.3, blad 2'), and starts on
the other sheet from a box in a band above the chart ('van 1.2, blad 1'). The
boxes stand in a column next to the action they belong to, so the arrows to and
from them are routed like any other (routes.route, with the boxes as blocks).
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.content.model import Action, Strategy
from koers.render.posters.base import Font, Frame, TextBlock, block
from koers.render.posters.palette import Palette
from koers.render.posters.roadmap.lanes import Geometry
from koers.render.posters.roadmap.routes import edges

PAD = 0.4  # inside a box, in units of the minimum size
GAP = 0.6  # between boxes and around the band


@dataclass(frozen=True)
class Link:
    """One end of a cross-sheet arrow on one sheet: the box's id, its column and its text."""

    id: str
    column: int  # the year (slot) whose column holds the box
    text: str
    incoming: bool  # True: in the band above the chart, the arrow leaves it; False: below, the arrow enters it
    pair: tuple[str, str]  # (from, to) as routed on this sheet: action ids and this box's id
    edge: tuple[str, str]  # the dependency it stands for: (must finish first, waits)


@dataclass(frozen=True)
class Connector:
    """A placed connector box."""

    id: str
    frame: Frame
    text: TextBlock

    @property
    def texts(self) -> tuple[TextBlock, ...]:
        return (self.text,)


def _name(action: Action) -> str:
    return action.nummer or action.titel


def links(strategy: Strategy, sheet_of: dict[str, int]) -> list[list[Link]]:
    """The connector ends on every sheet, in content order of the dependencies."""
    first, last = strategy.years[0].jaar, strategy.years[-1].jaar
    out: list[list[Link]] = [[] for _ in range(max(sheet_of.values(), default=0) + 1)]
    for source, target in edges(strategy):
        here, there = sheet_of[source], sheet_of[target]
        if here == there:
            continue
        s, t = strategy.action_by_id[source], strategy.action_by_id[target]
        away, into = f"verbinding-{source}-{target}-naar", f"verbinding-{source}-{target}-van"
        # The box stands where the arrow would run to: right of the source, left of the target where the years allow.
        column_away = min(last, max(t.van, s.tot + 1))
        column_into = max(first, min(s.tot, t.van - 1))
        out[here].append(Link(away, column_away, f"naar {_name(t)}, blad {there + 1}", False, (source, away), (source, target)))
        out[there].append(Link(into, column_into, f"van {_name(s)}, blad {here + 1}", True, (into, target), (source, target)))
    return out


def band(
    items: list[Link], font: Font, b: float, colours: Palette, geometry: Geometry, top: float
) -> tuple[list[Connector], list[tuple[float, float]], float]:
    """Boxes stacked per column from `top`: the connectors, the free gaps between them, and the band's height."""
    if not items:
        return [], [], 0.0
    width = geometry.column - geometry.gutter
    placed: list[Connector] = []
    gaps: list[tuple[float, float]] = []
    bottoms: dict[int, float] = {}
    for item in items:
        y = bottoms.get(item.column, top + GAP * b)
        x = geometry.boundary(item.column) + geometry.gutter / 2
        text = block(font, f"{item.id}-tekst", item.id, item.text, 0, 0, width - 2 * PAD * b, b, "regular", colours.ink)
        inner = text.ink_width + 0.5
        frame = Frame(item.id, x, y, inner + 2 * PAD * b, text.height + 2 * PAD * b, colours.page, colours.radius(b, 0.5), colours.ink)
        placed.append(
            Connector(
                item.id,
                frame,
                TextBlock(
                    text.id, item.id, x + PAD * b, y + PAD * b, inner, text.lines, b, "regular", colours.ink, text.metrics
                ),
            )
        )
        bottoms[item.column] = frame.bottom + GAP * b
    height = max(bottoms.values()) - top
    # One free channel over the whole band and one under it, for the arrows' horizontal runs.
    gaps += [(top, top + GAP * b), (top + height - GAP * b, top + height)]
    return placed, gaps, height


def bands_height(items: list[Link], font: Font, b: float, colours: Palette, geometry: Geometry) -> float:
    """The height the bands above and below the chart take for these connectors (0 without any)."""
    return sum(band([k for k in items if k.incoming is way], font, b, colours, geometry, 0.0)[2] for way in (True, False))
