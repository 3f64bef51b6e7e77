"""The themes band and the year-slice timeline of 'Strategie in één beeld'."""

from __future__ import annotations

from dataclasses import dataclass

from koers.content.model import Strategy, YearSlice
from koers.dutch import plural
from koers.render.posters.bands import Band
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block


@dataclass(frozen=True)
class YearMark:
    """One year slice on the timeline: its node, texts and done/total bar."""

    year: int
    cx: float
    cy: float
    r: float
    texts: tuple[TextBlock, ...]
    track: Frame
    done: Frame | None


@dataclass(frozen=True)
class Timeline:
    frame: Frame
    label: TextBlock
    line: Frame
    years: tuple[YearMark, ...]

    @property
    def texts(self) -> tuple[TextBlock, ...]:
        return (self.label,) + tuple(t for y in self.years for t in y.texts)


def themes_band(font: Font, page: PageSize, colours, strategy: Strategy, top: float) -> Band | None:
    """The themes as a coloured band of labels that wraps onto more rows when needed."""
    if not strategy.themes:
        return None
    b, m = page.base, page.margin
    inner = page.width - 2 * m
    pad, size = 0.9 * b, round(1.1 * b, 3)
    label = block(font, "themas-label", "themas", "THEMA'S", m + pad, top + pad, 12 * b, size, "bold", colours.band_ink)
    label = TextBlock(
        label.id,
        label.frame,
        label.x,
        label.y,
        label.ink_width + 0.5,
        label.lines,
        label.size,
        label.weight,
        label.fill,
        label.metrics,
    )
    start = label.x + label.width + 2.2 * b
    right = m + inner - pad
    x, y, row_h = start, top + pad, label.height
    texts, dots = [label], []
    for theme in strategy.themes:
        chip = block(
            font,
            f"thema-{theme.id}",
            "themas",
            theme.display,
            0,
            0,
            right - start - 1.4 * b,
            size,
            "regular",
            colours.band_ink,
        )
        width = chip.ink_width + 0.5
        if x + 1.4 * b + width > right and x > start:
            x, y = start, y + row_h + 0.55 * b
        dots.append(
            Frame(
                f"thema-{theme.id}-punt",
                x,
                y + chip.height / 2 - 0.3 * b,
                0.6 * b,
                0.6 * b,
                colours.accent if colours.accent != colours.band else colours.band_ink,
                0.3 * b,
            )
        )
        texts.append(
            TextBlock(
                chip.id, chip.frame, x + 1.2 * b, y, width, chip.lines, chip.size, chip.weight, chip.fill, chip.metrics
            )
        )
        row_h = max(row_h, chip.height)
        x += 1.2 * b + width + 2.2 * b
    height = (y + row_h + pad) - top
    frame = Frame("themas", m, top, inner, height, colours.band, rx=colours.radius(b))
    return Band(frame, tuple(texts), tuple(dots))


def timeline(font: Font, page: PageSize, colours, strategy: Strategy, top: float) -> Timeline:
    """Year slices along a line: year, number of actions and a done/total bar each."""
    b, m = page.base, page.margin
    inner = page.width - 2 * m
    label = block(
        font,
        "agenda-label",
        "agenda",
        f"AGENDA {strategy.period_label}".upper(),
        m,
        top,
        inner,
        round(1.05 * b, 3),
        "bold",
        colours.label,
    )
    years = strategy.years
    step = inner / len(years)
    year_size = round(1.6 * b, 3)
    # The tallest head sets the line: a phase's name can take more lines than a year.
    tallest = max(block(font, "x", "x", y.label, 0, 0, step - 1.2 * b, year_size, "bold").height for y in years)
    line_y = label.bottom + 0.8 * b + tallest + 1.0 * b
    marks = []
    for index, year in enumerate(years):
        cx = m + step * (index + 0.5)
        marks.append(_year_mark(font, colours, strategy, year, cx, step, label.bottom + 0.8 * b, line_y, b))
    bottom = max(t.bottom for mark in marks for t in mark.texts + ())
    bottom = max(bottom, max(mark.track.bottom for mark in marks))
    line = Frame(
        "agenda-lijn",
        m + step * 0.5,
        line_y - max(0.5, 0.1 * b),
        step * (len(years) - 1),
        max(1.0, 0.2 * b),
        colours.rule,
    )
    return Timeline(Frame("agenda", m, top, inner, bottom - top), label, line, tuple(marks))


def _year_mark(
    font: Font, colours, strategy: Strategy, slot: YearSlice, cx: float, step: float, top: float, line_y: float, b: float
) -> YearMark:
    year, key = slot.slug, slot.jaar
    actions = strategy.actions_by_year.get(key, ())
    done = sum(1 for a in actions if a.status == "gereed")
    width = step - 1.2 * b
    x = cx - width / 2
    head = block(
        font, f"jaar-{year}", "agenda", slot.label, x, top, width, round(1.6 * b, 3), "bold", colours.heading, "middle"
    )
    r = 0.5 * b
    count = block(
        font,
        f"jaar-{year}-acties",
        "agenda",
        plural(len(actions), "actie", "acties"),
        x,
        line_y + r + 0.8 * b,
        width,
        round(1.1 * b, 3),
        "bold",
        colours.ink,
        "middle",
    )
    bar_w = min(width, 14 * b)
    track = Frame(f"jaar-{year}-balk", cx - bar_w / 2, count.bottom + 0.5 * b, bar_w, 0.7 * b, colours.track, 0.35 * b)
    done_bar = None
    if actions and done:
        done_bar = Frame(
            f"jaar-{year}-gereed", track.x, track.y, bar_w * done / len(actions), track.height, colours.band, 0.35 * b
        )
    progress = block(
        font,
        f"jaar-{year}-voortgang",
        "agenda",
        f"{done} van {len(actions)} gereed",
        x,
        track.bottom + 0.45 * b,
        width,
        b,
        "regular",
        colours.muted,
        "middle",
    )
    return YearMark(key, cx, line_y, r, (head, count, progress), track, done_bar)
