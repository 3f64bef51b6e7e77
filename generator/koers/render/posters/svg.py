"""Strategy → SVG posters: 'Strategie in één beeld' and the 'Routekaart', in four sizes each.

Layout decisions (positions, wrapping, type sizes) are made in Python by the
poster_* modules, where they can be tested; the Jinja2 templates in
templates/posters/ only write markup (autoescaped). Every size is laid out
anew from the content: A3 landscape, A1 and A0 portrait, and a 1200×630 image
for social media. The SVG is self-contained (WOFF2 font subset and logo as data
URIs), uses one font-family name, hex colours only, has role="img", a title, a
full text alternative (desc) and lang="nl", keeps every text as real <text> in
content order, and is byte-identical for the same content. Call only on content
that passed `koers check` (render.fitting); even then no text leaves its box.

How the posters adapt to larger strategies (measured with ~5 actions per opgave):
- Strategie in één beeld shows titel, stip and koers per card while they fit at
  the minimum legible size (A3: up to about 14 opgaven; A1/A0: about 20), then
  titel and stip (A3: to about 20; A1/A0: to about 35), then the titel only.
  Beyond that `koers check` says the strategy is too large for that size; the page
  never grows (see overview.layout).
- The Routekaart continues on more sheets of the same paper when the lanes do not
  fit one at the minimum size (A3: beyond about 10 opgaven; A1: about 16), see
  roadmap.sheets. Every file (every sheet, every PDF page) is exactly its paper size.
- `poster: {vorm: een}` makes one poster instead of the two: the strategy part on top and
  the routekaart below it (render.posters.combined), continuing on more sheets like the routekaart.
- The social images carry less by design: the overview shows ambition, vision,
  key figures and the year slices; the roadmap shows every action as a status
  bar without its title (a lane per opgave up to about 12 opgaven, then a lane
  per bron with the actions per status and year).
- Minimum type: 7 pt on A3, 12 pt on A1, 17 pt on A0; on the social image 15 px for
  the statements and 11–13 px for labels (9 px for long bron names in the per-bron roadmap).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Environment

from koers.content.model import Strategy, YearSlice
from koers.housestyle.theme import HouseStyle
from koers.render.posters import alt
from koers.render.posters.assets import font_face_css, logo_data
from koers.render.posters.base import SIZE_ORDER, SIZES, PageSize, TextBlock, num, poster_font
from koers.render.posters.combined import layout as combined_layout
from koers.render.posters.overview.layout import layout as overview_layout
from koers.render.posters.palette import palette
from koers.render.posters.roadmap.layout import layout as roadmap_layout
from koers.render.posters.social.overview import overview_social
from koers.render.posters.social.roadmap import compact
from koers.render.posters.social.standing import standing
from koers.render.yearreport import reported_slots
from koers.resources import templates_dir
from koers.templating import environment as template_environment

OVERVIEW = "strategie-in-een-beeld"
ROADMAP = "routekaart"
COMBINED = "strategie-met-routekaart"
STANDING = "stand-van-zaken"  # + "-<year>": one image per reported year (render.posters.social.standing)
NAMES = (OVERVIEW, ROADMAP, COMBINED)
PNG_DPI = 150


@dataclass(frozen=True)
class Poster:
    """One rendered poster in one size: an SVG per sheet (all of the same size) and what the site and export need.

    Files: `routekaart-a3.svg` for a poster of one sheet, `routekaart-a3-1.svg`,
    `routekaart-a3-2.svg`, … for more (the same names for PNG); the PDF is one file
    with a page per sheet.
    """

    name: str
    size: str
    sheets: tuple[str, ...]
    width: float  # SVG user units (pt for A-sizes, px for social)
    height: float
    width_phys: str  # "420mm", "1200px"
    height_phys: str
    title: str
    description: str

    @property
    def svg(self) -> str:
        """The first sheet (the whole poster when it has one sheet)."""
        return self.sheets[0]

    @property
    def stem(self) -> str:
        """The name of the poster's PDF, without extension."""
        return f"{self.name}-{self.size}"

    @property
    def sheet_stems(self) -> tuple[str, ...]:
        """The name of each sheet's SVG and PNG, without extension."""
        if len(self.sheets) == 1:
            return (self.stem,)
        return tuple(f"{self.stem}-{n}" for n in range(1, len(self.sheets) + 1))

    @property
    def files(self) -> tuple[tuple[str, str], ...]:
        """(file name, SVG) of every sheet."""
        return tuple((f"{stem}.svg", svg) for stem, svg in zip(self.sheet_stems, self.sheets, strict=True))

    @property
    def filename(self) -> str:
        """The first sheet's SVG file name."""
        return self.files[0][0]

    @property
    def pixels(self) -> tuple[int, int]:
        """PNG size of a sheet: 150 dpi for paper sizes, exact pixels for the social image."""
        if not self.width_phys.endswith("mm"):
            return (round(self.width), round(self.height))
        width, height = float(self.width_phys[:-2]) / 25.4 * PNG_DPI, float(self.height_phys[:-2]) / 25.4 * PNG_DPI
        return (round(width), round(height))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The poster template environment: autoescaping on for SVG, strict about undefined names."""
    return template_environment(templates_dir() / "posters", filters={"num": num})


def poster_names(strategy: Strategy) -> tuple[str, ...]:
    """The posters a build makes: the two, or the combined one (`poster: {vorm: een}`)."""
    return (COMBINED,) if strategy.poster_form == "een" else (OVERVIEW, ROADMAP)


def render_posters(strategy: Strategy, style: HouseStyle) -> list[Poster]:
    """The strategy's posters in every size, in a fixed order, then a 'stand van zaken' image per reported year."""
    return list(render_each_poster(strategy, style))


