"""Shared poster building blocks: page sizes, type scale, text blocks, frames and colours.

Coordinates are SVG user units: points (1/72 inch) for the A-sizes, pixels for
the social image. Every text is a TextBlock placed inside a Frame (a rectangle
with an id); the SVG carries data-frame on each <text>, so a test can measure
each text with the real font and prove it lies inside its frame and the page.

Vertical text model: a block of n lines at size s and leading l occupies
ascent + (n - 1) * l + descent, with the font's own hhea ascent and descent.
That is the full ink range of every glyph the font can draw (accents included),
so no glyph can ever poke out of its frame, whatever the renderer does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from koers.housestyle.theme import HouseStyle
from koers.render.text import FontMetrics, load_metrics, text_width, wrap

LEADING = 1.25


@dataclass(frozen=True)
class PageSize:
    """One output size: user-unit box, physical size and minimum legible type."""

    key: str
    label: str
    width: float
    height: float
    unit: str  # "mm" or "px": the physical unit of width_phys/height_phys
    width_phys: float
    height_phys: float
    base: float  # minimum legible body size in user units
    margin: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height


MM_TO_PT = 72 / 25.4
# A3 read at arm's length: 7 pt body minimum; A1/A0 read in a corridor from 1–1.5 m.
SIZES: dict[str, PageSize] = {
    "a3": PageSize("a3", "A3", round(420 * MM_TO_PT, 2), round(297 * MM_TO_PT, 2), "mm", 420, 297, 7.0, 30.0),
    "a1": PageSize("a1", "A1", round(594 * MM_TO_PT, 2), round(841 * MM_TO_PT, 2), "mm", 594, 841, 12.0, 60.0),
    "a0": PageSize("a0", "A0", round(841 * MM_TO_PT, 2), round(1189 * MM_TO_PT, 2), "mm", 841, 1189, 17.0, 84.0),
    "social": PageSize("social", "sociale media", 1200.0, 630.0, "px", 1200, 630, 15.0, 36.0),
}
SIZE_ORDER = ("a3", "a1", "a0", "social")


@dataclass(frozen=True)
class Font:
    """The two weights the posters use, with their metrics."""

    family: str
    regular: FontMetrics
    bold: FontMetrics

    def metrics(self, weight: str) -> FontMetrics:
        return self.bold if weight == "bold" else self.regular


def poster_font(style: HouseStyle) -> Font:
    """Metrics of the house style's regular and bold font files."""
    return _font(style.fonts.family, str(style.fonts.regular), str(style.fonts.bold))


@lru_cache(maxsize=8)
def _font(family: str, regular: str, bold: str) -> Font:
    return Font(family, load_metrics(regular), load_metrics(bold))


def ascent(metrics: FontMetrics, size: float) -> float:
    return metrics.ascender * size / metrics.units_per_em


def descent(metrics: FontMetrics, size: float) -> float:
    return -metrics.descender * size / metrics.units_per_em


def block_height(metrics: FontMetrics, size: float, lines: int, leading: float = LEADING) -> float:
    """Height taken by `lines` lines of text (0 for none)."""
    if lines <= 0:
        return 0.0
    return ascent(metrics, size) + descent(metrics, size) + (lines - 1) * size * leading


@lru_cache(maxsize=65536)
def wrap_cached(text: str, metrics: FontMetrics, size: float, width: float) -> tuple[str, ...]:
    """wrap() with memoisation: layouts try the same text at the same sizes many times.

    The grid planner asks for each card at each candidate column width again for every
    page height it tries (a strategy of 100 opgaven: 140,000 calls, 5,000 different ones).
    """
    if width <= 0:
        raise ValueError("width must be positive")
    return tuple(wrap(text, metrics, size, width))


def try_wrap(text: str, metrics: FontMetrics, size: float, width: float) -> tuple[str, ...] | None:
    """Lines for text, or None when a single character is wider than the box."""
    try:
        return wrap_cached(text, metrics, size, width)
    except ValueError:
        return None


@dataclass(frozen=True)
class Frame:
    """A rectangle that holds texts; drawn when fill or stroke is set."""

    id: str
    x: float
    y: float
    width: float
    height: float
    fill: str = ""
    rx: float = 0.0
    stroke: str = ""

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class TextBlock:
    """Lines of text at one size, placed with the top-left of its box at (x, y)."""

    id: str
    frame: str
    x: float
    y: float
    width: float
    lines: tuple[str, ...]
    size: float
    weight: str
    fill: str
    metrics: FontMetrics = field(repr=False, compare=False)
    anchor: str = "start"
    leading: float = LEADING

    @property
    def height(self) -> float:
        return block_height(self.metrics, self.size, len(self.lines), self.leading)

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def baselines(self) -> tuple[float, ...]:
        first = self.y + ascent(self.metrics, self.size)
        return tuple(first + i * self.size * self.leading for i in range(len(self.lines)))

    @property
    def line_x(self) -> float:
        return {"start": self.x, "middle": self.x + self.width / 2, "end": self.x + self.width}[self.anchor]

    @property
    def ink_width(self) -> float:
        return max((text_width(line, self.metrics, self.size) for line in self.lines), default=0.0)

    @property
    def font_weight(self) -> str:
        return "bold" if self.weight == "bold" else "normal"

    def moved(self, dy: float) -> TextBlock:
        return TextBlock(
            self.id,
            self.frame,
            self.x,
            self.y + dy,
            self.width,
            self.lines,
            self.size,
            self.weight,
            self.fill,
            self.metrics,
            self.anchor,
            self.leading,
        )


def block(
    font: Font,
    id: str,
    frame: str,
    text: str,
    x: float,
    y: float,
    width: float,
    size: float,
    weight: str = "regular",
    fill: str = "#000000",
    anchor: str = "start",
) -> TextBlock:
    """Wrap text into width at size and place it; raises ValueError when a character cannot fit."""
    metrics = font.metrics(weight)
    return TextBlock(
        id, frame, x, y, width, wrap_cached(text, metrics, size, width), size, weight, fill, metrics, anchor
    )


def num(value: float) -> str:
    """A fixed, short number format for SVG attributes (deterministic)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
