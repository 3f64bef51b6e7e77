"""The hero of 'Strategie in één beeld': the ambition and the vision's core sentence, large, with key figures."""

from __future__ import annotations

from koers.content.model import Strategy
from koers.render.posters.bands import Band, DoesNotFit
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block
from koers.render.posters.fit import balanced, fit_block, overflow_chars
from koers.render.posters.palette import Palette


def hero(
    font: Font, page: PageSize, colours: Palette, strategy: Strategy, top: float, room: float, polish: bool = True
) -> Band:
    """Ambition and the vision's core sentence, as large as the room allows, with three key figures."""
    b, m = page.base, page.margin
    inner = page.width - 2 * m
    if page.landscape:
        left_w = inner * 0.56
        right_x = m + left_w + 4 * b
        boxes = ((m, top, left_w), (right_x, top, page.width - m - right_x))
        rooms = (room, room * 0.62)
    else:
        boxes = ((m, top, inner), (m + 1.4 * b, top, inner - 1.4 * b))
        rooms = (room * 0.55, room * 0.3)
    texts = _hero_texts(font, colours, strategy, b, boxes, rooms, 1.0 if page.landscape else 1.3, polish)
    if not page.landscape:
        shift = texts[1].bottom + 1.8 * b - texts[2].y
        texts = texts[:2] + tuple(t.moved(shift) for t in texts[2:])
    x, _, width = boxes[1]
    figures = b if page.landscape else 1.3 * b
    texts += _figures(font, colours, strategy, figures, x, texts[3].bottom + 1.6 * b, min(width, 48 * figures))
    bottom = max(t.bottom for t in texts)
    rule = Frame("held-lijn", x - 1.4 * b, texts[2].y, max(1.0, 0.3 * b), bottom - texts[2].y, colours.accent)
    return Band(Frame("held", m, top, inner, bottom - top), texts, (rule,))


def _figures(
    font: Font, colours: Palette, strategy: Strategy, b: float, x: float, y: float, width: float
) -> tuple[TextBlock, ...]:
    """Key figures: number of opgaven, actions and actions done."""
    done = strategy.progress(strategy.actions)["gereed"]
    items = (
        (len(strategy.opgaven), "opgave", "opgaven"),
        (len(strategy.actions), "actie", "acties"),
        (done, "actie gereed", "acties gereed"),
    )
    step = width / len(items)
    out: list[TextBlock] = []
    for index, (count, one, many) in enumerate(items):
        left = x + index * step
        number = block(
            font,
            f"held-cijfer-{index + 1}",
            "held",
            str(count),
            left,
            y,
            step - b,
            round(2.6 * b, 3),
            "bold",
            colours.heading,
        )
        label = block(
            font,
            f"held-cijfer-{index + 1}-label",
            "held",
            one if count == 1 else many,
            left,
            number.bottom + 0.1 * b,
            step - b,
            round(1.05 * b, 3),
            "regular",
            colours.muted,
        )
        out += [number, label]
    return tuple(out)


def _hero_texts(
    font: Font, colours: Palette, strategy: Strategy, b: float, boxes: tuple, rooms: tuple, grow: float, polish: bool
) -> tuple[TextBlock, ...]:
    """Label + ambition, label + vision core; raises DoesNotFit with the overflow."""
    out: list[TextBlock] = []
    problems: list[tuple[str, int]] = []
    specs = (
        ("ambitie", "Onze ambitie", strategy.ambitie, 2.0, 3.8, "bold", colours.heading),
        ("visie", "Onze visie", strategy.vision.kern, 1.5, 2.6, "regular", colours.ink),
    )
    for (x, y, width), room, (key, label, text, low, high, weight, fill) in zip(boxes, rooms, specs, strict=True):
        head = block(
            font, f"held-{key}-label", "held", label.upper(), x, y, width, round(1.05 * b, 3), "bold", colours.label
        )
        body_top = head.bottom + 0.5 * b
        body = fit_block(
            font,
            f"held-{key}",
            "held",
            text,
            x,
            body_top,
            width,
            room - (body_top - y),
            round(low * b, 3),
            round(high * grow * b, 3),
            weight,
            fill,
        )
        if body is None:
            problems.append((key, overflow(font, text, weight, low * b, width, room - (body_top - y))))
            continue
        out += [head, balanced(body, text) if polish else body]
    if problems:
        raise DoesNotFit(problems)
    return tuple(out)


def overflow(font: Font, text: str, weight: str, size: float, width: float, height: float) -> int:
    """Characters of text that do not fit the box at this size."""
    return overflow_chars(text, font.metrics(weight), round(size, 3), width, height)
