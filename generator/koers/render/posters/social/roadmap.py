"""The compact routekaart for social media: a lane per opgave (or per bron when there are too many).

Every action is a bar across its years, filled with its status colour and
marked with the status icon; a legend names colours and icons. With more
opgaven than fit at a legible size, lanes become bronnen and each year shows
the number of actions per status instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.content.model import Strategy
from koers.render.posters.bands import Logo, version_line
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block, block_height, try_wrap
from koers.render.posters.fit import fit_block
from koers.render.posters.icons import icon
from koers.render.posters.legend import Legend, legend
from koers.render.posters.palette import Palette
from koers.render.posters.roadmap.lanes import Geometry, pack_rows
from koers.render.posters.social.sources import Bar, Lane, lanes_by_source


@dataclass(frozen=True)
class SocialRoadmap:
    page: PageSize
    head: tuple[TextBlock, ...]
    legend: Legend
    years: tuple[TextBlock, ...]
    guides: tuple[Frame, ...]
    lanes: tuple[Lane, ...]
    version: TextBlock
    logo: Logo | None
    by_source: bool

    @property
    def texts(self) -> list[TextBlock]:
        return (
            list(self.head)
            + list(self.legend.texts)
            + list(self.years)
            + [t for lane in self.lanes for t in lane.texts]
            + [self.version]
        )


def _lanes_by_opgave(
    strategy: Strategy,
    font: Font,
    page: PageSize,
    colours: Palette,
    geometry: Geometry,
    label_w: float,
    top: float,
    bottom: float,
) -> tuple[Lane, ...] | None:
    """One lane per opgave, bars as thick as the room allows; None when even thin bars do not fit."""
    for bar in (1.25, 1.1, 0.95, 0.8):
        lanes = _opgave_lanes(strategy, font, page, colours, geometry, label_w, top, bottom, bar * page.base)
        if lanes is not None:
            return lanes
    return None


def _opgave_lanes(
    strategy: Strategy,
    font: Font,
    page: PageSize,
    colours: Palette,
    geometry: Geometry,
    label_w: float,
    top: float,
    bottom: float,
    bar_h: float,
) -> tuple[Lane, ...] | None:
    b = page.base
    gap = 0.25 * bar_h
    plans, total = [], 0.0
    for opgave in (o for _, opgaven in strategy.matrix for o in opgaven):
        lines = try_wrap(opgave.display, font.bold, round(0.9 * b, 3), label_w)
        if lines is None or len(lines) > 2:
            return None
        rows = pack_rows(opgave.acties)
        height = max(block_height(font.bold, round(0.9 * b, 3), len(lines)), len(rows) * (bar_h + gap) - gap) + 2 * gap
        plans.append((opgave, rows, height))
        total += height
    if total > bottom - top:
        return None
    spread = min(1.6, (bottom - top) / total)
    lanes, y = [], top
    for index, (opgave, rows, height) in enumerate(plans):
        height *= spread
        frame = Frame(
            f"baan-{opgave.id}",
            page.margin,
            y,
            page.width - 2 * page.margin,
            height,
            colours.surface if index % 2 == 0 else colours.page,
        )
        label = block(
            font,
            f"baan-{opgave.id}-titel",
            frame.id,
            opgave.display,
            page.margin + 0.5 * b,
            0,
            label_w,
            round(0.9 * b, 3),
            "bold",
            colours.heading,
        )
        label = label.moved(y + (height - label.height) / 2)
        inner = len(rows) * (bar_h + gap) - gap
        bars = []
        for r, row in enumerate(rows):
            row_y = y + (height - inner) / 2 + r * (bar_h + gap)
            for action in row:
                left, right = geometry.span(action)
                colour = colours.status_colour(action.status)
                strokes = icon(action.status, left + bar_h / 2, row_y + bar_h / 2, 0.85 * bar_h, colours.band_ink)
                bars.append(
                    Bar(
                        f"actie-{action.id}",
                        Frame(
                            f"actie-{action.id}", left, row_y, right - left, bar_h, colour, rx=colours.radius(b, 0.5)
                        ),
                        strokes,
                    )
                )
        lanes.append(Lane(frame, label, tuple(bars)))
        y += height
    return tuple(lanes)


def compact(
    font: Font, page: PageSize, colours: Palette, strategy: Strategy, logo_ratio: float | None
) -> SocialRoadmap:
    """Lay out the social roadmap."""
    b, m = page.base, page.margin
    width = page.width - 2 * m
    kicker = block(
        font, "kicker", "pagina", f"ROUTEKAART {strategy.period_label}", m, m * 0.8, width, b, "bold", colours.label
    )
    title = fit_block(
        font,
        "titel",
        "pagina",
        strategy.titel,
        m,
        kicker.bottom + 0.3 * b,
        width,
        2 * b,
        round(0.9 * b, 3),
        round(1.3 * b, 3),
        "bold",
        colours.ink,
        max_line_count=1,
    )
    title = title or block(
        font,
        "titel",
        "pagina",
        strategy.titel,
        m,
        kicker.bottom + 0.3 * b,
        width,
        round(0.9 * b, 3),
        "bold",
        colours.ink,
    )
    probe = legend(font, page, colours, 0, 0.8, arrows=False)
    key = legend(font, page, colours, page.height - m * 0.8 - probe.frame.height, 0.8, arrows=False)
    label_w = width * 0.24
    gutter = 0.8 * b
    x0 = m + label_w + gutter
    geometry = Geometry(strategy.years[0].jaar, x0, (page.width - m - gutter / 2 - x0) / len(strategy.years), gutter)
    years = tuple(
        block(
            font,
            f"jaar-{y.slug}",
            "pagina",
            y.short,
            geometry.boundary(y.jaar) + gutter / 2,
            title.bottom + 0.8 * b,
            geometry.column - gutter,
            b,
            "bold",
            colours.heading,
            "middle",
        )
        for y in strategy.years
    )
    top, bottom = years[0].bottom + 0.4 * b, key.frame.y - 0.8 * b
    lanes = _lanes_by_opgave(strategy, font, page, colours, geometry, label_w - b, top, bottom)
    by_source = lanes is None
    if lanes is None:
        lanes = lanes_by_source(strategy, font, page, colours, geometry, label_w - b, top, bottom)
    end = lanes[-1].frame.bottom if lanes else bottom
    guides = tuple(
        Frame(f"grens-{k}", geometry.boundary(geometry.first_year + k) - 0.5, top, 1.0, end - top, colours.rule)
        for k in range(len(strategy.years) + 1)
    )
    version = block(
        font,
        "versie",
        "pagina",
        version_line(strategy),
        m,
        0,
        width,
        round(0.75 * b, 3),
        "regular",
        colours.muted,
        "end",
    )
    version = version.moved(kicker.y)
    return SocialRoadmap(page, (kicker, title), key, years, guides, lanes, version, None, by_source)
