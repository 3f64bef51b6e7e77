"""The A4 documents' shared machinery: what Typst gets, the house layout, and balanced columns.

Every A4 document of Koers (the written strategy in written.py, the progress reports
in progress.py) is a template in templates/document/ after the shared house layout
koers.typ, with its content as JSON (bodies as Typst markup from typstmarkup.py),
the house style's colours, fonts and logo, and budget.LAYOUT's page geometry. Typst
runs in koers.render.typesetting. Balancing two columns takes a few layouts, decided
here between them (koers.typ, `deel`, says why).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from koers import __version__
from koers.content.model import Strategy
from koers.housestyle.colour import mix
from koers.housestyle.theme import HouseStyle
from koers.render.document.budget import LAYOUT
from koers.render.document.typstmarkup import to_typst
from koers.render.markup import markdown_to_html
from koers.render.text import load_metrics
from koers.render.typesetting import typeset
from koers.resources import templates_dir

END = "<koers-einde>"  # the metadata each template leaves where its text ends (koers.typ: einde())
MAX_LAYOUTS = 5  # layouts tried to balance the columns (each about 0.15 s for five pages)
MAX_GROWTH = 6  # lines a part's block may grow in one layout before its columns flow unbalanced
HEAD_SLACK = 20.0  # pt: the space above and below a part's headings, which `lead` does not measure
_HEADING = re.compile(r"<(/?)h([1-6])\b")


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


@dataclass(frozen=True)
class DocumentSource:
    """Everything Typst gets for one document: the source, its string inputs and the files beside it."""

    source: str
    inputs: dict[str, str]
    files: dict[str, bytes]
    font_folders: tuple[str, ...]
    timestamp: int | None

    def without_logo(self) -> DocumentSource:
        """The same document without its logo (for a logo Typst cannot draw)."""
        data = json.loads(self.inputs["data"])
        data.update(logo="", logo_alt="")
        return replace(self, inputs={**self.inputs, "data": json.dumps(data, ensure_ascii=False, sort_keys=True)}, files={})

    def key(self) -> tuple[str | bytes, ...]:
        """What decides the PDF's bytes, apart from the fonts (reuse.downloads adds their files' digests).

        Not where the project is: the same content gives the same PDF from any folder.
        """
        files = tuple(item for name, data in sorted(self.files.items()) for item in (name, data))
        return (self.source, json.dumps(self.inputs, sort_keys=True), *files, str(self.timestamp))


def body_markup(markdown: str, top: int) -> str:
    """A Markdown body as Typst markup (every text a string literal), its highest heading at level `top`.

    From the sanitised HTML of the site (koers.render.markup), so both show the same body.
    """
    html = markdown_to_html(markdown)
    levels = [int(m.group(2)) for m in _HEADING.finditer(html)]
    shift = max(0, top - min(levels)) if levels else 0

    def shifted(match: re.Match[str]) -> str:
        return f"<{match.group(1)}h{min(6, int(match.group(2)) + shift)}"

    return to_typst(_HEADING.sub(shifted, html))


def _timestamp(epoch: str) -> int | None:
    """The document date: only when SOURCE_DATE_EPOCH asks for one (whole seconds)."""
    return int(epoch) if epoch.isdigit() else None


@lru_cache(maxsize=4)
def template_source(template: str) -> str:
    """The shared house layout (koers.typ) followed by the document's own template."""
    folder = templates_dir() / "document"
    return (folder / "koers.typ").read_text("utf-8") + "\n" + (folder / template).read_text("utf-8")


def _logo(strategy: Strategy, style: HouseStyle) -> tuple[str, str, dict[str, bytes]]:
    """(path in the document, alt text, the file to place beside it) of the theme's logo; ('', '', {}) without one."""
    found = style.logo_content()
    if found is None:
        return "", "", {}
    data, suffix = found
    name = strategy.organisatie if style.logo_svg is not None else style.naam
    return f"/logo{suffix}", f"Logo {name}", {f"logo{suffix}": data}


def document_source(template: str, strategy: Strategy, style: HouseStyle, epoch: str, data: dict[str, Any]) -> DocumentSource:
    """A document template with what every document shows: house style, logo, Koers' version, the date (with an epoch)."""
    metrics = load_metrics(style.fonts.regular)
    ascender, descender = metrics.ascender / metrics.units_per_em, -metrics.descender / metrics.units_per_em
    logo, logo_alt, files = _logo(strategy, style)
    values = {
        **data,
        "organisation": strategy.organisatie,
        "generator": f"Koers {__version__}",
        "dated": _timestamp(epoch) is not None,
        "logo": logo,
        "logo_alt": logo_alt,
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
            "rule": mix(style.background, style.text, 0.25),  # a light rule from the text colour
            "status": dict(style.status),
        },
    }
    return DocumentSource(
        source=template_source(template),
        inputs={"data": json.dumps(values, ensure_ascii=False, sort_keys=True)},
        files=files,
        font_folders=tuple(str(folder) for folder in style.fonts.folders),
        timestamp=_timestamp(epoch),
    )


