"""Screenshots of home, matrix, an opgave, a team and the agenda at desktop and mobile width, kept as test artefacts."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

from .support import HEIGHT, REPORTED, WIDTHS, Site, artifacts, load_everything

pytestmark = pytest.mark.e2e


def _shots(site: Site) -> dict[str, str]:
    return {
        "start": "index.html",
        "matrix": "opgaven/index.html",
        "opgave": site.opgave,
        "team": site.team,
        "agenda": "agenda/index.html",
    }


def test_screenshots_of_the_main_pages(site: Site, context: Any) -> None:
    # The example at both widths; the other strategies at the narrow one, where their content shapes the layout most.
    widths = WIDTHS if site.name == REPORTED else WIDTHS[-1:]
    folder = artifacts() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    tab = context.new_page()
    shots: list[tuple[Path, int]] = []
    for width in widths:
        tab.set_viewport_size({"width": width, "height": HEIGHT})
        for name, page in _shots(site).items():
            tab.goto(site.url(page), wait_until="load")
            load_everything(tab)
            path = folder / f"{site.name}-{name}-{width}.png"
            tab.screenshot(path=str(path), full_page=True)
            shots.append((path, width))
    tab.close()
    for path, width in shots:
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", path
        png_width, png_height = struct.unpack(">II", data[16:24])
        assert png_width == width and png_height >= HEIGHT // 2, (path, png_width, png_height)
        assert len(data) > 20_000, f"{path} is verdacht klein ({len(data)} bytes)"
