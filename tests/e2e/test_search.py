"""The Dutch search finds an opgave by a word that only its body text has."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from .support import Site, html_page

pytestmark = pytest.mark.e2e
CONTROLE = "Zoeken (in het Nederlands) vindt een opgave op een woord uit de tekst"
WORD = re.compile(r"[a-zà-ÿ]{9,}")


def _body_word(site: Site) -> tuple[str, str]:
    """(word, opgave title): a long word from an opgave's body that no other page and no title contains."""
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        pages[page] = pages.get(page, "") + " " + re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower()
    for opgave in site.strategy.opgaven:
        own = html_page(f"opgaven/{opgave.id}.md")
        heading = (opgave.titel + " " + opgave.stip + " " + opgave.koers).lower()
        for word in sorted(set(WORD.findall(opgave.body.lower()))):
            elsewhere = [p for p, text in pages.items() if p != own and re.search(rf"\b{word}\b", text)]
            if not elsewhere and word not in heading:
                return word, opgave.titel
    raise AssertionError("geen woord gevonden dat alleen in de tekst van één opgave staat")


def test_search_finds_an_opgave_by_a_word_from_its_text(site: Site, context: Any) -> None:
    word, title = _body_word(site)
    tab = context.new_page()
    tab.goto(site.url("index.html"), wait_until="load")
    box = tab.get_by_role("textbox", name="Zoeken")
    box.click()
    box.press_sequentially(word, delay=20)
    results = tab.locator(".md-search-result__item")
    results.first.wait_for(timeout=60_000)  # a guard against a hang, not a speed requirement
    texts = results.all_inner_texts()
    tab.close()
    assert any(title in t for t in texts), f"'{word}' vond niet '{title}' maar: {texts[:5]}"
