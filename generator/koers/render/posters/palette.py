"""Poster colours from the house style, chosen so every text meets WCAG 2.1 AA contrast."""

from __future__ import annotations

from dataclasses import dataclass

from koers.housestyle.colour import WHITE, contrast, mix
from koers.housestyle.theme import HouseStyle

AA = 4.5


@dataclass(frozen=True)
class Palette:
    """Named poster colours (all #rrggbb: cairosvg draws hsl() black and rejects modern rgb())."""

    page: str
    surface: str
    ink: str
    heading: str
    label: str
    muted: str
    rule: str
    band: str
    band_ink: str
    header: str
    header_ink: str
    accent: str
    track: str
    groups: tuple[str, ...]
    status: tuple[tuple[str, str], ...]
    status_tints: tuple[tuple[str, str], ...]
    corner: float = 8.0  # the theme's card rounding, in px at the social image's 15 px body size

    def radius(self, base: float, share: float = 1.0) -> float:
        """Corner radius for a page whose minimum body size is `base` (scaled like the type)."""
        return round(self.corner * base / 15 * share, 3)

    def group_colour(self, index: int) -> str:
        return self.groups[index % len(self.groups)]

    def status_colour(self, status: str) -> str:
        return dict(self.status)[status]

    def status_tint(self, status: str) -> str:
        return dict(self.status_tints)[status]


def _readable(candidate: str, backgrounds: tuple[str, ...], fallback: str) -> str:
    """candidate when it reads (>= 4.5:1) on every background, else fallback."""
    return candidate if all(contrast(candidate, b) >= AA for b in backgrounds) else fallback


def _tint(colour: str, ink: str, page: str) -> str:
    """A light tint of a status colour that keeps ink readable on it."""
    for amount in (0.86, 0.9, 0.94, 1.0):
        tint = mix(colour, page, amount)
        if contrast(ink, tint) >= AA:
            return tint
    return page


def palette(style: HouseStyle) -> Palette:
    """The poster palette for a house style."""
    page, surface, ink = style.background, style.surface, style.text
    muted = mix(ink, surface, 0.28)
    if contrast(muted, surface) < AA or contrast(muted, page) < AA:
        muted = ink
    groups = (
        style.primary,
        style.secondary,
        style.accent,
        mix(style.primary, style.secondary, 0.5),
        mix(style.secondary, style.accent, 0.5),
        mix(style.primary, style.accent, 0.5),
    )
    return Palette(
        page=page,
        surface=surface,
        ink=ink,
        heading=_readable(style.primary, (page, surface), ink),
        label=_readable(style.secondary, (page, surface), ink),
        muted=muted,
        rule=mix(ink, page, 0.78),
        band=style.secondary,
        band_ink=WHITE,
        header=style.primary,
        header_ink=WHITE,
        accent=style.accent,
        track=mix(style.secondary, page, 0.8),
        groups=groups,
        status=style.status,
        status_tints=tuple((key, _tint(colour, ink, page)) for key, colour in style.status),
        corner=style.corner_radius,
    )
