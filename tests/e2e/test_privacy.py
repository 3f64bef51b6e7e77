"""Nothing from another host: every page, every image and font, and the search, load only from the site itself."""

from __future__ import annotations

from typing import Any

import pytest

from .support import EVERY, SHEET_PAGES, Site, load_everything, one_of_each_kind, outside_requests

pytestmark = pytest.mark.e2e
SITES = EVERY
CONTROLE = "Geen enkel verzoek naar een andere server: geen lettertypen, scripts, statistieken of trackers van buiten"


def test_every_page_and_the_search_load_only_from_the_site(site: Site, context: Any) -> None:
    start = len(site.requests)
    tab = context.new_page()
    # One page of each kind, scrolled to the end so lazy images load too. Every other page of the example is
    # loaded by the axe test, under the same guard (the context fixture): it may not reach another host either.
    pages = one_of_each_kind(site.pages)
    assert set(SHEET_PAGES) <= set(pages), pages  # where the posters are shown and linked
    for page in pages:
        tab.goto(site.url(page), wait_until="load")
        load_everything(tab)
    # The search fetches its worker, its language files and its index only when used.
    tab.goto(site.url("index.html"), wait_until="load")
    # Typed as a reader types, after focusing the box: a query filled in before the search worker is ready
    # can be lost, and then no result ever shows. The timeout only guards against a hang.
    box = tab.get_by_role("textbox", name="Zoeken")
    box.click()
    box.press_sequentially("digitaal", delay=20)
    tab.locator(".md-search-result__item").first.wait_for(timeout=60_000)
    tab.close()
    seen = site.requests[start:]
    # The recorder saw what a reader's browser fetches: web fonts, images, the search index and its worker.
    assert any(u.endswith((".woff2", ".woff", ".ttf")) for u in seen), "geen lettertype gezien"
    assert any(u.endswith((".svg", ".png")) for u in seen), "geen afbeelding gezien"
    assert any(u.endswith("search/search_index.json") for u in seen), "geen zoekindex gezien"
    assert any("/workers/search" in u for u in seen), "geen zoek-worker gezien"
    assert not outside_requests(site), outside_requests(site)


def test_the_recorder_sees_and_blocks_other_hosts(site: Site, context: Any) -> None:
    """The guard itself: a request for another host is recorded and never leaves the machine."""
    requests, outside = len(site.requests), len(site.outside)
    tab = context.new_page()
    tab.goto(site.url("index.html"), wait_until="load")
    status = tab.evaluate(
        """async () => {
          const img = new Image(); img.src = 'https://fonts.example.invalid/logo.png';
          document.body.append(img);
          await new Promise(r => { img.onload = img.onerror = r; });
          try { await fetch('http://example.org/track'); return 'fetched'; } catch (e) { return 'blocked'; }
        }"""
    )
    tab.close()
    caught = site.outside[outside:]
    # Take the planted requests back out, so that the context's own privacy check sees a clean test.
    del site.outside[outside:], site.requests[requests:]
    assert status == "blocked"
    assert "https://fonts.example.invalid/logo.png" in caught and "http://example.org/track" in caught, caught
