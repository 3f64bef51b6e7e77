"""Dependency arrows of the routekaart, routed orthogonally through the free channels.

An arrow leaves the block that must finish first at its right edge and enters
the waiting block at its left edge. In between it runs only through channels
no block occupies: the vertical gutters at the year boundaries (where they are
not spanned by a multi-year block) and the horizontal gaps between rows. A
shortest path with a penalty per bend (A*) is found on that channel grid, so
an arrow never crosses any block, let alone the two it connects. The
outermost gutters are never spanned, so a path always exists. Arrows that
share a stretch of channel get separate tracks. The arrow ends on the two
block edges that face each other across a gutter each get their own slot
(`ports`), so no two arrows meet or continue one another there.
tests/test_poster_arrows.py measures the result on real-shaped roadmaps.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from koers.content.model import Strategy
from koers.render.posters.base import Frame
from koers.render.posters.roadmap.lanes import Geometry

Point = tuple[float, float]


@dataclass(frozen=True)
class Arrow:
    """One dependency: the polyline points and the arrowhead triangle."""

    id: str
    source: str
    target: str
    points: tuple[Point, ...]
    head: tuple[Point, ...]


def edges(strategy: Strategy) -> list[tuple[str, str]]:
    """Every (must finish first, waits) pair, in content order."""
    return [(dep, action.id) for action in strategy.actions for dep in action.na]


def gutter_use(strategy: Strategy) -> dict[int, int]:
    """An estimate of how many arrows run through each year boundary (for sizing the gutters)."""
    use: dict[int, int] = defaultdict(int)
    for source, target in edges(strategy):
        a, b = strategy.action_by_id[source].tot + 1, strategy.action_by_id[target].van
        use[a] += 1
        if b != a:
            use[b] += 1
    return dict(use)


@dataclass(frozen=True)
class Channels:
    """The free channels: boundary xs, horizontal gap lines (y, half height) and blocked gutter stretches."""

    xs: tuple[float, ...]
    lines: tuple[tuple[float, float], ...]
    blocked: dict[int, tuple[tuple[float, float], ...]]

    def free(self, k: int, y1: float, y2: float) -> bool:
        low, high = min(y1, y2), max(y1, y2)
        return all(high <= top or low >= bottom for top, bottom in self.blocked.get(k, ()))


def spans_of(strategy: Strategy) -> dict[str, tuple[int, int]]:
    """(first, last) year of every action: the columns its block covers."""
    return {a.id: (a.van, a.tot) for a in strategy.actions}


def channels(
    strategy: Strategy,
    blocks: dict[str, Frame],
    gaps: list[tuple[float, float]],
    geometry: Geometry,
    spans: Mapping[str, tuple[int, int]] | None = None,
) -> Channels:
    """Channel grid from the placed blocks (with their year spans) and the gaps (top, bottom) between rows."""
    spans = spans_of(strategy) if spans is None else spans
    count = len(strategy.years) + 1
    xs = tuple(geometry.boundary(geometry.first_year + k) for k in range(count))
    blocked: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for action_id, frame in blocks.items():
        van, tot = spans[action_id]
        for k in range(van - geometry.first_year + 1, tot - geometry.first_year + 1):
            blocked[k].append((frame.y, frame.bottom))
    lines = tuple(sorted({((top + bottom) / 2, (bottom - top) / 2) for top, bottom in gaps}))
    return Channels(xs, lines, {k: tuple(sorted(v)) for k, v in blocked.items()})


class _Search:
    """The channel grid prepared once for many shortest-path searches (one per arrow).

    Free stretches, and how far a straight vertical run gets, are found by bisection over
    each gutter's blocked stretches (sorted by top, with the lowest bottom so far), so no
    question about the grid costs more than a few bisections, however tall the poster.
    """

    def __init__(self, grid: Channels) -> None:
        self.xs = grid.xs
        self.ys = sorted({y for y, _ in grid.lines})
        self.tops: dict[int, list[float]] = {}
        self.reach: dict[int, list[float]] = {}  # per gutter: the lowest bottom among the first i blocked stretches
        for k, stretches in grid.blocked.items():
            self.tops[k] = [top for top, _ in stretches]
            lowest, reach = float("-inf"), []
            for _, bottom in stretches:
                lowest = max(lowest, bottom)
                reach.append(lowest)
            self.reach[k] = reach

    def free(self, k: int, y1: float, y2: float) -> bool:
        """Channels.free, by bisection: no blocked stretch starts above `high` and ends below `low`."""
        low, high = min(y1, y2), max(y1, y2)
        tops = self.tops.get(k)
        if not tops:
            return True
        i = bisect_left(tops, high)
        return i == 0 or self.reach[k][i - 1] <= low

    def toward(self, k: int, y: float, goal: float) -> float | None:
        """The gap line nearest to `goal` (not past it) that a free, straight vertical run from y reaches."""
        ys = self.ys
        tops, reach = self.tops.get(k, ()), self.reach.get(k, ())
        if goal > y:
            # Only stretches ending below y can block; the first of them (by top) sets the limit.
            i = bisect_right(reach, y)
            limit = min(goal, tops[i]) if i < len(tops) else goal
            j = bisect_right(ys, limit) - 1
            return ys[j] if j >= 0 and ys[j] > y else None
        # Only stretches starting above y can block; the lowest bottom among them sets the limit.
        i = bisect_left(tops, y)
        limit = max(goal, reach[i - 1]) if i > 0 else goal
        j = bisect_left(ys, limit)
        return ys[j] if j < len(ys) and ys[j] < y else None

    def stops(self, k: int, y: float, end: tuple[int, float], first: bool) -> list[float]:
        """Where a vertical run from (k, y) may end: the end itself, or a gap line where a cheapest path can bend."""
        ys, end_k, end_y = self.ys, end[0], end[1]
        if k == end_k and y != end_y and self.free(k, y, end_y):
            return [end_y]  # straight into the end: nothing bending first can be cheaper
        found = [self.toward(k, y, float("-inf")), self.toward(k, y, float("inf")), self.toward(k, y, end_y)]
        past = bisect_right(ys, end_y) if end_y > y else bisect_left(ys, end_y) - 1
        if 0 <= past < len(ys):
            found.append(ys[past])  # just past the end's y, to come back to it from the other side
        if first:  # from the start (between two lines): the nearest lines, to turn back at once
            found += [ys[i] for i in (bisect_left(ys, y) - 1, bisect_right(ys, y)) if 0 <= i < len(ys)]
        return sorted({s for s in found if s is not None and s != y and self.free(k, y, s)})


def _shortest(grid: Channels | _Search, start: tuple[int, float], end: tuple[int, float], bend: float) -> list[tuple[int, float]]:
    """Corner nodes (boundary, y) of the cheapest orthogonal path from start to end (length plus a cost per bend).

    Every move is a whole straight run ending in a bend, so only the runs' possible ends are searched:
    a vertical run stops where its gutter stops being free, at the lines next to the start or the end
    y, or at the end itself; a horizontal run may go to any gutter (the gap lines are free across).
    Sliding a bend of a cheapest path along its runs never makes the path dearer, so one cheapest path
    always bends only at those stops, and the search no longer visits every row between the two ends.
    """
    search = grid if isinstance(grid, _Search) else _Search(grid)
    xs = search.xs
    end_k, end_y = end
    end_x = xs[end_k]

    def estimate(k: int, y: float, way: str) -> float:
        # A lower bound of the cost still to come (A*): the straight distance plus the bends that
        # are still unavoidable, as the path ends with a vertical run in the end's gutter.
        if way == "h":
            bends = 1 if k == end_k else 3
        else:
            bends = 2 if k != end_k else 4
        return abs(xs[k] - end_x) + abs(y - end_y) + bends * bend

    # Ties go to the state furthest along (largest cost so far), so the search runs straight at the goal.
    queue: list[tuple[float, float, int, float, tuple[int, float], str]] = [(estimate(*start, "h"), 0.0, 0, 0.0, start, "h")]
    best: dict[tuple[tuple[int, float], str], float] = {(start, "h"): 0.0}
    back: dict[tuple[tuple[int, float], str], tuple[tuple[int, float], str] | None] = {(start, "h"): None}
    counter = 0
    while queue:
        _, _, _, cost, node, direction = heapq.heappop(queue)
        if node == end:
            return _unwind(back, (node, direction))
        if cost > best[(node, direction)]:
            continue  # a better way to this state was found after this entry was queued
        k, y = node
        if direction == "h":
            moves = [((k, other), "v", abs(other - y)) for other in search.stops(k, y, end, node == start)]
        else:
            moves = [((other, y), "h", abs(xs[other] - xs[k])) for other in range(len(xs)) if other != k]
        for target, way, length in moves:
            total = cost + length + bend
            if total < best.get((target, way), float("inf")) - 1e-9:
                best[(target, way)] = total
                back[(target, way)] = (node, direction)
                counter += 1
                heapq.heappush(queue, (total + estimate(target[0], target[1], way), -total, counter, total, target, way))
    raise RuntimeError("no free route between two blocks")  # unreachable: the outer gutters are always free


def _unwind(back: dict, state: tuple) -> list[tuple[int, float]]:
    path = []
    while state is not None:
        path.append(state[0])
        state = back[state]
    return path[::-1]


@dataclass(frozen=True)
class Run:
    """A straight stretch of a path: in gutter `channel` from y to y, or on gap line y `channel` between boundaries."""

    vertical: bool
    channel: float
    start: float
    end: float

    @property
    def key(self) -> tuple[bool, float]:
        return (self.vertical, self.channel)


def _segments(path: list[tuple[int, float]]) -> list[Run]:
    """Straight runs of a path of corner nodes (boundary, y)."""
    runs: list[Run] = []
    for (k1, y1), (k2, y2) in zip(path[:-1], path[1:], strict=True):
        vertical = k1 == k2
        channel = k1 if vertical else y1
        if runs and runs[-1].vertical == vertical and runs[-1].channel == channel:
            runs[-1] = Run(vertical, channel, runs[-1].start, y2 if vertical else k2)
        else:
            runs.append(Run(vertical, channel, y1, y2) if vertical else Run(vertical, channel, k1, k2))
    return runs


def _assign(runs: list[tuple[int, Run]], xs: tuple[float, ...]) -> tuple[dict[int, int], dict[tuple[bool, float], int]]:
    """Tracks for overlapping runs of the same channel (greedy interval colouring) and tracks per channel."""
    per: dict[tuple[bool, float], list[tuple[float, float, int]]] = defaultdict(list)
    for number, (_, run) in enumerate(runs):
        if run.vertical:
            low, high = min(run.start, run.end), max(run.start, run.end)
        else:
            low, high = sorted((xs[int(run.start)], xs[int(run.end)]))
        per[run.key].append((low, high, number))
    track: dict[int, int] = {}
    width: dict[tuple[bool, float], int] = {}
    for key, items in per.items():
        ends: list[float] = []
        for low, high, number in sorted(items):
            free = next((i for i, end in enumerate(ends) if end < low - 1e-6), None)
            if free is None:
                ends.append(high)
                free = len(ends) - 1
            else:
                ends[free] = high
            track[number] = free
        width[key] = len(ends)
    return track, width


def _offset(track: int, count: int, room: float, spacing: float) -> float:
    """Offset from a channel's centre for a track, within ±room."""
    if count <= 1:
        return 0.0
    step = min(spacing, 2 * room / (count - 1))
    return (track - (count - 1) / 2) * step


