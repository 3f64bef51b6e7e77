"""Strategy → the written strategy: an A4 PDF of at most `max_a4` pages.

The content (texts, order, sanitised Markdown bodies turned into Typst markup by
koers.render.document.typstmarkup) goes as JSON to a Typst template
(templates/document/koers.typ, the shared house layout, and strategie.typ), laid
out by Typst through koers.render.typesetting. Page geometry and type sizes come
from koers.render.document.budget.LAYOUT.

What the PDF is (tests/test_document.py asserts it):

- Tagged PDF/UA-1 written by Typst 0.15: PDF 1.7, a structure tree (H1–H6
  without skipped levels: Markdown headings in bodies are shifted below their
  section; P, L/LI, Table with TH for the column heads and for each opgave's
  title above its rows, Figure with alt text for the logo), `/Lang (nl)`,
  `/DisplayDocTitle`, title and author (the organisation) in the document
  information and in XMP with `pdfuaid:part 1`, bookmarks from the headings,
  running headers and footers as artifacts. Real text; only the theme's fonts,
  subset and embedded (no fallback font at all).
  Known gap: an action's title in the agenda is a data cell, not a row header:
  Typst 0.15 can mark a row header only behind a feature flag that its Python
  binding cannot set. Each row sits under its opgave's header row and starts
  with the action's number. Not validated with a PDF/UA checker (veraPDF, PAC).
- PDF/A: not claimed (Typst writes one standard per file; accessibility first).
- Deterministic: no creation or modification date unless SOURCE_DATE_EPOCH is
  set (then both are that moment); Typst's document identifier derives from
  the title; no file path ends up in the file. Same content, same bytes.
"""

from __future__ import annotations

from typing import Any

from koers.content.model import STATUS_LABELS, Strategy
from koers.dutch import dutch_date
from koers.housestyle.theme import HouseStyle
from koers.render.document.pdf import DocumentSource, WrittenStrategy, body_markup, document_source, typeset_pdf
from koers.render.indicators import indicator_line
from koers.render.typesetting import EngineUnavailable
from koers.slug import slugify

__all__ = ["EngineUnavailable", "WrittenStrategy", "render_document", "document_extent"]


def adoption_line(strategy: Strategy) -> str:
    """'Vastgesteld op 16 december 2021 door Gemeenteraad', or the status alone."""
    label = {"concept": "Concept", "vastgesteld": "Vastgesteld", "herijkt": "Herijkt"}.get(strategy.status, strategy.status)
    if strategy.vastgesteld is None:
        return label
    return f"{label} op {dutch_date(strategy.vastgesteld.datum)} door {strategy.vastgesteld.door}"


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


def _principle(titel: str) -> str:
    return titel if titel[-1:] in ".!?:" else titel + "."


def document_data(strategy: Strategy) -> dict[str, Any]:
    """What strategie.typ shows, as JSON values (bodies as Typst markup)."""
    s = strategy
    sources = [
        {
            "titel": source.titel,
            "opgaven": [
                {
                    "titel": o.display,
                    "eigenaar": o.eigenaar,
                    "stip": o.stip,
                    "koers": o.koers,
                    "body": body_markup(o.body, 5),
                    "indicators": [f"{i.naam}: {indicator_line(s, i)}" for i in o.indicatoren],
                }
                for o in opgaven
            ],
        }
        for source, opgaven in s.matrix
        if opgaven
    ]
    return {
        "title": s.titel,
        "description": s.ambitie,
        "header_left": s.titel,
        "header_right": f"Versie {s.versie}",
        "ambition": s.ambitie,
        "version": s.versie,
        "adoption": adoption_line(s),
        "period": str(s.van) if s.van == s.tot else s.period_label,
        "vision": {"titel": s.vision.titel, "kern": s.vision.kern, "body": body_markup(s.vision.body, 3)},
        "principles": [{"titel": _principle(p.titel), "toelichting": p.toelichting or ""} for p in s.principles],
        "sources": sources,
        "year_intros": [
            {"heading": _year_heading(y.label, y.titel), "body": body_markup(y.body, 4)} for y in s.years if y.titel or y.body.strip()
        ],
        "agenda": agenda(s),
        "themes": [{"titel": t.display, "kort": t.kort, "body": body_markup(t.body, 4)} for t in s.themes],
        "niet_meer": [
            item.tekst + (f" (zie opgave {s.opgave_by_id[item.opgave].display})" if item.opgave else "") for item in s.niet_meer
        ],
    }


def strategy_source(strategy: Strategy, style: HouseStyle, epoch: str = "") -> DocumentSource:
    """What Typst gets for the written strategy."""
    return document_source("strategie.typ", strategy, style, epoch, document_data(strategy))


def document_filename(strategy: Strategy) -> str:
    return f"{slugify(strategy.organisatie)}-strategie.pdf"


def render_document(strategy: Strategy, style: HouseStyle, epoch: str = "") -> WrittenStrategy:
    """Lay out and write the PDF; the page count is the real one. Raises EngineUnavailable without Typst.

    epoch: SOURCE_DATE_EPOCH as given (whole seconds set the document's dates; anything else: no dates).
    """
    return typeset_pdf(document_filename(strategy), strategy_source(strategy, style, epoch))


def document_extent(strategy: Strategy, style: HouseStyle) -> WrittenStrategy:
    """The written strategy laid out but not written (pdf is b''): its exact pages and fill, for `koers check`."""
    return typeset_pdf(document_filename(strategy), strategy_source(strategy, style), pdf=False)
