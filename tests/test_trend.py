"""Indicator trends (render/trend.py): which values are numbers, the series, the on-track verdict, the chart and its colours.

The chart is parsed as XML and measured: its title and desc resolve, every mark lies in the viewBox, the doel
differs from the metingen by shape and line style, hostile names stay text, and the same input gives the same bytes.
The colours are checked against WCAG on the example's house style and on arbitrary ones.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koers.content.model import Indicator, Strategy
from koers.dutch import dutch_number
from koers.housestyle.colour import contrast
from koers.pipeline.check import check
from koers.render.trend import (
    BEHIND,
    MET,
    ON_TRACK,
    UNKNOWN,
    ChartColours,
    Reading,
    chart_colours,
    chart_svg,
    describe,
    format_reading,
    indicator_rows,
    read_value,
    rows,
    trend,
    verdict,
)
from support.projects import CASES, REPO, make_project

SVG = "{http://www.w3.org/2000/svg}"
COLOURS = ChartColours(line="#1b3a6b", target="#c75b12", text="#1c2530", grid="#bbbec1", background="#ffffff")
HEX = st.integers(0, 0xFFFFFF).map(lambda v: f"#{v:06x}")


def checked(project):
    result = check(project)
    assert not result.report.errors, result.report.as_text()
    assert result.strategy is not None and result.style is not None
    return result.strategy, result.style


@pytest.fixture(scope="module")
def example():
    return checked(REPO)


@pytest.fixture(scope="module")
def phased(tmp_path_factory: pytest.TempPathFactory):
    return checked(make_project(tmp_path_factory.mktemp("fasen") / "p", CASES / "valid" / "routekaart-fasen" / "content"))


@pytest.fixture(scope="module")
def strategy(example) -> Strategy:
    """The example strategy (period 2022–2026) as the frame for made-up indicators."""
    assert (example[0].van, example[0].tot) == (2022, 2026)
    return example[0]


def indicator(nulmeting: str = "5%", doel: str = "60%", jaar: int | None = 2026, **metingen: str) -> Indicator:
    """An indicator with metingen given as y2023="25%"."""
    measured = tuple(sorted((int(k[1:]), v) for k, v in metingen.items()))
    return Indicator("Voorstellen met datalabel", doel=doel, nulmeting=nulmeting, jaar=jaar, metingen=measured)


# --- reading values ---------------------------------------------------------------------------------

NUMBERS = [
    ("40", 40.0, "", None),
    ("40%", 40.0, "%", None),
    ("40 %", 40.0, "%", None),
    ("40\u00a0%", 40.0, "%", None),
    ("40 procent", 40.0, "%", None),
    (" 62% ", 62.0, "%", None),
    ("1.200", 1200.0, "", None),
    ("12.345.678", 12345678.0, "", None),
    ("1200", 1200.0, "", None),
    ("3,5", 3.5, "", None),
    ("1.200,75", 1200.75, "", None),
    ("0", 0.0, "", None),
    ("0,5", 0.5, "", None),
    ("-2", -2.0, "", None),
    ("\u22122,5", -2.5, "", None),
    ("+5%", 5.0, "%", None),
    ("-0", 0.0, "", None),
    ("€ 1.200", 1200.0, "€", None),
    ("€1.200,50", 1200.5, "€", None),
    ("€ 1.200,-", 1200.0, "€", None),
    ("€ -5", -5.0, "€", None),
    ("-€ 5", -5.0, "€", None),
    ("1.200 euro", 1200.0, "€", None),
    ("4 van 5", 4.0, "", 5.0),
    ("7,5 van 10", 7.5, "", 10.0),
    ("0 van 5", 0.0, "", 5.0),
    ("8 weken", 8.0, "weken", None),
    ("12 Dagen", 12.0, "dagen", None),
]

TEXT = [
    "",
    "   ",
    "nog niet gemeten",
    "hoog",
    "onbekend voor 51%",
    "1.2.3",
    "1.2",
    "7.5",
    "1.20",
    "1.2000",
    "0.500",
    "05",
    "40%-50%",
    "40-50",
    "ca. 40%",
    "> 40",
    "40+",
    "40 of meer",
    "40 ongeveer",
    "4 van",
    "van 5",
    "6 van 5",
    "4 van 0",
    "4 van 5 van 6",
    "-€ -5",
    "€ 1,50,-",
    "1,2 mln euro",
    "3,5,5",
    ",5",
    "1.200,",
    "40%%",
    "2023-12-16",
    "1e",
    "NaN",
    "inf",
    "1e3",
]


@pytest.mark.parametrize(("text", "value", "unit", "of"), NUMBERS)
def test_values_in_dutch_notation_read_as_numbers(text: str, value: float, unit: str, of: float | None) -> None:
    assert read_value(text) == Reading(value, unit, of, text)


@pytest.mark.parametrize("text", TEXT)
def test_text_and_ambiguous_values_are_not_numbers(text: str) -> None:
    assert read_value(text) is None


def test_minus_zero_is_plain_zero() -> None:
    reading = read_value("-0")
    assert reading is not None and str(reading.value) == "0.0"


def _dutch(whole: int, fraction: str) -> str:
    """A number written the Dutch way by hand (thousands with a point, decimals after a comma)."""
    groups = f"{whole:,}".replace(",", ".")
    return groups + ("," + fraction if fraction else "")


@settings(max_examples=300)
@given(
    whole=st.integers(0, 10**12),
    fraction=st.text("0123456789", max_size=4),
    negative=st.booleans(),
    form=st.sampled_from(["{n}", "{n}%", "{n} %", "{n} procent", "€ {n}", "€{n}", "{n} euro", "{n} weken"]),
)
def test_dutch_numbers_read_back_as_written(whole: int, fraction: str, negative: bool, form: str) -> None:
    number = ("-" if negative else "") + _dutch(whole, fraction)
    text = form.format(n=number)
    reading = read_value(text)
    assert reading is not None, text
    expected = float(f"{whole}.{fraction or '0'}") * (-1 if negative else 1)
    assert reading.value == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert reading.unit == {"%": "%", "p": "%", "€": "€", "e": "€", "w": "weken"}.get(form.replace("{n}", "").strip()[:1], "")
    assert reading.of is None and reading.text == text


@given(value=st.floats(-1e9, 1e9, allow_nan=False), decimals=st.integers(0, 3))
def test_what_koers_itself_writes_in_dutch_reads_back(value: float, decimals: int) -> None:
    text = dutch_number(value, decimals)
    reading = read_value(text)
    assert reading is not None, text
    assert reading.value == pytest.approx(round(value, decimals), abs=10**-decimals)


@given(st.text(max_size=40))
def test_any_text_reads_as_a_number_or_none_and_never_fails(text: str) -> None:
    reading = read_value(text)
    assert reading is None or (reading.text == text and reading.value == reading.value)


@pytest.mark.parametrize(
    ("text", "shown"),
    [("0", "0"), ("40%", "40%"), ("€ 1.200,-", "€ 1.200"), ("4 van 5", "4 van 5"), ("3,25", "3,25"), ("8 weken", "8 weken"), ("1.200,5", "1.200,5")],
)
def test_a_reading_is_written_back_in_dutch(text: str, shown: str) -> None:
    reading = read_value(text)
    assert reading is not None and format_reading(reading) == shown


# --- the series -------------------------------------------------------------------------------------


def test_the_series_runs_from_nulmeting_through_metingen_to_doel(strategy) -> None:
    series = trend(strategy, indicator(y2023="25%", y2024="40%"))
    assert series is not None and series.unit == "%" and series.of is None
    assert [(p.year, p.kind) for p in series.points] == [(2022, "nulmeting"), (2023, "meting"), (2024, "meting"), (2026, "doel")]
    assert rows(series) == (("2022", "nulmeting", "5%"), ("2023", "meting", "25%"), ("2024", "meting", "40%"), ("2026", "doel", "60%"))


def test_the_doel_stands_at_its_year_or_at_the_end_of_the_period(strategy) -> None:
    at_year = trend(strategy, indicator(jaar=2024))
    without = trend(strategy, indicator(jaar=None))
    assert at_year is not None and at_year.target is not None and at_year.target.year == 2024
    assert without is not None and without.target is not None and without.target.year == strategy.tot == 2026


def test_a_meting_in_the_first_year_moves_the_nulmeting_before_the_period(strategy) -> None:
    series = trend(strategy, indicator(y2022="8%", y2024="30%"))
    assert series is not None
    assert rows(series)[:2] == (("vóór 2022", "nulmeting", "5%"), ("2022", "meting", "8%"))
    assert series.points[0].year == 2021


def test_a_phased_strategy_keeps_calendar_years(phased) -> None:
    strategy, _ = phased
    assert strategy.phased and (strategy.van, strategy.tot) == (2025, 2028)
    measured = next(i for o in strategy.opgaven for i in o.indicatoren if i.metingen)
    assert measured.metingen == ((2025, "18%"),)
    series = trend(strategy, measured)
    assert series is not None
    assert rows(series) == (("vóór 2025", "nulmeting", "10%"), ("2025", "meting", "18%"), ("2028", "doel", "60%"))
    # 10% in 2024 to 60% in 2028 expects 22,5% in 2025: 18% is behind; before 2025 nothing was measured.
    assert (verdict(strategy, measured, 2024), verdict(strategy, measured, 2025)) == (UNKNOWN, BEHIND)


def test_mixed_units_are_not_drawn_but_keep_their_rows(strategy) -> None:
    mixed = indicator(nulmeting="40", doel="60%", y2023="45%")
    assert trend(strategy, mixed) is None
    assert indicator_rows(strategy, mixed) == (("2022", "nulmeting", "40"), ("2023", "meting", "45%"), ("2026", "doel", "60%"))
    assert trend(strategy, indicator(nulmeting="2 van 5", doel="5 van 6")) is None
    assert trend(strategy, indicator(nulmeting="€ 5", doel="5 euro")) is not None
    assert trend(strategy, indicator(nulmeting="8 weken", doel="5 dagen")) is None


def test_a_bare_zero_takes_the_unit_of_the_others(strategy) -> None:
    series = trend(strategy, indicator(nulmeting="0", doel="25%", y2024="10%"))
    assert series is not None and series.unit == "%"
    assert series.points[0].reading == Reading(0.0, "%", None, "0")
    assert series.points[0].shown == "0%" and rows(series)[0] == ("2022", "nulmeting", "0")
    out_of = trend(strategy, indicator(nulmeting="0", doel="5 van 5"))
    assert out_of is not None and (out_of.unit, out_of.of) == ("", 5.0) and out_of.points[0].shown == "0 van 5"
    zeros = trend(strategy, indicator(nulmeting="0", doel="0"))
    assert zeros is not None and zeros.unit == "" and zeros.of is None


def test_fewer_than_two_numbers_make_no_trend(strategy) -> None:
    assert trend(strategy, indicator(nulmeting="nog niet gemeten", doel="60%")) is None
    assert trend(strategy, indicator(nulmeting="", doel="")) is None
    assert trend(strategy, indicator(nulmeting="hoog", doel="laag", y2023="midden")) is None
    assert trend(strategy, indicator(nulmeting="", doel="60%", y2024="40%")) is not None


def test_values_that_are_text_stay_in_the_series_but_are_not_drawn(strategy) -> None:
    series = trend(strategy, indicator(y2023="25%", y2024="niet gemeten"))
    assert series is not None
    assert [p.kind for p in series.drawn] == ["nulmeting", "meting", "doel"]
    assert rows(series)[2] == ("2024", "meting", "niet gemeten")
    assert "gemeten 2024: niet gemeten (geen getal, niet in de grafiek)" in describe(series)


# --- on track ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nulmeting", "doel", "metingen", "year", "expected"),
    [
        # Higher is better: 5% → 60% from 2022 to 2026, so 18,75% expected in 2023, 32,5% in 2024, 46,25% in 2025.
        ("5%", "60%", {2023: "25%"}, 2023, ON_TRACK),
        ("5%", "60%", {2023: "18,75%"}, 2023, ON_TRACK),
        ("5%", "60%", {2023: "15%"}, 2023, BEHIND),
        ("5%", "60%", {2023: "25%", 2024: "30%"}, 2024, BEHIND),
        ("5%", "60%", {2023: "25%", 2024: "40%"}, 2024, ON_TRACK),
        ("5%", "60%", {2023: "25%", 2024: "40%"}, 2025, BEHIND),  # the 2024 value against what 2025 expects
        ("5%", "60%", {2023: "25%", 2024: "10%"}, 2023, ON_TRACK),  # a later meting is not known yet in 2023
        ("5%", "60%", {2024: "60%"}, 2024, MET),
        ("5%", "60%", {2024: "72%"}, 2025, MET),
        ("5%", "60%", {2023: "70%", 2024: "55%"}, 2024, ON_TRACK),  # reached once, then fell back: the latest counts
        ("5%", "60%", {2023: "25%", 2024: "geen meting"}, 2024, BEHIND),  # a meting that is text is skipped
        # Lower is better: 18% → 5% from 2022 to 2026, so 14,75% expected in 2023.
        ("18%", "5%", {2023: "14%"}, 2023, ON_TRACK),
        ("18%", "5%", {2023: "16%"}, 2023, BEHIND),
        ("18%", "5%", {2023: "20%"}, 2023, BEHIND),
        ("18%", "5%", {2025: "4%"}, 2025, MET),
        ("18%", "5%", {2025: "5%"}, 2026, MET),
        # After the doel's year the expectation stays at the doel.
        ("0", "10", {2026: "9"}, 2026, BEHIND),
        # Unknown: something missing, no direction, nothing measured yet, mixed units.
        ("5%", "60%", {}, 2024, UNKNOWN),
        ("5%", "60%", {2024: "40%"}, 2023, UNKNOWN),
        ("", "60%", {2024: "40%"}, 2024, UNKNOWN),
        ("5%", "", {2024: "40%"}, 2024, UNKNOWN),
        ("nog niet gemeten", "60%", {2024: "40%"}, 2024, UNKNOWN),
        ("5%", "hoog", {2024: "40%"}, 2024, UNKNOWN),
        ("5%", "60%", {2024: "veel"}, 2024, UNKNOWN),
        ("7,5", "7,5", {2024: "8"}, 2024, UNKNOWN),
        ("5%", "60", {2024: "40%"}, 2024, UNKNOWN),
    ],
)
def test_the_on_track_rule(strategy, nulmeting: str, doel: str, metingen: dict[int, str], year: int, expected: str) -> None:
    measured = indicator(nulmeting=nulmeting, doel=doel, **{f"y{y}": v for y, v in metingen.items()})
    assert verdict(strategy, measured, year) == expected


def test_the_doel_year_sets_the_slope(strategy) -> None:
    # 0 → 10 by 2024 expects 5 in 2023; by 2026 (no jaar) it expects 2,5.
    early = indicator(nulmeting="0", doel="10", jaar=2024, y2023="4")
    late = indicator(nulmeting="0", doel="10", jaar=None, y2023="4")
    assert (verdict(strategy, early, 2023), verdict(strategy, late, 2023)) == (BEHIND, ON_TRACK)


def test_the_rule_starts_from_a_moved_nulmeting(strategy) -> None:
    # Nulmeting 0 in 2021 (a meting in 2022 moved it), doel 50 in 2026: 10 a year, so 20 expected in 2023.
    moved = indicator(nulmeting="0", doel="50", y2022="12", y2023="19")
    assert verdict(strategy, moved, 2022) == ON_TRACK
    assert verdict(strategy, moved, 2023) == BEHIND


@given(
    start=st.integers(-100, 100),
    goal=st.integers(-100, 100),
    value=st.integers(-200, 200),
    measured=st.integers(2022, 2026),
    year=st.integers(2020, 2028),
)
def test_verdicts_are_symmetric_in_direction(strategy, start: int, goal: int, value: int, measured: int, year: int) -> None:
    """Mirroring every value turns 'higher is better' into 'lower is better' and keeps the verdict."""
    up = indicator(nulmeting=str(start), doel=str(goal), **{f"y{measured}": str(value)})
    down = indicator(nulmeting=str(-start), doel=str(-goal), **{f"y{measured}": str(-value)})
    result = verdict(strategy, up, year)
    assert result == verdict(strategy, down, year)
    assert result in (MET, ON_TRACK, BEHIND, UNKNOWN)
    if year < measured or start == goal:
        assert result == UNKNOWN
    elif (goal - start) * (value - goal) >= 0:
        assert result == MET


# --- the chart --------------------------------------------------------------------------------------


def _svg(series, ident: str = "indicator-1", colours: ChartColours = COLOURS, family: str = "Open Sans") -> tuple[str, ET.Element]:
    text = str(chart_svg(series, colours=colours, family=family, ident=ident))
    return text, ET.fromstring(text)


def _by_id(root: ET.Element, ident: str) -> ET.Element:
    found = [e for e in root.iter() if e.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]


def _pairs(points: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (pair.split(",") for pair in points.split())]


def _inside(x: float, y: float) -> bool:
    return 0 <= x <= 360 and 0 <= y <= 180


def test_the_chart_is_an_image_with_a_title_and_every_value_in_its_desc(strategy) -> None:
    series = trend(strategy, indicator(y2023="25%", y2024="40%"))
    _, root = _svg(series)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("viewBox") == "0 0 360 180"
    assert root.get("width") is None and root.get("height") is None  # CSS sets the width
    title = _by_id(root, root.get("aria-labelledby", ""))
    desc = _by_id(root, root.get("aria-describedby", ""))
    assert title.tag == f"{SVG}title" and title.text == "Trend: Voorstellen met datalabel"
    assert desc.tag == f"{SVG}desc" and desc.text == "Nulmeting 2022: 5%; gemeten 2023: 25%; gemeten 2024: 40%; doel 2026: 60%."
    assert root.get("font-family") == '"Open Sans", sans-serif'


def test_the_doel_differs_by_shape_and_a_dashed_line(strategy) -> None:
    series = trend(strategy, indicator(y2023="25%", y2024="40%"))
    _, root = _svg(series)
    dots = root.findall(f".//{SVG}circle")
    diamonds = root.findall(f".//{SVG}polygon")
    assert len(dots) == 3 and all(d.get("fill") == COLOURS.line for d in dots)
    assert len(diamonds) == 1 and len(_pairs(diamonds[0].get("points", ""))) == 4
    assert diamonds[0].get("fill") == COLOURS.background and diamonds[0].get("stroke") == COLOURS.target  # hollow
    solid = root.findall(f".//{SVG}polyline")
    assert len(solid) == 1 and solid[0].get("stroke-dasharray") is None
    assert [(round(float(d.get("cx", "")), 1), round(float(d.get("cy", "")), 1)) for d in dots] == _pairs(solid[0].get("points", ""))
    dashed = [e for e in root.iter() if e.get("stroke-dasharray")]
    assert len(dashed) == 1 and dashed[0].tag == f"{SVG}line"
    # The dashed line runs from the last meting to the centre of the diamond.
    last = (float(dots[-1].get("cx", "")), float(dots[-1].get("cy", "")))
    corners = _pairs(diamonds[0].get("points", ""))
    centre = (sum(x for x, _ in corners) / 4, sum(y for _, y in corners) / 4)
    ends = [(float(dashed[0].get(a, "")), float(dashed[0].get(b, ""))) for a, b in (("x1", "y1"), ("x2", "y2"))]
    assert ends == [last, centre]


def test_a_plan_without_metingen_is_one_dashed_line_and_no_doel_means_no_dashes(strategy) -> None:
    _, plan = _svg(trend(strategy, indicator()))
    assert plan.findall(f".//{SVG}polyline") == [] and len(plan.findall(f".//{SVG}circle")) == 1
    assert len([e for e in plan.iter() if e.get("stroke-dasharray")]) == 1
    _, measured = _svg(trend(strategy, indicator(doel="", y2023="25%")))
    assert measured.findall(f".//{SVG}polygon") == [] and not [e for e in measured.iter() if e.get("stroke-dasharray")]


def test_years_on_the_axis_and_values_at_the_points(strategy) -> None:
    series = trend(strategy, indicator(y2022="8%", y2024="40%"))
    _, root = _svg(series)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"5%", "8%", "40%", "doel 60%"} <= set(texts)
    assert {"vóór 2022", "2022", "2024", "2026"} <= set(texts)


def _marks(root: ET.Element) -> list[tuple[float, float]]:
    marks: list[tuple[float, float]] = []
    for e in root.iter():
        tag = e.tag.removeprefix(SVG)
        if tag == "circle":
            r = float(e.get("r", ""))
            cx, cy = float(e.get("cx", "")), float(e.get("cy", ""))
            marks += [(cx - r, cy - r), (cx + r, cy + r)]
        elif tag in ("polygon", "polyline"):
            marks += _pairs(e.get("points", ""))
        elif tag == "line":
            marks += [(float(e.get("x1", "")), float(e.get("y1", ""))), (float(e.get("x2", "")), float(e.get("y2", "")))]
        elif tag == "text":
            marks.append((float(e.get("x", "")), float(e.get("y", ""))))
    return marks


def _text_inside(root: ET.Element) -> bool:
    """Every label's estimated box (0,6 em a character) inside the viewBox."""
    for e in root.iter(f"{SVG}text"):
        x, y, size = float(e.get("x", "")), float(e.get("y", "")), float(e.get("font-size", ""))
        width = len(e.text or "") * size * 0.6
        left = {"start": x, "middle": x - width / 2, "end": x - width}[e.get("text-anchor", "start")]
        if left < 0 or left + width > 360 or y - size < 0 or y > 180:
            return False
    return True


