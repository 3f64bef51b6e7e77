"""Candidate grids for the opgaven cards: groups side by side ('columns') or stacked as bands ('rows').

In 'columns' each bron takes k whole grid columns and every group has the
same number of rows; in 'rows' each bron is a band across the page and its
cards fill C columns, as many rows as it needs. Landscape pages usually suit
columns, portrait pages with many bronnen usually suit rows; the planner
(poster_grid) simply tries both. All cards of a grid have one size.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from koers.render.posters.base import Font, block_height, try_wrap

MAX_EXTRA_COLUMNS = 12
MAX_CARD = 80  # widest card, in minimum body sizes (A3: 560 pt, about 2 × 60 characters side by side)


class _Group(Protocol):
    @property
    def titel(self) -> str: ...

    @property
    def cards(self) -> tuple[object, ...]: ...


@dataclass(frozen=True)
class Shape:
    """One grid: how the groups are arranged, and the resulting card size."""

    mode: str  # "columns" | "rows"
    columns: tuple[int, ...]  # grid columns per group ("columns"), or (C,) for every band ("rows")
    rows: tuple[int, ...]  # card rows per group
    column_width: float
    card_height: float
    header_height: float
    gap: float
    group_gap: float

    def group_width(self, index: int) -> float:
        k = self.columns[index] if self.mode == "columns" else self.columns[0]
        return k * self.column_width + (k - 1) * self.gap

    @property
    def width(self) -> float:
        """Width of the whole grid (less than the page's when cards reached their widest)."""
        if self.mode == "rows":
            return self.group_width(0)
        return sum(self.group_width(i) for i in range(len(self.columns))) + (len(self.columns) - 1) * self.group_gap

    def empty(self, groups: tuple[_Group, ...]) -> int:
        slots = (
            sum(k * self.rows[0] for k in self.columns) if self.mode == "columns" else self.columns[0] * sum(self.rows)
        )
        return slots - sum(len(g.cards) for g in groups)

    @property
    def total_columns(self) -> int:
        return sum(self.columns) if self.mode == "columns" else self.columns[0]

    def height(self, card_height: float) -> float:
        """Height of the whole grid with cards of this height."""
        if self.mode == "columns":
            rows = self.rows[0]
            return self.header_height + rows * card_height + (rows - 1) * self.gap
        bands = len(self.rows)
        cards = sum(r * card_height + (r - 1) * self.gap for r in self.rows)
        return bands * self.header_height + cards + (bands - 1) * self.group_gap


def allocations(counts: tuple[int, ...], max_columns: int) -> list[tuple[tuple[int, ...], int]]:
    """For each total column count, the allocation per group with the fewest rows."""
    out = []
    columns = [1] * len(counts)
    while True:
        rows = max(math.ceil(n / k) for n, k in zip(counts, columns, strict=True))
        out.append((tuple(columns), rows))
        if sum(columns) >= max_columns:
            return out
        # Give the next column to the group that sets the row count (earliest on ties).
        worst = max(range(len(counts)), key=lambda i: (math.ceil(counts[i] / columns[i]), -i))
        if columns[worst] >= counts[worst]:
            return out
        columns[worst] += 1


def header_height(
    groups: tuple[_Group, ...], widths: list[float], font: Font, size: float, base: float
) -> float | None:
    """Height of the group headers (one size and height for all), None when a title cannot be set."""
    most = 0
    for group, width in zip(groups, widths, strict=True):
        lines = try_wrap(group.titel, font.bold, size, width)
        if lines is None:
            return None
        most = max(most, len(lines))
    return block_height(font.bold, size, most) + 0.75 * base


def candidates(
    groups: tuple[_Group, ...], width: float, height: float, font: Font, base: float, header_size: float
) -> Iterator[Shape]:
    """Every plausible grid in both arrangements, with its card size."""
    gap, group_gap = 0.8 * base, 1.8 * base
    counts = tuple(len(g.cards) for g in groups)
    widest = MAX_CARD * base  # a card wider than this would only make lines too long to read
    for columns, rows in allocations(counts, len(groups) + MAX_EXTRA_COLUMNS):
        total = sum(columns)
        column_width = min(widest, (width - (total - len(groups)) * gap - (len(groups) - 1) * group_gap) / total)
        if column_width <= 6 * base:
            continue
        widths = [k * column_width + (k - 1) * gap for k in columns]
        head = header_height(groups, widths, font, header_size, base)
        if head is not None:
            card = (height - head - (rows - 1) * gap) / rows
            if card > 0:
                yield Shape("columns", columns, (rows,) * len(groups), column_width, card, head, gap, group_gap)
    if len(groups) < 2:
        return  # one band is the same as one group of columns
    for c in range(1, max(counts) + 1):
        column_width = min(widest, (width - (c - 1) * gap) / c)
        if column_width <= 6 * base:
            break
        band = c * column_width + (c - 1) * gap
        head = header_height(groups, [band] * len(groups), font, header_size, base)
        if head is None:
            continue
        band_rows = tuple(math.ceil(n / c) for n in counts)
        room = height - len(groups) * head - (len(groups) - 1) * group_gap - sum(r - 1 for r in band_rows) * gap
        if room > 0:
            yield Shape("rows", (c,), band_rows, column_width, room / sum(band_rows), head, gap, group_gap)
