"""Poster text fitting as content validation: what cannot fit on a poster is a content error.

`koers check` calls check_fit after the model is built. It measures with the
house style's real font, exactly as the poster layouts do, but only the parts
that can fail: the header title (two lines), the ambition and the vision's core
(hero of the print posters and the social image) and the opgaven cards (titel,
stip, koers in the card grid), and whether the opgaven fit the strategy poster
at all, as titles alone (the page never grows taller than its paper). Everything
else adapts (wraps, shrinks, or the routekaart continues on more sheets) and
cannot fail. Each failing field
is reported once, with the largest overflow and the poster sizes concerned.
No cairosvg, no SVG rendering: this stays well under 0.1 s for a strategy of
ten opgaven.
"""

from __future__ import annotations

from dataclasses import replace

from koers.content.model import Strategy
from koers.findings import Report
from koers.housestyle.theme import HouseStyle
from koers.render.posters.bands import DoesNotFit, header_overflow
from koers.render.posters.base import SIZES, poster_font
from koers.render.posters.combined import KICKER, SPLITS
from koers.render.posters.overview import grid
from koers.render.posters.overview.grid_fit import problems as problems_of
from koers.render.posters.overview.layout import HERO_SHARES, groups_of, sections
from koers.render.posters.palette import palette
from koers.render.posters.social.overview import overview_social_statement

PRINT = ("a3", "a1", "a0")
FIELD_WORDS = {"titel": "titel", "stip": "stip", "koers": "koers"}


def check_fit(strategy: Strategy, style: HouseStyle, report: Report) -> None:
    """Report every poster text that cannot fit its box as a content error (file, line, field)."""
    found: dict[tuple[str, str], tuple[int, list[str]]] = {}

    def note(place: tuple[str, str], chars: int, where: str) -> None:
        most, posters = found.get(place, (0, []))
        found[place] = (max(most, chars), posters + [where] if where not in posters else posters)

    for place, chars, where in problems(strategy, style):
        note(place, chars, where)
    for (kind, key), (chars, posters) in sorted(found.items()):
        if key == "opgaven":
            report.error(
                "content/strategie.yaml",
                1,
                f"de strategie heeft te veel opgaven voor de poster ({_list(posters)}): {len(strategy.opgaven)} opgaven "
                "passen ook met alleen hun titel niet op het papier; voeg opgaven samen tot minder, grotere opgaven",
            )
            continue
        path, field, subject = _subject(strategy, kind, key)
        line = strategy.line(path, field)
        amount = f"{chars} {'teken' if chars == 1 else 'tekens'} te lang" if chars else "te lang"
        report.error(path, line, f"{subject} past niet op de poster: {amount} ({_list(posters)}); maak de tekst korter")


def problems(strategy: Strategy, style: HouseStyle) -> list[tuple[tuple[str, str], int, str]]:
    """((kind, key), characters too many, 'poster, size') for every text that cannot fit."""

    font, colours = poster_font(style), palette(style)
    out: list[tuple[tuple[str, str], int, str]] = []
    one = strategy.poster_form == "een"
    for size in PRINT:
        page = SIZES[size]
        where = f"Strategie met routekaart, {page.label}" if one else f"Strategie in één beeld en Routekaart, {page.label}"
        chars = header_overflow(font, page, strategy.titel)
        if chars:
            out.append((("strategie", "titel"), chars, where))
        if one:
            # The combined poster's strategy part has at most the largest split of the page (render.posters.combined).
            page = replace(page, height=round(page.height * SPLITS[-1], 2))
        else:
            where = f"Strategie in één beeld, {page.label}"
        fitted = None
        # The smallest hero that fits leaves the cards the most room: that is the best case render can reach.
        for share in sorted(HERO_SHARES, reverse=True):
            try:
                fitted = sections(font, page, colours, strategy, None, share, polish=False, part=KICKER if one else "")
            except DoesNotFit as error:
                if share == max(HERO_SHARES):
                    out += [(("strategie", field), chars, where) for field, chars in error.problems]
        if fitted is None:
            continue
        room = fitted[-1] - fitted[-2]
        groups, width, metrics = groups_of(strategy, colours), page.width - 2 * page.margin, grid.Metrics(page.base)
        found = problems_of(groups, width, room, font, metrics)
        for problem in found:
            out.append((("opgave", f"{problem.card}:{problem.field}"), problem.chars, where))
        if not found and grid.plan(groups, width, room, font, metrics) is None:
            out.append((("strategie", "opgaven"), 0, where))
    try:
        overview_social_statement(font, SIZES["social"], colours, strategy)
    except DoesNotFit as error:
        out += [
            (("strategie", field), chars, "Strategie in één beeld, sociale media") for field, chars in error.problems
        ]
    return out


def _subject(strategy: Strategy, kind: str, key: str) -> tuple[str, str, str]:
    """(file, front-matter key, Dutch subject) for a problem."""
    if kind == "opgave":
        opgave_id, field = key.split(":")
        return strategy.opgave_by_id[opgave_id].source, field, f"{FIELD_WORDS[field]} van opgave '{opgave_id}'"
    if key == "visie":
        return strategy.vision.source, "kern", "de kern van de visie"
    if key == "ambitie":
        return "content/strategie.yaml", "ambitie", "de ambitie"
    return "content/strategie.yaml", "titel", "de titel van de strategie"


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "; ".join(items[:-1]) + " en " + items[-1]
