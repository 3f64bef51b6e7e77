"""Poster bands shared by both posters: the header band, the footer with logo and version, the hero."""

from __future__ import annotations

import re
from dataclasses import dataclass

from koers.content.model import Strategy
from koers.dutch import dutch_date
from koers.render.posters.base import Font, Frame, PageSize, TextBlock, block, block_height
from koers.render.posters.fit import fit_block, overflow_chars
from koers.render.posters.palette import Palette

STATUS_WORDS = {"concept": "concept", "vastgesteld": "vastgesteld", "herijkt": "herijkt"}


class DoesNotFit(Exception):
    """Texts that cannot fit their boxes even at the minimum size: (field, characters too many) pairs."""

    def __init__(self, problems: list[tuple[str, int]]) -> None:
        super().__init__(", ".join(f"{field}: {chars}" for field, chars in problems))
        self.problems = problems


@dataclass(frozen=True)
class Logo:
    """Where the house-style logo goes (its data URI is added by the renderer)."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Band:
    """A coloured or plain band: its frame, decorative rules and texts in reading order."""

    frame: Frame
    texts: tuple[TextBlock, ...]
    rules: tuple[Frame, ...] = ()

    @property
    def bottom(self) -> float:
        return self.frame.bottom


def version_line(strategy: Strategy) -> str:
    """'versie 1.2 · vastgesteld door Gemeenteraad op 16 december 2021'."""
    status = STATUS_WORDS.get(strategy.status, strategy.status)
    line = f"versie {strategy.versie} · {status}"
    if strategy.vastgesteld is not None and strategy.status != "concept":
        line += f" door {strategy.vastgesteld.door} op {dutch_date(strategy.vastgesteld.datum)}"
    return line


def _kicker_width(page: PageSize) -> float:
    return min((page.width - 2 * page.margin) * 0.3, 26 * page.base)


def header_overflow(font: Font, page: PageSize, title: str) -> int:
    """Characters of the title beyond two header lines at the smallest header size (0 when it fits)."""
    b = page.base
    width = page.width - 2 * page.margin - _kicker_width(page) - 2 * b
    size = round(1.6 * b, 3)
    return overflow_chars(title, font.bold, size, width, block_height(font.bold, size, 2))


def header(font: Font, page: PageSize, colours: Palette, title: str, kicker: str) -> Band:
    """The full-bleed header band: the strategy's title left, the poster's name right."""
    b, m = page.base, page.margin
    inner = page.width - 2 * m
    kicker_width = _kicker_width(page)
    kick = block(
        font,
        "kop-soort",
        "kop",
        kicker,
        page.width - m - kicker_width,
        0,
        kicker_width,
        round(1.3 * b, 3),
        "regular",
        colours.header_ink,
        "end",
    )
    width = inner - kicker_width - 2 * b
    lines_room = 2 * b * 2.3 * 1.25 + b
    head = fit_block(
        font,
        "kop-titel",
        "kop",
        title,
        m,
        0,
        width,
        lines_room,
        round(1.6 * b, 3),
        round(2.3 * b, 3),
        "bold",
        colours.header_ink,
        max_line_count=2,
    )
    if head is None:  # more than two lines even at the smallest size: check reports it, render still fits
        head = block(font, "kop-titel", "kop", title, m, 0, width, round(1.6 * b, 3), "bold", colours.header_ink)
    pad = 0.45 * m
    height = pad * 2 + max(head.height, kick.height)
    head = head.moved(pad + (height - 2 * pad - head.height) / 2)
    kick = kick.moved(pad + (height - 2 * pad - kick.height) / 2)
    return Band(Frame("kop", 0, 0, page.width, height, colours.header), (head, kick))


def footer(
    font: Font, page: PageSize, colours: Palette, strategy: Strategy, logo_ratio: float | None
) -> tuple[Band, Logo | None]:
    """The footer: logo left, organisation and version right, on a hairline."""
    b, m = page.base, page.margin
    inner = page.width - 2 * m
    logo_h = 2.9 * b
    logo_w = logo_h * logo_ratio if logo_ratio else 0.0
    if logo_w > inner * 0.3:
        logo_w, logo_h = inner * 0.3, inner * 0.3 / (logo_ratio or 1)
    text_x = m + logo_w + (2 * b if logo_w else 0)
    width = page.width - m - text_x
    org = fit_block(
        font,
        "voet-organisatie",
        "voet",
        strategy.organisatie,
        text_x,
        0,
        width,
        3 * b,
        b,
        round(1.15 * b, 3),
        "bold",
        colours.ink,
        "end",
        max_line_count=1,
    )
    version = fit_block(
        font,
        "voet-versie",
        "voet",
        version_line(strategy),
        text_x,
        0,
        width,
        3 * b,
        b,
        b,
        "regular",
        colours.muted,
        "end",
        max_line_count=2,
    )
    org = org or block(
        font, "voet-organisatie", "voet", strategy.organisatie, text_x, 0, width, b, "bold", colours.ink, "end"
    )
    version = version or block(
        font, "voet-versie", "voet", version_line(strategy), text_x, 0, width, b, "regular", colours.muted, "end"
    )
    text_h = org.height + 0.2 * b + version.height
    height = max(logo_h, text_h)
    top = page.height - m - height
    org = org.moved(top + (height - text_h) / 2)
    version = version.moved(org.bottom + 0.2 * b)
    rule = Frame("voet-lijn", m, top - 0.9 * b, inner, max(0.6, 0.06 * b), colours.rule)
    logo = Logo(m, top + (height - logo_h) / 2, logo_w, logo_h) if logo_w else None
    return Band(Frame("voet", m, top, inner, height), (org, version), (rule,)), logo


def logo_ratio(svg_text: str | None) -> float | None:
    """Width/height of a logo from its SVG viewBox or width/height attributes."""
    if not svg_text:
        return None
    match = re.search(r"viewBox\s*=\s*[\"']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)", svg_text)
    if match and float(match[2]) > 0:
        return float(match[1]) / float(match[2])
    w = re.search(r"<svg[^>]*\swidth\s*=\s*[\"']([\d.]+)", svg_text)
    h = re.search(r"<svg[^>]*\sheight\s*=\s*[\"']([\d.]+)", svg_text)
    if w and h and float(h[1]) > 0:
        return float(w[1]) / float(h[1])
    return None
