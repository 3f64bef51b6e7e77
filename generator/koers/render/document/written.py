"""Strategy → the written strategy: an A4 PDF of at most `max_a4` pages.

HTML from a Jinja2 template (autoescaped; Markdown bodies through the shared
sanitising policy) plus print CSS from the house style, laid out by WeasyPrint,
which is imported inside `render_document` only so that `koers check` stays
light. Page geometry and type sizes come from koers.render.document.budget.LAYOUT, which the
page estimate mirrors.

What the PDF is (checked with WeasyPrint 70; tests/test_document.py asserts it):

- Tagged, written as PDF/UA-1 by WeasyPrint (`pdf_variant="pdf/ua-1"`): PDF 1.7,
  a structure tree from the HTML (H1–H4 without skipped levels: Markdown
  headings in bodies are shifted below their section; P, L/LI, Table with
  TH/TD and header references, Figure with alt text for the logo),
  `/MarkInfo /Marked true`, `/Lang (nl)`, `/DisplayDocTitle true`, title and
  author (the organisation) in the document information and in XMP with
  `pdfuaid:part 1`, bookmarks from the headings. Real text with ToUnicode
  maps; the theme's TTFs subset and embedded (no fallback fonts: the hyphen
  is U+002D, which every house font has).
  Not validated with a PDF/UA checker (veraPDF or PAC were not available).
  Known gap: WeasyPrint marks the running header and footer as tagged content
  that hangs outside the structure tree instead of as artifacts.
- PDF/A: not claimed. WeasyPrint writes one variant per file and accessibility
  comes first. What PDF/A-2 would add: an sRGB output intent and the
  `pdfaid` claim; the rest (embedded fonts, no encryption, scripts or
  external content, a file identifier) is already there. An archive can
  convert the file; we do not mark it as PDF/A while no validator confirmed it.
- Deterministic: no creation or modification date unless SOURCE_DATE_EPOCH is
  set (then both are that moment, UTC); the file identifier is the MD5 of the
  content; font subset names derive from the glyphs used; file paths do not
  end up in the file. Same content, same bytes, from any folder.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from koers import __version__
from koers.content.model import STATUS_LABELS, Strategy
from koers.dutch import dutch_date
from koers.housestyle.colour import mix
from koers.housestyle.theme import HouseStyle
from koers.render.css import css_string
from koers.render.document.budget import LAYOUT
from koers.render.indicators import indicator_line
from koers.render.markup import markdown_to_html
from koers.render.urlguard import guarded_fetcher
from koers.resources import templates_dir
from koers.slug import slugify
from koers.templating import environment

PDF_VARIANT = "pdf/ua-1"
_HEADING = re.compile(r"<(/?)h([1-6])\b")


class EngineUnavailable(RuntimeError):
    """WeasyPrint or its native libraries (Pango) cannot be loaded; the message is Dutch."""


@dataclass(frozen=True)
class WrittenStrategy:
    """The rendered document: file name, PDF bytes and its page count."""

    filename: str
    pdf: bytes
    pages: int
    last_page_fill: float = 1.0  # share of the last page's content area in use

    @property
    def extent(self) -> float:
        """Pages as a fraction: full pages plus the filled part of the last one."""
        return self.pages - 1 + self.last_page_fill


def _environment() -> Environment:
    autoescape = select_autoescape(enabled_extensions=("html",), default=False)
    return environment(templates_dir() / "document", autoescape=autoescape, trim=False)


def body_html(markdown: str, top: int) -> Markup:
    """Sanitised HTML of a Markdown body whose highest heading becomes level `top`."""
    html = markdown_to_html(markdown)
    levels = [int(m.group(2)) for m in _HEADING.finditer(html)]
    shift = max(0, top - min(levels)) if levels else 0

    def shifted(match: re.Match[str]) -> str:
        return f"<{match.group(1)}h{min(6, int(match.group(2)) + shift)}"

    return Markup(_HEADING.sub(shifted, html))


def adoption_line(strategy: Strategy) -> str:
    """'Vastgesteld op 16 december 2021 door Gemeenteraad', or the status alone."""
    label = {"concept": "Concept", "vastgesteld": "Vastgesteld", "herijkt": "Herijkt"}.get(strategy.status, strategy.status)
    if strategy.vastgesteld is None:
        return label
    return f"{label} op {dutch_date(strategy.vastgesteld.datum)} door {strategy.vastgesteld.door}"


def _created(epoch: str) -> str | None:
    """The document date: only when SOURCE_DATE_EPOCH asks for one (W3C format, UTC)."""
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _year_heading(label: str, titel: str) -> str:
    if not titel:
        return label
    return titel if label in titel else f"{label}: {titel}"


def agenda(strategy: Strategy) -> dict[str, Any]:
    """The agenda as one roadmap table: a row per action (in the author's order), grouped by opgave, a column per slot.

    Phases are numbered in the columns (their names are listed above the table): a phase's name does not fit a column.
    """
    years = [y.jaar for y in strategy.years]
    short = len(years) > 6 and not strategy.phased  # keep year columns narrow on long periods
    labels = [str(y) if strategy.phased else f"’{y % 100:02d}" if short else str(y) for y in years]
    groups = []
    for _, opgaven in strategy.matrix:
        for o in opgaven:
            rows = [
                {
                    "titel": a.display,
                    "status": a.status,
                    "status_label": STATUS_LABELS[a.status],
                    "cells": [label if year in a.years else "" for year, label in zip(years, labels, strict=False)],
                }
                for a in o.acties
            ]
            groups.append({"titel": o.display, "actions": rows})
    phases = [f"{y.jaar} {y.label}" for y in strategy.years] if strategy.phased else []
    return {"year_labels": labels, "groups": groups, "columns": len(years) + 2, "size": "kort" if short else "lang", "phases": phases}


def context(strategy: Strategy) -> dict[str, Any]:
    """Everything the HTML template shows, with bodies already sanitised."""
    sources = []
    for source, opgaven in strategy.matrix:
        if not opgaven:
            continue
        rows = [
            {
                "titel": o.display,
                "eigenaar": o.eigenaar,
                "stip": o.stip,
                "koers": o.koers,
                "body": body_html(o.body, 5),
                "indicators": [f"{i.naam}: {indicator_line(strategy, i)}" for i in o.indicatoren],
            }
            for o in opgaven
        ]
        sources.append((source, rows))
    year_intros = [
        {"heading": _year_heading(y.label, y.titel), "body": body_html(y.body, 4)} for y in strategy.years if y.titel or y.body.strip()
    ]
    themes = [
        {
            "titel": t.display,
            "kort": t.kort,
            "body": body_html(t.body, 4),
        }
        for t in strategy.themes
    ]
    return {
        "s": strategy,
        "adoption": adoption_line(strategy),
        "period": str(strategy.van) if strategy.van == strategy.tot else strategy.period_label,
        "vision_body": body_html(strategy.vision.body, 3),
        "sources": sources,
        "year_intros": year_intros,
        "agenda": agenda(strategy),
        "themes": themes,
    }


def document_html(strategy: Strategy, style: HouseStyle, epoch: str = "") -> str:
    """The document as HTML (autoescaped; Markdown bodies sanitised); epoch is SOURCE_DATE_EPOCH as given."""
    return page_html("document.html", strategy, style, epoch, **context(strategy))


def page_html(template: str, strategy: Strategy, style: HouseStyle, epoch: str, **values: Any) -> str:
    """A document template with what every document shows: the logo, Koers' version, the date (only with an epoch)."""
    logo = style.logo.as_uri() if style.logo is not None else ""
    if style.logo_svg is not None:  # drawn from the organisation's name: no file to point to
        logo = "data:image/svg+xml;base64," + base64.b64encode(style.logo_svg).decode("ascii")
    name = strategy.organisatie if style.logo_svg is not None else style.naam
    return (
        _environment()
        .get_template(template)
        .render(**values, logo=logo, logo_name=name, version=__version__, created=_created(epoch))
    )


def document_css(style: HouseStyle) -> str:
    """The print CSS: page geometry from budget.LAYOUT, colours and fonts from the house style."""
    fonts = style.fonts
    colours = {
        "primary": style.primary,
        "secondary": style.secondary,
        "accent": style.accent,
        "text": style.text,
        "background": style.background,
        "rule": mix(style.background, style.text, 0.25),  # a light rule from the text colour
        "status": style.status,
    }
    font_urls = {
        "regular": fonts.regular.as_uri(),
        "bold": fonts.bold.as_uri(),
        "italic": fonts.italic.as_uri() if fonts.italic is not None else "",
    }
    template = _environment().get_template("print.css")
    family = css_string(fonts.family)
    return template.render(c=colours, family=family, fonts=font_urls, page=LAYOUT.page, type=LAYOUT.type)


def _last_page_fill(document: Any) -> float:
    """How much of the last page's content area the flow uses (0–1), from WeasyPrint's layout."""
    page_box = document.pages[-1]._page_box
    top = page_box.content_box_y()
    height = page_box.height
    bottom = top
    for child in page_box.children:
        if child.element_tag == "html":
            bottom = max(bottom, _content_bottom(child))
    return min(1.0, max(0.0, (bottom - top) / height))


def _content_bottom(box: Any) -> float:
    """The lowest border-box edge among the boxes that draw something in this subtree."""
    children = getattr(box, "children", None) or []
    if not children:
        return box.position_y + box.margin_height() - box.margin_bottom
    return max(_content_bottom(child) for child in children)


def render_document(strategy: Strategy, style: HouseStyle, epoch: str = "") -> WrittenStrategy:
    """Lay out and write the PDF; the page count is the real one. Raises EngineUnavailable without WeasyPrint.

    epoch: SOURCE_DATE_EPOCH as given (whole seconds set the document's dates; anything else: no dates).
    """
    return render_pdf(f"{slugify(strategy.organisatie)}-strategie.pdf", document_html(strategy, style, epoch), style)


def render_pdf(filename: str, html_text: str, style: HouseStyle) -> WrittenStrategy:
    """Any A4 document of Koers (HTML from a template here, the house style's print CSS) as a tagged PDF."""
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
    except ImportError as error:
        raise EngineUnavailable(f"de PDF-opmaak (WeasyPrint) is niet geïnstalleerd: {error}") from error
    except OSError as error:  # WeasyPrint is there, but Pango or its libraries are not
        raise EngineUnavailable(f"de PDF-opmaak (WeasyPrint) kan zijn systeembibliotheken niet laden: {error}") from error

    base = style.root.as_uri() + "/"
    fonts = FontConfiguration()  # @font-face rules only load through a shared font configuration
    fetcher = guarded_fetcher(style.root)  # the logo and fonts in the theme folder, data: URLs, nothing else
    html = HTML(string=html_text, base_url=base, url_fetcher=fetcher)
    stylesheet = CSS(string=document_css(style), base_url=base, font_config=fonts, url_fetcher=fetcher)
    laid_out = html.render(stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT, pdf_identifier=True)
    pdf = laid_out.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True)
    return WrittenStrategy(filename=filename, pdf=pdf, pages=len(laid_out.pages), last_page_fill=_last_page_fill(laid_out))
