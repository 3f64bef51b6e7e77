"""The page budget of the written strategy: a fast estimate for `koers check`.

The exact count comes from the laid-out PDF (render/document/written.py); this
estimate lets `check` say how much room is left without starting the print
engine. It mirrors the document's layout part by part: the page geometry and
type sizes in LAYOUT (which the Typst template also uses), every text wrapped at
its real width (with the house font's advance widths and Dutch hyphenation when
a house style is given, else with Open Sans's average character width),
two-column parts halved, and a measured allowance for the white space that page
and column breaks leave. It takes a few milliseconds (about 0,2 s with font metrics).

Calibration (Typst 0.15, house style "voorbeeld", Open Sans 8,5 pt). The real
extent is (pages - 1) + the used share of the last page's text area, from
Typst's layout (WrittenStrategy.extent). In A4:

    strategy                                   real   house font   average width
    example (content/)                         4,81   4,83         4,86
    tests/cases/valid/tweede-strategie         3,74   3,85         3,84
    tests/cases/valid/lang                     6,13   6,24         6,27
    tests/cases/valid/minimaal                 0,59   0,61         0,61
    synthetic: 24 opgaven, 10 years            7,68   7,83         7,82
    synthetic: 6 opgaven, long texts, 8 themes 4,84   4,79         4,74

Largest difference 0,15 A4; the messages say 0,3, for strategies shaped unlike
these. tests/test_document.py fails at 0,5. Change LAYOUT or the templates, and that
test tells whether the constants below still hold. Page breaks make the real
count jump: near a whole number an estimate of 4,8 can become a sixth page, so
treat less than about 0,3 A4 of room as full; `koers build` counts the real pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from math import ceil
from typing import Any

from koers.content.model import Strategy
from koers.dutch import dutch_number
from koers.housestyle.theme import HouseStyle
from koers.render.indicators import indicator_lines
from koers.render.text import load_metrics, wrap

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class PageGeometry:
    """A4 portrait and its margins, in millimetres."""

    width: float = 210.0
    height: float = 297.0
    top: float = 20.0
    side: float = 18.0
    bottom: float = 18.0
    gutter: float = 6.0  # between the two text columns


@dataclass(frozen=True)
class Typography:
    """Body text size and leading, table text size and paragraph gap, in points."""

    body: float = 8.5
    leading: float = 1.33
    table: float = 7.5
    gap: float = 3.5


@dataclass(frozen=True)
class Layout:
    """The numbers the document templates (koers.typ) and this estimate share."""

    page: PageGeometry = field(default_factory=PageGeometry)
    type: Typography = field(default_factory=Typography)

    @property
    def text_width(self) -> float:
        return (self.page.width - 2 * self.page.side) * PT_PER_MM

    @property
    def text_height(self) -> float:
        return (self.page.height - self.page.top - self.page.bottom) * PT_PER_MM

    @property
    def column_width(self) -> float:
        return (self.page.width - 2 * self.page.side - self.page.gutter) / 2 * PT_PER_MM


LAYOUT = Layout()

# Vertical sizes in pt (line boxes plus margins, padding and rules), mirrored from templates/document/koers.typ.
H2 = 13 * 1.2 + 12 + 5 + 2 + 1.5
H3 = 10.5 * 1.2 + 8 + 2
H4 = 9.5 * 1.2 + 7 + 1
META = 7.5 * 1.33 + 3  # the owner line under an opgave
TABLE_HEAD = 7.5 * 1.2 + 2 + 1
TABLE_GROUP = 7.5 * 1.2 + 5 + 0.4
TABLE_ROW = 2 + 0.4
YEAR_COLUMN_MM = (10.5, 6.0)  # up to six years, more
STATUS_COLUMN_MM = 17.0
# Calibrated against Typst's layout (see the module docstring).
MARGIN = 0.3  # A4: twice the largest difference between estimate and real layout in the calibration below
BREAK_WASTE = 12.0  # pt per page left blank by breaks (headings kept with their text, rows kept whole)
AVERAGE_ADVANCE = (0.478, 0.513)  # em per character of Open Sans (regular, bold) in Dutch text
WRAP_WASTE = 0.5  # words per line lost to word wrapping, without font metrics
# A block longer than this (pages of one paragraph) is measured by average width: wrapping it glyph by glyph
# would cost seconds per megabyte, and its exact length no longer matters (it is far over any budget).
EXACT_CHARS = 20_000

# Linear on any input: a link's text stops at the next bracket, its URL at the next parenthesis or space and
# a tag at the next '<', so no two attempts scan the same characters (a line of 100,000 '[' took 52 s before).
_INLINE = re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*\)|[*_`]+|<[^<>]+>")
_MARKUP = re.compile(r"[#*_`>\[\]()|-]+")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


class Ruler:
    """Counts the lines a text takes at a width: with the house font when known, else by average width."""

    def __init__(self, style: HouseStyle | None = None) -> None:
        self.metrics: tuple[Any, Any] | None = None
        if style is not None:
            self.metrics = (load_metrics(style.fonts.regular), load_metrics(style.fonts.bold))

    def lines(self, text: str, width: float, size: float, bold: bool = False) -> int:
        plain = " ".join(text.split())
        if not plain:
            return 0
        if self.metrics is not None and len(plain) <= EXACT_CHARS:
            return _wrapped_lines(plain, self.metrics[bold], size, width)
        # Greedy wrapping leaves about half a word (and its space) empty at the end of each line.
        words = plain.count(" ") + 1
        waste = WRAP_WASTE * (len(plain) + 1) / words
        per_line = max(1.0, width / (size * AVERAGE_ADVANCE[bold]) - waste)
        return ceil(len(plain) / per_line)


@lru_cache(maxsize=8192)
def _wrapped_lines(text: str, metrics: Any, size: float, width: float) -> int:
    # `koers serve` checks after every save, and most texts did not change since the last check.
    return len(wrap(text, metrics, size, width))


def blocks(markdown: str) -> list[tuple[str, str]]:
    """A Markdown body as (kind, plain text) blocks: 'p', 'li' or 'h'."""
    out: list[tuple[str, str]] = []
    for chunk in re.split(r"\n\s*\n", markdown):
        lines = [line for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].lstrip().startswith("#"):
            out.append(("h", lines[0].lstrip("# ")))
            lines = lines[1:]
        items: list[list[str]] = []  # the lines of each item, joined once (+= on a growing string is quadratic)
        for line in lines:
            if _ITEM.match(line) or not items:
                items.append([_ITEM.sub("", line)])
            else:
                items[-1].append(line.strip())
        kind = "li" if lines and _ITEM.match(lines[0]) else "p"
        texts = (" ".join(parts) for parts in items)
        out += [(kind, _INLINE.sub(lambda m: m.group(1) or "", item)) for item in texts if item.strip()]
    return out


class _Estimate:
    """Heights in pt of the document's parts, in the order and widths the template uses."""

    def __init__(self, strategy: Strategy, ruler: Ruler) -> None:
        self.s, self.ruler, self.t = strategy, ruler, LAYOUT.type

    def text(self, text: str, width: float, bold: bool = False, size: float | None = None, leading: float | None = None) -> float:
        size = size or self.t.body
        return self.ruler.lines(text, width, size, bold) * size * (leading or self.t.leading)

    def body(self, markdown: str, width: float) -> float:
        total = 0.0
        for kind, text in blocks(markdown):
            if kind == "h":
                total += self.text(text, width, bold=True) + 6
            elif kind == "li":
                total += self.text(text, width - 12) + 1.5
            else:
                total += self.text(text, width) + self.t.gap
        return total

    def columns(self, stream: float) -> float:
        return stream / 2  # balanced; the odd half line is covered by BREAK_WASTE

    def front(self, has_logo: bool) -> float:
        w, s = LAYOUT.text_width, self.s
        title = (48.2 if has_logo else 0) + 14.3 + self.text(s.titel, w, True, 20, 1.15) + 4 + 10.6 + 8
        ambition = 10 + 16 + 11.6 + self.text(s.ambitie, w - 20, True, 11.5, 1.3) + 4
        vision = H2 + self.text(s.vision.kern, w, True, 10.5, 1.35) + self.t.gap
        vision += self.columns(self.body(s.vision.body, LAYOUT.column_width))
        principles = 0.0
        if s.principles:
            items = sum(self.text(f"{p.titel}. {p.toelichting}", LAYOUT.column_width - 14) + 2 for p in s.principles)
            principles = H2 + self.columns(items)
        return title + ambition + vision + principles

    def opgaven(self) -> float:
        col = LAYOUT.column_width
        total = H2
        for _, opgaven in self.s.matrix:
            if not opgaven:
                continue
            stream = 0.0
            for o in opgaven:
                stream += H4 + META + self.text("Stip op de horizon: " + o.stip, col - 8) + 2
                stream += self.text("Koers: " + o.koers, col - 8) + self.t.gap + self.body(o.body, col)
                # 'Zo meten we het' and a line per indicator (render.document.written.context).
                stream += sum(self.text(line, col - 8) for line in indicator_lines(self.s, o)) + (self.t.gap if o.indicatoren else 0)
            total += H3 + 2 + self.columns(stream)
        return total

    def agenda(self) -> float:
        w, s = LAYOUT.text_width, self.s
        total = H2
        intros = [y for y in s.years if y.titel or y.body.strip()]
        for y in intros:
            heading = self.text(y.titel or str(y.jaar), 44 * PT_PER_MM, True)
            total += max(heading, self.text(y.body, w - 46 * PT_PER_MM)) + 2
        total += 6 if intros else 0
        year_mm = YEAR_COLUMN_MM[len(s.years) > 6]
        action_width = w - (len(s.years) * year_mm + STATUS_COLUMN_MM) * PT_PER_MM - 3
        size = self.t.table
        total += TABLE_HEAD + TABLE_GROUP * sum(len(o) for _, o in s.matrix)
        for a in s.actions:
            total += max(self.text(a.display, action_width, size=size, leading=1.2), 8.1) + TABLE_ROW
        return total

    def themes(self) -> float:
        col = LAYOUT.column_width
        total = 0.0
        if self.s.themes:
            stream = sum(H3 + self.text(t.kort, col, True) + self.t.gap + self.body(t.body, col) for t in self.s.themes)
            total += H2 + self.columns(stream)
        if self.s.niet_meer:
            total += H2 + self.columns(sum(self.text(item.tekst, col - 12) + 1.5 for item in self.s.niet_meer))
        return total


