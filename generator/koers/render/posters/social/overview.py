"""The 1200×630 social images: one statement and the key figures; a compact roadmap.

A social image is seen small, in a feed, so it carries less: the overview
shows the ambition, the vision's core, key figures and the year slices; the
roadmap shows every action as a bar coloured and marked by status (titles
would be unreadable at that size; the print posters and the site carry them).
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.content.model import Strategy
from koers.housestyle.colour import mix
from koers.render.posters.bands import DoesNotFit, Logo, version_line
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block
from koers.render.posters.fit import balanced, fit_block
from koers.render.posters.overview.hero import overflow
from koers.render.posters.palette import Palette


@dataclass(frozen=True)
class YearBar:
    year: int
    track: Frame
    done: Frame | None
    texts: tuple[TextBlock, ...]


@dataclass(frozen=True)
class SocialOverview:
    page: PageSize
    panel: Frame
    left: tuple[TextBlock, ...]
    right: tuple[TextBlock, ...]
    bars: tuple[YearBar, ...]
    accent: Frame
    logo: Logo | None

    @property
    def texts(self) -> list[TextBlock]:
        return list(self.left) + list(self.right) + [t for bar in self.bars for t in bar.texts]


def _statement(
    font: Font,
    page: PageSize,
    colours: Palette,
    strategy: Strategy,
    x: float,
    width: float,
    logo_ratio: float | None,
    scale: float = 1.0,
) -> tuple[tuple[TextBlock, ...], Logo | None]:
    """Left side: kicker, title, ambition (large), vision core, logo and version."""
    b, m = page.base * scale, page.margin
    kicker = block(
        font,
        "kicker",
        "links",
        f"STRATEGIE IN ÉÉN BEELD · {strategy.period_label}",
        x,
        m,
        width,
        b,
        "bold",
        colours.label,
    )
    title = fit_block(
        font,
        "titel",
        "links",
        strategy.titel,
        x,
        kicker.bottom + 0.4 * b,
        width,
        3 * b,
        b,
        round(1.2 * b, 3),
        "bold",
        colours.ink,
        max_line_count=2,
    )
    title = title or block(
        font, "titel", "links", strategy.titel, x, kicker.bottom + 0.4 * b, width, b, "bold", colours.ink
    )
    foot_h = 2.4 * b
    bottom = page.height - m - foot_h - 1.2 * b
    top = title.bottom + 1.2 * b
    room = (bottom - top) * 0.66
    ambition = fit_block(
        font,
        "ambitie",
        "links",
        strategy.ambitie,
        x,
        top,
        width,
        room,
        round(1.6 * b, 3),
        round(2.6 * b, 3),
        "bold",
        colours.heading,
    )
    problems = []
    if ambition is None:
        problems.append(("ambitie", overflow(font, strategy.ambitie, "bold", round(1.6 * b, 3), width, room)))
        ambition = block(font, "ambitie", "links", "", x, top, width, round(1.6 * b, 3), "bold", colours.heading)
    ambition = balanced(ambition, strategy.ambitie)
    core_top = top + room + 0.9 * b if problems else ambition.bottom + 0.9 * b
    core = fit_block(
        font,
        "visie",
        "links",
        strategy.vision.kern,
        x,
        core_top,
        width,
        bottom - core_top,
        b,
        round(1.35 * b, 3),
        "regular",
        colours.ink,
    )
    if core is None:
        problems.append(("visie", overflow(font, strategy.vision.kern, "regular", b, width, bottom - core_top)))
    if problems or core is None:
        raise DoesNotFit(problems)
    core = balanced(core, strategy.vision.kern)
    logo_w = min(width * 0.45, foot_h * logo_ratio) if logo_ratio else 0.0
    logo = Logo(x, page.height - m - foot_h, logo_w, logo_w / logo_ratio) if logo_ratio else None
    text_x = x + logo_w + (b if logo_w else 0)
    version = block(
        font,
        "versie",
        "links",
        version_line(strategy),
        text_x,
        0,
        x + width - text_x,
        round(0.8 * b, 3),
        "regular",
        colours.muted,
        "end",
    )
    version = version.moved(page.height - m - foot_h / 2 - version.height / 2)
    return (kicker, title, ambition, core, version), logo


def overview_social_statement(font: Font, page: PageSize, colours: Palette, strategy: Strategy) -> None:
    """Lay out only the statement at the legible sizes; raises DoesNotFit (used by check)."""
    _statement(font, page, colours, strategy, page.margin, round(page.width * 0.6) - 2 * page.margin, None)


def overview_social(
    font: Font, page: PageSize, colours: Palette, strategy: Strategy, logo_ratio: float | None
) -> SocialOverview:
    """The social overview image."""
    b, m = page.base, page.margin
    split = round(page.width * 0.6)
    try:
        left, logo = _statement(font, page, colours, strategy, m, split - 2 * m, logo_ratio)
    except DoesNotFit:
        # Only for content that did not pass check: smaller than legible, but never outside the image.
        left, logo = _statement(font, page, colours, strategy, m, split - 2 * m, logo_ratio, 0.5)
    panel = Frame("rechts", split, 0, page.width - split, page.height, colours.header)
    x, width = split + 1.8 * b, page.width - split - 3.6 * b
    done = strategy.progress(strategy.actions)["gereed"]
    right: list[TextBlock] = []
    figures = (
        (len(strategy.opgaven), "opgave", "opgaven"),
        (len(strategy.actions), "actie", "acties"),
        (done, "gereed", "gereed"),
    )
    step = width / 3
    for index, (count, one, many) in enumerate(figures):
        number = block(
            font,
            f"cijfer-{index + 1}",
            "rechts",
            str(count),
            x + index * step,
            m,
            step - 0.5 * b,
            round(2.8 * b, 3),
            "bold",
            colours.header_ink,
        )
        label = block(
            font,
            f"cijfer-{index + 1}-label",
            "rechts",
            one if count == 1 else many,
            x + index * step,
            number.bottom,
            step - 0.5 * b,
            b,
            "regular",
            colours.header_ink,
        )
        right += [number, label]
    bars = _year_bars(font, page, colours, strategy, x, right[-1].bottom + 1.6 * b, width)
    right += _themes(font, page, colours, strategy, x, bars[-1].texts[0].bottom + 1.6 * b, width)
    accent = Frame("accent", split, 0, max(4.0, 0.35 * b), page.height, colours.accent)
    return SocialOverview(page, panel, tuple(left), tuple(right), bars, accent, logo)


def _themes(
    font: Font, page: PageSize, colours: Palette, strategy: Strategy, x: float, top: float, width: float
) -> list[TextBlock]:
    """The themes at the foot of the panel, when the panel has room for them at a legible size."""
    b, bottom = page.base, page.height - page.margin
    if not strategy.themes:
        return []
    label = block(
        font, "themas-label", "rechts", "THEMA'S", x, top, width, round(0.85 * b, 3), "bold", colours.header_ink
    )
    names = " · ".join(t.display for t in strategy.themes)
    body = fit_block(
        font,
        "themas",
        "rechts",
        names,
        x,
        label.bottom + 0.3 * b,
        width,
        bottom - label.bottom - 0.3 * b,
        round(0.85 * b, 3),
        b,
        "regular",
        colours.header_ink,
    )
    if body is None or label.bottom > bottom:
        return []  # a social image may leave the themes out; the print posters and the text alternative have them
    return [label, balanced(body, names)]


def _year_bars(
    font: Font, page: PageSize, colours: Palette, strategy: Strategy, x: float, top: float, width: float
) -> tuple[YearBar, ...]:
    """One row per year slice: year, a done/total bar and the counts, filling the panel's lower part."""
    b, m = page.base, page.margin
    rows = len(strategy.years)
    size = round(b if rows <= 6 else 0.85 * b, 3)
    row_h = min((page.height - m - top) / rows, 2.6 * size)
    most = max((len(v) for v in strategy.actions_by_year.values()), default=1) or 1
    out = []
    for index, year in enumerate(strategy.years):
        actions = strategy.actions_by_year.get(year.jaar, ())
        done = sum(1 for a in actions if a.status == "gereed")
        y = top + index * row_h
        name = block(
            font, f"jaar-{year.slug}", "rechts", year.short, x, y, 3.6 * size, size, "bold", colours.header_ink
        )
        count = block(
            font,
            f"jaar-{year.jaar}-acties",
            "rechts",
            f"{done}/{len(actions)} gereed",
            x,
            y,
            width,
            size,
            "regular",
            colours.header_ink,
            "end",
        )
        bar_x = x + 3.8 * size
        bar_w = (width - 3.8 * size - 7.2 * size) * len(actions) / most
        bar_h = min(0.9 * size, row_h * 0.5)
        mid = y + name.height / 2
        track = Frame(
            f"jaar-{year.jaar}-balk",
            bar_x,
            mid - bar_h / 2,
            max(bar_w, 0.1),
            bar_h,
            mix(colours.header, colours.header_ink, 0.35),
            bar_h / 2,
        )
        done_bar = (
            Frame(
                f"jaar-{year.jaar}-gereed",
                bar_x,
                track.y,
                bar_w * done / len(actions),
                bar_h,
                colours.header_ink,
                bar_h / 2,
            )
            if actions and done
            else None
        )
        out.append(YearBar(year.jaar, track, done_bar, (name, count)))
    return tuple(out)
