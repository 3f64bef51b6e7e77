"""Printed, a page is only its content: no header, tabs, menus or footer."""

from __future__ import annotations

from typing import Any

import pytest

from .support import Site

pytestmark = pytest.mark.e2e
CONTROLE = "Bij afdrukken verdwijnen kop, menu's en voet; de inhoud blijft"
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".koers-bewerk"]


@pytest.mark.parametrize("page", ["index.html", "opgave"])
def test_print_shows_only_the_content(site: Site, context: Any, page: str) -> None:
    tab = context.new_page()
    tab.goto(site.url(site.opgave if page == "opgave" else page), wait_until="load")
    tab.emulate_media(media="print")
    shown = tab.evaluate(
        """(selectors) => selectors.filter(s => [...document.querySelectorAll(s)].some(e => e.checkVisibility()))""",
        CHROME,
    )
    heading = tab.locator(".md-content h1").first.is_visible()
    tab.close()
    assert not shown, f"bij afdrukken nog zichtbaar: {shown}"
    assert heading
