"""'Stand van zaken': a 1200×630 image per reported year for intranet news.

Left: the year, how many actions are done, three tiles (done, running or planned,
slipped) each with its status icon, so the counts do not depend on colour, and the year's
lessons learned where they fit (the text alternative says whether they are shown). Right, on the
header colour: two headline indicators (the first key indicators measured by that
year) with the latest measurement, the target and the verdict of render.trend.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.content.model import Strategy, YearSlice
from koers.dutch import plural
from koers.render.posters.bands import Logo, version_line
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block
from koers.render.posters.fit import fit_block
from koers.render.posters.icons import Stroke, icon
from koers.render.posters.palette import Palette
from koers.render.yearreport import headlines, year_report

TILES = (
    ("gereed", ("gereed",), "gereed"),
    ("lopend", ("lopend", "gepland"), "lopend of gepland"),
    ("vertraagd", ("vertraagd", "gestopt"), "vertraagd of gestopt"),
)


@dataclass(frozen=True)
class Tile:
    frame: Frame
    strokes: tuple[Stroke, ...]
    texts: tuple[TextBlock, ...]


@dataclass(frozen=True)
class Standing:
    page: PageSize
    panel: Frame
    left: tuple[TextBlock, ...]
    tiles: tuple[Tile, ...]
    right: tuple[TextBlock, ...]
    logo: Logo | None

    @property
    def texts(self) -> list[TextBlock]:
        return list(self.left) + [t for tile in self.tiles for t in tile.texts] + list(self.right)


def _fitted(
    font: Font, id: str, frame: str, text: str, x: float, y: float, width: float, room: float, low: float, high: float, weight: str, fill: str
) -> TextBlock:
    """The largest size from high down to low that fits; at the smallest, wrapped as it comes (long names)."""
    placed = fit_block(font, id, frame, text, x, y, width, room, low, high, weight, fill)
    return placed or block(font, id, frame, text, x, y, width, low, weight, fill)


def standing(font: Font, page: PageSize, colours: Palette, strategy: Strategy, slot: YearSlice, logo_ratio: float | None) -> Standing:
    """The image's layout for one reported year or phase."""
    b, m = page.base, page.margin
    report = year_report(strategy, slot)
    split = round(page.width * 0.58)
    x, width = m, split - 2 * m
    kicker = block(font, "kicker", "links", f"STAND VAN ZAKEN · {slot.label.upper()}", x, m, width, b, "bold", colours.label)
    title = _fitted(font, "titel", "links", strategy.titel, x, kicker.bottom + 0.4 * b, width, 2.6 * b, b, round(1.2 * b, 3), "bold", colours.ink)
    total, done = len(report.actions), report.counts["gereed"]
    headline = _fitted(
        font,
        "kop",
        "links",
        f"{done} van {plural(total, 'actie', 'acties')} gereed",
        x,
        title.bottom + 1.0 * b,
        width,
        6 * b,
        round(1.8 * b, 3),
        round(2.8 * b, 3),
        "bold",
        colours.heading,
    )
    tiles = []
    step = width / len(report.tally)
    top = headline.bottom + 1.2 * b
    for index, (code, count, label) in enumerate(report.tally):
        left = x + index * step
        frame = Frame(f"tegel-{code}", left, top, step - 0.6 * b, 6.2 * b, colours.status_tint(code), colours.radius(b, 0.5), colours.status_colour(code))
        size = 1.6 * b
        strokes = icon(code, left + 0.6 * b + size / 2, top + 0.8 * b + size / 2, size, colours.status_colour(code))
        number = block(
            font,
            f"tegel-{code}-aantal",
            frame.id,
            str(count),
            left + 0.8 * b + size,
            top + 0.5 * b,
            step - 2.2 * b - size,
            round(2.0 * b, 3),
            "bold",
            colours.ink,
        )
        words = _fitted(
            font,
            f"tegel-{code}-tekst",
            frame.id,
            label,
            left + 0.6 * b,
            number.bottom + 0.3 * b,
            step - 1.8 * b,
            frame.bottom - number.bottom - 0.6 * b,
            round(0.8 * b, 3),
            b,
            "regular",
            colours.ink,
        )
        tiles.append(Tile(frame, strokes, (number, words)))
    foot_h = 2.2 * b
    logo_w = min(width * 0.45, foot_h * logo_ratio) if logo_ratio else 0.0
    logo = Logo(x, page.height - m - foot_h, logo_w, logo_w / logo_ratio) if logo_ratio else None
    version = block(font, "versie", "links", version_line(strategy), x + logo_w + b, 0, width - logo_w - b, round(0.8 * b, 3), "regular", colours.muted, "end")
    version = version.moved(page.height - m - foot_h / 2 - version.height / 2)
    panel = Frame("rechts", split, 0, page.width - split, page.height, colours.header)
    said = [kicker, title, headline, version]
    if slot.terugblik:  # the lessons learned, where they fit between the tiles and the footer
        top = max(t.frame.bottom for t in tiles) + 1.4 * b
        head = block(font, "terugblik-label", "links", "WAT WE LEERDEN", x, top, width, round(0.8 * b, 3), "bold", colours.label)
        room = page.height - m - foot_h - 1.0 * b - (head.bottom + 0.3 * b)
        lesson = fit_block(font, "terugblik", "links", slot.terugblik, x, head.bottom + 0.3 * b, width, room, round(0.8 * b, 3), b, "regular", colours.ink)
        if lesson is not None:
            said[3:3] = [head, lesson]
    return Standing(page, panel, tuple(said), tuple(tiles), _indicators(font, page, colours, strategy, slot, split), logo)


def _indicators(font: Font, page: PageSize, colours: Palette, strategy: Strategy, slot: YearSlice, split: float) -> tuple[TextBlock, ...]:
    """Two headline indicators on the right, or what the year's report covers when nothing was measured."""
    b, m = page.base, page.margin
    x, width = split + 1.6 * b, page.width - split - 3.2 * b
    ink = colours.header_ink
    chosen = headlines(strategy, slot)
    texts = [block(font, "indicatoren-label", "rechts", "HIER METEN WE HET AAN", x, m, width, b, "bold", ink)]
    y = texts[0].bottom + 1.0 * b
    for index, item in enumerate(chosen, 1):
        name = _fitted(font, f"indicator-{index}", "rechts", item.naam, x, y, width, 2.6 * b, b, round(1.15 * b, 3), "bold", ink)
        measured = block(font, f"indicator-{index}-waarde", "rechts", item.value, x, name.bottom + 0.2 * b, width, round(2.4 * b, 3), "bold", ink)
        target = item.target or "nog geen doel"
        detail = " · ".join(part for part in (f"gemeten {item.year}", target, item.verdict if item.verdict != "–" else "") if part)
        line = _fitted(
            font, f"indicator-{index}-toelichting", "rechts", detail, x, measured.bottom + 0.1 * b, width, 2.4 * b, round(0.8 * b, 3), b, "regular", ink
        )
        texts += [name, measured, line]
        y = line.bottom + 1.6 * b
    if not chosen:
        texts.append(
            _fitted(
                font,
                "indicatoren-geen",
                "rechts",
                f"Voor {slot.label} zijn nog geen indicatoren gemeten.",
                x,
                y,
                width,
                page.height - y - m,
                b,
                round(1.2 * b, 3),
                "regular",
                ink,
            )
        )
    return tuple(texts)
