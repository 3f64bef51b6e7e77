"""The combined poster (`poster: {vorm: een}` in strategie.yaml): the strategy in one picture with the routekaart on it.

The first sheet has the strategy part at the top (header, ambition and vision, the opgaven
cards, the extras and the themes: overview.layout with `part`) and the routekaart below it,
in place of the agenda, with the footer. The split between them is one of SPLITS (see
`layout` for the priorities). A routekaart that does not fit under the strategy part at
the minimum type size continues on more sheets of the same size, as the separate
routekaart does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from koers.content.model import Strategy
from koers.render.posters.bands import DoesNotFit
from koers.render.posters.base import Font, PageSize, TextBlock
from koers.render.posters.overview.layout import Overview
from koers.render.posters.overview.layout import layout as overview_layout
from koers.render.posters.palette import Palette
from koers.render.posters.roadmap.layout import layout as roadmap_layout
from koers.render.posters.roadmap.views import Roadmap

SPLITS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)  # shares of the page height the strategy part may take
KICKER = "Strategie en routekaart"


@dataclass(frozen=True)
class Combined:
    """One sheet of the combined poster: the strategy part (first sheet only) and a routekaart sheet."""

    page: PageSize
    strategy_part: Overview | None
    roadmap: Roadmap

    @property
    def texts(self) -> list[TextBlock]:
        if self.strategy_part is None:
            return self.roadmap.texts
        # The routekaart's own header band is not drawn on the first sheet: the strategy part has the header.
        own = set(self.roadmap.head.texts)
        return self.strategy_part.texts + [t for t in self.roadmap.texts if t not in own]


def _shown(part: Overview) -> tuple[int, int]:
    """What a strategy part shows, comparable: the cards' tier (A best), then the number of extras."""
    return -"ABC".index(part.tier), len(part.extras)


def _bottom(part: Overview) -> float:
    """Where the strategy part ends: under its themes band, its last extra or its last card."""
    ends = [card.frame.bottom for group in part.groups for card in group.cards] + [band.bottom for band in part.extras]
    return max(ends + ([part.themes.bottom] if part.themes is not None else []))


def _last(items: list[int], holds: Callable[[int], bool]) -> int | None:
    """The last item for which `holds` is true, when it is true for a leading run only (bisection)."""
    low, high = 0, len(items)  # holds for items[:low], fails from items[high:]
    while low < high:
        middle = (low + high) // 2
        if holds(items[middle]):
            low = middle + 1
        else:
            high = middle
    return items[low - 1] if low else None


def _first(items: list[int], holds: Callable[[int], bool]) -> int:
    """The first item for which `holds` is true, when it is true for a trailing run that includes the last."""
    low, high = 0, len(items) - 1
    while low < high:
        middle = (low + high) // 2
        if holds(items[middle]):
            high = middle
        else:
            low = middle + 1
    return items[low]


def layout(font: Font, page: PageSize, colours: Palette, strategy: Strategy, logo_ratio: float | None) -> tuple[Combined, ...]:
    """Every sheet of the combined poster on exactly its paper size.

    The split, by priority: the routekaart on the first sheet whole if any split allows it;
    then the richest strategy part (tier, extras) with that; then the least height that
    shows as much, so the routekaart's type is as large as it can be.
    """
    parts: dict[int, Overview | None] = {}
    charts: dict[int, tuple[Roadmap, ...]] = {}

    def part_at(index: int) -> Overview | None:
        if index not in parts:
            upper = replace(page, height=round(page.height * SPLITS[index], 2))
            try:
                parts[index] = overview_layout(font, upper, colours, strategy, logo_ratio, part=KICKER)
            except DoesNotFit:  # too little room for the cards at this split; a larger one is tried
                parts[index] = None
        return parts[index]

    def chart_at(index: int) -> tuple[Roadmap, ...]:
        if index not in charts:
            part = part_at(index)
            assert part is not None
            charts[index] = roadmap_layout(font, page, colours, strategy, logo_ratio, start=_bottom(part))
        return charts[index]

    if part_at(len(SPLITS) - 1) is None:
        raise DoesNotFit([("opgaven", 0)])  # check refuses content whose cards do not fit the page
    # A part that fits a split fits every larger one.
    usable = list(range(_first(list(range(len(SPLITS))), lambda i: part_at(i) is not None), len(SPLITS)))
    # A larger split leaves the routekaart less room: the largest split at which it fits one sheet.
    fits = _last(usable, lambda i: len(chart_at(i)) == 1)
    chosen = usable[-1] if fits is None else fits
    best = _shown(part_at(chosen))  # type: ignore[arg-type]
    # A larger split never shows less: the least split that shows as much as the chosen one.
    chosen = _first([i for i in usable if i <= chosen], lambda i: _shown(part_at(i)) == best)  # type: ignore[arg-type]
    part, sheets = part_at(chosen), chart_at(chosen)
    assert part is not None
    if len(sheets) > 1:  # the header names the sheet, as the routekaart's own sheets do
        upper = replace(page, height=round(page.height * SPLITS[chosen], 2))
        part = overview_layout(font, upper, colours, strategy, logo_ratio, part=f"{KICKER} · blad 1 van {len(sheets)}")
    return tuple(Combined(page, part if n == 0 else None, sheet) for n, sheet in enumerate(sheets))
