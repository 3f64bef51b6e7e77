"""Site assets from the house style: the generated CSS, self-hosted web fonts, logo and favicon."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from koers.housestyle.colour import WHITE, contrast, mix
from koers.housestyle.theme import HouseStyle
from koers.output import Output
from koers.render.css import css_string
from koers.render.logo import outlined_svg
from koers.resources import templates_dir

ASSETS = "assets/koers"
STYLESHEET = f"{ASSETS}/koers.css"
FONT_FORMATS = {".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype"}
_NOT_IN_COMMENT = re.compile(r"[^A-Za-z0-9 _\-]")  # the theme id, in a CSS comment


@dataclass(frozen=True)
class SiteAssets:
    """Paths (under docs/) of the assets the engine config refers to."""

    stylesheet: str
    logo: str | None
    favicon: str | None


def softened(text: str, backgrounds: tuple[str, ...], minimum: float = 5.0) -> str:
    """The lightest blend of text towards the first background that keeps `minimum` contrast on all of them."""
    best = text
    for step in range(1, 20):
        candidate = mix(text, backgrounds[0], step / 20)
        if min(contrast(candidate, b) for b in backgrounds) < minimum:
            break
        best = candidate
    return best


def hero_end(style: HouseStyle) -> str:
    """Where the home banner's gradient ends: the secondary colour when white text stays readable on every blend."""
    brightest = "#" + "".join(max(a[i : i + 2], b[i : i + 2]) for a, b in [(style.primary, style.secondary)] for i in (1, 3, 5))
    return style.secondary if contrast(WHITE, brightest) >= 4.5 else style.primary


def _variables(style: HouseStyle) -> dict[str, str]:
    """Material's palette variables mapped from the house style (palette.primary: custom)."""
    light = softened(style.text, (style.background, style.surface))
    return {
        "--md-primary-fg-color": style.primary,
        "--md-primary-fg-color--light": mix(style.primary, WHITE, 0.15),
        "--md-primary-fg-color--dark": mix(style.primary, "#000000", 0.2),
        "--md-primary-bg-color": WHITE,
        "--md-primary-bg-color--light": WHITE,
        "--md-accent-fg-color": style.secondary,
        "--md-accent-fg-color--transparent": style.secondary + "1a",
        "--md-accent-bg-color": WHITE,
        "--md-accent-bg-color--light": WHITE,
        "--md-default-fg-color": style.text,
        "--md-default-fg-color--light": light,
        "--md-default-fg-color--lighter": mix(style.text, style.background, 0.6),
        "--md-default-fg-color--lightest": mix(style.text, style.background, 0.88),
        "--md-default-bg-color": style.background,
        "--md-typeset-color": style.text,
        "--md-typeset-a-color": style.primary,
        "--md-code-bg-color": style.surface,
        "--md-code-fg-color": style.text,
        # Material's footer greys fail WCAG contrast: the footer takes the primary colour with white text instead.
        "--md-footer-bg-color": style.primary,
        "--md-footer-bg-color--dark": mix(style.primary, "#000000", 0.25),
        "--md-footer-fg-color": WHITE,
        "--md-footer-fg-color--light": WHITE,
        "--md-footer-fg-color--lighter": WHITE,
        "--md-text-font": css_string(style.fonts.family),
        "--koers-tekst-zacht": light,
        "--koers-hero-eind": hero_end(style),
    } | style.css_variables()


def _font_files(style: HouseStyle) -> list[tuple[Path, str, str]]:
    """(file, weight, style) for every face the site uses; web formats preferred over TTF."""
    fonts = style.fonts
    faces = [(fonts.web_regular or fonts.regular, "400", "normal"), (fonts.web_bold or fonts.bold, "700", "normal")]
    italic = fonts.web_italic or fonts.italic
    if italic is not None:
        faces.append((italic, "400", "italic"))
    return faces


def _font_face(family: str, file: str, suffix: str, weight: str, style: str) -> str:
    fmt = FONT_FORMATS.get(suffix, "truetype")
    return (
        f'@font-face {{ font-family: {css_string(family)}; src: url("fonts/{file}") format("{fmt}"); '
        f"font-weight: {weight}; font-style: {style}; font-display: swap; }}"
    )


def render_assets(style: HouseStyle) -> tuple[list[Output], SiteAssets]:
    """The stylesheet, font files, logo and favicon as outputs, and where they went."""
    outputs: list[Output] = []
    family = style.fonts.family
    faces = []
    for path, weight, font_style in _font_files(style):
        outputs.append(Output(f"{ASSETS}/fonts/{path.name}", path.read_bytes()))
        faces.append(_font_face(family, path.name, path.suffix.lower(), weight, font_style))
    variables = "\n".join(f"  {k}: {v};" for k, v in sorted(_variables(style).items()))
    static = (templates_dir() / "pages" / "koers.css").read_text(encoding="utf-8")
    css = "/* Gemaakt door Koers uit de huisstijl '" + _NOT_IN_COMMENT.sub("", style.id) + "'. */\n"
    css += "\n".join(faces) + f"\n\n:root, :root > * {{\n{variables}\n}}\n\n" + static
    outputs.append(Output(STYLESHEET, css))
    logo = favicon = None
    found = style.logo_content()
    if found is not None:
        logo = f"{ASSETS}/logo{found[1]}"
        outputs.append(Output(logo, _image(*found, style)))
    if style.favicon is not None:
        favicon = f"{ASSETS}/favicon{style.favicon.suffix.lower()}"
        outputs.append(Output(favicon, _image(style.favicon.read_bytes(), style.favicon.suffix.lower(), style)))
    return outputs, SiteAssets(STYLESHEET, logo, favicon)


def _image(data: bytes, suffix: str, style: HouseStyle) -> bytes:
    """A logo or favicon as published: an SVG's text outlined in the house font (an <img> cannot use web fonts)."""
    return outlined_svg(data, style.fonts) if suffix == ".svg" else data
