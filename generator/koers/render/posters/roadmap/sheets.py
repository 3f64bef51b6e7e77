"""A routekaart that does not fit one sheet at the minimum type size continues on more sheets of the same size.

The chart is cut between lanes (and so between bron groups), never inside one,
unless a single lane is taller than a whole sheet: then it is cut between its
rows and the rest gets the opgave's title with '(vervolg)'. A bron group that
continues on the next sheet repeats its heading with '(vervolg)'. Every sheet
gets the same header (with 'blad 1 van 3'), legend and year/phase heads;
nothing shrinks below the minimum size and no action is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from koers.render.posters.base import Font, block, try_wrap
from koers.render.posters.roadmap.lanes import LanePlan, Sizes, lane_height

CONTINUED = " (vervolg)"
LANE_GAP = 0.3  # as in place: the gap under each lane, in units of the minimum size

Lane = tuple[LanePlan, tuple[float, ...]]
Group = tuple[int, str, str, list[Lane]]


@dataclass(frozen=True)
class Cut:
    """How to measure the pieces of a chart while cutting it into sheets."""

    font: Font
    sizes: Sizes
    label_width: float

    def group_head(self, title: str) -> float:
        b = self.sizes.base
        return block(self.font, "x", "x", title, 0, 0, self.label_width, round(1.1 * b, 3), "bold").height + 0.9 * b

    def lane(self, lane: Lane) -> float:
        plan, gaps = lane
        return lane_height(plan, self.font, self.sizes, gaps) + LANE_GAP * self.sizes.base


def _continued(plan: LanePlan, cut: Cut) -> LanePlan:
    label = try_wrap(plan.opgave.display + CONTINUED, cut.font.bold, cut.sizes.lane_title, cut.label_width)
    return replace(plan, label_lines=label or plan.label_lines)


def split_lane(lane: Lane, cut: Cut, room: float) -> list[Lane]:
    """The lane as one piece, or cut between rows into pieces of at most `room` (a row never splits)."""
    if cut.lane(lane) <= room or len(lane[0].rows) < 2:
        return [lane]
    plan, gaps = lane
    pieces: list[Lane] = []
    start = 0
    while start < len(plan.rows):
        end = start + 1
        while end < len(plan.rows):
            trial = _rows(plan, gaps, start, end + 1, cut, bool(pieces))
            if cut.lane(trial) > room:
                break
            end += 1
        pieces.append(_rows(plan, gaps, start, end, cut, bool(pieces)))
        start = end
    return pieces


def _rows(plan: LanePlan, gaps: tuple[float, ...], start: int, end: int, cut: Cut, continued: bool) -> Lane:
    part = replace(plan, rows=plan.rows[start:end], row_heights=plan.row_heights[start:end])
    return (_continued(part, cut) if continued else part, gaps[start:end])


def paginate(groups: list[Group], cut: Cut, room: float, first: float | None = None) -> list[list[Group]]:
    """The groups cut into sheets of at most `room` chart height each (the first sheet is never empty).

    `first` is the first sheet's room when it is smaller (the combined poster); a lane that does
    not fit there at all then starts the second sheet, and the first shows no lanes.
    """
    sheets: list[list[Group]] = [[]]
    used = 0.0
    for index, gid, title, lanes in groups:
        current: Group | None = None
        started = False
        for whole in lanes:
            for lane in split_lane(whole, cut, room - cut.group_head(title + CONTINUED)):
                height = cut.lane(lane)
                shown = title + CONTINUED if started else title
                need = height + (cut.group_head(shown) if current is None else 0.0)
                limit = first if first is not None and len(sheets) == 1 else room
                if used + need > limit and (sheets[-1] or limit < room):
                    sheets.append([])
                    used, current = 0.0, None
                    shown = title + CONTINUED if started else title
                    need = height + cut.group_head(shown)
                if current is None:
                    current = (index, gid, shown, [])
                    sheets[-1].append(current)
                    started = True
                current[3].append(lane)
                used += need
    return sheets


def sheet_of_actions(sheets: list[list[Group]]) -> dict[str, int]:
    """The sheet (0-based) every action is on."""
    return {
        action.id: number
        for number, groups in enumerate(sheets)
        for _, _, _, lanes in groups
        for plan, _ in lanes
        for row in plan.rows
        for action, _ in row
    }
