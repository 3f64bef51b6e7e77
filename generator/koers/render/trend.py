"""Indicator trends for the P&C cycle: which values read as numbers, the series, on-track verdicts and a small SVG chart.

One pure module shared by the site pages, the voortgang PDF and the posters, so that all three read an
indicator the same way: the same values count as numbers, the same verdict is shown for a year, and the
chart always comes with the same text alternative. Values in, values out; no I/O.

Reading values (`read_value`)
-----------------------------
Authors write values as text in Dutch notation ("40%", "1.200", "3,5"). A value reads as a number only
when there is exactly one sensible reading; anything else stays text and is shown as written (table only),
because a chart that guesses wrong is worse than no chart. After trimming (runs of spaces, no-break spaces
and narrow no-break spaces count as one space) the whole text must be one of:

- a number: an optional sign (``-``, ``+`` or the minus sign ``−``), then digits, either plain (``1200``)
  or grouped in threes with a point (``1.200``, ``12.345.678``: the Dutch thousands separator), then
  optionally a comma and decimals (``3,5``, ``1.200,75``). Leading zeros (``05``) and a point followed by
  anything but exactly three digits (``1.2``, ``7.5``, ``1.2.3``) are not numbers: in Dutch ``7.5`` is a
  typo or English notation, and ``1.500`` would silently mean 1500 while ``1.50`` meant 1,5.
- a percentage: a number followed by ``%`` (with or without a space: ``40%``, ``40 %``) or by the word
  ``procent``; the unit is ``%``.
- an amount in euros: ``€`` before the number (``€ 1.200``, ``€1.200,50``, ``€ 1.200,-``, ``-€ 5``,
  ``€ -5``) or the word ``euro`` after it (``1.200 euro``); the unit is ``€``.
- a score out of a total: ``4 van 5`` (``7,5 van 10``); value 4, ``of`` 5. The total must be positive and
  the value between 0 and the total.
- a number followed by one word of letters as its unit (``8 weken``, ``12 dagen``); the unit is the word
  in lower case. Words that qualify rather than measure (``van``, ``of``, ``tot``, ``ca``, ``circa``,
  ``ongeveer``, ``minimaal``, ``maximaal``, ``meer``, ``minder``, ``plus``, ``min``) make it text.

So "nog niet gemeten", "hoog", "ca. 40%", "40%-50%", "1.2.3", "> 40" and "40+" are text.

A series compares its numbers only when they share the unit and the ``of`` ("4 van 5" and "5 van 6" are
different scales, "40" and "40%" may be too). One exception: a bare ``0`` takes the unit of the others,
because zero is zero in every unit and "nulmeting: 0" next to "doel: 25%" is how authors write it.

The series (`trend`)
--------------------
The points are the nulmeting, the metingen by year and the doel, in year order:

- the nulmeting has no year of its own; it stands at the first year of the period (``strategy.van``).
  When a meting exists for that year too, the nulmeting is placed one year earlier and labelled
  "vóór <van>": the two are different values, the nulmeting was taken before the period started (a
  strategy is usually adopted the year before), and moving it keeps both visible without inventing a
  year for a value the author wrote down.
- the doel stands at its ``jaar``, or at the last year of the period (``strategy.tot``) without one, as a
  distinct kind of point (drawn differently, named "doel" in the text alternative).
- a phased strategy (``strategy.phased``) still has a period in years and its metingen are keyed by
  calendar year, so its trend is in years like any other.

A value that is not a number stays in the series (and in the table) but is not drawn. There is no trend,
only the table, when fewer than two values are numbers or their units differ.

On track (`verdict`)
--------------------
For a year, the verdict is one of "behaald", "op koers", "achter" or "onbekend":

1. It is "onbekend" unless the nulmeting and the doel are numbers in the same unit, differ from each other,
   and at least one meting up to and including that year is a number in that unit.
2. The direction follows from the doel: a doel above the nulmeting means higher is better, a doel below
   it means lower is better (a doel equal to the nulmeting says neither, so "onbekend").
3. The latest numeric meting up to and including the year counts (a later meting is not yet known in
   that year; a meting that is not a number is skipped).
4. "behaald" when that meting reaches the doel or passes it in the good direction.
5. Otherwise the expected value for the year lies on the straight line from the nulmeting (in its year) to
   the doel (in its year), and stays at the doel after the doel's year. "op koers" when the meting is at
   or beyond the expected value in the good direction, else "achter". An old meting is compared with the
   value expected in the year asked about, so a missing meting never makes progress look better.

Editor docs (Dutch, ready to copy)
----------------------------------
Waarden die als getal gelden: ``40``, ``-2``, ``3,5``, ``1.200`` (de punt scheidt duizendtallen, de komma
staat voor de decimalen), ``40%`` of ``40 procent``, ``€ 1.200`` of ``1.200 euro``, ``4 van 5``, en een
getal met één woord als eenheid (``8 weken``). Schrijf ``7,5`` en niet ``7.5``. Andere waarden (``nog niet
gemeten``, ``hoog``, ``ca. 40%``, ``40%-50%``) blijven tekst: die staan in de tabel maar niet in de
grafiek. Een grafiek komt er alleen als ten minste twee waarden een getal zijn in dezelfde eenheid (een
kale ``0`` telt mee in elke eenheid). De nulmeting staat bij het eerste jaar van de periode; is er in dat
jaar ook gemeten, dan staat de nulmeting een jaar eerder ("vóór 2022"). Het doel staat bij zijn ``jaar``
(zonder jaar bij het laatste jaar van de periode).

Ligt een indicator op koers? Koers trekt een rechte lijn van de nulmeting naar het doel. Is het doel hoger
dan de nulmeting, dan is hoger beter; is het lager, dan is lager beter. De laatste meting tot en met het
jaar van de voortgang telt. Die meting is **behaald** als ze het doel haalt of voorbij het doel is, **op
koers** als ze ten minste op de lijn ligt voor dat jaar, en anders **achter**. Ontbreekt de nulmeting, het
doel of een meting als getal, of zijn doel en nulmeting gelijk, dan is de voortgang **onbekend**.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from markupsafe import Markup

from koers.content.model import Indicator, Strategy
from koers.dutch import dutch_number
from koers.housestyle.colour import contrast, mix
from koers.housestyle.theme import LARGE_OR_GRAPHIC, NORMAL_TEXT, HouseStyle
from koers.render.css import css_string

# The kinds of point, as readers see them in the data table.
BASELINE = "nulmeting"
MEASUREMENT = "meting"
TARGET = "doel"

# The verdicts, as readers see them.
MET = "behaald"
ON_TRACK = "op koers"
BEHIND = "achter"
UNKNOWN = "onbekend"
VERDICTS = (MET, ON_TRACK, BEHIND, UNKNOWN)

# --- reading values -------------------------------------------------------------------------------

_SIGN = r"(?P<sign>[-+\u2212])?"
_INTEGER = r"(?:0|[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[1-9][0-9]*)"  # 0, 1200 or 1.200 (groups of exactly three)
_NUMBER = rf"{_INTEGER}(?:,[0-9]+)?"
_PERCENT = re.compile(rf"{_SIGN}(?P<num>{_NUMBER}) ?(?:%|procent)", re.IGNORECASE)
_EURO_BEFORE = re.compile(rf"(?P<sign>[-+\u2212])?€ ?(?P<sign2>[-+\u2212])?(?P<num>{_INTEGER}(?:,[0-9]+|,[-\u2013])?)")
_EURO_AFTER = re.compile(rf"{_SIGN}(?P<num>{_NUMBER}) euro", re.IGNORECASE)
_OUT_OF = re.compile(rf"(?P<num>{_NUMBER}) van (?P<of>{_NUMBER})", re.IGNORECASE)
_WITH_WORD = re.compile(rf"{_SIGN}(?P<num>{_NUMBER})(?: (?P<word>[^\W\d_]{{1,20}}))?")
_SPACES = re.compile(r"[ \t\n\r\u00a0\u202f]+")
# Words after a number that qualify it rather than name its unit: the value is then not one number.
_QUALIFIERS = frozenset({"van", "of", "tot", "en", "ca", "circa", "ongeveer", "minimaal", "maximaal", "meer", "minder", "plus", "min"})


@dataclass(frozen=True)
class Reading:
    """A value that reads as one number: the number, its unit ('%', '€', a word such as 'weken', or ''), the total of
    'x van y' (else None) and the text as the author wrote it (what tables show)."""

    value: float
    unit: str
    of: float | None
    text: str

    @property
    def scale(self) -> tuple[str, float | None]:
        """What two readings must share to be compared."""
        return self.unit, self.of


def _number(text: str, sign: str | None = None) -> float:
    """A number in the grammar above ('1.200,5') → 1200.5; the sign applies; never -0.0."""
    whole, _, decimals = text.partition(",")
    value = float(whole.replace(".", "") + ("." + decimals if decimals.isdigit() else ""))
    return (-value if sign in ("-", "\u2212") else value) + 0.0


def read_value(text: str) -> Reading | None:
    """The number in an indicator value written in Dutch notation, or None when it is text or ambiguous.

    The grammar is in the module docstring; it accepts only values with exactly one reading, so that a chart
    never draws a value the author did not mean.
    """
    if not isinstance(text, str):
        return None
    clean = _SPACES.sub(" ", text).strip()
    if not clean:
        return None
    if match := _PERCENT.fullmatch(clean):
        return Reading(_number(match["num"], match["sign"]), "%", None, text)
    if match := _EURO_BEFORE.fullmatch(clean):
        if match["sign"] and match["sign2"]:
            return None
        amount = match["num"].removesuffix(",-").removesuffix(",\u2013")
        return Reading(_number(amount, match["sign"] or match["sign2"]), "€", None, text)
    if match := _EURO_AFTER.fullmatch(clean):
        return Reading(_number(match["num"], match["sign"]), "€", None, text)
    if match := _OUT_OF.fullmatch(clean):
        value, of = _number(match["num"]), _number(match["of"])
        return Reading(value, "", of, text) if 0 < of and value <= of else None
    if match := _WITH_WORD.fullmatch(clean):
        word = (match["word"] or "").lower()
        if word in _QUALIFIERS:
            return None
        return Reading(_number(match["num"], match["sign"]), word, None, text)
    return None


def _bare_zero(reading: Reading) -> bool:
    return reading.value == 0 and reading.scale == ("", None)


def format_reading(reading: Reading) -> str:
    """A reading in Dutch notation with its unit ('40%', '€ 1.200', '4 van 5', '8 weken'), for a value written without
    its unit (a bare 0 in a series of percentages): the decimals as few as the value needs, at most two."""

    def number(value: float) -> str:
        decimals = next((d for d in range(3) if round(value, d) == round(value, 2)), 2)
        return dutch_number(round(value, decimals) + 0.0, decimals)

    if reading.of is not None:
        return f"{number(reading.value)} van {number(reading.of)}"
    if reading.unit == "%":
        return f"{number(reading.value)}%"
    if reading.unit == "€":
        return f"€ {number(reading.value)}"
    return f"{number(reading.value)} {reading.unit}".strip()


# --- the series -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One value of an indicator on the time axis.

    year is the calendar year it is drawn at; label is that year as readers see it ('2024', or 'vóór 2022' for a
    nulmeting moved before the period); kind is 'nulmeting', 'meting' or 'doel'; text is the value as written;
    shown is the value as the chart labels it (the text, or a bare 0 with the series' unit); reading is None
    for a value that is not a number (listed in the table, not drawn).
    """

    year: int
    label: str
    kind: str
    text: str
    shown: str
    reading: Reading | None


