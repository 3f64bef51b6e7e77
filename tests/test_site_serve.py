"""`koers serve`: the preview regenerates on change, shows content errors and keeps running."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from koers.pipeline.serve import regenerate
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
