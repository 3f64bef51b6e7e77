"""The opgaven cards of 'Strategie in één beeld': grid planning, card fitting and fit problems.

The cards are grouped by bron (poster_shapes: groups side by side or stacked
as bands). For every plausible grid the planner finds the largest uniform type
scale at which every card's text fits while lines keep a readable length, and
keeps the grid with the largest type. All cards use the same sizes, so the
poster reads as one system.

Tiers, by the number of opgaven and the room on the page (never by how long
one text is): A shows titel, stip and koers; B titel and stip; C the titel
only. A tier is open when a card with typical text (REFERENCE) fits at the
minimum size; within the chosen tier a card whose own text cannot fit even at
the minimum size is a content error (see problems()), so one long koers is
reported instead of silently dropping every koers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from koers.render.posters.base import Font, block_height, try_wrap
from koers.render.posters.overview.shapes import Shape, candidates

TIERS = ("A", "B", "C")
TIER_FIELDS = {"A": ("titel", "stip", "koers"), "B": ("titel", "stip"), "C": ("titel",)}
# Typical card text: what a tier must be able to hold at the minimum size to be used.
_SAMPLE = (
    "We brengen de informatie samen op één platform, wijzen per domein verantwoordelijken aan en bouwen "
    "voorzieningen samen met de mensen die ze gebruiken. Inwoners volgen hun aanvraag online en krijgen "
    "binnen de wettelijke termijn een besluit. Wie dat niet zelf kan, vindt hulp om de hoek in de wijk. "
    "Vanaf volgend jaar meten we het effect van drie programma's en sturen we bij waar dat nodig is."
)
REFERENCE = {"titel": _SAMPLE[:46], "stip": _SAMPLE[:190], "koers": _SAMPLE[:300]}
LABELS = {"stip": "STIP OP DE HORIZON", "koers": "KOERS"}
MAX_SCALE = 1.9
SCALE_STEP = 0.05
MIN_MEASURE = 34  # characters per line below which a grid counts as cramped
SPLIT_MEASURE = 26  # stip and koers side by side keep at least this many characters per line


@dataclass(frozen=True)
class CardText:
    """What one card says: the opgave's texts and a meta line (actions, progress)."""

    id: str
    titel: str
    stip: str
    koers: str
    meta: str


@dataclass(frozen=True)
class Group:
    id: str
    titel: str
    colour: str
    cards: tuple[CardText, ...]


@dataclass(frozen=True)
class Metrics:
    """Card typography at scale 1 (the minimum legible sizes) for one page size."""

    base: float

    def sizes(self, scale: float) -> dict[str, float]:
        b = self.base * scale
        return {
            "titel": round(1.3 * b, 3),
            "label": round(b, 3),
            "stip": round(1.1 * b, 3),
            "koers": round(b, 3),
            "meta": round(b, 3),
            "pad": 0.9 * b,
            "gap": 0.45 * b,
            "bar": 0.32 * self.base,
        }

    def header_size(self) -> float:
        return round(1.15 * self.base, 3)


@dataclass(frozen=True)
class Plan:
    """A chosen grid (shape), the tier it shows and its type scale."""

    tier: str
    shape: Shape
    scale: float


def split_widths(
    fields: tuple[str, ...], font: Font, m: Metrics, scale: float, inner: float
) -> tuple[float, float] | None:
    """Stip and koers side by side (widths) when the card is wide enough for two readable columns.

    Decided at the minimum sizes, so the choice does not flip while the planner searches the scale.
    """
    if "koers" not in fields:
        return None
    gutter = 1.6 * m.base * scale
    average = font.regular.advance("n") / font.regular.units_per_em * m.base
    if (inner - gutter) / average < 2 * MIN_MEASURE + 8:
        return None
    stip = (inner - gutter) * 0.45
    return stip, inner - gutter - stip


def _too_narrow(split: tuple[float, float] | None, font: Font, m: Metrics, scale: float) -> bool:
    """Side-by-side columns that would drop below SPLIT_MEASURE characters at this scale."""
    if split is None:
        return False
    average = font.regular.advance("n") / font.regular.units_per_em * m.sizes(scale)["stip"]
    return split[0] / average < SPLIT_MEASURE


def part_height(name: str, text: str, font: Font, m: Metrics, scale: float, width: float) -> float | None:
    """Height of one card part: the titel, or a label line plus its text."""
    s = m.sizes(scale)
    metrics = font.bold if name == "titel" else font.regular
    lines = try_wrap(text, metrics, s[name], width)
    if lines is None:
        return None
    height = block_height(metrics, s[name], len(lines))
    if name != "titel":
        label = try_wrap(LABELS[name], font.bold, s["label"], width)
        if label is None:
            return None
        height += s["gap"] + block_height(font.bold, s["label"], len(label)) + s["gap"] * 0.4
    return height


