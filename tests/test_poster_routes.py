"""Dependency arrows of a large routekaart: valid, cheapest and stable routes (poster_routes)."""

from __future__ import annotations

import heapq
import sys
from bisect import bisect_left

import pytest

from koers.render.posters.roadmap import place as poster_chart
from koers.render.posters.roadmap import routes as poster_routes
from koers.render.posters.svg import render_poster
from test_posters import REPO, checked

sys.path.insert(0, str(REPO / "benchmarks"))
import synth  # the benchmark's generator of valid synthetic strategies


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """60 opgaven; every opgave waits for the previous one, which often sits far away on the poster."""
    return checked(synth.write_strategy(tmp_path_factory.mktemp("routes") / "proef", 60))


def _recorded(monkeypatch, strategy, style) -> tuple[str, list[tuple]]:
    """Render the routekaart and keep the router's arguments and arrows per sheet (exact, not rounded as in the SVG)."""
    calls: list[tuple] = []

    def recording(*args):
        arrows = poster_routes.route(*args)
        calls.append((args, arrows))
        return arrows

    monkeypatch.setattr(poster_chart, "route", recording)
    return render_poster(strategy, style, "routekaart", "a3").svg, calls


def _enters(a, b, frame, eps: float = 1e-6) -> bool:
    """Does an axis-parallel segment enter the inside of a card?"""
    (x1, y1), (x2, y2) = a, b
    inside_x = min(x1, x2) < frame.right - eps and max(x1, x2) > frame.x + eps
    inside_y = min(y1, y2) < frame.bottom - eps and max(y1, y2) > frame.y + eps
    return inside_x and inside_y


def test_large_roadmap_arrows_avoid_every_card_and_join_their_actions(synthetic, monkeypatch):
    strategy, style = synthetic
    svg, calls = _recorded(monkeypatch, strategy, style)
    # A dependency between two sheets is routed on both, each time to or from a connector box.
    assert sum(len(arrows) for _, arrows in calls) >= sum(len(a.na) for a in strategy.actions) > 500
    for args, arrows in calls:
        _, blocks, _, _, head, _, *rest = args
        pairs = rest[0] if rest else poster_routes.edges(strategy)
        assert {(a.source, a.target) for a in arrows} == set(pairs)
        _assert_routes(blocks, head, arrows)
    assert render_poster(strategy, style, "routekaart", "a3").svg == svg, "same input, same bytes"


def _assert_routes(blocks, head, arrows) -> None:
    frames = sorted(blocks.values(), key=lambda f: f.y)
    tops = [f.y for f in frames]
    tallest = max(f.height for f in frames)
    for arrow in arrows:
        s, t, points = blocks[arrow.source], blocks[arrow.target], arrow.points
        assert points[0][0] == pytest.approx(s.right) and s.y < points[0][1] < s.bottom, f"{arrow.id} leaves its card"
        assert points[-1][0] == pytest.approx(t.x - head) and t.y < points[-1][1] < t.bottom, f"{arrow.id} enters"
        assert arrow.head[0] == (t.x, points[-1][1])
        for a, b in zip(points[:-1], points[1:], strict=True):
            assert a[0] == b[0] or a[1] == b[1], f"{arrow.id} is not orthogonal"
            low, high = min(a[1], b[1]), max(a[1], b[1])
            near = frames[bisect_left(tops, low - tallest) : bisect_left(tops, high)]
            crossed = [f.id for f in near if _enters(a, b, f)]
            assert not crossed, f"{arrow.id} crosses {crossed}"


def _reference(grid: poster_routes.Channels, start, end, bend: float) -> float:
    """Cheapest cost by plain Dijkstra over every gap line, one row at a time (the router's definition)."""
    ys = sorted({y for y, _ in grid.lines})
    lines = set(ys)
    xs = grid.xs

    def column(k: int) -> list[float]:
        return sorted(set(ys) | {y for kk, y in (start, end) if kk == k})

    queue = [(0.0, start, "h")]
    best = {(start, "h"): 0.0}
    while queue:
        cost, node, way = heapq.heappop(queue)
        if node == end:
            return cost
        if cost > best[(node, way)]:
            continue
        k, y = node
        col = column(k)
        i = bisect_left(col, y)
        moves = [((k, col[j]), "v", abs(col[j] - y)) for j in (i - 1, i + 1) if 0 <= j < len(col)]
        moves = [m for m in moves if grid.free(k, y, m[0][1])]
        if y in lines:
            moves += [((o, y), "h", abs(xs[o] - xs[k])) for o in (k - 1, k + 1) if 0 <= o < len(xs)]
        for target, new_way, length in moves:
            total = cost + length + (bend if new_way != way else 0.0)
            if total < best.get((target, new_way), float("inf")) - 1e-9:
                best[(target, new_way)] = total
                heapq.heappush(queue, (total, target, new_way))
    raise AssertionError("no route")


def _cost(path, xs, bend: float) -> float:
    """Length plus a bend per straight run (the first run already turns away from the card's edge)."""
    runs = poster_routes._segments(path)
    length = sum(abs(r.end - r.start) if r.vertical else abs(xs[int(r.end)] - xs[int(r.start)]) for r in runs)
    return length + bend * len(runs)


@pytest.mark.parametrize("which", ["example", "synthetic"])
def test_routes_are_as_cheap_as_a_search_over_every_row(which, synthetic, monkeypatch):
    strategy, style = synthetic if which == "synthetic" else checked(REPO)
    _, calls = _recorded(monkeypatch, strategy, style)
    (_, blocks, gaps, geometry, _, _, *rest), _ = max(calls, key=lambda call: len(call[1]))  # the busiest sheet
    pairs, spans = rest if rest else (poster_routes.edges(strategy), poster_routes.spans_of(strategy))
    grid = poster_routes.channels(strategy, blocks, gaps, geometry, spans)
    search = poster_routes._Search(grid)
    bend = 2 * geometry.gutter
    # Every arrow of the example; of the synthetic strategy the long ones between opgaven and a sample.
    picked = [p for n, p in enumerate(pairs) if which == "example" or p[0][:5] != p[1][:5] or n % 25 == 0]
    assert len(picked) > 10
    for source, target in picked:
        s, t = blocks[source], blocks[target]
        start = (spans[source][1] + 1 - strategy.van, s.y + s.height / 2)
        end = (spans[target][0] - strategy.van, t.y + t.height / 2)
        path = poster_routes._shortest(search, start, end, bend)
        assert path[0] == start and path[-1] == end
        for (k1, y1), (k2, y2) in zip(path[:-1], path[1:], strict=True):
            assert k1 == k2 or y1 == y2, "orthogonal"
            assert k1 != k2 or grid.free(k1, y1, y2), f"{source} → {target} runs through a card"
        assert _cost(path, grid.xs, bend) == pytest.approx(_reference(grid, start, end, bend)), (source, target)
