"""Poster layout at the edges: arrows that avoid every block, large strategies, social images, limits."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from koers.render.posters import fitting
from koers.render.posters.bands import DoesNotFit
from koers.render.posters.svg import render_poster
from test_posters import REPO, SVG, assert_texts_fit, checked

EPS = 0.01


@pytest.fixture(scope="module")
def model():
    return checked(REPO)


def scaled(strategy, count: int):
    """A strategy with `count` opgaven, copied round-robin from the example with unique ids."""
    out = []
    for index in range(count):
        opgave = strategy.opgaven[index % len(strategy.opgaven)]
        ids = {a.id: f"{a.id}-{index}" for a in opgave.acties}
        acties = tuple(
            replace(a, id=ids[a.id], opgave=f"{opgave.id}-{index}", na=tuple(ids[d] for d in a.na if d in ids))
            for a in opgave.acties
        )
        out.append(replace(opgave, id=f"{opgave.id}-{index}", titel=f"{opgave.titel} {index}", acties=acties))
    return replace(strategy, opgaven=tuple(out))


def _points(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", d)]


def _crosses(a: tuple[float, float], b: tuple[float, float], rect: tuple[float, float, float, float]) -> bool:
    """Does an axis-parallel segment enter the inside of a rectangle?"""
    x, y, w, h = rect
    (x1, y1), (x2, y2) = a, b
    if abs(y1 - y2) < 1e-9:
        return y + EPS < y1 < y + h - EPS and min(x1, x2) < x + w - EPS and max(x1, x2) > x + EPS
    assert abs(x1 - x2) < 1e-9, "arrows are orthogonal"
    return x + EPS < x1 < x + w - EPS and min(y1, y2) < y + h - EPS and max(y1, y2) > y + EPS


def assert_arrows_avoid_blocks(svg: str, strategy) -> int:
    root = ET.fromstring(svg)
    rects = {
        r.get("id"): tuple(float(r.get(k)) for k in ("x", "y", "width", "height"))
        for r in root.iter(f"{SVG}rect")
        if re.fullmatch(r"actie-[a-z0-9-]+", r.get("id", ""))
    }
    blocks = {k: v for k, v in rects.items() if not k.endswith("-status")}
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("id", "").startswith("pijl-")]
    # On one sheet of several: the arrows between two actions on it (the others end in connector boxes).
    here = {a for a in strategy.actions if f"actie-{a.id}" in blocks}
    pairs = [(d, a) for a in here for d in a.na if f"actie-{d}" in blocks]
    expected = {f"pijl-{d}-{a.id}" for d, a in pairs}
    assert {p.get("id") for p in arrows if "verbinding-" not in p.get("id")} == expected
    for path in arrows:
        points = _points(path.get("d"))
        for a, b in zip(points[:-1], points[1:], strict=True):
            for name, rect in rects.items():
                assert not _crosses(a, b, rect), f"{path.get('id')} crosses {name}"
    for dep, action in pairs:
        points = _points(next(p.get("d") for p in arrows if p.get("id") == f"pijl-{dep}-{action.id}"))
        sx, sy, sw, sh = blocks[f"actie-{dep}"]
        tx, ty, tw, th = blocks[f"actie-{action.id}"]
        assert abs(points[0][0] - (sx + sw)) < 3 * EPS and sy < points[0][1] < sy + sh, "leaves at the right edge"
        assert ty < points[-1][1] < ty + th and 0 < tx - points[-1][0] < 0.2 * tw, "enters at the left edge"
    return len(arrows)


def test_dependency_arrows_never_cross_a_block(model):
    strategy, style = model
    for size in ("a3", "a1"):
        assert assert_arrows_avoid_blocks(render_poster(strategy, style, "routekaart", size).svg, strategy) > 20


def test_second_strategy_arrows(second):
    strategy, style = checked(second)
    assert_arrows_avoid_blocks(render_poster(strategy, style, "routekaart", "a3").svg, strategy)


def test_a_hundred_and_twenty_opgaven_stay_legible_on_sheets_of_their_paper_size(model):
    strategy, style = model
    big = scaled(strategy, 120)
    roadmap = render_poster(big, style, "routekaart", "a3")
    assert len(roadmap.sheets) > 3 and roadmap.pixels == (2480, 1754)
    for number, svg in enumerate(roadmap.sheets, 1):
        assert re.search(r'<svg [^>]*width="420mm" height="297mm" viewBox="0 0 1190.55 841.89"', svg)
        assert f"blad {number} van {len(roadmap.sheets)}" in svg
        assert_texts_fit(svg, style)
        sizes = [float(s) for s in re.findall(r'<text [^>]*font-size="([\d.]+)"', svg)]
        assert min(sizes) >= 7.0 - EPS  # never below legible on paper
    shown = set()
    for svg in roadmap.sheets:
        shown |= set(re.findall(r'<rect id="actie-([a-z0-9-]+?)"', svg)) - {""}
    assert {a.id for a in big.actions} <= shown  # no action left out
    social = render_poster(big, style, "routekaart", "social")
    assert (social.width_phys, social.height_phys) == ("1200px", "630px")
    # The strategy poster never grows: at 120 opgaven check refuses it on A3 (and the render never makes a taller page).
    assert ("strategie", "opgaven") in {place for place, _, _ in fitting.problems(big, style)}
    with pytest.raises(DoesNotFit):
        render_poster(big, style, "strategie-in-een-beeld", "a3")


def test_many_opgaven_show_fewer_fields_before_text_gets_too_small(model):
    strategy, style = model
    svg = render_poster(scaled(strategy, 40), style, "strategie-in-een-beeld", "a3").svg
    ids = re.findall(r'<text id="(kaart-[a-z0-9-]+)"', svg)
    assert any(i.endswith("-stip") for i in ids) or all(not i.endswith("-koers") for i in ids)
    assert not any(i.endswith("-koers") for i in ids), "40 cards on A3 leave no room for the koers"
    assert_texts_fit(svg, style)


@pytest.mark.parametrize("count", [1, 10])
def test_short_and_long_periods_get_a_column_per_year(model, count):
    strategy, style = model
    first = 2021
    years = tuple(
        replace(strategy.years[0], jaar=first + i, titel="", body="", source=None, slug=str(first + i), label=str(first + i), short=str(first + i))
        for i in range(count)
    )

    def inside(action):
        return replace(action, van=first, tot=first) if count == 1 else action

    opgaven = tuple(replace(o, acties=tuple(inside(a) for a in o.acties)) for o in strategy.opgaven)
    period = replace(strategy, van=first, tot=first + count - 1, years=years, opgaven=opgaven)
    for name in ("strategie-in-een-beeld", "routekaart"):
        for size in ("a3", "social"):
            svg = render_poster(period, style, name, size).svg
            assert_texts_fit(svg, style)
            assert all(f'id="jaar-{y}' in svg for y in range(first, first + count))
    for svg in render_poster(period, style, "routekaart", "a3").sheets:
        assert_arrows_avoid_blocks(svg, period)


def test_social_images_are_exactly_1200_by_630(model):
    strategy, style = model
    for name in ("strategie-in-een-beeld", "routekaart"):
        poster = render_poster(strategy, style, name, "social")
        root = ET.fromstring(poster.svg)
        assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("1200px", "630px", "0 0 1200 630")
        assert poster.pixels == (1200, 630)