def ports(pairs: Sequence[tuple[str, str]], blocks: Mapping[str, Frame], spans: Mapping[str, tuple[int, int]], first_year: int) -> list[tuple[float, float]]:
    """The y where each arrow leaves its source and enters its target.

    Blocks that face each other across a gutter (one row) share that gutter's stretch of
    edge: every arrow end there gets its own slot, so an arrow leaving one block never
    starts on the line where another arrow enters its neighbour (which would read as one
    arrow between the two). An arrow between the two facing blocks takes one slot for both
    ends and runs straight. Slots are ordered by where the other end lies, so the arrows
    at one edge do not cross each other as they leave.
    """
    ends: dict[int, list[tuple[str, Frame, int, str]]] = defaultdict(list)  # gutter -> (block, frame, pair, end)
    for index, (source, target) in enumerate(pairs):
        ends[spans[source][1] + 1 - first_year].append((source, blocks[source], index, "out"))
        ends[spans[target][0] - first_year].append((target, blocks[target], index, "in"))
    out: dict[int, list[float]] = {i: [0.0, 0.0] for i in range(len(pairs))}
    for gutter in sorted(ends):
        for stretch, members in _facing(ends[gutter]):
            slots: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
            for _, _, index, end in members:
                source, target = pairs[index]
                other = blocks[target] if end == "out" else blocks[source]
                straight = spans[source][1] + 1 == spans[target][0] and _overlap(stretch, blocks[source]) and _overlap(stretch, blocks[target])
                key = (_centre(other) if not straight else (stretch[0] + stretch[1]) / 2, index, "" if straight else end)
                slots[key].append((index, end))
            for number, key in enumerate(sorted(slots)):
                y = stretch[0] + (stretch[1] - stretch[0]) * (number + 1) / (len(slots) + 1)
                for index, end in slots[key]:
                    out[index][0 if end == "out" else 1] = y
    return [(y_s, y_t) for y_s, y_t in out.values()]


