"""What the routekaart layout hands to placing, and what placing hands to the template: plain frozen views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from koers.content.model import Strategy
from koers.render.posters.bands import Band, Logo
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block_height, try_wrap
from koers.render.posters.legend import Legend
from koers.render.posters.roadmap.connectors import Connector
from koers.render.posters.roadmap.lanes import Block, Geometry, Sizes
from koers.render.posters.roadmap.routes import Arrow


@dataclass(frozen=True)
class LaneView:
    id: str
    frame: Frame
    label: TextBlock
    meta: TextBlock
    blocks: tuple[Block, ...]

    @property
    def texts(self) -> tuple[TextBlock, ...]:
        return (self.label, self.meta) + tuple(b.text for b in self.blocks)


@dataclass(frozen=True)
class GroupRow:
    id: str
    frame: Frame
    title: TextBlock
    rule: Frame

    @property
    def texts(self) -> tuple[TextBlock, ...]:
        return (self.title,)


@dataclass(frozen=True)
class YearHead:
    year: int
    frame: Frame
    texts: tuple[TextBlock, ...]


@dataclass(frozen=True)
class Roadmap:
    page: PageSize
    head: Band
    legend: Legend
    chart: Frame
    years: tuple[YearHead, ...]
    guides: tuple[Frame, ...]
    rows: tuple[GroupRow | LaneView, ...]
    arrows: tuple[Arrow, ...]
    foot: Band
    logo: Logo | None
    connectors: tuple[Connector, ...] = ()  # ends of arrows to and from other sheets

    @property
    def texts(self) -> list[TextBlock]:
        out = list(self.head.texts) + list(self.legend.texts)
        out += [t for y in self.years for t in y.texts]
        out += [t for row in self.rows for t in row.texts]
        out += [t for c in self.connectors for t in c.texts]
        return out + list(self.foot.texts)


@dataclass(frozen=True)
class Bands:
    """The parts around the chart: header, legend, footer and logo."""

    head: Band
    legend: Legend
    foot: Band
    logo: Logo | None


@dataclass(frozen=True)
class Measured:
    """The chart as measured at one title size: lane plans per group and where the chart may go."""

    sizes: Sizes
    geometry: Geometry
    label_width: float
    groups: list[Any]  # (index, bron id, bron title, [(LanePlan, row gaps)]) per bron with opgaven
    stretch: float
    top: float
    bottom: float
    head: float  # height of the heads above the columns


def year_head_height(font: Font, b: float, lines: int = 1) -> float:
    """Height of a column's head: the year or phase (in `lines` lines), and its number of actions."""
    return block_height(font.bold, round(1.5 * b, 3), lines) + 0.1 * b + block_height(font.regular, b, 1) + 0.6 * b


def head_height(strategy: Strategy, font: Font, b: float, width: float) -> float:
    """The head height that fits the longest column label (a phase's name may take two lines)."""
    lines = max((len(try_wrap(y.label, font.bold, round(1.5 * b, 3), width) or ["x"]) for y in strategy.years), default=1)
    return year_head_height(font, b, lines)