@dataclass(frozen=True)
class Trend:
    """The values of one indicator in year order, numbers on one scale: what the chart draws and the table lists."""

    naam: str
    points: tuple[Point, ...]
    unit: str
    of: float | None

    @property
    def drawn(self) -> tuple[Point, ...]:
        """The points that are numbers, in year order."""
        return tuple(p for p in self.points if p.reading is not None)

    @property
    def baseline(self) -> Point | None:
        return next((p for p in self.points if p.kind == BASELINE), None)

    @property
    def target(self) -> Point | None:
        return next((p for p in self.points if p.kind == TARGET), None)

    @property
    def measurements(self) -> tuple[Point, ...]:
        return tuple(p for p in self.points if p.kind == MEASUREMENT)


_KIND_ORDER = {BASELINE: 0, MEASUREMENT: 1, TARGET: 2}


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _raw_points(strategy: Strategy, indicator: Indicator) -> list[Point]:
    """Every value the indicator has, placed by the rule in the module docstring, in year order."""
    points = []
    measured_years = {year for year, _ in indicator.metingen}
    if _tidy(indicator.nulmeting):
        moved = strategy.van in measured_years
        year = strategy.van - 1 if moved else strategy.van
        label = f"vóór {strategy.van}" if moved else str(year)
        points.append(Point(year, label, BASELINE, indicator.nulmeting, _tidy(indicator.nulmeting), read_value(indicator.nulmeting)))
    for year, value in indicator.metingen:
        points.append(Point(year, str(year), MEASUREMENT, value, _tidy(value), read_value(value)))
    if _tidy(indicator.doel):
        year = indicator.jaar or strategy.tot
        points.append(Point(year, str(year), TARGET, indicator.doel, _tidy(indicator.doel), read_value(indicator.doel)))
    return sorted(points, key=lambda p: (p.year, _KIND_ORDER[p.kind]))


