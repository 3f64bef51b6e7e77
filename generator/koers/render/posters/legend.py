"""The routekaart's legend: every status as colour, icon and word, and what an arrow means."""

from __future__ import annotations

from dataclasses import dataclass

from koers.content.model import STATUS_LABELS, STATUSES
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block
from koers.render.posters.icons import Stroke, icon
from koers.render.posters.palette import Palette

ARROW_TEXT = "pijl: moet eerst klaar zijn voor"


@dataclass(frozen=True)
class LegendItem:
    status: str
    tab: Frame
    icon: tuple[Stroke, ...]
    text: TextBlock


@dataclass(frozen=True)
class Legend:
    frame: Frame
    label: TextBlock
    items: tuple[LegendItem, ...]
    arrow: tuple[tuple[float, float], ...]
    arrow_head: tuple[tuple[float, float], ...]
    arrow_text: TextBlock | None

    @property
    def texts(self) -> tuple[TextBlock, ...]:
        tail = (self.arrow_text,) if self.arrow_text is not None else ()
        return (self.label,) + tuple(i.text for i in self.items) + tail


def legend(font: Font, page: PageSize, colours: Palette, top: float, scale: float = 1.0, arrows: bool = True) -> Legend:
    """A one-row legend (wrapping when narrow) starting at top."""
    b = page.base * scale
    m = page.margin
    size = round(1.1 * b, 3)
    label = block(font, "legenda-label", "legenda", "LEGENDA", m, top, 12 * b, size, "bold", colours.label)
    x, y = m + label.ink_width + 2.2 * b, top
    right = page.width - m
    tab = 1.9 * b
    line_h = max(label.height, tab)
    label = label.moved((line_h - label.height) / 2)
    items = []
    for status in STATUSES:
        text = block(
            font, f"legenda-{status}", "legenda", STATUS_LABELS[status], 0, 0, 20 * b, size, "regular", colours.ink
        )
        width = tab + 0.7 * b + text.ink_width + 0.5
        if x + width > right:
            x, y = m + label.ink_width + 2.2 * b, y + line_h + 0.6 * b
        frame = Frame(f"legenda-{status}-kleur", x, y, tab, tab, colours.status_colour(status), colours.radius(b, 0.5))
        strokes = icon(status, x + tab / 2, y + tab / 2, 1.15 * b, colours.band_ink)
        placed = TextBlock(
            text.id,
            text.frame,
            x + tab + 0.7 * b,
            y + (line_h - text.height) / 2,
            text.ink_width + 0.5,
            text.lines,
            text.size,
            text.weight,
            text.fill,
            text.metrics,
        )
        items.append(LegendItem(status, frame, strokes, placed))
        x += width + 2.2 * b
    if not arrows:
        frame = Frame("legenda", m, top, page.width - 2 * m, y + line_h - top)
        return Legend(frame, label, tuple(items), (), (), None)
    sample = block(font, "legenda-pijl", "legenda", ARROW_TEXT, 0, 0, 40 * b, size, "regular", colours.ink)
    arrow_w = 4.5 * b
    if x + arrow_w + 0.8 * b + sample.ink_width > right:
        x, y = m + label.ink_width + 2.2 * b, y + line_h + 0.6 * b
    mid = y + line_h / 2
    head = 0.6 * b
    arrow = ((x, mid), (x + arrow_w - head, mid))
    arrow_head = ((x + arrow_w, mid), (x + arrow_w - head, mid - head / 2), (x + arrow_w - head, mid + head / 2))
    text = TextBlock(
        sample.id,
        sample.frame,
        x + arrow_w + 0.8 * b,
        y + (line_h - sample.height) / 2,
        sample.ink_width + 0.5,
        sample.lines,
        sample.size,
        sample.weight,
        sample.fill,
        sample.metrics,
    )
    frame = Frame("legenda", m, top, page.width - 2 * m, y + line_h - top)
    return Legend(frame, label, tuple(items), arrow, arrow_head, text)
