"""Prototype: a poster SVG exported by Typst as PNG (150 dpi) or a tagged PDF/UA-1 (issue 15; not product code).

The poster is one page of its physical size holding the SVG as an image whose
alt text is the poster's text alternative, like koers.export_worker.tagged_pdf
does with WeasyPrint. Typst draws SVG text with *its* fonts, never with the
WOFF2 subset in the SVG's @font-face: so the compiler gets the theme's font
folder, and nothing else (no system fonts, none of Typst's own).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

SOURCE = """#set document(title: sys.inputs.title, description: sys.inputs.description, date: {date})
#set text(lang: "nl")
#set page(width: {width}, height: {height}, margin: 0pt)
#image(bytes(sys.inputs.svg), format: "svg", width: 100%, height: 100%, alt: sys.inputs.description)
"""


def _length(css: str) -> str:
    """'420mm' or '385.55mm' as a Typst length."""
    number = float(css.removesuffix("mm").removesuffix("px"))
    return f"{number:g}mm" if css.endswith("mm") else f"{number * 0.75:g}pt"


def fonts(folders: Iterable[str], embedded: bool = False) -> Any:
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=embedded, font_paths=list(folders))


def ppi_for(width_phys: str, pixels: tuple[int, int]) -> float:
    """The resolution that gives the PNG exactly Koers' pixel width (150 dpi, less for very long posters)."""
    inches = float(width_phys.removesuffix("mm")) / 25.4
    return pixels[0] / inches


def export(
    svg: bytes, meta: dict[str, Any], kind: str, font_folders: Iterable[str], embedded_fonts: bool = False
) -> bytes:
    """PNG or PDF of one poster."""
    import typst

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    source = SOURCE.format(
        width=_length(meta["width_phys"]),
        height=_length(meta["height_phys"]),
        date="auto" if epoch.isdigit() else "none",
    ).encode("utf-8")
    inputs = {"svg": svg.decode("utf-8"), "title": meta["title"], "description": meta["description"]}
    options: dict[str, Any] = {"format": kind, "sys_inputs": inputs, "ignore_system_fonts": True}
    options["font_paths"] = fonts(font_folders, embedded_fonts)
    if kind == "png":
        options["ppi"] = ppi_for(meta["width_phys"], tuple(meta["pixels"]))
    else:
        options["pdf_standards"] = ["ua-1"]
        options["timestamp"] = int(epoch) if epoch.isdigit() else None
    return typst.compile(source, **options)