def card_need(
    card: CardText, fields: tuple[str, ...], font: Font, m: Metrics, scale: float, width: float
) -> float | None:
    """Height a card needs at this scale, or None when a character cannot fit at all."""
    s = m.sizes(scale)
    inner = width - 2 * s["pad"] - s["bar"]
    if inner <= 0:
        return None
    split = split_widths(fields, font, m, scale, inner)
    if _too_narrow(split, font, m, scale):
        return None
    parts = []
    for name in fields:
        part_width = inner if split is None or name == "titel" else split[0 if name == "stip" else 1]
        part = part_height(name, getattr(card, name), font, m, scale, part_width)
        if part is None:
            return None
        parts.append(part)
    body = sum(parts) if split is None else parts[0] + max(parts[1:])
    height = 2 * s["pad"] + body
    if card.meta:
        meta = try_wrap(card.meta, font.regular, s["meta"], inner)
        if meta is None:
            return None
        height += s["gap"] + block_height(font.regular, s["meta"], len(meta))
    return height


def _fits(
    cards: list[CardText], fields: tuple[str, ...], font: Font, m: Metrics, scale: float, width: float, height: float
) -> bool:
    for card in cards:
        need = card_need(card, fields, font, m, scale, width)
        if need is None or need > height + 1e-6:
            return False
    return True


def _best_scale(
    cards: list[CardText],
    fields: tuple[str, ...],
    font: Font,
    m: Metrics,
    width: float,
    height: float,
    most: float = MAX_SCALE,
) -> float | None:
    """The largest scale in [1, most] at which every card fits, None when 1 does not."""
    if not _fits(cards, fields, font, m, 1.0, width, height):
        return None
    steps = int((max(1.0, most) - 1) / SCALE_STEP + 1e-9)
    low, high = 0, steps + 1  # step `low` fits; `high` is out of range or does not fit
    while high - low > 1:
        middle = (low + high) // 2
        if _fits(cards, fields, font, m, 1 + middle * SCALE_STEP, width, height):
            low = middle
        else:
            high = middle
    return round(1 + low * SCALE_STEP, 3)


def _reference_card(tier: str) -> CardText:
    return CardText("referentie", REFERENCE["titel"], REFERENCE["stip"], REFERENCE["koers"], "5 acties · 2 gereed")


def measure_cap(column_width: float, font: Font, m: Metrics) -> float:
    """The largest scale at which stip lines keep MIN_MEASURE characters (below 1: cramped even at the minimum)."""
    s = m.sizes(1.0)
    per_scale = font.regular.advance("n") / font.regular.units_per_em * s["stip"]
    return (column_width - s["bar"]) / (2 * s["pad"] + per_scale * MIN_MEASURE)


def shapes(groups: tuple[Group, ...], width: float, height: float, font: Font, m: Metrics, tier: str) -> list[Shape]:
    """The grids a tier may use: with stip text, only grids whose lines stay readable (MIN_MEASURE)."""
    found = list(candidates(groups, width, height, font, m.base, m.header_size()))
    if tier == "C":
        return found
    return [s for s in found if measure_cap(s.column_width, font, m) >= 1]


def open_tier(
    groups: tuple[Group, ...], width: float, height: float, font: Font, m: Metrics
) -> tuple[str, list[Shape]]:
    """The richest tier whose typical card fits somewhere at the minimum size, with the grids where it does."""
    for tier in TIERS:
        fields = TIER_FIELDS[tier]
        reference = [_reference_card(tier)]
        fitting = [
            s
            for s in shapes(groups, width, height, font, m, tier)
            if _fits(reference, fields, font, m, 1.0, s.column_width, s.card_height)
        ]
        if fitting:
            return tier, fitting
    return "C", []


def plan(
    groups: tuple[Group, ...], width: float, height: float, font: Font, m: Metrics, most: float = MAX_SCALE
) -> Plan | None:
    """The grid with the largest readable type at which every card fits; None when nothing fits in this height."""
    tier, opened = open_tier(groups, width, height, font, m)
    cards = [c for g in groups for c in g.cards]
    for current in TIERS[TIERS.index(tier) :]:
        fields = TIER_FIELDS[current]
        best: tuple | None = None
        for shape in opened if current == tier else shapes(groups, width, height, font, m, current):
            cap = measure_cap(shape.column_width, font, m)
            scale = _best_scale(cards, fields, font, m, shape.column_width, shape.card_height, min(most, max(1.0, cap)))
            if scale is None:
                continue
            quality = scale if cap >= 1 else scale * cap  # narrow columns only when nothing else fits
            key = (round(quality, 6), -shape.empty(groups), -shape.total_columns, shape.mode == "columns")
            if best is None or key > best[0]:
                best = (key, Plan(current, shape, scale))
        if best is not None:
            return best[1]
    return None


# The overview grows its page in steps and asks again at every step with the same cards and width.
@lru_cache(maxsize=64)
def needed_height(groups: tuple[Group, ...], width: float, font: Font, m: Metrics) -> float:
    """The height a title-only grid needs at the minimum size (for pages that must grow)."""
    cards = [c for g in groups for c in g.cards]
    best = None
    for shape in shapes(groups, width, 1e9, font, m, "C"):
        card = max((card_need(c, ("titel",), font, m, 1.0, shape.column_width) or 1e9) for c in cards)
        total = shape.height(card)
        best = total if best is None else min(best, total)
    return best if best is not None else 1e9
