"""The social roadmap for strategies too large for a lane per opgave: a lane per bron, counts per year."""

from __future__ import annotations

from dataclasses import dataclass

from koers.content.model import STATUSES, Strategy
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block
from koers.render.posters.fit import fit_block
from koers.render.posters.icons import Stroke, icon
from koers.render.posters.palette import Palette
from koers.render.posters.roadmap.lanes import Geometry


@dataclass(frozen=True)
class Bar:
    id: str
    frame: Frame
    strokes: tuple[Stroke, ...]


@dataclass(frozen=True)
class Lane:
    frame: Frame
    label: TextBlock
    bars: tuple[Bar, ...]
    counts: tuple[TextBlock, ...] = ()

    @property
    def texts(self) -> tuple[TextBlock, ...]:
        return (self.label,) + self.counts


def lanes_by_source(
    strategy: Strategy,
    font: Font,
    page: PageSize,
    colours: Palette,
    geometry: Geometry,
    label_w: float,
    top: float,
    bottom: float,
) -> tuple[Lane, ...]:
    """One lane per bron: per year a stacked bar of the actions by status, with the count."""
    b = page.base
    groups = [(s, o) for s, o in strategy.matrix if o]
    height = (bottom - top) / len(groups)
    lanes = []
    for index, (source, opgaven) in enumerate(groups):
        y = top + index * height
        frame = Frame(
            f"baan-{source.id}",
            page.margin,
            y,
            page.width - 2 * page.margin,
            height,
            colours.surface if index % 2 == 0 else colours.page,
        )
        label = fit_block(
            font,
            f"baan-{source.id}-titel",
            frame.id,
            source.titel,
            page.margin + 0.5 * b,
            y + 0.2 * b,
            label_w,
            height - 0.4 * b,
            round(0.6 * b, 3),
            round(0.9 * b, 3),
            "bold",
            colours.heading,
        )
        label = label or block(
            font,
            f"baan-{source.id}-titel",
            frame.id,
            source.titel,
            page.margin + 0.5 * b,
            y,
            label_w,
            round(0.6 * b, 3),
            "bold",
            colours.heading,
        )
        label = label.moved(y + (height - label.height) / 2 - label.y)
        actions = [a for o in opgaven for a in o.acties]
        bars, counts = [], []
        for year in strategy.years:
            present = [a for a in actions if year.jaar in a.years]
            x = geometry.boundary(year.jaar) + geometry.gutter / 2
            width = geometry.column - geometry.gutter - 2.4 * b
            bar_h = min(1.1 * b, height * 0.5)
            for status in STATUSES:
                share = sum(1 for a in present if a.status == status) / max(1, len(present)) * width
                if share:
                    mid = y + height / 2
                    marks = (
                        icon(status, x + share / 2, mid, 0.85 * bar_h, colours.band_ink) if share >= 1.3 * bar_h else ()
                    )
                    bars.append(
                        Bar(
                            f"{source.id}-{year.jaar}-{status}",
                            Frame(
                                f"{source.id}-{year.jaar}-{status}",
                                x,
                                mid - bar_h / 2,
                                share,
                                bar_h,
                                colours.status_colour(status),
                            ),
                            marks,
                        )
                    )
                    x += share
            text = block(
                font,
                f"{source.id}-{year.jaar}-aantal",
                frame.id,
                str(len(present)),
                x + 0.3 * b,
                0,
                2.1 * b,
                round(0.8 * b, 3),
                "regular",
                colours.ink,
            )
            counts.append(text.moved(y + (height - text.height) / 2))
        lanes.append(Lane(frame, label, tuple(bars), tuple(counts)))
    return tuple(lanes)
