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
from koers.render.posters.fitreport import Problem, report_fit
from koers.render.posters.overview import grid
from koers.render.posters.overview.grid_fit import problems as problems_of
from koers.render.posters.overview.layout import HERO_SHARES, groups_of, sections
from koers.render.posters.palette import palette
from koers.render.posters.social.overview import overview_social_statement

PRINT = ("a3", "a1", "a0")


def check_fit(strategy: Strategy, style: HouseStyle, report: Report) -> None:
    """Report every poster text that cannot fit its box as a content error (file, line, field)."""
    report_fit(strategy, problems(strategy, style), report)


def problems(strategy: Strategy, style: HouseStyle) -> list[Problem]:
    """((kind, key), characters too many, 'poster, size') for every text that cannot fit."""

    font, colours = poster_font(style), palette(style)
    out: list[Problem] = []
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


