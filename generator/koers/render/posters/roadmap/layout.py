"""Layout of the 'Routekaart' for the print sizes: years as columns, opgaven as swim lanes, actions as blocks.

The action-title size is the largest (from 1.45 × down to 1 × the minimum
legible size) at which the whole chart fits between legend and footer. When it
cannot fit even at the minimum size (a large strategy), the chart continues on
more sheets of the same paper (roadmap.sheets): every sheet is exactly its paper
size and no text shrinks below legibility. Room the chart does not need goes to
the rows, up to a limit, so a small roadmap fills its page.
"""

from __future__ import annotations

from koers.content.model import Opgave, Strategy
from koers.dutch import plural
from koers.render.posters.bands import footer, header
from koers.render.posters.base import Font, PageSize, block
from koers.render.posters.fit import sizes_between
from koers.render.posters.legend import legend
from koers.render.posters.palette import Palette
from koers.render.posters.roadmap.connectors import bands_height, links
from koers.render.posters.roadmap.lanes import Geometry, Sizes, lane_height, pack_rows, plan_lane
from koers.render.posters.roadmap.place import place
from koers.render.posters.roadmap.routes import edges, gutter_use
from koers.render.posters.roadmap.sheets import Cut, paginate, sheet_of_actions
from koers.render.posters.roadmap.views import Bands, Measured, Roadmap, head_height

MAX_T = 1.45
MAX_STRETCH = 1.8
MIN_MEASURE = (
    16  # characters per line in a one-year block, above the minimum size  # rows grow at most this much to fill a page
)


def _groups(strategy: Strategy) -> list[tuple[int, str, str, tuple[Opgave, ...]]]:
    return [(i, s.id, s.titel, opgaven) for i, (s, opgaven) in enumerate(strategy.matrix) if opgaven]


def _meta(strategy: Strategy, opgave: Opgave) -> str:
    done = strategy.progress(opgave.acties)["gereed"]
    meta = f"{plural(len(opgave.acties), 'actie', 'acties')} · {done} gereed"
    if opgave.na:
        # What this opgave builds on, by number where the author numbered them (short enough for the label column).
        names = [strategy.opgave_by_id[o].nummer or strategy.opgave_by_id[o].titel for o in opgave.na]
        meta += " · bouwt op " + ", ".join(names)
    return meta


def _positions(strategy: Strategy) -> dict[str, tuple[str, int]]:
    """(opgave, row) of every action; packing does not depend on sizes."""
    out = {}
    for opgave in strategy.opgaven:
        for index, row in enumerate(pack_rows(opgave.acties)):
            for action in row:
                out[action.id] = (opgave.id, index)
    return out


def _gaps(strategy: Strategy, sizes: Sizes) -> dict[tuple[str, int], float]:
    """The gap above each row: a little extra where arrows come in to reach that row (they use it most)."""
    where = _positions(strategy)
    count: dict[tuple[str, int], int] = {}
    for _, target in edges(strategy):
        count[where[target]] = count.get(where[target], 0) + 1
    return {key: sizes.row_gap + min(n, 3) * 0.12 * sizes.base for key, n in count.items()}


def _geometry(strategy: Strategy, page: PageSize) -> tuple[Geometry, float]:
    b, m = page.base, page.margin
    inner = page.width - 2 * m
    label_w = inner * (0.19 if page.landscape else 0.2)
    busiest = max(gutter_use(strategy).values(), default=0)
    gutter = min(4.5 * b, max(2.0 * b, (busiest + 1) * 0.45 * b + 1.4 * b))
    x0 = m + label_w + gutter / 2
    column = (page.width - m - gutter / 2 - x0) / len(strategy.years)
    return Geometry(strategy.years[0].jaar, x0, column, gutter), label_w - 1.6 * b


def measure(strategy: Strategy, font: Font, page: PageSize, t: float) -> tuple[list, float] | None:
    """Lane plans per group and the chart height at title size t (None when something cannot be set)."""
    b = page.base
    geometry, label_w = _geometry(strategy, page)
    sizes = Sizes(t, b)
    gaps = _gaps(strategy, sizes)
    groups, height = [], head_height(strategy, font, b, geometry.column - geometry.gutter)
    for index, gid, title, opgaven in _groups(strategy):
        head = block(font, "x", "x", title, 0, 0, label_w, round(1.1 * b, 3), "bold")
        height += head.height + 0.9 * b
        lanes = []
        for opgave in opgaven:
            plan = plan_lane(opgave, _meta(strategy, opgave), font, sizes, geometry, label_w)
            if plan is None:
                return None
            lane_gaps = tuple(gaps.get((opgave.id, r), sizes.row_gap) for r in range(len(plan.rows)))
            lanes.append((plan, lane_gaps))
            height += lane_height(plan, font, sizes, lane_gaps) + 0.3 * b
        groups.append((index, gid, title, lanes))
    return groups, height