@dataclass(frozen=True)
class Balance:
    """How the next layout sets each part's columns (see koers.typ, `deel`)."""

    heights: tuple[tuple[int, float], ...] = ()  # (part, height of its block in pt; -1: flowing columns)
    breaks: frozenset[int] = frozenset()  # parts that start a new page
    needs: tuple[tuple[int, float], ...] = field(default=(), compare=False)  # (part, pt its headings and a few lines need)

    def inputs(self) -> dict[str, str]:
        return {"heights": json.dumps({str(n): h for n, h in self.heights}), "breaks": json.dumps(sorted(self.breaks))}


def _overflows(found: dict[str, Any]) -> dict[int, float]:
    """How far (pt) each part's text runs below its block, for the parts whose text overflowed.

    Every item of a part leaves a marker where it ends; each must lie within the stretch of its
    page that the block covers (an item too tall for its column runs past the page's text area,
    the last items past the block's bottom).
    """
    top, bottom = float(found["top"]), float(found["bottom"])
    ends: dict[int, list[tuple[int, float]]] = {}
    for end in found["ends"]:
        ends.setdefault(int(end["n"]), []).append((int(end["page"]), float(end["y"])))
    out = {}
    for block in found["blocks"]:
        n = int(block["n"])
        page, y, left = int(block["page"]), float(block["y"]), float(block["height"])
        floors = {}  # page → the lowest point of the block on it
        while left > bottom - y + 0.01:  # the block continues on the next page
            floors[page] = bottom
            left -= bottom - y
            page, y = page + 1, top
        floors[page] = y + left
        worst = 0.0
        for at_page, at in ends.get(n, [(page + 1, top)]):
            if at_page not in floors:
                worst = max(worst, LAYOUT.text_height / 2)  # ran onto a page the block does not reach
            elif at > floors[at_page] + 0.5:
                worst = max(worst, at - floors[at_page])
        if worst:
            out[n] = worst
    return out


def _next_balance(found: dict[str, Any], current: Balance) -> Balance:
    """Half the overflow more height for every part that overflowed (at least half a line); a page break before low headings.

    After the first layout every part's height is given, so Typst measures nothing again.
    """
    line = LAYOUT.type.leading * LAYOUT.type.body
    bottom = float(found["bottom"])
    heights = {int(b["n"]): float(b["height"]) for b in found["blocks"]} | dict(current.heights)
    # The headings are measured in the first layout only; where each part would start (without its
    # own page break) is read from every layout.
    need = dict(current.needs) or {int(p["n"]): float(p["lead"]) + HEAD_SLACK + 4 * line for p in found["parts"]}
    breaks = frozenset(int(s["n"]) for s in found["starts"] if bottom - float(s["y"]) < need[int(s["n"])])
    for n, over in _overflows(found).items():
        if (n in breaks) != (n in current.breaks):  # on another page it overflows differently, if at all
            continue
        # Half the overflow fills both columns again; half a line more for where the lines fall.
        grown = heights[n] + math.ceil((over / 2 + line / 2) / (line / 2)) * line / 2
        heights[n] = -1.0 if grown > heights[n] + MAX_GROWTH * line or grown > LAYOUT.text_height * 3 else grown
    return Balance(tuple(sorted(heights.items())), breaks, tuple(sorted(need.items())))


def typeset_pdf(filename: str, source: DocumentSource, pdf: bool = True) -> WrittenStrategy:
    """Lay out (and with pdf, write) a document; its page count and last page's fill are Typst's own.

    A logo that Typst refuses to draw (`koers check` refuses such logos first: one that links to
    images elsewhere) is left out rather than stopping the document.
    """
    try:
        return _typeset_pdf(filename, source, pdf)
    except RuntimeError as error:  # typst.TypstError and the binding's own errors
        if not source.files or not re.search(r"image|svg", str(error), re.IGNORECASE):
            raise
    return _typeset_pdf(filename, source.without_logo(), pdf)


def _typeset_pdf(filename: str, source: DocumentSource, pdf: bool) -> WrittenStrategy:
    """typeset_pdf, balancing the columns.

    Balanced columns take a few layouts (see koers.typ, `deel`): until no part's text overflows
    its block and no part starts in the last lines of a page (at most MAX_LAYOUTS; then the
    parts still overflowing flow in Typst's own columns, which never overflow).
    """
    balance = Balance()
    for _ in range(MAX_LAYOUTS):
        found = _typeset(source, balance, pdf=False).found or {}
        following = _next_balance(found, balance)
        if following == balance:
            break
        balance = following
    else:
        # Still overflowing: those parts flow unbalanced; that moves the parts after them, so check again.
        for _ in range(MAX_LAYOUTS):
            over = _overflows(found)
            if not over:
                break
            balance = replace(balance, heights=tuple((n, -1.0 if n in over else h) for n, h in balance.heights))
            found = _typeset(source, balance, pdf=False).found or {}
    made = _typeset(source, balance, pdf=True).pdf if pdf else b""
    return WrittenStrategy(filename=filename, pdf=made, pages=int(found["pages"]), last_page_fill=float(found["fill"]))


def _typeset(source: DocumentSource, balance: Balance, pdf: bool) -> Any:
    inputs = {**source.inputs, **balance.inputs()}
    return typeset(source.source, inputs, source.font_folders, query=END, pdf=pdf, files=source.files, timestamp=source.timestamp)


