"""Poster layout at the edges: arrows that avoid every block, large strategies, social images, limits."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

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
    expected = {f"pijl-{d}-{a.id}" for a in strategy.actions for d in a.na}
    assert {p.get("id") for p in arrows} == expected
    for path in arrows:
        points = _points(path.get("d"))
        for a, b in zip(points[:-1], points[1:], strict=True):
            for name, rect in rects.items():
                assert not _crosses(a, b, rect), f"{path.get('id')} crosses {name}"
    for action in strategy.actions:
        for dep in action.na:
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


def test_a_hundred_and_twenty_opgaven_still_fit_and_stay_legible(model):
    strategy, style = model
    big = scaled(strategy, 120)
    started = time.perf_counter()
    for name in ("strategie-in-een-beeld", "routekaart"):
        for size in ("a3", "social"):
            poster = render_poster(big, style, name, size)
            assert_texts_fit(poster.svg, style)
            sizes = [float(s) for s in re.findall(r'<text [^>]*font-size="([\d.]+)"', poster.svg)]
            assert min(sizes) >= (7.0 if size == "a3" else 15 * 0.6) - EPS  # never below legible on paper
            if size == "social":
                assert (poster.width_phys, poster.height_phys) == ("1200px", "630px")
    assert time.perf_counter() - started < 30
    roadmap = render_poster(big, style, "routekaart", "a3")
    assert roadmap.width_phys == "420mm" and float(roadmap.height_phys[:-2]) > 297  # the roadmap grows taller
    assert max(roadmap.pixels) <= 32000
    assert_arrows_avoid_blocks(roadmap.svg, big)


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
    assert_arrows_avoid_blocks(render_poster(period, style, "routekaart", "a3").svg, period)


def test_social_images_are_exactly_1200_by_630(model):
    strategy, style = model
    for name in ("strategie-in-een-beeld", "routekaart"):
        poster = render_poster(strategy, style, name, "social")
        root = ET.fromstring(poster.svg)
        assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("1200px", "630px", "0 0 1200 630")
        assert poster.pixels == (1200, 630)