def _largest(font: Font, page: PageSize, strategy: Strategy) -> float:
    """The largest title size: MAX_T × minimum, or less where a one-year block would hold < MIN_MEASURE characters."""
    geometry, _ = _geometry(strategy, page)
    average = font.regular.advance("n") / font.regular.units_per_em
    for t in sizes_between(page.base, round(MAX_T * page.base, 3), max(0.25, page.base / 28)):
        sizes = Sizes(t, page.base)
        width = geometry.column - geometry.gutter - sizes.tab - 2 * sizes.pad
        if width / (average * t) >= MIN_MEASURE:
            return t
    return page.base


def layout(
    font: Font,
    page: PageSize,
    colours: Palette,
    strategy: Strategy,
    logo_ratio: float | None,
    start: float | None = None,
) -> tuple[Roadmap, ...]:
    """Lay out the routekaart: one sheet, or more of the same size when the minimum size does not fit one.

    With `start`, the first sheet's chart begins at that y, under what the combined poster
    puts above it (overview.combined); that sheet's own header band is then not shown.
    """
    b = page.base
    head = header(font, page, colours, strategy.titel, f"Routekaart {strategy.period_label}")
    key = legend(font, page, colours, (head.bottom if start is None else start) + 1.1 * b)
    foot, logo = footer(font, page, colours, strategy, logo_ratio)
    top, bottom = key.frame.bottom + 1.1 * b, foot.frame.y - 1.9 * b
    for t in sizes_between(b, _largest(font, page, strategy), max(0.25, b / 28)):
        measured = measure(strategy, font, page, t)
        if measured is not None and measured[1] <= bottom - top:
            break
    else:
        return _sheets(font, page, colours, strategy, logo_ratio, start)
    groups, height = measured
    rows_total = sum(sum(p.row_heights) for _, _, _, lanes in groups for p, _ in lanes)
    stretch = min(MAX_STRETCH, 1 + (bottom - top - height) / rows_total) if rows_total else 1.0
    geometry, label_w = _geometry(strategy, page)
    heads = head_height(strategy, font, b, geometry.column - geometry.gutter)
    plan = Measured(Sizes(t, b), geometry, label_w, groups, stretch, top, bottom, heads)
    return (place(strategy, font, page, colours, plan, Bands(head, key, foot, logo)),)


def _sheets(
    font: Font, page: PageSize, colours: Palette, strategy: Strategy, logo_ratio: float | None, start: float | None = None
) -> tuple[Roadmap, ...]:
    """The chart at the minimum size, cut into as many sheets as it needs, each with header, legend and heads.

    With `start` the first sheet has less room: its chart begins under the combined poster's strategy part.
    """
    b = page.base
    measured = measure(strategy, font, page, b)
    assert measured is not None  # check_fit refuses content that cannot be set at the minimum size
    groups = measured[0]
    geometry, label_w = _geometry(strategy, page)
    sizes = Sizes(b, b)
    heads = head_height(strategy, font, b, geometry.column - geometry.gutter)
    cut = Cut(font, sizes, label_w)
    foot, logo = footer(font, page, colours, strategy, logo_ratio)
    bottom = foot.frame.y - 1.9 * b
    first_top = None if start is None else legend(font, page, colours, start + 1.1 * b).frame.bottom + 1.1 * b
    count, reserve = 2, 0.0
    for _ in range(12):
        # The header names the sheet; measure with the widest number, so every sheet has the same chart top.
        widest = header(font, page, colours, strategy.titel, _kicker(strategy, count, count))
        top = legend(font, page, colours, widest.bottom + 1.1 * b).frame.bottom + 1.1 * b
        room = bottom - top - heads
        first = None if first_top is None else bottom - first_top - heads - reserve
        sheets = paginate(groups, cut, room - reserve, first)
        ends = links(strategy, sheet_of_actions(sheets))
        ends += [[] for _ in range(len(sheets) - len(ends))]
        rooms = [room if n or first is None else first + reserve for n in range(len(sheets))]
        over = max(
            _chart(cut, groups_) + bands_height(sheet_ends, font, b, colours, geometry) - space
            for groups_, sheet_ends, space in zip(sheets, ends, rooms, strict=True)
        )
        if len(sheets) <= count and over <= 1e-6:
            break
        count, reserve = max(count, len(sheets)), reserve + max(0.0, over)
    out = []
    for number, (groups_, sheet_ends) in enumerate(zip(sheets, ends, strict=True), 1):
        head = header(font, page, colours, strategy.titel, _kicker(strategy, number, len(sheets)))
        key = legend(font, page, colours, (head.bottom if number > 1 or start is None else start) + 1.1 * b)
        chart_top = top if number > 1 or first_top is None else first_top
        plan = Measured(sizes, geometry, label_w, groups_, 1.0, chart_top, bottom, heads)
        out.append(place(strategy, font, page, colours, plan, Bands(head, key, foot, logo), sheet_ends))
    return tuple(out)


def _kicker(strategy: Strategy, number: int, count: int) -> str:
    return f"Routekaart {strategy.period_label} · blad {number} van {count}"


def _chart(cut: Cut, groups: list) -> float:
    """Height of one sheet's lanes and group headings."""
    return sum(cut.group_head(title) + sum(cut.lane(lane) for lane in lanes) for _, _, title, lanes in groups)
