"""Exact text measurement, line breaking and size fitting for SVG posters.

SVG has no line wrapping, so posters place every line themselves. The widths
here are the font's plain advance widths (hmtx) without kerning or ligatures:
that is exactly how cairosvg draws text, glyph by glyph. Browsers do kern, which
in Latin text mostly makes lines narrower; SAFETY covers the rest.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate, repeat
from pathlib import Path
from types import MappingProxyType

import pyphen
from fontTools.ttLib import TTFont

# Every width is made 2% wider than the font says, so that renderer rounding
# (subpixel positioning, the odd positive kerning pair in a browser) never
# pushes a line past its box. Posters lose a little space; they never overflow.
SAFETY = 0.02

HYPHEN = "-"
SOFT_HYPHEN = "\u00ad"
HYPHENATION_LANGUAGE = "nl_NL"
SCAN = 256  # characters measured at a time when a run is cut into lines
LONGEST_WORD = 64  # characters; longer runs are not looked up in the hyphenation dictionary

# Collapsible white space. Deliberately not NBSP (U+00A0): authors use it to keep
# "artikel 3" or "€ 5" together, and cairosvg keeps it as a space-wide glyph.
_SPACES = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")
# An explicit hyphen between two word characters is a break opportunity ("noord-zuid").
_AFTER_HYPHEN = re.compile(r"(?<=\w-)(?=\w)")
# Where a URL-like token may break without inserting anything.
_URL_BREAK_AFTER = "/"


@dataclass(frozen=True)
class FontMetrics:
    """Advance widths and vertical metrics of one font file, in font units."""

    path: str
    family: str
    units_per_em: int
    ascender: int
    descender: int  # negative: below the baseline, as in the font
    line_gap: int
    notdef_advance: int
    advances: Mapping[int, int] = field(repr=False, compare=False)

    def advance(self, char: str) -> int:
        """Advance width of one character; a character the font lacks draws as .notdef."""
        return self.advances.get(ord(char), self.notdef_advance)


def load_metrics(path: str | Path) -> FontMetrics:
    """Load (once per file) the metrics of a TrueType/OpenType font."""
    return _load_metrics(str(Path(path).resolve()))


@cache
def _load_metrics(path: str) -> FontMetrics:
    """Read cmap, hmtx and vertical metrics from the font file at an absolute path."""
    font = TTFont(path, lazy=True)
    try:
        hmtx = font["hmtx"]
        cmap = font.getBestCmap() or {}
        advances = {code: hmtx[glyph][0] for code, glyph in sorted(cmap.items())}
        notdef = hmtx[font.getGlyphOrder()[0]][0]
        hhea = font["hhea"]
        if hhea.ascent or hhea.descent:
            ascender, descender, line_gap = hhea.ascent, hhea.descent, hhea.lineGap
        else:  # some fonts leave hhea empty and rely on OS/2
            os2 = font["OS/2"]
            ascender, descender, line_gap = os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap
        return FontMetrics(
            path=path,
            family=font["name"].getBestFamilyName() or "",
            units_per_em=font["head"].unitsPerEm,
            ascender=int(ascender),
            descender=int(descender),
            line_gap=int(line_gap),
            notdef_advance=int(notdef),
            advances=MappingProxyType(advances),
        )
    finally:
        font.close()


def _units(text: str, metrics: FontMetrics) -> int:
    """Sum of advance widths in font units; integers keep the sum exact."""
    return sum(map(metrics.advances.get, map(ord, text), repeat(metrics.notdef_advance)))


def _px(units: int, metrics: FontMetrics, size: float) -> float:
    """Font units to px at this size, including the safety margin."""
    return units * size / metrics.units_per_em * (1 + SAFETY)


def _first_too_wide(metrics: FontMetrics, size: float, max_width: float) -> int:
    """The fewest font units wider than max_width px: comparing units with it is comparing widths, exactly."""
    if math.isinf(max_width):
        return sys.maxsize if max_width > 0 else 0
    units = max(0, math.floor(max_width * metrics.units_per_em / size / (1 + SAFETY)))
    while units > 0 and _px(units - 1, metrics, size) > max_width:
        units -= 1
    while _px(units, metrics, size) <= max_width:
        units += 1
    return units


def text_width(text: str, metrics: FontMetrics, size: float) -> float:
    """Width in px of text drawn on one line at font size `size` (px), with SAFETY added."""
    return _px(_units(text, metrics), metrics, size)


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    """The Dutch hyphenation dictionary, loaded once."""
    return pyphen.Pyphen(lang=HYPHENATION_LANGUAGE)


@lru_cache(maxsize=4096)
def _hyphen_points(segment: str) -> tuple[int, ...]:
    """Positions in segment where a hyphen may be inserted, ascending."""
    lead = len(segment) - len(segment.lstrip("([{'\"‘“"))
    core = segment[lead:].rstrip("-.,;:!?)]}'\"’”")
    # Only real words: hyphens inside URLs, codes or numbers would change them. A run longer than any Dutch
    # word is no word either, and the dictionary's time grows with its length: it is cut by width instead.
    if len(core) < 4 or len(core) > LONGEST_WORD or not core.isalpha():
        return ()
    points = []
    for pos in _hyphenator().positions(core):
        # Non-standard Dutch breaks (e.g. "omaatje" -> "oma-tje") change letters;
        # skip them so the lines always spell the original word.
        if getattr(pos, "data", None) is None:
            points.append(lead + int(pos))
    return tuple(points)


def _words(text: str) -> list[str]:
    """Split text on collapsible white space."""
    return [w for w in _SPACES.split(text) if w]


def _segments(word: str) -> list[tuple[str, tuple[int, ...] | None]]:
    """Split a word after explicit hyphens; each part with its hyphenation points (None: ask the dictionary)."""
    parts: list[tuple[str, tuple[int, ...] | None]] = []
    for part in _AFTER_HYPHEN.split(word):
        if SOFT_HYPHEN in part:
            # The author's soft hyphens are the hyphenation points; they never print.
            pieces = part.split(SOFT_HYPHEN)
            clean = "".join(pieces)
            points, at = [], 0
            for piece in pieces[:-1]:
                at += len(piece)
                if 0 < at < len(clean):
                    points.append(at)
            parts.append((clean, tuple(sorted(set(points)))))
        elif part:
            # Looked up only when the part has to be broken: most words never are.
            parts.append((part, None))
    return [p for p in parts if p[0]]


class _LineBreaker:
    """Greedy line filling; one instance per wrap() call."""

    def __init__(self, metrics: FontMetrics, size: float, max_width: float) -> None:
        self.metrics, self.size, self.max_width = metrics, size, max_width
        self.lines: list[str] = []
        self.current = ""
        # Widths add up exactly (integer font units, no kerning), so the current line is
        # measured once, not again for every word placed after it.
        self.current_units = 0
        self.too_wide = _first_too_wide(metrics, size, max_width)

    def fits(self, line: str) -> bool:
        """Whether a candidate line fits the width."""
        return _units(line, self.metrics) < self.too_wide

    def fits_after(self, more: str) -> bool:
        """Whether the current line followed by `more` fits the width."""
        return self.current_units + _units(more, self.metrics) < self.too_wide

    def _set(self, line: str) -> None:
        self.current, self.current_units = line, _units(line, self.metrics)

    def _extend(self, more: str) -> None:
        self.current += more
        self.current_units += _units(more, self.metrics)

    def add(self, segment: str, points: tuple[int, ...] | None, joiner: str) -> None:
        """Place one segment after the current line content, breaking where needed."""
        joiner = joiner if self.current else ""
        if self.fits_after(joiner + segment):
            self._extend(joiner + segment)
            return
        if self.current and self.fits(segment):
            # A word that fits a line of its own is moved whole: fewer hyphens read better.
            self.lines.append(self.current)
            self._set(segment)
            return
        self._break(segment, _hyphen_points(segment) if points is None else points, joiner)

    def _fit_end(self, segment: str, start: int, base: int) -> int | None:
        """The largest end such that `base` units plus segment[start:end] fit the width; None when not even base fits.

        Scans only as far as the line reaches (in slices of SCAN characters), so breaking a long run costs
        its length, not its length squared.
        """
        room = self.too_wide - base  # the units segment[start:end] must stay below
        if room <= 0:
            return None
        advances, notdef = self.metrics.advances, self.metrics.notdef_advance
        at = start
        while at < len(segment):
            piece = segment[at : at + SCAN]
            widths = list(accumulate(map(advances.get, map(ord, piece), repeat(notdef))))
            over = bisect_left(widths, room)  # widths only grow: the first character that no longer fits
            if over < len(widths):
                return at + over
            room -= widths[-1]
            at += len(piece)
        return len(segment)

    def _break(self, segment: str, points: tuple[int, ...], joiner: str) -> None:
        """Break a segment that is wider than a whole line."""
        start = 0
        while True:
            base = self.current_units + _units(joiner, self.metrics)
            if self._fit_end(segment, start, base) == len(segment):
                self._extend(joiner + segment[start:])
                return
            # Widths only grow with the text, so the last hyphenation point that fits is the last one up to `limit`.
            limit = self._fit_end(segment, start, base + _units(HYPHEN, self.metrics))
            cut: int | None = None
            if limit is not None:
                before = bisect_right(points, limit)
                cut = points[before - 1] if before and points[before - 1] > start else None
            if cut is not None:
                self.lines.append(self.current + joiner + segment[start:cut] + HYPHEN)
            elif self.current:
                # Nothing fits behind the text already on this line: retry on a fresh line.
                self.lines.append(self.current)
            else:
                cut = self._char_cut(segment, start)
                self.lines.append(segment[start:cut])
            self._set("")
            joiner = ""
            if cut is not None:
                start = cut

    def _char_cut(self, segment: str, start: int) -> int:
        """Where to cut an unbreakable run on an empty line (no hyphen is inserted)."""
        end = self._fit_end(segment, start, 0)
        n = (end or start) - start
        if n == 0:
            raise ValueError(
                f"Een regel van {self.max_width:.1f}px is te smal voor het teken "
                f"{segment[start]!r} bij lettergrootte {self.size:g}px."
            )
        # URLs read better when cut after a slash, unless that leaves a very short line.
        slash = segment.rfind(_URL_BREAK_AFTER, start, start + n - 1)
        if slash >= 0 and slash + 1 - start >= max(1, n // 2):
            return slash + 1
        return start + n

    def finish(self) -> list[str]:
        """All lines, including the one still being filled."""
        if self.current:
            self.lines.append(self.current)
        return self.lines


def wrap(text: str, metrics: FontMetrics, size: float, max_width: float) -> list[str]:
    """Break text into lines that each fit max_width px at this size (greedy, Dutch hyphenation)."""
    if size <= 0:
        raise ValueError(f"Lettergrootte moet groter dan 0 zijn, niet {size}.")
    breaker = _LineBreaker(metrics, size, max_width)
    for word in _words(text):
        for index, (segment, points) in enumerate(_segments(word)):
            # A new word follows a space; the part after an explicit hyphen follows nothing.
            breaker.add(segment, points, " " if index == 0 else "")
    return breaker.finish()
