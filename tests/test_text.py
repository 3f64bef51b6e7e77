"""Tests for poster text measurement, line breaking and fitting (koers.render.text)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koers.publish.fontconfig import fontconfig_file, render_conf
from koers.render.text import (
    SAFETY,
    Fit,
    baselines,
    fit,
    load_metrics,
    text_width,
    wrap,
)

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "themes" / "voorbeeld" / "fonts"
REGULAR = FONTS / "OpenSans-Regular.ttf"
BOLD = FONTS / "OpenSans-Bold.ttf"
GENERATOR = ROOT / "generator"

M = load_metrics(REGULAR)

LETTERS = "abcdefghijklmnopqrstuvwxyzéëïöüABCMW"
DUTCH = [
    "omgevingsvergunning",
    "verkeersveiligheid",
    "woningbouwprogramma",
    "gemeenteraad",
    "duurzaamheid",
    "jeugdzorg",
    "uitvoeringsprogramma",
    "energietransitie",
    "bereikbaarheid",
    "de",
    "en",
    "Voorbeeldstad",
]

plain_word = st.text(alphabet=LETTERS, min_size=1, max_size=30)
word = st.one_of(plain_word, st.sampled_from(DUTCH))
hyphenated = st.lists(word, min_size=1, max_size=3).map("-".join)
separator = st.sampled_from([" ", "  ", "\n", "\t", " \n "])


def _join(words: list[str], seps: list[str]) -> str:
    out = words[0]
    for w, s in zip(words[1:], seps):
        out += s + w
    return out


@st.composite
def texts(draw: st.DrawFn, hyphens: bool = True) -> str:
    words = draw(st.lists(hyphenated if hyphens else word, min_size=1, max_size=25))
    seps = draw(st.lists(separator, min_size=len(words), max_size=len(words)))
    return _join(words, seps)


sizes = st.floats(min_value=6, max_value=40, allow_nan=False).map(lambda s: round(s, 2))


def _widest_char(size: float) -> float:
    return max(text_width(c, M, size) for c in LETTERS + "-")


# --- metrics and widths -------------------------------------------------------------


def test_metrics_of_the_voorbeeld_font() -> None:
    assert M.family == "Open Sans"
    assert M.units_per_em == 2048
    assert M.ascender > 0 > M.descender
    assert load_metrics(str(REGULAR)) is M  # cached per file


def test_missing_glyph_measures_as_notdef() -> None:
    assert "\U0001f600" not in "".join(map(chr, M.advances))
    expected = M.notdef_advance * 20 / M.units_per_em * (1 + SAFETY)
    assert text_width("\U0001f600", M, 20) == pytest.approx(expected)


def test_width_is_advance_sum_plus_safety() -> None:
    raw = sum(M.advance(c) for c in "Voorbeeldstad") * 16 / M.units_per_em
    assert text_width("Voorbeeldstad", M, 16) == pytest.approx(raw * (1 + SAFETY))
    assert text_width("", M, 16) == 0


@given(
    a=st.text(max_size=40),
    b=st.text(max_size=40),
    visible=st.text(alphabet=LETTERS, min_size=1, max_size=10),
    size=sizes,
)
def test_width_grows_with_text(a: str, b: str, visible: str, size: float) -> None:
    # Combining marks and control characters have zero advance; letters never do.
    assert text_width(a + b, M, size) >= text_width(a, M, size)
    assert text_width(a + visible, M, size) > text_width(a, M, size)
    assert text_width(a + b, M, size) == pytest.approx(
        text_width(a, M, size) + text_width(b, M, size)
    )


@given(t=st.text(min_size=1, max_size=40), size=sizes)
def test_width_scales_with_size(t: str, size: float) -> None:
    assert text_width(t, M, 2 * size) == pytest.approx(2 * text_width(t, M, size))


# --- wrap ----------------------------------------------------------------------------


@settings(deadline=None)
@given(t=texts(), size=sizes, extra=st.floats(min_value=0, max_value=400))
def test_every_line_fits(t: str, size: float, extra: float) -> None:
    max_width = _widest_char(size) + extra
    lines = wrap(t, M, size, max_width)
    assert lines
    for line in lines:
        assert line and line == line.strip()
        assert "  " not in line
        assert text_width(line, M, size) <= max_width


@settings(deadline=None)
@given(t=texts(), size=sizes, extra=st.floats(min_value=0, max_value=400))
def test_lines_keep_all_characters(t: str, size: float, extra: float) -> None:
    lines = wrap(t, M, size, _widest_char(size) + extra)

    def letters(s: str) -> str:
        return "".join(s.split()).replace("-", "")

    assert letters("".join(lines)) == letters(t)


@settings(deadline=None)
@given(t=texts(hyphens=False), size=sizes, extra=st.floats(min_value=0, max_value=400))
def test_joined_lines_reproduce_words(t: str, size: float, extra: float) -> None:
    lines = wrap(t, M, size, _widest_char(size) + extra)
    # Without hyphens in the input, every "-" at a line end was inserted by wrap().
    rebuilt = " ".join(line[:-1] if line.endswith("-") else line for line in lines)
    assert rebuilt.replace(" ", "") == "".join(t.split())
    # Words are never glued together: a line holds at most (words - 1) spaces.
    assert sum(line.count(" ") for line in lines) <= len(t.split()) - 1


@settings(deadline=None)
@given(t=texts(), size=sizes, extra=st.floats(min_value=0, max_value=400))
def test_wrap_is_deterministic(t: str, size: float, extra: float) -> None:
    w = _widest_char(size) + extra
    assert wrap(t, M, size, w) == wrap(t, M, size, w)


@pytest.mark.parametrize(
    "word",
    [
        "x" * 120,
        "https://www.voorbeeldstad.nl/beleid/omgevingsvisie-2030/uitvoeringsprogramma?jaar=2025",
        "1234567890" * 8,
    ],
)
@pytest.mark.parametrize("max_width", [20.0, 40.0, 95.5])
def test_long_unbroken_words_always_fit(word: str, max_width: float) -> None:
    lines = wrap(word, M, 14, max_width)
    assert len(lines) > 1
    assert all(text_width(line, M, 14) <= max_width for line in lines)
    # Character-level breaks insert nothing.
    assert "".join(lines) == word


def test_long_dutch_word_is_hyphenated_at_syllables() -> None:
    word = "omgevingsvergunningsprocedure"
    lines = wrap(word, M, 14, 90)
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines) == word
    assert lines[0] in {"omgevings-", "omge-", "om-", "omgevingsver-", "omgevingsvergun-"}


def test_words_that_fit_a_line_move_whole() -> None:
    lines = wrap("De gemeenteraad besluit", M, 14, text_width("De gemeenteraad", M, 14) - 1)
    assert lines == ["De", "gemeenteraad", "besluit"]


def test_existing_hyphen_is_a_break_opportunity() -> None:
    lines = wrap("noord-zuidverbinding", M, 14, text_width("noord-zuid", M, 14))
    assert lines[0] == "noord-"
    assert "".join(lines).replace("--", "-").startswith("noord-zuid")


def test_part_before_an_existing_hyphen_can_be_hyphenated() -> None:
    lines = wrap("omgevingsvergunning-aanvraag", M, 14, 70)
    assert lines[-1] == "aanvraag"
    assert lines[-2].endswith("ning-")  # the author's hyphen, not a second one
    assert "".join(line[:-1] for line in lines[:-2]) + lines[-2] == "omgevingsvergunning-"


def test_soft_hyphens_are_used_and_never_printed() -> None:
    lines = wrap("Voor\u00adbeeld\u00adstad", M, 20, text_width("Voorbeeld-", M, 20))
    assert lines == ["Voorbeeld-", "stad"]
    assert wrap("Voor\u00adbeeld\u00adstad", M, 20, 1000) == ["Voorbeeldstad"]


def test_no_break_space_keeps_words_together() -> None:
    lines = wrap("zie artikel\u00a03 van de wet", M, 14, text_width("zie artikel", M, 14))
    assert "artikel\u00a03" in lines


def test_whitespace_collapses() -> None:
    assert wrap("  een \n\t twee  ", M, 14, 1000) == ["een twee"]
    assert wrap(" \n ", M, 14, 100) == []


def test_too_narrow_for_one_character_raises() -> None:
    with pytest.raises(ValueError):
        wrap("W", M, 20, text_width("W", M, 20) - 0.01)


# --- fit -----------------------------------------------------------------------------

boxes = st.tuples(
    st.floats(min_value=40, max_value=500),
    st.floats(min_value=0, max_value=400),
    st.floats(min_value=6, max_value=16).map(lambda s: round(s, 1)),
    st.floats(min_value=0, max_value=30).map(lambda s: round(s, 1)),
)


@settings(deadline=None, max_examples=60)
@given(t=texts(), box=boxes)
def test_fit_respects_the_box(t: str, box: tuple[float, float, float, float]) -> None:
    width, height, min_size, spread = box
    max_size = min_size + spread
    r = fit(t, M, width, height, max_size, min_size)
    assert isinstance(r, Fit)
    assert min_size <= r.size <= max_size
    assert r.line_height_px == pytest.approx(r.size * 1.25)
    assert r.height == pytest.approx(len(r.lines) * r.line_height_px)
    assert (r.overflow_chars > 0) == (not r.fits)
    if r.fits:
        assert r.height <= height
        assert r.width <= width
        assert all(text_width(line, M, r.size) <= width for line in r.lines)
        # Largest size that fits: half a point more would not.
        if r.size + 0.5 <= max_size:
            bigger = fit(t, M, width, height, r.size + 0.5, r.size + 0.5)
            assert not bigger.fits
    else:
        assert r.size == min_size
        assert r.overflow_chars <= len(" ".join(t.split()))


@settings(deadline=None, max_examples=60)
@given(t=texts(), box=boxes)
def test_overflow_is_an_honest_estimate(t: str, box: tuple[float, float, float, float]) -> None:
    width, height, min_size, _ = box
    r = fit(t, M, width, height, min_size, min_size)
    if r.fits:
        return
    normalized = " ".join(t.split())
    kept = normalized[: len(normalized) - r.overflow_chars]
    # What remains after dropping the overflow fits; it ends on a word boundary.
    assert fit(kept, M, width, height, min_size, min_size).fits
    assert kept == "" or normalized[len(kept)] == " "
    # One more word would not fit.
    words = normalized.split(" ")
    n = len(kept.split()) if kept else 0
    assert not fit(" ".join(words[: n + 1]), M, width, height, min_size, min_size).fits


def test_fit_shrinks_until_it_fits() -> None:
    t = "Samen bouwen we aan een gezonde, veilige en groene stad voor iedereen."
    r = fit(t, M, 200, 60, max_size=32, min_size=8)
    assert r.fits and r.overflow_chars == 0
    assert r.size < 32
    assert r.height <= 60


def test_fit_reports_characters_too_many() -> None:
    t = " ".join(["verkeersveiligheid"] * 20)
    r = fit(t, M, 150, 40, max_size=14, min_size=12)
    assert not r.fits
    assert r.size == 12
    assert 0 < r.overflow_chars < len(t)


def test_fit_of_empty_text() -> None:
    r = fit("   ", M, 100, 10, 20, 10)
    assert r.fits and r.lines == () and r.height == 0 and r.overflow_chars == 0


def test_fit_when_box_is_too_small_for_any_line() -> None:
    r = fit("Voorbeeldstad", M, 300, 5, 20, 10)
    assert not r.fits and r.overflow_chars == len("Voorbeeldstad")


def test_fit_rejects_bad_sizes() -> None:
    with pytest.raises(ValueError):
        fit("tekst", M, 100, 100, max_size=8, min_size=10)
    with pytest.raises(ValueError):
        fit("tekst", M, 100, 100, max_size=10, min_size=8, step=0)


def test_baselines_keep_ink_inside_the_box() -> None:
    r = fit("Gemeente Voorbeeldstad werkt samen", M, 120, 100, 20, 10)
    ys = baselines(r, M)
    assert len(ys) == len(r.lines)
    # Open Sans ink: "É" reaches 1907 units up, "g" and "p" 492 units down.
    assert ys[0] - 1907 * r.size / M.units_per_em > 0
    # CSS half-leading: with line height 1.25 the lowest descenders may poke out by
    # at most 0.5% of the font size, well under a pixel on a poster.
    assert ys[-1] + 492 * r.size / M.units_per_em <= r.height + 0.005 * r.size


# --- fontconfig ----------------------------------------------------------------------


def test_fontconfig_file_is_deterministic(tmp_path: Path) -> None:
    first = fontconfig_file([FONTS, FONTS], tmp_path / "fc")
    text = first.read_text(encoding="utf-8")
    mtime = first.stat().st_mtime_ns
    again = fontconfig_file([FONTS], tmp_path / "fc")
    assert again == first and again.read_text(encoding="utf-8") == text
    assert again.stat().st_mtime_ns == mtime  # unchanged text is not rewritten
    root = ET.fromstring(text.split("\n", 2)[2])  # skip the XML declaration and DOCTYPE
    assert [d.text for d in root.findall("dir")] == [str(FONTS.resolve())]
    assert root.find("cachedir") is not None
    assert render_conf([FONTS], tmp_path / "fc") == text


# --- measured width equals what cairosvg draws ---------------------------------------

_RENDER_SCRIPT = r"""
import io, json, os, sys
sys.path.insert(0, sys.argv[1])
from koers.publish.fontconfig import fontconfig_file
os.environ["FONTCONFIG_FILE"] = str(fontconfig_file([sys.argv[2]], sys.argv[3]))
import cairocffi as cairo  # fontconfig is loaded only now, with our file
import cairosvg
from PIL import Image

