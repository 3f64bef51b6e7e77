"""`koers serve`: the preview regenerates on change, shows content errors and keeps running."""

from __future__ import annotations

import contextlib
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from koers.pipeline.serve import NO_EXPORTS, STALE_EXPORTS, print_report, regenerate
from support.projects import make_project

BANNER = 'class="koers-fouten"'
BROKEN_SOURCE = ("bron: coalitieakkoord", "bron: coalitieakord")


def _opgave_with_source(project: Path) -> Path:
    return next(p for p in sorted((project / "content/opgaven").glob("*.md")) if BROKEN_SOURCE[0] in p.read_text("utf-8"))


def _swap(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")


def test_regenerate_keeps_the_last_good_pages_and_shows_the_error(project: Path) -> None:
    preview = project / "build" / "preview"
    report = regenerate(project, preview)
    assert not report.errors, report.as_text()
    home = preview / "site" / "index.html"
    assert BANNER not in home.read_text("utf-8")

    opgave = _opgave_with_source(project)
    _swap(opgave, *BROKEN_SOURCE)
    report = regenerate(project, preview)
    line = next(f.format() for f in report.errors)
    assert line.startswith(f"content/opgaven/{opgave.name}:") and "coalitieakord" in line
    html = home.read_text("utf-8")
    assert BANNER in html and "coalitieakord" in html  # the old pages are still there, with the error on top

    _swap(opgave, *reversed(BROKEN_SOURCE))
    assert not regenerate(project, preview).errors
    assert BANNER not in home.read_text("utf-8")


def test_regenerate_without_any_good_version_shows_a_placeholder(project: Path) -> None:
    _swap(_opgave_with_source(project), *BROKEN_SOURCE)
    preview = project / "build" / "preview"
    report = regenerate(project, preview)
    assert report.errors
    html = (preview / "site" / "index.html").read_text("utf-8")
    assert "De inhoud bevat fouten" in html and BANNER in html


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def test_serve_reloads_on_change_and_survives_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    port = _free_port()
    code = (
        "from pathlib import Path; from koers.pipeline.serve import serve; "
        f"raise SystemExit(serve(Path({str(project)!r}), '127.0.0.1', {port}))"
    )
    server = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def page() -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5) as response:
            return response.read().decode("utf-8")

    try:
        assert _wait_for(lambda: "<html" in page()), "the preview did not come up"
        opgave = _opgave_with_source(project)
        _swap(opgave, *BROKEN_SOURCE)
        assert _wait_for(lambda: BANNER in page()), "the error did not show on the page"
        _swap(opgave, *reversed(BROKEN_SOURCE))
        assert _wait_for(lambda: BANNER not in page()), "the page did not recover"
        assert server.poll() is None, "the server stopped"
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "fout: bron 'coalitieakord'" in err and "Traceback" not in err


def test_serve_on_a_taken_port_says_so_before_building(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "koers", "serve", str(project), "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"koers serve: fout: kan niet luisteren op 127.0.0.1:{port} (Address already in use); kies een andere poort met --port"
    ]
    assert not (project / "build").exists()  # nothing was built first


# --- Live posters: the SVGs are made on every save, the PNG/PDF of the last build are reused and dated.

ACTION_TITLE = ("titel: Formulieren vernieuwen", "titel: Zeepbelformulieren")


def _poster_logo(svg: str) -> str:
    """The SVG of the logo a poster embeds as a data: URL."""
    import base64

    match = re.search(r'href="data:image/svg\+xml;base64,([^"]+)"', svg)
    assert match, "the poster embeds no SVG logo"
    return base64.b64decode(match[1]).decode("utf-8")