VALUE = st.one_of(
    st.integers(-10**6, 10**6).map(lambda v: dutch_number(v, 0)),
    st.integers(0, 1000).map(lambda v: dutch_number(v / 10, 1) + "%"),
    st.sampled_from(["nog niet gemeten", "0", "€ 1.200.000,-"]),
)


@settings(max_examples=80, deadline=None)
@given(
    nulmeting=VALUE,
    doel=VALUE,
    jaar=st.one_of(st.none(), st.integers(2022, 2026)),
    metingen=st.dictionaries(st.integers(2022, 2026), VALUE, max_size=5),
)
def test_every_mark_and_label_stays_in_the_viewbox(strategy, nulmeting: str, doel: str, jaar: int | None, metingen: dict[int, str]) -> None:
    measured = Indicator("Iets", doel=doel, nulmeting=nulmeting, jaar=jaar, metingen=tuple(sorted(metingen.items())))
    series = trend(strategy, measured)
    if series is None:
        return
    _, root = _svg(series)
    marks = _marks(root)
    assert marks and all(_inside(x, y) for x, y in marks)
    assert _text_inside(root)
    assert len(root.findall(f".//{SVG}circle")) == len([p for p in series.drawn if p.kind != "doel"])
    assert len(root.findall(f".//{SVG}polygon")) == (1 if series.target and series.target.reading else 0)