def trend(strategy: Strategy, indicator: Indicator) -> Trend | None:
    """The indicator's values as a series to draw, or None (table only) when fewer than two are numbers or their units differ.

    A bare 0 takes the unit of the other numbers (zero is zero in every unit).
    """
    points = _raw_points(strategy, indicator)
    readings = [p.reading for p in points if p.reading is not None]
    if len(readings) < 2:
        return None
    scales = {r.scale for r in readings if not _bare_zero(r)}
    if len(scales) > 1:
        return None
    unit, of = next(iter(scales)) if scales else ("", None)
    settled = []
    for point in points:
        if point.reading is not None and point.reading.scale != (unit, of):
            reading = replace(point.reading, unit=unit, of=of)
            point = replace(point, reading=reading, shown=format_reading(reading))
        settled.append(point)
    return Trend(indicator.naam, tuple(settled), unit, of)


def rows(trend: Trend) -> tuple[tuple[str, str, str], ...]:
    """(year label, kind, value as written) per point: the data table printed next to the chart as its text alternative."""
    return tuple((p.label, p.kind, p.text) for p in trend.points)


def indicator_rows(strategy: Strategy, indicator: Indicator) -> tuple[tuple[str, str, str], ...]:
    """The same rows for any indicator, also one without a trend (values that are text, mixed units): the table only."""
    return tuple((p.label, p.kind, p.text) for p in _raw_points(strategy, indicator))


