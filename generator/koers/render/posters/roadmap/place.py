"""Placing the measured routekaart: year heads, group rows, lanes with their blocks, guides and arrows."""

from __future__ import annotations

from koers.content.model import Strategy
from koers.dutch import plural
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block
from koers.render.posters.palette import Palette
from koers.render.posters.roadmap.connectors import Connector, Link, band
from koers.render.posters.roadmap.lanes import Block, Geometry, LanePlan, Sizes, label_height, place_block
from koers.render.posters.roadmap.routes import edges, route, spans_of
from koers.render.posters.roadmap.views import Bands, GroupRow, LaneView, Measured, Roadmap, YearHead

LANE_GAP = 0.3


def year_heads(
    strategy: Strategy, font: Font, page: PageSize, colours: Palette, geometry: Geometry, top: float, height: float
) -> tuple[YearHead, ...]:
    """Each year's or phase's name and number of actions above its column."""
    b = page.base
    out = []
    for year in strategy.years:
        x = geometry.boundary(year.jaar) + geometry.gutter / 2
        width = geometry.column - geometry.gutter
        frame = Frame(f"jaar-{year.slug}", x, top, width, height)
        name = block(
            font,
            f"jaar-{year.slug}-titel",
            frame.id,
            year.label,
            x,
            top,
            width,
            round(1.5 * b, 3),
            "bold",
            colours.heading,
            "middle",
        )
        count = len(strategy.actions_by_year.get(year.jaar, ()))
        sub = block(
            font,
            f"jaar-{year.slug}-acties",
            frame.id,
            plural(count, "actie", "acties"),
            x,
            name.bottom + 0.1 * b,
            width,
            b,
            "regular",
            colours.muted,
            "middle",
        )
        out.append(YearHead(year.jaar, frame, (name, sub)))
    return tuple(out)


def _lane(
    plan: LanePlan,
    gaps: tuple[float, ...],
    font: Font,
    page: PageSize,
    colours: Palette,
    sizes: Sizes,
    geometry: Geometry,
    label_w: float,
    y: float,
    stretch: float,
    shaded: bool,
    channels: list[tuple[float, float]],
) -> LaneView:
    """One lane at y: background, label and meta on the left, blocks in their rows."""
    b, m = page.base, page.margin
    heights = [h * stretch for h in plan.row_heights]
    height = max(
        sum(heights) + sum(gaps[: len(heights)]) + sizes.row_gap, label_height(plan, font, sizes) + 2 * sizes.row_gap
    )
    lane_id = f"baan-{plan.opgave.id}"
    frame = Frame(lane_id, m, y, page.width - 2 * m, height, colours.surface if shaded else colours.page)
    label = TextBlock(
        f"{lane_id}-titel",
        lane_id,
        m + 0.8 * b,
        y + sizes.row_gap,
        label_w,
        plan.label_lines,
        sizes.lane_title,
        "bold",
        colours.heading,
        font.bold,
    )
    meta = block(
        font,
        f"{lane_id}-meta",
        lane_id,
        plan.meta,
        m + 0.8 * b,
        label.bottom + 0.25 * sizes.t,
        label_w,
        sizes.t,
        "regular",
        colours.muted,
    )
    blocks: list[Block] = []
    cursor = y
    for index, (row, row_h) in enumerate(zip(plan.rows, heights, strict=True)):
        channels.append((cursor, cursor + gaps[index]))
        cursor += gaps[index]
        blocks += [place_block(action, lines, font, sizes, geometry, cursor, row_h, colours) for action, lines in row]
        cursor += row_h
    channels.append((cursor, y + height))
    # Blocks in content (file) order, so the SVG reads in the order the editors wrote.
    order = {a.id: i for i, a in enumerate(plan.opgave.acties)}
    blocks.sort(key=lambda blk: order[blk.action.id])
    return LaneView(lane_id, frame, label, meta, tuple(blocks))


def place(
    strategy: Strategy,
    font: Font,
    page: PageSize,
    colours: Palette,
    measured: Measured,
    bands: Bands,
    links: list[Link] | None = None,
) -> Roadmap:
    """Turn the measured chart into positioned frames, texts and arrows.

    `links` is given for one sheet of a multi-sheet routekaart: the ends of the arrows to and
    from other sheets, placed as connector boxes above (incoming) and below (outgoing) the lanes.
    """
    geometry, label_w, sizes, stretch, top = measured.geometry, measured.label_width, measured.sizes, measured.stretch, measured.top
    b, m = page.base, page.margin
    years = year_heads(strategy, font, page, colours, geometry, top, measured.head)
    y = top + measured.head
    rows: list[GroupRow | LaneView] = []
    channels: list[tuple[float, float]] = []
    connectors: list[Connector] = []
    if links:
        placed, gaps, height = band([k for k in links if k.incoming], font, b, colours, geometry, y)
        connectors += placed
        channels += gaps
        y += height
    shaded = True
    for index, gid, title, lanes in measured.groups:
        row_id = f"bron-{gid}-rij"
        text = block(
            font,
            f"bron-{gid}",
            row_id,
            title,
            m,
            y + 0.35 * b,
            label_w + 1.6 * b,
            round(1.1 * b, 3),
            "bold",
            colours.ink,
        )
        frame = Frame(row_id, m, y, page.width - 2 * m, text.height + 0.9 * b)
        rule = Frame(
            f"bron-{gid}-lijn",
            m,
            frame.bottom - 0.35 * b,
            page.width - 2 * m,
            max(1.0, 0.2 * b),
            colours.group_colour(index),
        )
        rows.append(GroupRow(gid, frame, text, rule))
        channels.append((frame.y + 0.2 * b, rule.y - 0.2 * b))
        y = frame.bottom
        for plan, gaps in lanes:
            lane = _lane(plan, gaps, font, page, colours, sizes, geometry, label_w, y, stretch, shaded, channels)
            rows.append(lane)
            y = lane.frame.bottom + LANE_GAP * b
            shaded = not shaded
    if links:
        placed, gaps, height = band([k for k in links if not k.incoming], font, b, colours, geometry, y)
        connectors += placed
        channels += gaps
        y += height
    chart = Frame("routekaart", m, top, page.width - 2 * m, y - top)
    guide_top = top + measured.head - 0.3 * b
    guides = tuple(
        Frame(
            f"grens-{k}",
            geometry.boundary(geometry.first_year + k) - 0.05 * b,
            guide_top,
            0.1 * b,
            y - guide_top,
            colours.rule,
        )
        for k in range(len(strategy.years) + 1)
    )
    frames = {blk.action.id: blk.frame for row in rows if isinstance(row, LaneView) for blk in row.blocks}
    if links is None:
        arrows = route(strategy, frames, channels, geometry, 0.6 * b, 0.45 * b)
    else:
        spans = spans_of(strategy)
        spans.update({k.id: (k.column, k.column) for k in links})
        frames.update({c.id: c.frame for c in connectors})
        pairs = [p for p in edges(strategy) if p[0] in frames and p[1] in frames] + [k.pair for k in links]
        # In content order of the dependencies, as on a single sheet.
        order, stands_for = {p: i for i, p in enumerate(edges(strategy))}, {k.pair: k.edge for k in links}
        pairs.sort(key=lambda p: order[stands_for.get(p) or p])
        arrows = route(strategy, frames, channels, geometry, 0.6 * b, 0.45 * b, pairs, spans)
    return Roadmap(
        page, bands.head, bands.legend, chart, years, guides, tuple(rows), arrows, bands.foot, bands.logo, tuple(connectors)
    )