cases = json.loads(sys.argv[4])
out = []
for case in cases:
    text, size, weight = case["text"], case["size"], case["weight"]
    width = int(case["measured"]) + 40
    height = int(size * 2) + 10
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect width="100%" height="100%" fill="#ffffff"/>'
        f'<text x="10" y="{size * 1.5}" font-family="Open Sans" font-weight="{weight}" '
        f'font-size="{size}" text-rendering="geometricPrecision" fill="#000000">{text}</text></svg>'
    )
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"))
    img = Image.open(io.BytesIO(png)).convert("L")
    columns = [x for x in range(img.width) if any(img.getpixel((x, y)) < 255 for y in range(img.height))]
    # Which font did fontconfig give cairo? Its unhinted advance must match the font file.
    surface = cairo.PDFSurface(io.BytesIO(), 10, 10)
    ctx = cairo.Context(surface)
    ctx.select_font_face("Open Sans", cairo.FONT_SLANT_NORMAL,
                         cairo.FONT_WEIGHT_BOLD if weight == "bold" else cairo.FONT_WEIGHT_NORMAL)
    ctx.set_font_size(size)
    out.append({
        "left": columns[0], "right": columns[-1] + 1,
        "cairo_advance": ctx.text_extents(text)[4],
    })
print(json.dumps(out))
"""


def test_measured_width_matches_cairosvg(tmp_path: Path) -> None:
    cases = []
    for text, size, path, weight in [
        ("Samen werken aan een gezonde, veilige en groene stad", 24, REGULAR, "normal"),
        ("Omgevingsvisie 2030: wonen, werken en verkeer", 18, REGULAR, "normal"),
        ("Gemeente Voorbeeldstad", 32, BOLD, "bold"),
        ("WAVE Avatar Tijd", 16, REGULAR, "normal"),
    ]:
        metrics = load_metrics(path)
        cases.append(
            {
                "text": text,
                "size": size,
                "weight": weight,
                "measured": text_width(text, metrics, size),
                "raw": text_width(text, metrics, size) / (1 + SAFETY),
            }
        )
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    done = subprocess.run(
        [sys.executable, "-c", _RENDER_SCRIPT, str(GENERATOR), str(FONTS), str(tmp_path / "fc"),
         json.dumps(cases)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for case, seen in zip(cases, json.loads(done.stdout)):
        # cairo got our font: its advances are exactly the font's, without kerning.
        assert seen["cairo_advance"] == pytest.approx(case["raw"], rel=1e-6), case["text"]
        ink = seen["right"] - seen["left"]
        assert ink <= case["measured"], case["text"]
        assert ink >= 0.9 * case["measured"], case["text"]
        # The ink also ends inside the measured box that starts at x=10.
        assert seen["right"] - 10 <= case["measured"], case["text"]