def render_each_poster(strategy: Strategy, style: HouseStyle) -> Iterator[Poster]:
    """`render_posters` one by one, so each can be exported while the next is laid out."""
    for name in poster_names(strategy):
        for size in SIZE_ORDER:
            yield render_poster(strategy, style, name, size)
    for slot in reported_slots(strategy):
        yield render_standing(strategy, style, slot)


def render_standing(strategy: Strategy, style: HouseStyle, slot: YearSlice) -> Poster:
    """The 'stand van zaken' image of one reported year (1200×630, for intranet news)."""
    page = SIZES["social"]
    layout = standing(poster_font(style), page, palette(style), strategy, slot, logo_data(style.logo_content(), style.fonts)[1])
    name = f"{STANDING}-{slot.slug}"
    title = f"Stand van zaken {slot.label}: {strategy.titel}"
    description = alt.standing_description(strategy, slot, any(t.id == "terugblik" for t in layout.left))
    svg = _sheet(style, name, "social", layout, title, description, template=f"{STANDING}-social.svg.j2")
    return Poster(name, "social", (svg,), page.width, page.height, f"{num(page.width_phys)}px", f"{num(page.height_phys)}px", title, description)


def render_poster(strategy: Strategy, style: HouseStyle, name: str, size: str) -> Poster:
    """One poster in one size."""
    if name not in NAMES or size not in SIZES:
        raise ValueError(f"unknown poster {name!r} or size {size!r}")
    laid = lay_out(strategy, style, name, SIZES[size])
    sheets = laid if isinstance(laid, tuple) else (laid,)
    page: PageSize = sheets[0].page
    title = {OVERVIEW: alt.overview_title, ROADMAP: alt.roadmap_title, COMBINED: alt.combined_title}[name](strategy)
    # Each size says exactly what it shows: A3 may leave out extras that A1 and A0 carry.
    first = getattr(sheets[0], "strategy_part", sheets[0])
    shown = tuple(band.frame.id for band in getattr(first, "extras", ()))
    if name == OVERVIEW or (name == COMBINED and size == "social"):
        description = alt.overview_description(strategy, shown)
    elif name == ROADMAP:
        description = alt.roadmap_description(strategy)
    else:
        description = alt.overview_description(strategy, shown, agenda=False) + " " + alt.roadmap_description(strategy)
    svgs = tuple(
        _sheet(style, name, size, layout, title if len(sheets) == 1 else f"{title}, blad {n} van {len(sheets)}", description)
        for n, layout in enumerate(sheets, 1)
    )
    width_phys, height_phys = f"{num(page.width_phys)}{page.unit}", f"{num(page.height_phys)}{page.unit}"
    return Poster(name, size, svgs, page.width, page.height, width_phys, height_phys, title, description)


def _sheet(style: HouseStyle, name: str, size: str, layout: Any, title: str, description: str, template: str = "") -> str:
    """The SVG of one sheet."""
    page: PageSize = layout.page
    href, _ = logo_data(style.logo_content(), style.fonts)
    context: dict[str, Any] = {
        "name": name,
        "size": size,
        "title": title,
        "description": description,
        "width": page.width,
        "height": page.height,
        "width_phys": f"{num(page.width_phys)}{page.unit}",
        "height_phys": f"{num(page.height_phys)}{page.unit}",
        "family": style.fonts.family,
        "css": _css(style, layout.texts),
        "background": style.background,
        "logo": href,
        "arrow_width": round(max(0.6, page.base * 0.11), 3),
    }
    if not template:
        # The combined poster's social image is the strategy's: a routekaart does not fit 1200×630.
        template = f"{OVERVIEW if name == COMBINED else name}-social.svg.j2" if size == "social" else f"{name}.svg.j2"
    return environment().get_template(template).render(poster=context, layout=layout, palette=palette(style))


def lay_out(strategy: Strategy, style: HouseStyle, name: str, page: PageSize) -> Any:
    """The layout object of one poster at one page size (no markup yet)."""
    font, colours = poster_font(style), palette(style)
    _, ratio = logo_data(style.logo_content(), style.fonts)
    if name in (OVERVIEW, COMBINED) and page.key == "social":
        return overview_social(font, page, colours, strategy, ratio)
    if name == OVERVIEW:
        return overview_layout(font, page, colours, strategy, ratio)
    if name == COMBINED:
        return combined_layout(font, page, colours, strategy, ratio)
    if page.key == "social":
        return compact(font, page, colours, strategy, ratio)
    return roadmap_layout(font, page, colours, strategy, ratio)


def _css(style: HouseStyle, texts: list[TextBlock]) -> Any:
    """@font-face rules embedding exactly the glyphs this poster uses, per weight."""
    regular = "".join(sorted({c for t in texts if t.weight != "bold" for line in t.lines for c in line}))
    bold = "".join(sorted({c for t in texts if t.weight == "bold" for line in t.lines for c in line}))
    return font_face_css(style.fonts.family, [(str(style.fonts.regular), "400", regular), (str(style.fonts.bold), "700", bold)])
