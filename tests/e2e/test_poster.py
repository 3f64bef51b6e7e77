"""The posters have a text alternative on the site; every download comes with the right content type."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest

from .support import Site

pytestmark = pytest.mark.e2e
CONTROLE = "De posters hebben een tekstalternatief; de downloads komen met het juiste bestandstype"
TYPES = {"svg": ("image/svg+xml", b"<"), "png": ("image/png", b"\x89PNG\r\n\x1a\n"), "pdf": ("application/pdf", b"%PDF-")}


def test_home_poster_has_alt_text_and_a_text_version(site: Site, context: Any) -> None:
    tab = context.new_page()
    tab.goto(site.url("index.html"), wait_until="load")
    poster = tab.locator("figure.koers-poster img")
    poster.scroll_into_view_if_needed()
    tab.wait_for_function("() => document.querySelector('figure.koers-poster img').complete")
    alt = poster.get_attribute("alt") or ""
    width = poster.evaluate("img => img.naturalWidth")
    summary = tab.locator("details.koers-tekstversie > summary")
    summary.click()
    text = tab.locator("details.koers-tekstversie").inner_text()
    tab.close()
    assert "Poster" in alt and "tekst van de poster staat hieronder" in alt, alt
    assert width > 0, "de poster laadt niet"
    s = site.strategy
    assert s.ambitie.split()[0] in text and all(o.titel in text for o in s.opgaven), text[:500]


def test_roadmap_poster_on_the_agenda_has_alt_text(site: Site, context: Any) -> None:
    tab = context.new_page()
    tab.goto(site.url("agenda/index.html"), wait_until="load")
    alts = tab.locator("figure.koers-poster img").evaluate_all("imgs => imgs.map(i => i.alt)")
    tab.close()
    word = site.strategy.slot_word[0]  # jaar, or fase in a phased strategy
    assert alts and all(f"Dezelfde acties staan hieronder per {word} als tekst" in a for a in alts), alts


def test_downloads_come_with_the_right_content_type(site: Site, context: Any) -> None:
    tab = context.new_page()
    tab.goto(site.url("downloads.html"), wait_until="load")
    links = tab.locator("a[download]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    tab.close()
    formats: dict[str, int] = {}
    wrong = []
    for href in sorted(set(links)):
        url = urljoin(site.url("downloads.html"), href)
        ext = href.rsplit(".", 1)[-1].lower()
        expected, magic = TYPES[ext]
        response = context.request.get(url)
        body = response.body()
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if response.status != 200 or kind != expected or not body.startswith(magic):
            wrong.append(f"{href}: {response.status} {kind} {body[:8]!r}")
        formats[ext] = formats.get(ext, 0) + 1
    assert not wrong, wrong
    assert set(formats) == set(TYPES), formats
