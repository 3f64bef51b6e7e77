"""The logo's text is outlined in the house font before it is published (koers.render.logo)."""

from __future__ import annotations

import re

from koers.housestyle.theme import Fonts
from koers.render.logo import outlined_svg
from support.projects import REPO

FONTS_DIR = REPO / "themes" / "voorbeeld" / "fonts"
FONTS = Fonts(
    "Open Sans", FONTS_DIR / "OpenSans-Regular.ttf", FONTS_DIR / "OpenSans-Bold.ttf", FONTS_DIR / "OpenSans-Italic.ttf",
    None, None, None, None,
)  # fmt: skip
HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 64" width="200" height="64">'


def _box(svg: str) -> tuple[float, float, float, float]:
    """min x, min y, max x, max y over the points of every path (SVGPathPen writes absolute M L H V Q C Z)."""
    xs: list[float] = []
    ys: list[float] = []
    for d in re.findall(r' d="([^"]+)"', svg):
        for command, args in re.findall(r"([MLHVQCZ])([^MLHVQCZ]*)", d):
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
            if command == "H":
                xs += numbers
            elif command == "V":
                ys += numbers
            else:
                xs += numbers[0::2]
                ys += numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def test_text_becomes_paths_where_the_text_was_and_the_rest_stays_byte_for_byte() -> None:
    rect = '<rect x="2" y="4" width="56" height="56" rx="12" fill="#1b3a6b"/>'
    svg = f'{HEAD}<title>Gemeente Ergens</title>{rect}<text x="100" y="40" text-anchor="middle" font-size="20" fill="#ffffff">Z</text></svg>'
    out = outlined_svg(svg.encode(), FONTS).decode()
    assert "<text" not in out and rect in out and out.startswith(HEAD + "<title>Gemeente Ergens</title>")
    assert '<g fill="#ffffff"><path d="' in out
    left, top, right, bottom = _box(out)
    # A 20 px capital Z centred on x=100 with its baseline at y=40: about 11 wide and 14.3 high (Open Sans caps).
    assert abs((left + right) / 2 - 100) < 0.5 and abs(bottom - 40) < 0.1 and 13 < bottom - top < 15.5


def test_anchor_weight_and_size_choose_position_font_file_and_scale() -> None:
    def drawn(attrs: str) -> str:
        return outlined_svg(f'{HEAD}<text x="100" y="40" {attrs}>Ergens</text></svg>'.encode(), FONTS).decode()

    start, end = _box(drawn('font-size="20"')), _box(drawn('font-size="20" text-anchor="end"'))
    assert abs(start[0] - 100) < 2 and abs(end[2] - 100) < 2  # E's left side bearing is about 1.8 px at 20 px
    regular, bold = drawn('font-size="20"'), drawn('style="font-size:20px;font-weight:bold"')
    assert regular != bold and _box(bold)[2] > _box(regular)[2]
    assert _box(drawn('font-size="40"'))[2] - 100 > 1.9 * (start[2] - 100)


def test_a_logo_without_text_is_returned_unchanged_and_a_text_without_title_names_the_image() -> None:
    plain = (REPO / "themes" / "voorbeeld" / "logo.svg").read_bytes()
    assert outlined_svg(plain, FONTS) is plain
    out = outlined_svg(f'{HEAD}<g font-size="24"><text x="0" y="30">Gemeente <tspan font-weight="700">Ergens</tspan></text></g></svg>'.encode(), FONTS)
    assert out.decode().startswith(HEAD + "<title>Gemeente Ergens</title>") and b"<text" not in out


def test_a_text_on_a_path_is_left_as_it_is() -> None:
    svg = f'{HEAD}<path id="p" d="M0 0H100"/><text><textPath href="#p">Ergens</textPath></text></svg>'.encode()
    assert outlined_svg(svg, FONTS) == svg