def test_the_chart_is_self_contained(strategy) -> None:
    text, root = _svg(trend(strategy, indicator(y2023="25%", y2024="40%")))
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert tags <= {"svg", "title", "desc", "rect", "g", "line", "polyline", "polygon", "circle", "text"}
    assert not any(a.endswith("href") for e in root.iter() for a in e.attrib)
    assert "url(" not in text and "@font-face" not in text and "@import" not in text and "http" not in text.replace(SVG[1:-1], "")
    assert all(re.fullmatch(r"#[0-9a-f]{6}|none", v) for e in root.iter() for k, v in e.attrib.items() if k in ("fill", "stroke"))


def test_the_same_trend_gives_the_same_bytes(strategy) -> None:
    measured = indicator(nulmeting="1.000", doel="1.500", y2022="1.050", y2023="1.100", y2024="1.080", y2025="1.300")
    first = str(chart_svg(trend(strategy, measured), colours=COLOURS, family="Open Sans", ident="a"))
    assert first == str(chart_svg(trend(strategy, measured), colours=COLOURS, family="Open Sans", ident="a"))
    code = (
        "import sys, types\n"
        "from koers.content.model import Indicator\n"
        "from koers.render.trend import ChartColours, chart_svg, trend\n"
        "s = types.SimpleNamespace(van=2022, tot=2026)  # all of a Strategy that a trend reads\n"
        "i = Indicator('Voorstellen met datalabel', doel='1.500', nulmeting='1.000', jaar=2026,"
        " metingen=((2022, '1.050'), (2023, '1.100'), (2024, '1.080'), (2025, '1.300')))\n"
        "c = ChartColours('#1b3a6b', '#c75b12', '#1c2530', '#bbbec1', '#ffffff')\n"
        "sys.stdout.write(str(chart_svg(trend(s, i), colours=c, family='Open Sans', ident='a')))\n"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345", PYTHONPATH=str(REPO / "generator"))
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert other.stdout == first


HOSTILE = '</text><script>alert("x")</script><title id="indicator-1-titel">&amp; ]]>'


def test_hostile_names_values_and_families_stay_text(strategy) -> None:
    measured = Indicator(HOSTILE, doel="60%", nulmeting="<b>5</b>", jaar=2026, metingen=((2023, "25%"), (2024, "40%")))
    series = trend(strategy, measured)
    assert series is not None
    text, root = _svg(series, family='Evil"><script>x</script>')
    assert "<script" not in text and not root.findall(f".//{SVG}script")
    assert root.findall(f".//{SVG}title")[0].text == f"Trend: {HOSTILE}"
    assert len([e for e in root.iter() if e.get("id") == "indicator-1-titel"]) == 1
    assert "<b>5</b> (geen getal, niet in de grafiek)" in (_by_id(root, "indicator-1-beschrijving").text or "")
    assert "script" in (root.get("font-family") or "")  # kept as a (harmless) family name, not as markup


@pytest.mark.parametrize("ident", ["", "1abc", 'a"b', "a b", "a<b>", "x" * 65])
def test_an_ident_that_is_no_id_is_refused(strategy, ident: str) -> None:
    with pytest.raises(ValueError):
        chart_svg(trend(strategy, indicator()), colours=COLOURS, family="Open Sans", ident=ident)


def test_idents_keep_two_charts_on_one_page_apart(strategy) -> None:
    series = trend(strategy, indicator())
    _, one = _svg(series, ident="opgave-a-1")
    _, two = _svg(series, ident="opgave-a-2")
    assert {e.get("id") for e in one.iter() if e.get("id")}.isdisjoint({e.get("id") for e in two.iter() if e.get("id")})


# --- colours ----------------------------------------------------------------------------------------


def _meets_wcag(colours: ChartColours) -> bool:
    bg = colours.background
    return contrast(colours.text, bg) >= 4.5 and contrast(colours.line, bg) >= 3 and contrast(colours.target, bg) >= 3


def test_the_example_house_style_gives_its_own_colours(example) -> None:
    _, style = example
    colours = chart_colours(style)
    assert (colours.line, colours.target, colours.text, colours.background) == (style.primary, style.accent, style.text, style.background)
    assert _meets_wcag(colours)
    assert colours.grid not in (colours.text, colours.background)


def test_house_colours_that_fail_fall_back_to_the_text_colour(example) -> None:
    _, style = example
    pale = chart_colours(replace(style, primary="#dddddd", accent="#ffcc00"))
    assert (pale.line, pale.target) == (style.text, style.text)
    assert _meets_wcag(pale)
    grey_text = chart_colours(replace(style, text="#999999", primary="#eeeeee"))
    assert grey_text.text == "#000000" and grey_text.line == "#000000" and _meets_wcag(grey_text)
    dark = chart_colours(replace(style, background="#101010", text="#777777", primary="#1b3a6b", accent="#ffcc00"))
    assert dark.text == "#ffffff" and dark.line == "#ffffff" and dark.target == "#ffcc00" and _meets_wcag(dark)


@given(background=HEX, text=HEX, primary=HEX, accent=HEX)
def test_any_house_style_gives_readable_chart_colours(example, background: str, text: str, primary: str, accent: str) -> None:
    _, style = example
    assert _meets_wcag(chart_colours(replace(style, background=background, text=text, primary=primary, accent=accent)))


def test_the_example_indicators_chart_in_the_house_style(example) -> None:
    strategy, style = example
    colours = chart_colours(style)
    charted = 0
    for opgave in strategy.opgaven:
        for n, item in enumerate(opgave.indicatoren):
            series = trend(strategy, item)
            if series is None:
                continue
            charted += 1
            _, root = _svg(series, ident=f"{opgave.id}-{n}", colours=colours, family=style.fonts.family)
            assert all(_inside(x, y) for x, y in _marks(root)) and _text_inside(root)
            assert _by_id(root, f"{opgave.id}-{n}-titel").text == f"Trend: {item.naam}"
    # Every value in the example is a number, so every indicator has its chart.
    assert charted == sum(len(o.indicatoren) for o in strategy.opgaven) > 0
