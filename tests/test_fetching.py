"""No fetching while rendering: Typst (the A4 documents and the poster PDFs) and cairosvg (PNG) load nothing.

`koers check` refuses a logo that points elsewhere (tests/test_theme_images.py);
these tests hand the renderers such a logo directly, past check, and a web
server on 127.0.0.1 that answers with red pictures: nothing may be requested
from it, no red may be drawn, and the secret file outside the project may not
end up in any output.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from koers.pipeline.check import Checked, check
from support.hostile_svg import fetching_logo
from support.images import red_png
from support.loopback import Loopback, loopback_server
from support.projects import make_project

pytest.importorskip("cairosvg", reason="cairosvg is not installed")


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[tuple[Checked, Any, Loopback, Path]]:
    """A checked project whose style is then given a fetching logo (as if check had missed it), a server, a secret."""
    project = make_project(tmp_path / "p")
    checked = check(project)
    assert checked.style is not None and checked.strategy is not None
    secret = tmp_path / "buiten" / "geheim.png"
    secret.parent.mkdir()
    secret.write_bytes(red_png())
    with loopback_server() as server:
        logo = project / "themes" / "voorbeeld" / "lek.svg"
        logo.write_text(fetching_logo(server.base, secret.as_uri(), "../../../buiten/geheim.png"), "utf-8")
        yield checked, dataclasses.replace(checked.style, logo=logo), server, secret


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_document_loads_nothing_a_logo_points_to(hostile: tuple) -> None:
    """Typst gets the logo's bytes beside the main file in an empty root: its web, file and relative images stay out."""
    from koers.render.document.written import render_document

    checked, style, server, secret = hostile
    document = render_document(checked.strategy, style)
    assert server.requests == []
    assert _images(document.pdf) == 0  # every picture the logo asks for is red and 8 × 8; none is in the PDF
    assert secret.read_bytes() not in document.pdf
    assert document.pages >= 1 and PdfReader(io.BytesIO(document.pdf)).metadata.title == checked.strategy.titel


def test_the_tagged_poster_pdf_loads_nothing_from_inside_the_poster(hostile: tuple, tmp_path: Path) -> None:
    """Typst is given the SVG as bytes, an empty root and the theme's fonts: the logo's web, file and relative images stay out."""
    import koers.publish.export_worker as worker
    from koers.publish.exports import jobs_for
    from koers.render.posters.svg import NAMES, render_poster

    checked, style, server, secret = hostile
    poster = render_poster(checked.strategy, style, NAMES[0], "social")
    job = dict(jobs_for([poster], ["pdf"]))[f"{poster.stem}.pdf"]
    embedded = b"".join(base64.b64decode(m) for m in re.findall(rb"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", job.svgs[0]))
    assert b"geheim.png" in embedded and server.base.encode() in embedded  # the poster does ask for them
    pdf = worker.tagged_pdf(job, tuple(str(f) for f in style.fonts.folders))
    assert server.requests == []
    assert _images(pdf) == 0  # every picture the logo asks for is red and 8 × 8; none is in the PDF
    assert secret.read_bytes() not in pdf
    assert PdfReader(io.BytesIO(pdf)).metadata.title == poster.title


def test_cairosvg_stays_in_safe_mode_and_draws_nothing_from_outside(hostile: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    import cairosvg
    from PIL import Image

    import koers.publish.export_worker as worker
    from koers.publish.exports import jobs_for
    from koers.render.posters.svg import NAMES, render_poster

    checked, style, server, _ = hostile
    calls: list[dict[str, Any]] = []
    original = cairosvg.svg2png

    def recording(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(cairosvg, "svg2png", recording)
    poster = render_poster(checked.strategy, style, NAMES[0], "social")
    job = dict(jobs_for([poster], ["png"]))[f"{poster.stem}.png"]
    data, problem = worker.run(job)
    assert problem is None and calls and calls[0]["unsafe"] is False
    assert server.requests == []
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.size == (1200, 630)
    assert (255, 0, 0) not in {colour for _, colour in image.getcolors(maxcolors=1 << 24) or []}