# --- on track -------------------------------------------------------------------------------------


def verdict(strategy: Strategy, indicator: Indicator, year: int) -> str:
    """'behaald', 'op koers', 'achter' or 'onbekend' for the indicator in that year, by the rule in the module docstring."""
    series = trend(strategy, indicator)
    if series is None:
        return UNKNOWN
    baseline, target = series.baseline, series.target
    measured = [p for p in series.measurements if p.reading is not None and p.year <= year]
    if baseline is None or baseline.reading is None or target is None or target.reading is None or not measured:
        return UNKNOWN
    start, goal, latest = baseline.reading.value, target.reading.value, measured[-1].reading
    assert latest is not None
    if goal == start:
        return UNKNOWN
    better = 1.0 if goal > start else -1.0
    tolerance = 1e-9 * max(1.0, abs(goal - start))
    if better * (latest.value - goal) >= -tolerance:
        return MET
    span = target.year - baseline.year
    share = 1.0 if span <= 0 else min(1.0, max(0.0, (year - baseline.year) / span))
    expected = start + (goal - start) * share
    return ON_TRACK if better * (latest.value - expected) >= -tolerance else BEHIND


# --- colours --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartColours:
    """The chart's colours (#rrggbb): the measured line, the target, text, the axis and the background."""

    line: str
    target: str
    text: str
    grid: str
    background: str


