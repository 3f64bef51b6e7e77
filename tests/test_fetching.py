"""No fetching while rendering: WeasyPrint loads only data: URLs and files in the theme folder, Typst and cairosvg nothing.

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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from koers.pipeline.check import Checked, check
from koers.render.urlguard import allowed
from support.hostile_svg import fetching_logo
from support.images import red_png
from support.loopback import Loopback, loopback_server
from support.projects import make_project

pytest.importorskip("weasyprint", reason="WeasyPrint is not installed")
pytest.importorskip("cairosvg", reason="cairosvg is not installed")


def test_the_guard_allows_data_and_theme_files_only(tmp_path: Path) -> None:
    root = tmp_path / "themes" / "voorbeeld"
    (root / "fonts").mkdir(parents=True)
    (root / "logo.svg").write_text("<svg/>", "utf-8")
    (tmp_path / "geheim.txt").write_text("x", "utf-8")
    (root / "uit.svg").symlink_to(tmp_path / "geheim.txt")
    assert allowed("data:image/png;base64,AAAA", root)
    assert allowed("DATA:,x", None)
    assert allowed((root / "logo.svg").as_uri(), root)
    assert allowed((root / "fonts" / "Open Sans.ttf").as_uri(), root)
    assert allowed("file://localhost" + str(root / "logo.svg"), root)
    refused = [
        (tmp_path / "geheim.txt").as_uri(),
        root.as_uri() + "/../../geheim.txt",
        root.as_uri() + "/%2E%2E/%2E%2E/geheim.txt",
        (root / "uit.svg").as_uri(),
        "file://andere-computer" + str(root / "logo.svg"),
        "file:logo.svg",
        "http://127.0.0.1/x.png",
        "https://example.org/x.png",
        "ftp://example.org/x.png",
        "//example.org/x.png",
        "logo.svg",
        "javascript:alert(1)",
    ]
    assert [url for url in refused if allowed(url, root)] == []
    assert not allowed((root / "logo.svg").as_uri(), None)


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


def _spy(monkeypatch: pytest.MonkeyPatch, module: Any) -> list[Any]:
    """Keep every fetcher the module makes, to read which URLs it refused."""
    made: list[Any] = []
    original: Callable[[Path | None], Any] = module.guarded_fetcher

    def spy(root: Path | None) -> Any:
        fetcher = original(root)
        made.append(fetcher)
        return fetcher

    monkeypatch.setattr(module, "guarded_fetcher", spy)
    return made


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_document_loads_nothing_a_logo_points_to(hostile: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    import koers.render.document.written as written

    checked, style, server, secret = hostile
    made = _spy(monkeypatch, written)
    pdf = written.render_document(checked.strategy, style).pdf
    assert server.requests == []
    assert _images(pdf) == 0  # every picture the logo asks for is red and 8 × 8; none is in the PDF
    assert {f"{server.base}/direct.png", f"{server.base}/ingesloten.png", f"{server.base}/letter.woff2", secret.as_uri()} <= set(made[0].refused)
    assert not any(url.startswith(style.root.as_uri()) for url in made[0].refused)  # the logo and the fonts did load


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