def _centre(frame: Frame) -> float:
    return frame.y + frame.height / 2


def _overlap(stretch: tuple[float, float], frame: Frame) -> bool:
    return frame.y < stretch[1] and frame.bottom > stretch[0]


def _facing(members: list[tuple[str, Frame, int, str]]) -> list[tuple[tuple[float, float], list]]:
    """Arrow ends at one gutter, grouped by the stretch of edge they share (the overlap of their blocks)."""
    groups: list[tuple[tuple[float, float], list]] = []
    for member in sorted(members, key=lambda m: (m[1].y, m[1].bottom, m[2], m[3])):
        frame = member[1]
        if groups and frame.y < groups[-1][0][1]:
            (top, bottom), items = groups[-1]
            groups[-1] = ((max(top, frame.y), min(bottom, frame.bottom)), items + [member])
        else:
            groups.append(((frame.y, frame.bottom), [member]))
    return groups


def route(
    strategy: Strategy,
    blocks: dict[str, Frame],
    gaps: list[tuple[float, float]],
    geometry: Geometry,
    head: float,
    spacing: float,
    pairs: Sequence[tuple[str, str]] | None = None,
    spans: Mapping[str, tuple[int, int]] | None = None,
) -> tuple[Arrow, ...]:
    """Arrows for every dependency, through the channel grid built from blocks and gaps.

    A sheet of a multi-sheet routekaart passes its own `pairs` and the `spans` of its
    blocks: arrows to and from other sheets end at connector frames, which are no actions.
    """
    spans = spans_of(strategy) if spans is None else spans
    grid = channels(strategy, blocks, gaps, geometry, spans)
    search = _Search(grid)
    pairs = edges(strategy) if pairs is None else list(pairs)
    ends: list[tuple[Frame, Frame, float, float]] = []
    runs: list[tuple[int, Run]] = []
    for index, ((source, target), (y_s, y_t)) in enumerate(zip(pairs, ports(pairs, blocks, spans, geometry.first_year), strict=True)):
        s, t = blocks[source], blocks[target]
        start = (spans[source][1] + 1 - geometry.first_year, y_s)
        end = (spans[target][0] - geometry.first_year, y_t)
        ends.append((s, t, y_s, y_t))
        runs += [(index, run) for run in _segments(_shortest(search, start, end, 2 * geometry.gutter))]
    track, width = _assign(runs, grid.xs)
    half = dict(grid.lines)
    room = max(0.0, geometry.gutter / 2 - head - 0.1 * geometry.gutter)
    points: dict[int, list[Point]] = {i: [(ends[i][0].right, ends[i][2])] for i in range(len(pairs))}
    for number, (index, run) in enumerate(runs):
        line = points[index]
        if run.vertical:
            dx = _offset(track[number], width[run.key], room, spacing)
            line.append((grid.xs[int(run.channel)] + dx, line[-1][1]))
        else:
            dy = _offset(track[number], width[run.key], half[run.channel] * 0.8, spacing)
            line.append((line[-1][0], run.channel + dy))
    arrows = []
    for index, (source, target) in enumerate(pairs):
        s, t, _, y_t = ends[index]
        line = points[index]
        line += [(line[-1][0], y_t), (t.x - head, y_t)]
        tip = ((t.x, y_t), (t.x - head, y_t - head * 0.5), (t.x - head, y_t + head * 0.5))
        arrows.append(Arrow(f"pijl-{source}-{target}", source, target, _clean(line), tip))
    return tuple(arrows)


def _clean(points: list[Point]) -> tuple[Point, ...]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[Point] = []
    for point in points:
        if out and abs(out[-1][0] - point[0]) < 1e-6 and abs(out[-1][1] - point[1]) < 1e-6:
            continue
        if len(out) >= 2:
            (x1, y1), (x2, y2) = out[-2], out[-1]
            if (abs(x1 - x2) < 1e-6 and abs(x2 - point[0]) < 1e-6) or (abs(y1 - y2) < 1e-6 and abs(y2 - point[1]) < 1e-6):
                out[-1] = point
                continue
        out.append(point)
    return tuple(out)