BLACK = "#000000"
WHITE = "#ffffff"


def chart_colours(style: HouseStyle) -> ChartColours:
    """Colours from the house style that every reader can tell apart from the chart's own background.

    Text needs 4.5:1 against the background (WCAG 1.4.3): the house text colour, else black or white,
    whichever contrasts more (one of them always reaches 4.58:1). The line and the target mark carry the
    information, so they need 3:1 (WCAG 1.4.11): the primary and the accent colour, each replaced by the text
    colour when it falls short. The axis is decoration and only needs to be visible.
    """
    background = style.background.lower()
    text = style.text.lower()
    if contrast(text, background) < NORMAL_TEXT:
        text = max((BLACK, WHITE), key=lambda c: contrast(c, background))

    def graphic(colour: str) -> str:
        return colour.lower() if contrast(colour.lower(), background) >= LARGE_OR_GRAPHIC else text

    return ChartColours(graphic(style.primary), graphic(style.accent), text, mix(text, background, 0.7), background)


# --- the chart ------------------------------------------------------------------------------------

WIDTH = 360
HEIGHT = 180
_LEFT, _RIGHT = 30.0, 330.0  # where the first and the last year stand
_TOP, _BOTTOM = 34.0, 124.0  # where the highest and the lowest value stand
_AXIS = 146.0
_YEAR_BASELINE = 164.0
_VALUE_SIZE = 11.0
_YEAR_SIZE = 10.0
_EM = 0.6  # estimated advance of a character, in em: generous, so estimated boxes hold real text
_MARGIN = 2.0
_DOT = 4.0
_DIAMOND = 6.5
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")

Box = tuple[float, float, float, float]  # left, top, right, bottom
Segment = tuple[tuple[float, float], tuple[float, float]]


def _n(value: float) -> str:
    """A coordinate with one decimal at most, never '-0': fixed formatting keeps the bytes the same."""
    text = f"{round(value, 1) + 0.0:.1f}"
    return text.removesuffix(".0")


def _text_width(text: str, size: float) -> float:
    return len(text) * size * _EM


def _hits(box: Box, segment: Segment) -> bool:
    """Whether a line segment enters a box (Liang–Barsky clipping)."""
    (x1, y1), (x2, y2) = segment
    left, top, right, bottom = box
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
    return low <= high


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True)
class _Label:
    x: float
    y: float
    anchor: str
    text: str
    box: Box


def _label_box(x: float, y: float, anchor: str, width: float, size: float) -> Box:
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, y - 0.8 * size, left + width, y + 0.25 * size


# Where a value label may go around its marker: (dx, dy of the text baseline, text-anchor), in order of preference.
_SPOTS = (
    (0.0, -10.0, "middle"),
    (0.0, 17.0, "middle"),
    (-7.0, -8.0, "end"),
    (7.0, -8.0, "start"),
    (-7.0, 15.0, "end"),
    (7.0, 15.0, "start"),
    (-10.0, 4.0, "end"),
    (10.0, 4.0, "start"),
)


def _place(x: float, y: float, text: str, segments: Sequence[Segment], markers: Sequence[Box], placed: Sequence[_Label]) -> _Label:
    """The first spot around a marker where its label crosses no line, marker or other label and stays in the chart."""
    width = _text_width(text, _VALUE_SIZE)
    best: tuple[float, _Label] | None = None
    for dx, dy, anchor in _SPOTS:
        lx, ly = x + dx, y + dy
        box = _label_box(lx, ly, anchor, width, _VALUE_SIZE)
        shift = max(0.0, _MARGIN - box[0]) - max(0.0, box[2] - (WIDTH - _MARGIN))
        box = (box[0] + shift, box[1], box[2] + shift, box[3])
        label = _Label(lx + shift, ly, anchor, text, box)
        outside = box[1] < _MARGIN or box[3] > _AXIS - _MARGIN
        cost = 100.0 * outside + sum(_hits(box, s) for s in segments) + 2.0 * sum(_overlap(box, m) for m in markers)
        cost += 3.0 * sum(_overlap(box, other.box) for other in placed)
        if best is None or cost < best[0]:
            best = (cost, label)
        if cost == 0:
            break
    assert best is not None
    return best[1]


