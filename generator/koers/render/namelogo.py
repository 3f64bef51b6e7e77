"""The starter's logo: the organisation's name from strategie.yaml, drawn in the house style's font and colour.

A new project (`koers init`) has no logo of its own yet. Its theme says
`logo: {tekst: organisatie}`, and every build draws the name that
content/strategie.yaml gives *now*: correcting the organisation's name there
corrects the logo on the site, the posters and the document as well.
"""

from __future__ import annotations

from dataclasses import replace

from koers.housestyle.theme import HouseStyle
from koers.render.text import load_metrics, text_width
from koers.resources import templates_dir
from koers.templating import environment

NAME_SIZE = 24  # px, the name's type size in the template
NAME_START = 72  # px, where the name starts (after the initial's square)
PREFIXES = ("Gemeente ", "gemeente ", "Provincie ", "Waterschap ")
# Dutch place names that start with an article: 's-Hertogenbosch, ’s-Gravenhage, 't Hoogeland.
ARTICLES = ("'s-", "’s-", "'t ", "’t ", "'s ", "’s ")


def initial(name: str) -> str:
    """The letter in the square: the first letter or digit of the name after 'Gemeente' and an article."""
    for prefix in PREFIXES:
        if name.startswith(prefix) and name[len(prefix):].strip():
            name = name[len(prefix):]
            break
    name = name.strip()
    for article in ARTICLES:
        if name.startswith(article) and name[len(article):].strip():
            name = name[len(article):]
            break
    return next((c for c in name if c.isalnum()), "?").upper()


def name_logo_svg(style: HouseStyle, name: str) -> bytes:
    """The logo SVG for `name`, as wide as the name needs in the theme's bold font."""
    name = " ".join(name.split())
    width = round(NAME_START + text_width(name, load_metrics(style.fonts.bold), NAME_SIZE) + 8)
    template = environment(templates_dir() / "logo").get_template("naam.svg.j2")
    svg = template.render(width=width, name=name, initial=initial(name), primary=style.primary, family=style.fonts.family)
    return svg.encode("utf-8")


def with_name_logo(style: HouseStyle, organisation: object) -> HouseStyle:
    """The style with its name logo drawn, when the theme asks for one and the organisation is known."""
    if not style.logo_from_name or not isinstance(organisation, str) or not organisation.strip():
        return style
    return replace(style, logo_svg=name_logo_svg(style, organisation))
