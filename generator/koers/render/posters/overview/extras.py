"""What else 'Strategie in één beeld' carries besides the opgaven: principles, what we stop doing, key indicators.

Each is a band of items in columns (a bold title, a line of text). They are optional by
priority (EXTRAS, most important first): the layout keeps a band only where the opgaven
cards keep their tier, and on A3 their type size too (see overview.layout.choose), so A1
and A0 carry the whole strategy and A3 what fits beside the cards.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.content.model import Strategy
from koers.render.indicators import indicator_line, key_indicators
from koers.render.posters.bands import Band
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block

# In order of priority: the first is dropped last when a page is short of room.
EXTRAS = ("principes", "niet-meer", "indicatoren")
LABELS = {"principes": "ONZE PRINCIPES", "niet-meer": "WAT WE NIET MEER DOEN", "indicatoren": "HIER METEN WE HET AAN"}
WHOLE = ("a1", "a0")  # the wall sizes: every extra the cards' tier allows, at a smaller card type if need be
MEASURE = 26  # an item column is at least this many times the title size wide


@dataclass(frozen=True)
class Item:
    id: str
    title: str  # bold; may be empty
    text: str  # regular; may be empty
    note: str = ""  # small and muted, under the text


def items(strategy: Strategy, key: str) -> tuple[Item, ...]:
    """The items of one extra band (none when the strategy has nothing for it)."""
    if key == "principes":
        return tuple(Item(f"principe-{n}", p.titel, p.toelichting) for n, p in enumerate(strategy.principles, 1))
    if key == "niet-meer":
        return tuple(Item(f"niet-meer-{n}", "", entry.tekst) for n, entry in enumerate(strategy.niet_meer, 1))
    return tuple(Item(f"indicator-{o.id}", indicator.naam, indicator_line(strategy, indicator), o.display) for o, indicator in key_indicators(strategy))


def available(strategy: Strategy) -> tuple[str, ...]:
    """The extras this strategy has content for, in priority order."""
    return tuple(key for key in EXTRAS if items(strategy, key))


def extra_band(font: Font, page: PageSize, colours, strategy: Strategy, key: str, top: float) -> Band:
    """One extra as a band: its label, then the items in as many columns as keep lines readable."""
    b, m = page.base, page.margin
    inner = page.width - 2 * m
    entries = items(strategy, key)
    title_size, text_size, note_size = round(1.15 * b, 3), b, round(0.9 * b, 3)
    label = block(font, f"{key}-label", key, LABELS[key], m, top, inner, round(1.05 * b, 3), "bold", colours.label)
    gap = 2.2 * b
    most = max(1, min(len(entries), int((inner + gap) // (MEASURE * title_size + gap))))
    columns = -(-len(entries) // -(-len(entries) // most))  # as few as the rows need: rows end evenly
    width = (inner - (columns - 1) * gap) / columns
    texts: list[TextBlock] = [label]
    rules: list[Frame] = []
    y = label.bottom + 0.8 * b
    for start in range(0, len(entries), columns):
        row_bottom = y
        for index, item in enumerate(entries[start : start + columns]):
            x = m + index * (width + gap)
            inner_x, inner_w = x + 1.0 * b, width - 1.0 * b
            cursor = y
            for part, text, size, weight, fill in (
                ("titel", item.title, title_size, "bold", colours.heading),
                ("tekst", item.text, text_size, "regular", colours.ink),
                ("noot", item.note, note_size, "regular", colours.muted),
            ):
                if not text:
                    continue
                placed = block(font, f"{item.id}-{part}", key, text, inner_x, cursor, inner_w, size, weight, fill)
                texts.append(placed)
                cursor = placed.bottom + 0.3 * b
            bottom = cursor - 0.3 * b
            rules.append(Frame(f"{item.id}-lijn", x, y, max(1.0, 0.3 * b), bottom - y, colours.accent))
            row_bottom = max(row_bottom, bottom)
        y = row_bottom + 1.2 * b
    # The last row's descenders may reach a little below its line boxes: the band holds them.
    return Band(Frame(key, m, top, inner, y - 0.9 * b - top), tuple(texts), tuple(rules))