def _year_labels(points: Sequence[Point], xs: dict[int, float]) -> list[tuple[int, _Label]]:
    """One label per year on the axis; where they would collide, the nulmeting's and the doel's years win, then the latest."""
    by_year: dict[int, str] = {}
    for p in points:
        by_year.setdefault(p.year, p.label)
    years = sorted(by_year)
    priority = [years[0], years[-1], *reversed(years[1:-1])]
    chosen: list[tuple[int, _Label]] = []
    for year in dict.fromkeys(priority):
        text = by_year[year]
        width = _text_width(text, _YEAR_SIZE)
        x = min(max(xs[year], _MARGIN + width / 2), WIDTH - _MARGIN - width / 2)
        box = _label_box(x, _YEAR_BASELINE, "middle", width + 4, _YEAR_SIZE)
        if not any(_overlap(box, other.box) for _, other in chosen):
            chosen.append((year, _Label(x, _YEAR_BASELINE, "middle", text, box)))
    return sorted(chosen, key=lambda pair: pair[0])


def describe(trend: Trend) -> str:
    """Every value in words, for the chart's desc: 'Nulmeting 2022: 5%; gemeten 2023: 25%; doel 2026: 60%.'"""
    parts = []
    for p in trend.points:
        lead = {BASELINE: "nulmeting", MEASUREMENT: "gemeten", TARGET: "doel"}[p.kind]
        part = f"{lead} {p.label}: {p.shown}"
        if p.reading is None:
            part += " (geen getal, niet in de grafiek)"
        parts.append(part)
    text = "; ".join(parts) + "."
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=1024)  # the pages draw every chart again after each save in `koers serve`
def chart_svg(trend: Trend, *, colours: ChartColours, family: str, ident: str) -> Markup:
    """The trend as a small inline SVG line chart (viewBox 360×180; it takes the width CSS gives it).

    Measured values (nulmeting and metingen) are a solid line with filled dots; from the last of them to the doel
    runs a dashed line ending in a hollow diamond, so the doel differs by shape and line style, not only by colour.
    Years stand on the axis and every drawn value at its point. The SVG is self-contained (no fonts loaded, no
    references), role="img" with a title ("Trend: <naam>") and a desc naming every value, and byte-identical for
    the same input. ident makes the title's and desc's ids unique on a page (a letter, then letters, digits, - or _).
    """
    if not _IDENT.fullmatch(ident):
        raise ValueError(f"ident {ident!r}: use a letter followed by letters, digits, '-' or '_'")
    drawn = trend.drawn
    if len(drawn) < 2:
        raise ValueError("a trend to draw has at least two values that are numbers (use trend())")
    values = [p.reading.value for p in drawn if p.reading is not None]
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1.0, high + 1.0
    first, last = drawn[0].year, drawn[-1].year
    middle = (_LEFT + _RIGHT) / 2

    def x_of(year: int) -> float:
        return middle if last == first else _LEFT + (year - first) / (last - first) * (_RIGHT - _LEFT)

    def y_of(value: float) -> float:
        return _BOTTOM - (value - low) / (high - low) * (_BOTTOM - _TOP)

    xy = [(x_of(p.year), y_of(p.reading.value)) for p in drawn if p.reading is not None]
    actual = [(p, at) for p, at in zip(drawn, xy, strict=True) if p.kind != TARGET]
    goal = next(((p, at) for p, at in zip(drawn, xy, strict=True) if p.kind == TARGET), None)
    solid = [at for _, at in actual]
    dashed: list[tuple[float, float]] = []
    if goal is not None and actual:
        before = [at for p, at in actual if p.year <= goal[0].year]
        dashed = [before[-1] if before else actual[0][1], goal[1]]
    segments: list[Segment] = list(zip(solid, solid[1:], strict=False))
    if dashed:
        segments.append((dashed[0], dashed[1]))
    markers: list[Box] = [(x - _DOT, y - _DOT, x + _DOT, y + _DOT) for x, y in solid]
    if goal is not None:
        gx, gy = goal[1]
        markers.append((gx - _DIAMOND, gy - _DIAMOND, gx + _DIAMOND, gy + _DIAMOND))
    placed: list[_Label] = []
    for p, (x, y) in zip(drawn, xy, strict=True):
        placed.append(_place(x, y, f"doel {p.shown}" if p.kind == TARGET else p.shown, segments, markers, placed))
    years = _year_labels(drawn, {p.year: x for p, (x, _) in zip(drawn, xy, strict=True)})

    c = colours
    out = [
        Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" class="koers-trend" role="img" lang="nl"'
            ' aria-labelledby="{i}-titel" aria-describedby="{i}-beschrijving" font-family="{f}">'
        ).format(w=WIDTH, h=HEIGHT, i=ident, f=f"{css_string(family)}, sans-serif"),
        Markup('<title id="{i}-titel">Trend: {t}</title>').format(i=ident, t=trend.naam),
        Markup('<desc id="{i}-beschrijving">{d}</desc>').format(i=ident, d=describe(trend)),
        Markup('<rect width="{w}" height="{h}" fill="{c}"/>').format(w=WIDTH, h=HEIGHT, c=c.background),
        Markup('<g aria-hidden="true">'),
        Markup('<line class="koers-trend__as" x1="{a}" y1="{y}" x2="{b}" y2="{y}" stroke="{c}" stroke-width="1"/>').format(
            a=_n(_LEFT - 12), b=_n(_RIGHT + 12), y=_n(_AXIS), c=c.grid
        ),
    ]
    for year, _ in years:
        out.append(
            Markup('<line x1="{x}" y1="{a}" x2="{x}" y2="{b}" stroke="{c}" stroke-width="1"/>').format(x=_n(x_of(year)), a=_n(_AXIS), b=_n(_AXIS + 4), c=c.grid)
        )
    if len(solid) > 1:
        out.append(
            Markup('<polyline class="koers-trend__lijn" points="{p}" fill="none" stroke="{c}" stroke-width="2.5" stroke-linejoin="round"/>').format(
                p=" ".join(f"{_n(x)},{_n(y)}" for x, y in solid), c=c.line
            )
        )
    if dashed:
        (x1, y1), (x2, y2) = dashed
        out.append(
            Markup(
                '<line class="koers-trend__doellijn" x1="{a}" y1="{b}" x2="{c}" y2="{d}" stroke="{s}" stroke-width="2" stroke-dasharray="6 4"/>'
            ).format(a=_n(x1), b=_n(y1), c=_n(x2), d=_n(y2), s=c.target)
        )
    if goal is not None:
        gx, gy = goal[1]
        corners = ((gx, gy - _DIAMOND), (gx + _DIAMOND, gy), (gx, gy + _DIAMOND), (gx - _DIAMOND, gy))
        out.append(
            Markup('<polygon class="koers-trend__doel" points="{p}" fill="{f}" stroke="{s}" stroke-width="2"/>').format(
                p=" ".join(f"{_n(x)},{_n(y)}" for x, y in corners), f=c.background, s=c.target
            )
        )
    # Dots after the diamond: a meting that reaches the doel in the doel's year stays visible inside it.
    for x, y in solid:
        out.append(Markup('<circle class="koers-trend__meting" cx="{x}" cy="{y}" r="{r}" fill="{c}"/>').format(x=_n(x), y=_n(y), r=_n(_DOT), c=c.line))
    for label in placed:
        out.append(
            Markup('<text x="{x}" y="{y}" text-anchor="{a}" font-size="{s}" fill="{c}">{t}</text>').format(
                x=_n(label.x), y=_n(label.y), a=label.anchor, s=_n(_VALUE_SIZE), c=c.text, t=label.text
            )
        )
    for _, label in years:
        out.append(
            Markup('<text x="{x}" y="{y}" text-anchor="middle" font-size="{s}" fill="{c}">{t}</text>').format(
                x=_n(label.x), y=_n(label.y), s=_n(_YEAR_SIZE), c=c.text, t=label.text
            )
        )
    out.append(Markup("</g></svg>"))
    return Markup("").join(out)
