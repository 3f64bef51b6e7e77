"""Prototype: the written strategy laid out by Typst instead of WeasyPrint (issue 15; not product code).

Same content as koers.render.document (its `context()` and `agenda()`, so the
same texts, order and sanitised Markdown bodies), the same page geometry and
type sizes (koers.budget.LAYOUT), the house fonts from the theme folder only
(no system fonts, no Typst built-in fonts), the logo from the theme. The
layout itself is document.typ beside this file; this module turns the
strategy into the JSON that template reads and compiles it as PDF/UA-1.

Deliberate differences from the WeasyPrint path, so that the figures stay comparable:
- Two-column parts are balanced by measuring the text at column width and
  giving the columns a fixed-height (breakable) block of half that height plus
  a little slack: Typst has no balanced columns of its own.
- Row headers of the agenda table are plain cells (Typst 0.15 has no `scope`
  for a table cell); year intros are a grid, not a definition list.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont
from typst_markup import to_typst  # beside this file

from koers import __version__
from koers.housestyle.colour import mix
from koers.render.document.budget import LAYOUT
from koers.render.document.written import context
from koers.slug import slugify

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "document.typ"


@lru_cache(maxsize=4)
def vertical_metrics(path: str) -> tuple[float, float]:
    """(ascender, descender) of a font in em, from its hhea table, as a browser uses them for line boxes."""
    font = TTFont(path, lazy=True)
    try:
        upm = font["head"].unitsPerEm
        return font["hhea"].ascent / upm, -font["hhea"].descent / upm
    finally:
        font.close()


def _markup(value: Any) -> str:
    return to_typst(str(value))


def document_data(strategy: Any, style: Any, balance: bool = True) -> dict[str, Any]:
    """Everything document.typ shows, as plain JSON values (bodies as Typst markup)."""
    ctx = context(strategy)
    s = strategy
    ascender, descender = vertical_metrics(str(style.fonts.regular))
    logo = ""
    if style.logo is not None:
        logo = "/" + style.logo.resolve().relative_to(style.root.resolve()).as_posix()
    sources = [
        {
            "titel": source.titel,
            "opgaven": [{k: (_markup(v) if k == "body" else v) for k, v in row.items()} for row in rows],
        }
        for source, rows in ctx["sources"]
    ]
    return {
        "title": s.titel,
        "organisation": s.organisatie,
        "ambition": s.ambitie,
        "version": s.versie,
        "adoption": ctx["adoption"],
        "period": ctx["period"],
        "generator": f"Koers {__version__}",
        "balance": balance,
        "dated": bool(os.environ.get("SOURCE_DATE_EPOCH", "").isdigit()),
        "logo": logo,
        "logo_alt": f"Logo {style.naam}",
        "family": style.fonts.family,
        "metrics": {"ascender": ascender, "descender": descender},
        "page": vars(LAYOUT.page),
        "type": vars(LAYOUT.type),
        "colours": {
            "primary": style.primary,
            "secondary": style.secondary,
            "accent": style.accent,
            "text": style.text,
            "background": style.background,
            "rule": mix(style.background, style.text, 0.25),
            "status": dict(style.status),
        },
        "vision": {"titel": s.vision.titel, "kern": s.vision.kern, "body": _markup(ctx["vision_body"])},
        "principles": [{"titel": p.titel, "toelichting": p.toelichting or ""} for p in s.principles],
        "sources": sources,
        "year_intros": [{"heading": y["heading"], "body": _markup(y["body"])} for y in ctx["year_intros"]],
        "agenda": ctx["agenda"],
        "themes": [{"titel": t["titel"], "kort": t["kort"], "body": _markup(t["body"])} for t in ctx["themes"]],
        "niet_meer": list(s.niet_meer),
    }


def fonts(style: Any) -> Any:
    """Only the theme's font files: no system fonts and no fonts built into Typst, so nothing falls back silently."""
    import typst

    folders = [str(p) for p in style.fonts.folders]
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=folders)


def compiler(style: Any) -> Any:
    """A Typst compiler that sees the theme folder (for the logo) and only the theme's fonts."""
    import typst

    return typst.Compiler(
        TEMPLATE.read_bytes(), root=str(style.root), font_paths=fonts(style), ignore_system_fonts=True
    )


def timestamp() -> int | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() else None


def render(strategy: Any, style: Any, balance: bool = True) -> tuple[str, bytes]:
    """(file name, PDF/UA-1 bytes) of the written strategy, laid out by Typst.

    A new compiler every time: the binding cannot compile a main file given as
    bytes twice with one Compiler (the second compile does not find it).
    """
    engine = compiler(style)
    data = json.dumps(document_data(strategy, style, balance), ensure_ascii=False)
    pdf = engine.compile(format="pdf", sys_inputs={"data": data}, pdf_standards=["ua-1"], timestamp=timestamp())
    return f"{slugify(strategy.organisatie)}-strategie.pdf", pdf


def extent(strategy: Any, style: Any, balance: bool = True) -> tuple[int, float]:
    """(pages, pages as a fraction: full pages plus the used share of the last), by a Typst query.

    This is all `koers check` would need for an exact budget: layout, no PDF. It is a
    separate compile: the binding's Compiler.query cannot read a main file given as bytes.
    """
    import typst

    data = json.dumps(document_data(strategy, style, balance), ensure_ascii=False)
    found = json.loads(
        typst.query(
            TEMPLATE.read_bytes(),
            "<koers-einde>",
            field="value",
            one=True,
            root=str(style.root),
            font_paths=fonts(style),
            ignore_system_fonts=True,
            sys_inputs={"data": data},
        )
    )
    return found["pages"], found["pages"] - 1 + found["fill"]
