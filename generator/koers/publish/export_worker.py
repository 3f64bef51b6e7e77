"""Work done inside export worker processes: cairo and WeasyPrint load here, after fontconfig is set up.

This module must stay importable without cairo: the parent process imports it
only to hand its functions to the process pool by name.
"""

from __future__ import annotations

import base64
import html
import os
from dataclasses import dataclass

from koers.render.urlguard import guarded_fetcher

_unavailable: str | None = None


@dataclass(frozen=True)
class Job:
    """One export: a poster sheet's SVG to PNG (exact pixels), or all its sheets to a PDF (a page per sheet)."""

    kind: str  # "png" | "pdf"
    svgs: tuple[bytes, ...]  # one for a PNG
    pixels: tuple[int, int]
    page: tuple[str, str]  # CSS lengths, e.g. ("420mm", "297mm")
    title: str
    description: str


def initialise(fontconfig_file: str) -> None:
    """Pool initializer: point fontconfig at the theme's fonts, then load cairo (never before)."""
    global _unavailable
    os.environ["FONTCONFIG_FILE"] = fontconfig_file
    try:
        import cairosvg  # noqa: F401
    except ImportError as error:
        _unavailable = f"cairosvg is niet geïnstalleerd ({error})"
    except OSError as error:
        _unavailable = f"de Cairo-bibliotheek is niet gevonden ({error})"


def probe() -> str | None:
    """Why exports cannot run in this worker, or None when they can."""
    return _unavailable


def run(job: Job) -> tuple[bytes, str | None]:
    """Render one job; returns the file and, for a PDF made without WeasyPrint, why it is untagged."""
    if job.kind == "png":
        import cairosvg

        width, height = job.pixels
        # unsafe=False (cairosvg's default, stated so it stays): only data: URLs load, no entities, no files.
        return cairosvg.svg2png(bytestring=job.svgs[0], output_width=width, output_height=height, unsafe=False), None
    try:
        return tagged_pdf(job), None
    except (ImportError, OSError) as error:
        import cairosvg

        return _untagged_pdf(job), f"WeasyPrint is niet beschikbaar ({error})"


def _untagged_pdf(job: Job) -> bytes:
    """cairosvg's PDF of each sheet, joined into one document with pypdf where it is installed."""
    import io

    import cairosvg

    try:
        import pypdf
    except ImportError:  # only without WeasyPrint and pypdf: a PDF of the first sheet (the SVGs and PNGs have all)
        return cairosvg.svg2pdf(bytestring=job.svgs[0], unsafe=False)
    writer = pypdf.PdfWriter()
    for svg in job.svgs:
        for page in pypdf.PdfReader(io.BytesIO(cairosvg.svg2pdf(bytestring=svg, unsafe=False))).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def tagged_pdf(job: Job) -> bytes:
    """A PDF/UA-1 document: each sheet a page with one figure; the first one's alt text is the poster's text alternative."""
    import weasyprint

    width, height = job.page
    count = len(job.svgs)
    figures = []
    for number, svg in enumerate(job.svgs, 1):
        data = base64.b64encode(svg).decode("ascii")
        alt = job.description if number == 1 else (
            f"Blad {number} van {count} van de poster ‘{job.title}’. De tekst van de hele poster staat bij blad 1."
        )
        figures.append(f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}"></figure>')
    document = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>{html.escape(job.title)}</title>"
        f'<meta name="description" content="{html.escape(job.description)}">'
        f"<style>@page {{ size: {width} {height}; margin: 0 }} html, body, figure {{ margin: 0; padding: 0 }}"
        f" img {{ display: block; width: {width}; height: {height} }}"
        " figure + figure { break-before: page }</style></head><body>" + "".join(figures) + "</body></html>"
    )
    # The poster is self-contained (fonts and logo are data: URLs): nothing else may load, also not from inside it.
    return weasyprint.HTML(string=document, url_fetcher=guarded_fetcher(None)).write_pdf(pdf_variant="pdf/ua-1")