def test_fresh_project_serves_the_poster_svgs_and_says_how_to_make_the_rest(tmp_path: Path) -> None:
    from koers.authoring.scaffold import init_project

    project = tmp_path / "nieuw"
    init_project(project, "Gemeente Ergens")
    preview = project / "build" / "preview"
    report = regenerate(project, preview)
    assert not report.errors, report.as_text()
    assert NO_EXPORTS in report.notes
    served = sorted(p.name for p in (preview / "site" / "downloads").iterdir())
    assert served and all(name.endswith(".svg") for name in served)
    assert {"routekaart-a3.svg", "strategie-in-een-beeld-a3.svg"} <= set(served)
    # Every download link on the downloads and home pages resolves to a served file.
    for page in (preview / "site" / "downloads.html", preview / "site" / "index.html", preview / "site" / "agenda" / "index.html"):
        html = page.read_text("utf-8")
        linked = set(re.findall(r'(?:href|src)="([^"]*downloads/[^"/]+\.[a-z]+)"', html))
        assert linked, page
        for link in linked:
            assert (page.parent / link).is_file(), f"{page.name} links to missing {link}"
    downloads_page = (preview / "site" / "downloads.html").read_text("utf-8")
    assert "Er zijn nog geen PNG- en PDF-bestanden, alleen de posters als SVG; maak ze met: koers build." in downloads_page
    assert ".png" not in downloads_page and ".pdf" not in downloads_page

    # The starter's logo has text; the site, the favicon link and the posters get it outlined in the house font.
    for logo in (preview / "docs" / "assets" / "koers" / "logo.svg", preview / "site" / "assets" / "koers" / "logo.svg"):
        svg = logo.read_text("utf-8")
        assert "<text" not in svg and svg.count("<path ") >= 2
        assert "<title>Gemeente Ergens</title>" in svg
    poster = (preview / "site" / "downloads" / "strategie-in-een-beeld-a3.svg").read_text("utf-8")
    embedded = _poster_logo(poster)
    assert "<text" not in embedded and "<path " in embedded and "<title>Gemeente Ergens</title>" in embedded


def test_saving_an_action_title_refreshes_the_served_routekaart(project: Path) -> None:
    preview = project / "build" / "preview"
    assert not regenerate(project, preview).errors
    served = preview / "site" / "downloads" / "routekaart-a3.svg"
    source = preview / "docs" / "downloads" / "routekaart-a3.svg"
    assert "Zeepbelformulieren" not in served.read_text("utf-8")

    # An unchanged poster is not rewritten (the dirty rebuild relies on it): its old stamp survives a save.
    os.utime(source, (1_000_000_000, 1_000_000_000))
    assert not regenerate(project, preview, quick=True).errors
    assert source.stat().st_mtime == 1_000_000_000

    _swap(project / "content/opgaven/digitale-balie.md", *ACTION_TITLE)
    assert not regenerate(project, preview, quick=True).errors
    assert "Zeepbelformulieren" in source.read_text("utf-8")
    assert "Zeepbelformulieren" in served.read_text("utf-8")
    assert "Zeepbelformulieren" in (preview / "site" / "agenda" / "index.html").read_text("utf-8")


def test_a_quick_rebuild_keeps_the_whole_search_index(project: Path) -> None:
    """The preview's search keeps every page after a save (a dirty build would index only the rebuilt ones)."""
    import json

    preview = project / "build" / "preview"
    assert not regenerate(project, preview).errors
    index = preview / "site" / "search" / "search_index.json"
    full = {doc["location"] for doc in json.loads(index.read_text("utf-8"))["docs"]}
    _swap(project / "content/opgaven/digitale-balie.md", *ACTION_TITLE)
    assert not regenerate(project, preview, quick=True).errors
    assert "Zeepbelformulieren" in (preview / "site" / "agenda" / "index.html").read_text("utf-8")  # it was rebuilt
    kept = {doc["location"] for doc in json.loads(index.read_text("utf-8"))["docs"]}
    assert len(full) > 40 and kept == full


def test_exports_of_the_last_build_are_reused_and_said_to_be_older_after_a_change(project: Path, cache: Path) -> None:
    from koers.pipeline.build import build

    built = build(project)
    assert built.site is not None, built.report.as_text()
    exports = {p.name: p.read_bytes() for p in (project / "build/docs/downloads").iterdir() if p.suffix in (".png", ".pdf")}
    assert "routekaart-a3.pdf" in exports and "routekaart-a3.png" in exports
    preview = project / "build" / "preview"
    report = regenerate(project, preview)
    assert not report.errors and STALE_EXPORTS not in report.notes and NO_EXPORTS not in report.notes
    page = preview / "site" / "downloads.html"
    assert "vorige build" not in page.read_text("utf-8") and "routekaart-a3.pdf" in page.read_text("utf-8")

    _swap(project / "content/opgaven/digitale-balie.md", *ACTION_TITLE)
    report = regenerate(project, preview, quick=True)
    assert STALE_EXPORTS in report.notes
    assert "De PNG- en PDF-bestanden zijn van de vorige build; maak ze opnieuw met: koers build." in page.read_text("utf-8")
    for name, data in exports.items():  # the old exports stay downloadable, byte for byte
        assert (preview / "site" / "downloads" / name).read_bytes() == data
    assert "Zeepbelformulieren" in (preview / "site" / "downloads" / "routekaart-a3.svg").read_text("utf-8")

    # The terminal says it too.
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        print_report(report)
    assert f"koers serve: {STALE_EXPORTS}\n" in err.getvalue()
