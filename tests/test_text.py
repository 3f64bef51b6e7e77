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
    for w, s in zip(words[1:], seps, strict=False):
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
    for case, seen in zip(cases, json.loads(done.stdout), strict=False):
        # cairo got our font: its advances are exactly the font's, without kerning.
        assert seen["cairo_advance"] == pytest.approx(case["raw"], rel=1e-6), case["text"]
        ink = seen["right"] - seen["left"]
        assert ink <= case["measured"], case["text"]
        assert ink >= 0.9 * case["measured"], case["text"]
        # The ink also ends inside the measured box that starts at x=10.
        assert seen["right"] - 10 <= case["measured"], case["text"]
