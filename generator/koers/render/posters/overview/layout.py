"""Layout of 'Strategie in één beeld' for the print sizes: header, hero, cards, extras, themes, timeline, footer.

The fixed bands are measured first; the opgaven grid gets the rest of the
page (see overview.grid for how it chooses columns, tier and type scale). Room
the cards do not need is shared out between the bands, so the page stays
balanced. The extras (principles, what we stop doing, key indicators;
overview.extras) are kept, most important first, as long as the cards keep
their tier (stip and koers) and, on A3, their type size up to TARGET_SCALE:
A1 and A0 carry the whole strategy, A3 what fits beside the cards. The page
never grows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from koers.content.model import Strategy
from koers.dutch import plural
from koers.render.posters.bands import Band, DoesNotFit, Logo, footer, header
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block
from koers.render.posters.fit import balanced
from koers.render.posters.overview import grid
from koers.render.posters.overview.extras import WHOLE, available, extra_band
from koers.render.posters.overview.hero import hero
from koers.render.posters.overview.timeline import Timeline, themes_band, timeline
from koers.render.posters.palette import Palette

HERO_SHARES = (0.2, 0.17, 0.145, 0.12)  # room for ambition and vision, as a share of the page height
TARGET_SCALE = 1.25  # card type this much above the minimum is worth a smaller hero
PORTRAIT_BANDS = 1.25  # type scale of themes, agenda and footer on portrait pages
HIERARCHY = 1.5  # the ambition is at least this much larger than a card title


@dataclass(frozen=True)
class Card:
    frame: Frame
    bar: Frame
    texts: tuple[TextBlock, ...]


@dataclass(frozen=True)
class GroupBox:
    id: str
    rule: Frame
    header: TextBlock
    cards: tuple[Card, ...]

    @property
    def texts(self) -> tuple[TextBlock, ...]:
        return (self.header,) + tuple(t for c in self.cards for t in c.texts)


@dataclass(frozen=True)
class Overview:
    page: PageSize
    head: Band
    hero: Band
    groups: tuple[GroupBox, ...]
    grid_frame: Frame
    extras: tuple[Band, ...]
    themes: Band | None
    timeline: Timeline | None  # None in the strategy part of the combined poster
    foot: Band | None
    logo: Logo | None
    tier: str

    @property
    def texts(self) -> list[TextBlock]:
        out = list(self.head.texts) + list(self.hero.texts)
        for g in self.groups:
            out += g.texts
        out += [t for band in self.extras for t in band.texts]
        out += list(self.themes.texts) if self.themes else []
        out += list(self.timeline.texts) if self.timeline else []
        return out + (list(self.foot.texts) if self.foot else [])


def groups_of(strategy: Strategy, colours: Palette) -> tuple[grid.Group, ...]:
    """The opgaven per bron as card texts (bronnen without opgaven are left out)."""
    out = []
    for index, (source, opgaven) in enumerate(strategy.matrix):
        if not opgaven:
            continue
        cards = tuple(grid.CardText(o.id, o.display, o.stip, o.koers, _meta(strategy, o.acties)) for o in opgaven)
        out.append(grid.Group(source.id, source.titel, colours.group_colour(index), cards))
    return tuple(out)


def _meta(strategy: Strategy, actions) -> str:
    done = strategy.progress(actions)["gereed"]
    return f"{plural(len(actions), 'actie', 'acties')} · {done} gereed"


def bands(page: PageSize) -> PageSize:
    """The page as the lower bands see it: portrait pages have the room for larger band type."""
    return page if page.landscape else replace(page, base=round(page.base * PORTRAIT_BANDS, 3))


def sections(
    font: Font,
    page: PageSize,
    colours: Palette,
    strategy: Strategy,
    logo_ratio: float | None,
    share: float,
    polish: bool = True,
    extras: tuple[str, ...] = (),
    part: str = "",
):
    """The fixed bands, and the box left for the grid: (head, hero, themes, timeline, foot, logo, top, bottom).

    `part` is the header's kicker when this is the strategy part at the top of the combined
    poster: then the page goes on below, with the routekaart instead of the agenda, and its footer.
    Raises ValueError when an extra's text cannot be set in its column at all.
    """
    b = page.base
    gap = 1.8 * b
    head = header(font, page, colours, strategy.titel, part or "Strategie in één beeld")
    hero_band = hero(font, page, colours, strategy, head.bottom + gap, page.height * share, polish)
    band = themes_band(font, bands(page), colours, strategy, 0)
    if part:
        foot, logo, line = None, None, None
        bottom = page.height - (gap + band.frame.height if band else 0) - gap
    else:
        foot, logo = footer(font, bands(page), colours, strategy, logo_ratio)
        line = timeline(font, bands(page), colours, strategy, 0)
        bottom = foot.frame.y - 2 * b - gap - line.frame.height - (gap + band.frame.height if band else 0) - gap
    bottom -= sum(gap + extra_band(font, bands(page), colours, strategy, key, 0).frame.height for key in extras)
    return head, hero_band, band, line, foot, logo, hero_band.bottom + gap, bottom


def choose(font: Font, page: PageSize, colours: Palette, strategy: Strategy, logo_ratio: float | None, part: str = ""):
    """The plan with as many extras (in priority order) as cost the cards neither tier nor type size.

    Returns (groups, best, extras): best as `_best` gives it (None when not even the cards fit).
    """
    groups = groups_of(strategy, colours)
    plain = _best(font, page, colours, strategy, logo_ratio, groups, (), part)
    if plain is None:
        return groups, None, ()
    keys = available(strategy)
    for count in range(len(keys), 0, -1):
        rich = _best(font, page, colours, strategy, logo_ratio, groups, keys[:count], part)
        if rich is not None and _costs_nothing(rich[2], plain[2], page.key in WHOLE):
            return groups, rich, keys[:count]
    return groups, plain, ()


def _costs_nothing(rich: grid.Plan, plain: grid.Plan, whole: bool) -> bool:
    """The cards keep their tier and (unless the page is to carry the whole strategy) their type size up to TARGET_SCALE."""
    if rich.tier != plain.tier:
        return False
    return whole or min(rich.scale, TARGET_SCALE) >= min(plain.scale, TARGET_SCALE) - 1e-9


def _best(font, page, colours, strategy, logo_ratio, groups, extras: tuple[str, ...], part: str = ""):
    """Try hero sizes; keep the richest tier, then card type up to TARGET_SCALE, then the larger hero."""
    m = grid.Metrics(page.base)
    width = page.width - 2 * page.margin
    best = None
    for share in HERO_SHARES:
        try:
            parts = sections(font, page, colours, strategy, logo_ratio, share, extras=extras, part=part)
        except (DoesNotFit, ValueError):
            continue
        # Card titles stay well below the ambition, so the hierarchy reads from across the room.
        most = parts[1].texts[1].size / (HIERARCHY * m.sizes(1.0)["titel"])
        chosen = grid.plan(groups, width, parts[-1] - parts[-2], font, m, min(grid.MAX_SCALE, most))
        if chosen is not None:
            key = (-grid.TIERS.index(chosen.tier), min(chosen.scale, TARGET_SCALE), share)
            if best is None or key > best[0]:
                best = (key, parts, chosen)
    return best


def layout(
    font: Font, page: PageSize, colours: Palette, strategy: Strategy, logo_ratio: float | None, part: str = ""
) -> Overview:
    """Lay out the whole poster on exactly its paper size (or, with `part`, the top of the combined poster).

    The page never grows: a strategy whose opgaven do not fit even as titles alone at
    the minimum size is refused by `koers check` for that size (render.fitting).
    """
    groups, best, extras = choose(font, page, colours, strategy, logo_ratio, part)
    if best is None:
        raise DoesNotFit([("opgaven", 0)])  # unreachable for content that passed check
    _, (head, hero_band, band, line, foot, logo, top, bottom), chosen = best
    width = page.width - 2 * page.margin
    boxes, used = place_groups(font, page, colours, groups, chosen, top)
    # Room the cards do not need is shared equally by the gaps below the hero.
    share = max(0.0, (bottom - top) - used) / (4 + len(extras) - (1 if part else 0))
    boxes = tuple(_shift_group(g, share) for g in boxes)
    y = top + share + used + 1.8 * page.base + share
    placed = []
    for key in extras:
        placed.append(extra_band(font, bands(page), colours, strategy, key, y))
        y = placed[-1].bottom + 1.8 * page.base + share
    if band is not None:
        band = themes_band(font, bands(page), colours, strategy, y)
        y = (band.bottom if band else y) + 1.8 * page.base + share
    line = None if part else timeline(font, bands(page), colours, strategy, y)
    frame = Frame("opgaven", page.margin, top, width, bottom - top)
    return Overview(page, head, hero_band, boxes, frame, tuple(placed), band, line, foot, logo, chosen.tier)


def place_groups(
    font: Font, page: PageSize, colours: Palette, groups: tuple[grid.Group, ...], chosen: grid.Plan, top: float
) -> tuple[tuple[GroupBox, ...], float]:
    """Group headers and cards at their grid positions; returns them and the height used."""
    m = grid.Metrics(page.base)
    shape = chosen.shape
    fields = grid.TIER_FIELDS[chosen.tier]
    needs = [grid.card_need(c, fields, font, m, chosen.scale, shape.column_width) or 0.0 for g in groups for c in g.cards]
    card_h = min(shape.card_height, max(needs) + 0.6 * page.base)
    # A grid narrower than the page (few, wide-as-allowed cards) is centred.
    x, y = page.margin + max(0.0, (page.width - 2 * page.margin - shape.width) / 2), top
    out = []
    for index, group in enumerate(groups):
        width = shape.group_width(index)
        head = block(font, f"bron-{group.id}", "opgaven", group.titel, x, y, width, m.header_size(), "bold", colours.ink)
        rule = Frame(f"bron-{group.id}-lijn", x, head.bottom + 0.35 * page.base, width, max(1.5, 0.28 * page.base), group.colour)
        k = shape.columns[index] if shape.mode == "columns" else shape.columns[0]
        cards = []
        for number, card in enumerate(group.cards):
            cx = x + (number % k) * (shape.column_width + shape.gap)
            cy = y + shape.header_height + (number // k) * (card_h + shape.gap)
            cards.append(card_view(font, colours, m, chosen, card, group.colour, cx, cy, card_h))
        out.append(GroupBox(group.id, rule, head, tuple(cards)))
        if shape.mode == "columns":
            x += width + shape.group_gap
        else:
            rows = shape.rows[index]
            y += shape.header_height + rows * card_h + (rows - 1) * shape.gap + shape.group_gap
    return tuple(out), shape.height(card_h)


def card_view(
    font: Font,
    colours: Palette,
    m: grid.Metrics,
    chosen: grid.Plan,
    card: grid.CardText,
    colour: str,
    x: float,
    y: float,
    height: float,
) -> Card:
    """One card: coloured bar, titel, labelled stip and koers, meta line at the bottom."""
    s = m.sizes(chosen.scale)
    frame_id = f"kaart-{card.id}"
    width = chosen.shape.column_width
    frame = Frame(frame_id, x, y, width, height, colours.surface, rx=colours.radius(m.base))
    bar = Frame(f"{frame_id}-balk", x, y, s["bar"], height, colour, rx=min(s["bar"] / 2, colours.radius(m.base)))
    inner_x = x + s["bar"] + s["pad"]
    inner_w = width - s["bar"] - 2 * s["pad"]
    fields = grid.TIER_FIELDS[chosen.tier]
    split = grid.split_widths(fields, font, m, chosen.scale, inner_w)
    texts = [
        block(
            font,
            f"{frame_id}-titel",
            frame_id,
            card.titel,
            inner_x,
            y + s["pad"],
            inner_w,
            s["titel"],
            "bold",
            colours.heading,
        )
    ]
    texts[0] = balanced(texts[0], card.titel)
    top = cursor = texts[0].bottom
    for name in fields[1:]:
        if split is not None:
            cursor = top
            part_x = inner_x if name == "stip" else inner_x + split[0] + (inner_w - sum(split))
            part_w = split[0 if name == "stip" else 1]
        else:
            part_x, part_w = inner_x, inner_w
        label = grid.LABELS[name]
        head = block(
            font,
            f"{frame_id}-{name}-label",
            frame_id,
            label,
            part_x,
            cursor + s["gap"],
            part_w,
            s["label"],
            "bold",
            colours.label,
        )
        body = block(
            font,
            f"{frame_id}-{name}",
            frame_id,
            getattr(card, name),
            part_x,
            head.bottom + s["gap"] * 0.4,
            part_w,
            s[name],
            "regular",
            colours.ink,
        )
        texts += [head, body]
        cursor = body.bottom
    if card.meta:
        meta = block(font, f"{frame_id}-meta", frame_id, card.meta, inner_x, 0, inner_w, s["meta"], "regular", colours.muted)
        texts.append(meta.moved(y + height - s["pad"] - meta.height))
    return Card(frame, bar, tuple(texts))


def _shift_group(group: GroupBox, dy: float) -> GroupBox:
    if not dy:
        return group
    cards = tuple(Card(_move(c.frame, dy), _move(c.bar, dy), tuple(t.moved(dy) for t in c.texts)) for c in group.cards)
    return GroupBox(group.id, _move(group.rule, dy), group.header.moved(dy), cards)


def _move(frame: Frame, dy: float) -> Frame:
    return replace(frame, y=frame.y + dy)
