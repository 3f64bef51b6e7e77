"""Readable dependency arrows on the routekaart, measured on the placed layout of every sheet and size.

Strategies: the example, the second strategy and a generated roadmap of 66 actions in which,
as in real roadmaps, seven actions of other opgaven wait on one action. Measured (tests/support/arrows):
no arrow line through a block, a connector or any text; none left of the first year column;
no two arrows' parallel runs or ends on one block edge closer than twice the line width.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from koers.render.posters.svg import SIZES, lay_out
from support.arrows import measure
from support.projects import CASES, REPO, make_project
from test_paper_sizes import roadmap_of
from test_posters import checked


def _fan_out(strategy, waiting: int = 7):
    """The last action of each of the next `waiting` opgaven waits on the first action of the first."""
    first = strategy.opgaven[0].acties[0]
    opgaven, added = list(strategy.opgaven), 0
    for index, opgave in enumerate(opgaven[1:], 1):
        last = opgave.acties[-1]
        if added < waiting and last.van > first.tot and first.id not in last.na:
            opgaven[index] = replace(opgave, acties=opgave.acties[:-1] + (replace(last, na=last.na + (first.id,)),))
            added += 1
    assert added == waiting
    return replace(strategy, opgaven=tuple(opgaven))


@pytest.fixture(scope="module")
def strategies(tmp_path_factory):
    root = tmp_path_factory.mktemp("pijlen")
    out = {"voorbeeld": checked(REPO)}
    out["tweede-strategie"] = checked(make_project(root / "tweede", CASES / "valid" / "tweede-strategie" / "content"))
    phased, style = checked(make_project(root / "fasen", CASES / "valid" / "routekaart-fasen" / "content"))
    out["66-acties"] = (_fan_out(roadmap_of(phased, 22)), style)
    return out


@pytest.mark.parametrize("size", ["a3", "a1", "a0"])
@pytest.mark.parametrize("name", ["voorbeeld", "tweede-strategie", "66-acties"])
def test_arrows_cross_nothing_and_keep_apart(strategies, name, size):
    strategy, style = strategies[name]
    sheets = lay_out(strategy, style, "routekaart", SIZES[size])
    total = 0
    for sheet in sheets:
        stroke = max(0.6, sheet.page.base * 0.11)  # as drawn (render.posters.svg)
        found = measure(sheet, stroke, 2 * stroke)
        assert found.problems == [], f"{name} {size}: {found.problems[:5]}"
        # Bends are kept down by the router's cost per bend; no arrow zigzags.
        assert max(found.bends, default=0) <= 6
        total += found.arrows
    assert total >= sum(len(a.na) for a in strategy.actions) > 20


def test_arrows_between_facing_blocks_run_straight(strategies):
    """A dependency on the block right before it in the same row is one straight line."""
    strategy, style = strategies["66-acties"]
    sheet = lay_out(strategy, style, "routekaart", SIZES["a1"])[0]
    blocks = {blk.action.id: blk.frame for row in sheet.rows for blk in getattr(row, "blocks", ())}
    facing = [
        a
        for a in sheet.arrows
        if abs(blocks[a.source].y - blocks[a.target].y) < 1e-6 and strategy.action_by_id[a.source].tot + 1 == strategy.action_by_id[a.target].van
    ]
    assert len(facing) > 10
    assert all(len(a.points) == 2 for a in facing), [a.id for a in facing if len(a.points) != 2]


def test_the_measure_finds_what_it_looks_for(strategies):
    """The measure itself: an arrow moved onto another's line and one through the label column are reported."""
    strategy, style = strategies["voorbeeld"]
    sheet = lay_out(strategy, style, "routekaart", SIZES["a3"])[0]
    bent = next(a for a in sheet.arrows if len(a.points) >= 4)
    twin = replace(bent, id="pijl-kopie", points=tuple((x + 0.2, y) for x, y in bent.points))
    left = replace(bent, id="pijl-links", points=((bent.points[0][0], bent.points[0][1]), (20.0, bent.points[0][1])))
    found = measure(replace(sheet, arrows=sheet.arrows + (twin, left)), 0.8, 1.6)
    assert any("pijl-kopie" in s for s in found.shared)
    assert any("pijl-links" in s for s in found.label_column)
    assert any("pijl-links" in s for s in found.crossings)  # it runs through its source block and the lane's label
