"""Swim lanes of the routekaart: actions packed into rows, blocks sized around their wrapped titles.

A lane is one opgave. Its actions are placed in file order into the first row
where their years are free, so a lane has as few rows as the overlaps demand.
Blocks never touch the gutters between year columns or the gaps between rows:
those are the channels the dependency arrows run through (poster_routes).
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.content.model import Action, Opgave
from koers.render.posters.base import Font, Frame, TextBlock, block_height, try_wrap
from koers.render.posters.icons import Stroke
from koers.render.posters.icons import icon as icon_strokes


@dataclass(frozen=True)
class Geometry:
    """Horizontal grid of the chart: year boundaries and gutter width."""

    first_year: int
    x0: float
    column: float
    gutter: float

    def boundary(self, year: int) -> float:
        """x of the boundary before `year` (the gutter centre)."""
        return self.x0 + (year - self.first_year) * self.column

    def span(self, action: Action) -> tuple[float, float]:
        """Left and right x of an action's block."""
        return self.boundary(action.van) + self.gutter / 2, self.boundary(action.tot + 1) - self.gutter / 2


@dataclass(frozen=True)
class Sizes:
    """Type and spacing of the chart at one action-title size t."""

    t: float
    base: float

    @property
    def pad(self) -> float:
        return 0.45 * self.t

    @property
    def tab(self) -> float:
        return 1.9 * self.t

    @property
    def icon(self) -> float:
        return 1.15 * self.t

    @property
    def lane_title(self) -> float:
        return round(1.12 * self.t, 3)

    @property
    def row_gap(self) -> float:
        return max(0.8 * self.t, 0.8 * self.base)


def pack_rows(actions: tuple[Action, ...]) -> list[list[Action]]:
    """Actions in file order, each in the first row where its years are still free."""
    rows: list[list[Action]] = []
    for action in actions:
        for row in rows:
            if all(action.tot < other.van or action.van > other.tot for other in row):
                row.append(action)
                break
        else:
            rows.append([action])
    return rows


def block_lines(action: Action, font: Font, sizes: Sizes, geometry: Geometry) -> tuple[str, ...] | None:
    """The action's title wrapped into its block (None when a character cannot fit)."""
    left, right = geometry.span(action)
    width = right - left - sizes.tab - 2 * sizes.pad
    if width <= 0:
        return None
    return try_wrap(action.display, font.regular, sizes.t, width)


def block_need(lines: tuple[str, ...], font: Font, sizes: Sizes) -> float:
    """Height of a block with these title lines."""
    return max(sizes.icon + 2 * sizes.pad, block_height(font.regular, sizes.t, len(lines)) + 2 * sizes.pad)


@dataclass(frozen=True)
class LanePlan:
    """One lane measured at one size: rows of (action, lines) and the row heights."""

    opgave: Opgave
    rows: tuple[tuple[tuple[Action, tuple[str, ...]], ...], ...]
    row_heights: tuple[float, ...]
    label_lines: tuple[str, ...]
    meta: str


def plan_lane(
    opgave: Opgave, meta: str, font: Font, sizes: Sizes, geometry: Geometry, label_width: float
) -> LanePlan | None:
    """Measure a lane; None when some text cannot be set at all at this size."""
    rows, heights = [], []
    for row in pack_rows(opgave.acties):
        placed = []
        for action in row:
            lines = block_lines(action, font, sizes, geometry)
            if lines is None:
                return None
            placed.append((action, lines))
        rows.append(tuple(placed))
        heights.append(max(block_need(lines, font, sizes) for _, lines in placed))
    label = try_wrap(opgave.display, font.bold, sizes.lane_title, label_width)
    if label is None:
        return None
    return LanePlan(opgave, tuple(rows), tuple(heights), label, meta)


def lane_height(plan: LanePlan, font: Font, sizes: Sizes, gaps: tuple[float, ...]) -> float:
    """Height of a lane: gaps above each row, the rows and a bottom gap; or its label when that is taller."""
    rows = sum(plan.row_heights) + sum(gaps[: len(plan.row_heights)]) + sizes.row_gap
    return max(rows, label_height(plan, font, sizes) + 2 * sizes.row_gap)


def label_height(plan: LanePlan, font: Font, sizes: Sizes) -> float:
    """Height of a lane's label: the opgave's title and its meta line."""
    return (
        block_height(font.bold, sizes.lane_title, len(plan.label_lines))
        + 0.25 * sizes.t
        + block_height(font.regular, sizes.t, 1)
    )


@dataclass(frozen=True)
class Block:
    """An action's block: frame, status tab, icon position and title."""

    action: Action
    frame: Frame
    tab: Frame
    icon: tuple[float, float, float]  # centre x, centre y, size
    text: TextBlock
    status: str
    strokes: tuple[Stroke, ...] = ()

    @property
    def texts(self) -> tuple[TextBlock, ...]:
        return (self.text,)


def place_block(
    action: Action,
    lines: tuple[str, ...],
    font: Font,
    sizes: Sizes,
    geometry: Geometry,
    y: float,
    height: float,
    colours,
) -> Block:
    """Block at row top y: tinted body, status-coloured tab with icon, title centred vertically."""
    left, right = geometry.span(action)
    frame_id = f"actie-{action.id}"
    frame = Frame(
        frame_id,
        left,
        y,
        right - left,
        height,
        colours.status_tint(action.status),
        rx=colours.radius(sizes.t, 0.5),
        stroke=colours.status_colour(action.status),
    )
    tab = Frame(
        f"{frame_id}-status",
        left,
        y,
        sizes.tab,
        height,
        colours.status_colour(action.status),
        rx=colours.radius(sizes.t, 0.5),
    )
    text_h = block_height(font.regular, sizes.t, len(lines))
    text = TextBlock(
        f"{frame_id}-titel",
        frame_id,
        left + sizes.tab + sizes.pad,
        y + (height - text_h) / 2,
        right - left - sizes.tab - 2 * sizes.pad,
        lines,
        sizes.t,
        "regular",
        colours.ink,
        font.regular,
    )
    icon = (left + sizes.tab / 2, y + height / 2, sizes.icon)
    strokes = icon_strokes(action.status, icon[0], icon[1], icon[2], colours.band_ink)
    return Block(action, frame, tab, icon, text, action.status, strokes)
