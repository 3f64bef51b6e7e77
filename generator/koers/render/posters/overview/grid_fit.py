"""Which opgave card texts cannot fit on the poster, and by how many characters (for `koers check`)."""

from __future__ import annotations

from dataclasses import dataclass

from koers.render.posters.base import Font
from koers.render.posters.overview.grid import (
    REFERENCE,
    TIER_FIELDS,
    CardText,
    Group,
    Metrics,
    _best_scale,
    _fits,
    _reference_card,
    card_need,
    open_tier,
)


@dataclass(frozen=True)
class Problem:
    """A card text that cannot fit: which opgave, which field, how many characters too many."""

    card: str
    field: str
    chars: int


def problems(groups: tuple[Group, ...], width: float, height: float, font: Font, m: Metrics) -> list[Problem]:
    """Card texts that cannot fit in the open tier even at the minimum size (empty when the poster fits)."""
    tier, grids = open_tier(groups, width, height, font, m)
    if not grids:
        return []
    fields = TIER_FIELDS[tier]
    cards = [c for g in groups for c in g.cards]
    for shape in grids:
        if _fits(cards, fields, font, m, 1.0, shape.column_width, shape.card_height):
            return []
    # Judge against the grid that suits typical text best (largest reference type, then fewest columns).
    reference = [_reference_card(tier)]
    best = max(
        grids,
        key=lambda g: (_best_scale(reference, fields, font, m, g.column_width, g.card_height) or 0.0, -g.total_columns),
    )
    column_width, card_height = best.column_width, best.card_height
    found = []
    for card in cards:
        need = card_need(card, fields, font, m, 1.0, column_width)
        if need is None or need > card_height + 1e-6:
            found.extend(_blame(card, fields, font, m, column_width, card_height))
    return found


def _blame(
    card: CardText, fields: tuple[str, ...], font: Font, m: Metrics, width: float, height: float
) -> list[Problem]:
    """Name the field(s) to shorten, the one furthest over its typical length first.

    A field that alone can make the card fit is reported with exactly the characters
    too many; one that cannot is counted down to its typical length, and the next
    field is judged with that shorter text.
    """
    order = sorted(fields, key=lambda f: (-len(getattr(card, f)) / max(1, len(REFERENCE[f])), fields.index(f)))
    found = []
    current = card

    def fits(candidate: CardText) -> bool:
        need = card_need(candidate, fields, font, m, 1.0, width)
        return need is not None and need <= height + 1e-6

    for name in order:
        text = getattr(current, name)
        kept = _longest_prefix(text, lambda t, card=current, field=name: fits(_replace(card, field, t)))
        if kept == len(text):
            continue
        if kept == 0 and len(text) > len(REFERENCE[name]):
            kept = len(REFERENCE[name])  # this field alone cannot fix the card: ask for typical length
        found.append(Problem(card.id, name, len(text) - kept))
        current = _replace(current, name, text[:kept])
        if fits(current):
            break
    return found


def _longest_prefix(text: str, fits) -> int:
    """Length of the longest word-boundary (then character) prefix of text that fits."""
    words = text.split(" ")
    if fits(text):
        return len(text)
    low, high = 0, len(words)  # words[:low] fits, words[:high] does not
    while high - low > 1:
        middle = (low + high) // 2
        if fits(" ".join(words[:middle])):
            low = middle
        else:
            high = middle
    kept = " ".join(words[:low])
    longer = (kept + " " if kept else "") + words[low]
    for end in range(len(longer) - 1, len(kept), -1):
        if fits(longer[:end]):
            return end
    return len(kept)


def _replace(card: CardText, name: str, value: str) -> CardText:
    data = {"id": card.id, "titel": card.titel, "stip": card.stip, "koers": card.koers, "meta": card.meta}
    data[name] = value
    return CardText(**data)
