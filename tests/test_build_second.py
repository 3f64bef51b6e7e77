"""`koers build` on the second strategy (other period, four sources, 10 opgaven): every output, no code changes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from support.projects import CASES, make_project

POSTERS = ("strategie-in-een-beeld", "routekaart")
SIZES = ("a3", "a1", "a0", "social")


def test_second_strategy_builds_every_download(tmp_path: Path) -> None:
    project = make_project(tmp_path / "heuvelrijk", CASES / "valid" / "tweede-strategie" / "content")
    result = subprocess.run(
        [sys.executable, "-m", "koers", "build", str(project), "--strict", "--quiet"], capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stderr
    downloads = project / "build" / "site" / "downloads"
    # A PNG only of the screen sizes: A1 and A0 are for the printer (PDF) and the print shop (SVG).
    expected = {f"{p}-{s}.{e}" for p in POSTERS for s in SIZES for e in ("svg", "pdf")}
    expected |= {f"{p}-{s}.png" for p in POSTERS for s in ("a3", "social")}
    expected.add("gemeente-heuvelrijk-strategie.pdf")
    assert {p.name for p in downloads.iterdir()} == expected
    assert Image.open(downloads / "routekaart-social.png").size == (1200, 630)
    document = PdfReader(io.BytesIO((downloads / "gemeente-heuvelrijk-strategie.pdf").read_bytes()))
    assert 1 <= len(document.pages) <= 5
    text = "".join(page.extract_text() for page in document.pages)
    assert "Heuvelrijk" in text
    page = (project / "build" / "site" / "downloads.html").read_text("utf-8")
    assert all(f'href="downloads/{name}"' in page for name in expected)
    for year in range(2025, 2029):
        assert (project / "build" / "site" / "agenda" / f"{year}.html").is_file()