def estimate_pages(strategy: Strategy, style: HouseStyle | None = None) -> float:
    """Estimated A4 pages of the written strategy (fractional: 4.6 is four pages and most of a fifth)."""
    estimate = _Estimate(strategy, Ruler(style))
    has_logo = style is None or style.has_logo
    height = estimate.front(has_logo) + estimate.opgaven() + estimate.agenda() + estimate.themes()
    return height / (LAYOUT.text_height - BREAK_WASTE)


def words(markdown: str) -> int:
    return len(_MARKUP.sub(" ", markdown).split())


def texts(strategy: Strategy) -> list[tuple[str, str, str]]:
    """(file, label, text) of every text that goes into the document."""
    out = [(strategy.vision.source, "visie", strategy.vision.kern + "\n" + strategy.vision.body)]
    for o in strategy.opgaven:
        out.append((o.source, f"opgave {o.id}", "\n".join((o.titel, o.stip, o.koers, o.body, *(a.titel for a in o.acties)))))
    for t in strategy.themes:
        out.append((t.source, f"thema {t.id}", "\n".join((t.titel, t.kort, t.body))))
    for y in strategy.years:
        if y.source:
            out.append((y.source, f"jaarschijf {y.jaar}", y.titel + "\n" + y.body))
    principles = "\n".join(p.titel + " " + p.toelichting for p in strategy.principles)
    niet_meer = "\n".join(item.tekst for item in strategy.niet_meer)
    out.append(("content/strategie.yaml", "strategie", "\n".join((strategy.titel, strategy.ambitie, principles, niet_meer))))
    return out


def longest(strategy: Strategy, count: int = 3) -> list[tuple[str, int]]:
    """The files with the most words in the document, longest first."""
    totals: dict[str, int] = {}
    for source, _, text in texts(strategy):
        totals[source] = totals.get(source, 0) + words(text)
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:count]


def longest_phrase(strategy: Strategy) -> str:
    """'content/visie.md (1.900 woorden), …': the three longest texts for the over-budget message."""
    return ", ".join(f"{path} ({dutch_number(n, 0)} woorden)" for path, n in longest(strategy))
