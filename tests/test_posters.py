"""Poster SVGs: structure, accessibility, determinism, golden files and that no text leaves its box.

Every <text> is measured again here, independently of the layout code: with the
theme's font files (plain advance widths, as cairosvg draws) and the font's
full ascent and descent, and must lie inside the rectangle it names
(data-frame) and inside the page, without touching any other text.
Refresh the golden files with KOERS_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from koers.pipeline.check import check
from koers.render.posters.svg import OVERVIEW, ROADMAP, render_poster, render_posters
from koers.render.text import load_metrics

REPO = Path(__file__).resolve().parents[1]
NAMES = (OVERVIEW, ROADMAP)  # the two posters of a strategy without `poster: {vorm: een}` (test_poster_combined has the one)
GOLDEN = REPO / "tests" / "golden"
SVG = "{http://www.w3.org/2000/svg}"
HEX = re.compile(r"^#[0-9a-f]{6}$")
EPS = 0.01


def checked(project: Path):
    result = check(project)
    assert not result.report.errors, result.report.as_text()
    return result.strategy, result.style


@pytest.fixture(scope="module")
def example_model():
    return checked(REPO)


@pytest.fixture(scope="module")
def example_posters(example_model):
    return render_posters(*example_model)


def _width(line: str, metrics, size: float) -> float:
    units = sum(metrics.advances.get(ord(c), metrics.notdef_advance) for c in line)
    return units * size / metrics.units_per_em


def text_boxes(svg: str, style) -> tuple[dict[str, tuple[float, float, float, float]], list[tuple[str, str, tuple]]]:
    """Rectangles by id, and (text id, frame id, (left, top, right, bottom)) for every text, measured anew."""
    regular, bold = load_metrics(style.fonts.regular), load_metrics(style.fonts.bold)
    root = ET.fromstring(svg)
    rects = {
        r.get("id"): (float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("width")), float(r.get("height")))
        for r in root.iter(f"{SVG}rect")
        if r.get("id")
    }
    boxes = []
    for text in root.iter(f"{SVG}text"):
        metrics = bold if text.get("font-weight") == "bold" else regular
        size = float(text.get("font-size"))
        anchor = text.get("text-anchor", "start")
        ascent = metrics.ascender * size / metrics.units_per_em
        descent = -metrics.descender * size / metrics.units_per_em
        left = top = float("inf")
        right = bottom = float("-inf")
        for tspan in text.findall(f"{SVG}tspan"):
            x, y = float(tspan.get("x")), float(tspan.get("y"))
            width = _width(tspan.text or "", metrics, size)
            start = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            left, right = min(left, start), max(right, start + width)
            top, bottom = min(top, y - ascent), max(bottom, y + descent)
        boxes.append((text.get("id"), text.get("data-frame"), (left, top, right, bottom)))
    return rects, boxes


def assert_texts_fit(svg: str, style) -> None:
    """Every text inside its frame and the page, and no two texts overlapping."""
    root = ET.fromstring(svg)
    _, _, page_w, page_h = (float(v) for v in root.get("viewBox").split())
    rects, boxes = text_boxes(svg, style)
    assert boxes, "a poster without text"
    for text_id, frame_id, (left, top, right, bottom) in boxes:
        assert frame_id in rects, f"{text_id}: frame {frame_id!r} not found"
        x, y, w, h = rects[frame_id]
        assert left >= x - EPS and right <= x + w + EPS, f"{text_id} sticks out of {frame_id} horizontally"
        assert top >= y - EPS and bottom <= y + h + EPS, f"{text_id} sticks out of {frame_id} vertically"
        assert left >= -EPS and top >= -EPS and right <= page_w + EPS and bottom <= page_h + EPS, text_id
    ordered = sorted(boxes, key=lambda b: b[2][0])
    for index, (first, _, a) in enumerate(ordered):
        for second, _, b in ordered[index + 1 :]:
            if b[0] >= a[2] - EPS:
                break
            overlap = min(a[2], b[2]) - max(a[0], b[0]) > EPS and min(a[3], b[3]) - max(a[1], b[1]) > EPS
            assert not overlap, f"{first} and {second} overlap"


def test_both_posters_in_four_sizes(example_posters):
    expected = [(n, s) for n in NAMES for s in ("a3", "a1", "a0", "social")] + [("stand-van-zaken-2023", "social"), ("stand-van-zaken-2024", "social")]
    assert [(p.name, p.size) for p in example_posters] == expected
    assert {p.filename for p in example_posters} >= {"strategie-in-een-beeld-a3.svg", "routekaart-social.svg"}
    sizes = {(p.name, p.size): (p.width_phys, p.height_phys, p.pixels) for p in example_posters}
    assert sizes[("strategie-in-een-beeld", "a3")] == ("420mm", "297mm", (2480, 1754))
    assert sizes[("routekaart", "a3")] == ("420mm", "297mm", (2480, 1754)), "the example roadmap must fit on A3"
    assert sizes[("strategie-in-een-beeld", "a1")] == ("594mm", "841mm", (3508, 4967))
    assert sizes[("strategie-in-een-beeld", "a0")] == ("841mm", "1189mm", (4967, 7022))
    assert sizes[("routekaart", "social")] == ("1200px", "630px", (1200, 630))


def test_every_text_lies_inside_its_box_and_the_page(example_posters, example_model):
    for poster in example_posters:
        assert_texts_fit(poster.svg, example_model[1])


def test_svg_is_accessible_self_contained_and_printable(example_posters, example_model):
    style = example_model[1]
    for poster in example_posters:
        root = ET.fromstring(poster.svg)
        assert root.get("role") == "img" and root.get("lang") == "nl"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title.text == poster.title and desc.text == poster.description
        assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
        assert root.get("font-family") == style.fonts.family  # one family name: cairosvg uses only the first
        style_text = root.find(f"{SVG}style").text
        assert style_text.count("@font-face") == 2 and "data:font/woff2;base64," in style_text
        for element in root.iter():
            for attribute in ("fill", "stroke"):
                value = element.get(attribute)
                assert value is None or value == "none" or HEX.match(value), f"{attribute}={value} (hex only)"
        assert "hsl(" not in poster.svg and "rgb(" not in poster.svg
        assert "http://" not in poster.svg.replace("http://www.w3.org/", "")  # nothing loaded from elsewhere
        images = [i for i in root.iter(f"{SVG}image")]
        assert all(i.get("{http://www.w3.org/1999/xlink}href").startswith("data:image/") for i in images)
        words = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
        assert example_model[0].titel in words or poster.size == "social" and "Routekaart" in poster.title


def test_reading_order_follows_the_content(example_posters, example_model):
    strategy = example_model[0]
    svg = next(p.svg for p in example_posters if p.name == "strategie-in-een-beeld" and p.size == "a3")
    order = [t.get("id") for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert order.index("held-ambitie") < order.index("held-visie") < order.index("agenda-label")
    cards = [i for i in order if re.fullmatch(r"kaart-[a-z0-9-]+-titel", i)]
    expected = [f"kaart-{o.id}-titel" for _, opgaven in strategy.matrix for o in opgaven]
    assert cards == expected
    roadmap = next(p.svg for p in example_posters if p.name == "routekaart" and p.size == "a3")
    blocks = [t.get("id") for t in ET.fromstring(roadmap).iter(f"{SVG}text") if t.get("id", "").startswith("actie-")]
    assert blocks == [f"actie-{a.id}-titel" for _, opgaven in strategy.matrix for o in opgaven for a in o.acties]


def test_roadmap_has_a_legend_and_every_action_a_status_icon(example_posters):
    svg = next(p.svg for p in example_posters if p.name == "routekaart" and p.size == "a3")
    root = ET.fromstring(svg)
    legend = {
        t.get("id"): "".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("id", "").startswith("legenda-")
    }
    assert {legend[f"legenda-{s}"] for s in ("gepland", "lopend", "gereed", "vertraagd", "gestopt")} == {
        "Gepland",
        "Lopend",
        "Gereed",
        "Vertraagd",
        "Gestopt",
    }
    for group in root.iter(f"{SVG}g"):
        if re.fullmatch(r"actie-[a-z0-9-]+-groep", group.get("id", "")):
            assert group.findall(f"{SVG}path"), f"{group.get('id')} has no status icon"


def test_same_content_gives_byte_identical_svg(example_model):
    first = render_poster(*example_model, "routekaart", "a3").svg
    assert render_poster(*example_model, "routekaart", "a3").svg == first
    code = (
        "import hashlib, sys; from pathlib import Path; from koers.pipeline.check import check; "
        "from koers.render.posters.svg import render_poster; c = check(Path(sys.argv[1])); "
        "print(hashlib.sha256(render_poster(c.strategy, c.style, 'routekaart', 'a3').svg.encode()).hexdigest())"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    other = subprocess.run([sys.executable, "-c", code, str(REPO)], capture_output=True, text=True, env=env, check=True)
    assert other.stdout.strip() == hashlib.sha256(first.encode()).hexdigest()


def _reviewable(svg: str) -> str:
    """The SVG with embedded fonts and images replaced by their hashes, so golden diffs stay readable."""

    def digest(match: re.Match[str]) -> str:
        return f"{match[1]}sha256-{hashlib.sha256(match[2].encode()).hexdigest()[:16]}"

    return re.sub(r"(data:[a-z/+0-9.-]+;base64,)([A-Za-z0-9+/=]+)", digest, svg)


@pytest.mark.parametrize("name", NAMES)
def test_golden_a3(example_model, name):
    svg = _reviewable(render_poster(*example_model, name, "a3").svg)
    golden = GOLDEN / f"{name}-a3.svg"
    if os.environ.get("KOERS_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(svg, encoding="utf-8")
    assert golden.is_file(), "no golden file yet: run with KOERS_UPDATE_GOLDEN=1 and review it"
    assert svg == golden.read_text(encoding="utf-8"), f"{golden.name} changed: review, then KOERS_UPDATE_GOLDEN=1"


def test_hostile_titles_stay_text(example_model):
    strategy, style = example_model
    hostile = "</text><script>alert(1)</script> & <b>\"'"
    first = strategy.opgaven[0]
    action = replace(first.acties[0], titel=hostile)
    opgave = replace(first, titel=hostile, stip=hostile, acties=(action,) + first.acties[1:])
    changed = replace(strategy, titel=hostile, opgaven=(opgave,) + strategy.opgaven[1:])
    for name in NAMES:
        for size in ("a3", "social"):
            svg = render_poster(changed, style, name, size).svg
            root = ET.fromstring(svg)
            assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
            words = " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text"))
            assert "<script>" in words or "<script>" in root.find(f"{SVG}desc").text
            assert_texts_fit(svg, style)


def test_second_strategy_with_four_sources_fits(second):
    strategy, style = checked(second)
    assert len(strategy.opgaven) >= 9 and len(strategy.sources) == 4
    for poster in render_posters(strategy, style):
        assert_texts_fit(poster.svg, style)
        if poster.size == "a3":
            assert poster.height_phys == "297mm"
