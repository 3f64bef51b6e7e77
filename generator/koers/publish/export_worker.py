"""Work done inside export worker processes: cairo loads here, after fontconfig is set up; Typst makes the PDFs.

This module must stay importable without cairo or Typst: the parent process
imports it only to hand its functions to the process pool by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.render.typesetting import error_text, typeset

_unavailable: str | None = None
_font_folders: tuple[str, ...] = ()

# Each sheet is one page holding the sheet's SVG as one figure. Everything that comes from the
# strategy (the SVG, the title, the alt texts) reaches Typst as sys.inputs strings, never as code.
_HEAD = """#set document(title: sys.inputs.title, description: sys.inputs.description, date: none)
#set text(lang: "nl")
#set page(width: {width}, height: {height}, margin: 0pt)
"""
_SHEET = '#image(bytes(sys.inputs.sheet{n}), format: "svg", width: 100%, height: 100%, alt: sys.inputs.alt{n})\n'


@dataclass(frozen=True)
class Job:
    """One export: a poster sheet's SVG to PNG (exact pixels), or all its sheets to a PDF (a page per sheet)."""

    kind: str  # "png" | "pdf"
    svgs: tuple[bytes, ...]  # one for a PNG
    pixels: tuple[int, int]
    page: tuple[str, str]  # CSS lengths, e.g. ("420mm", "297mm")
    title: str
    description: str


def initialise(fontconfig_file: str, font_folders: tuple[str, ...] = ()) -> None:
    """Pool initializer: point fontconfig at the theme's fonts, then load cairo (never before)."""
    import os

    global _unavailable, _font_folders
    os.environ["FONTCONFIG_FILE"] = fontconfig_file
    _font_folders = tuple(font_folders)
    try:
        import cairosvg  # noqa: F401
    except ImportError as error:
        _unavailable = f"cairosvg is niet geïnstalleerd ({error})"
    except OSError as error:
        _unavailable = f"de Cairo-bibliotheek is niet gevonden ({error})"
    try:
        import typst  # noqa: F401
    except ImportError as error:
        _unavailable = _unavailable or f"Typst is niet geïnstalleerd ({error})"


def probe() -> str | None:
    """Why exports cannot run in this worker, or None when they can."""
    return _unavailable


def run(job: Job) -> tuple[bytes, str | None]:
    """Render one job; for a PDF that could not be PDF/UA-1, also why (the file is made all the same)."""
    if job.kind == "png":
        import cairosvg

        width, height = job.pixels
        # unsafe=False (cairosvg's default, stated so it stays): only data: URLs load, no entities, no files.
        return cairosvg.svg2png(bytestring=job.svgs[0], output_width=width, output_height=height, unsafe=False), None
    import typst

    try:
        return tagged_pdf(job, _font_folders), None
    except typst.TypstError as error:
        # PDF/UA-1 refuses text a font cannot draw (an emoji the house font lacks): `koers check` warned about
        # those characters already; the poster is still made, as a plain tagged PDF, and the build says so.
        return tagged_pdf(job, _font_folders, standard=False), error_text(error)


def _typst_length(css: str) -> str:
    """'420mm' or '1200px' (CSS px: 0.75 pt) as a Typst length."""
    if css.endswith("mm"):
        return f"{float(css[:-2]):g}mm"
    return f"{float(css.removesuffix('px')) * 0.75:g}pt"


def sheet_alt(job: Job, number: int) -> str:
    """The first sheet's alt text is the poster's whole text alternative; the others point to it."""
    if number == 1:
        return job.description
    return f"Blad {number} van {len(job.svgs)} van de poster ‘{job.title}’. De tekst van de hele poster staat bij blad 1."


def tagged_pdf(job: Job, font_folders: tuple[str, ...], standard: bool = True) -> bytes:
    """A PDF/UA-1 document made by Typst: each sheet a page with one figure, its text drawn in the theme's fonts only.

    Typst ignores the SVG's @font-face and draws with the fonts it is given, so it gets the
    theme's font folders and nothing else (no system fonts, none of its own): a poster can never
    come out in a font the house style did not choose. exports.check_typst_fonts has made sure the
    family is there in regular and bold.
    """
    width, height = (_typst_length(length) for length in job.page)
    source = _HEAD.format(width=width, height=height)
    inputs = {"title": job.title, "description": job.description}
    for number, svg in enumerate(job.svgs, 1):
        if number > 1:
            source += "#pagebreak()\n"
        source += _SHEET.format(n=number)
        inputs[f"sheet{number}"] = svg.decode("utf-8")
        inputs[f"alt{number}"] = sheet_alt(job, number)
    return typeset(source, inputs, tuple(font_folders), standard=standard).pdf
