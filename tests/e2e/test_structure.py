"""The matrix and the agenda are real tables and lists with headers, as assistive technology reads them."""

from __future__ import annotations

from typing import Any

import pytest

from koers.render.pages.assemble import navigation

from .support import Site

pytestmark = pytest.mark.e2e
CONTROLE = "De matrix is een echte tabel met kopcellen en de agenda een lijst per jaar met koppen, geen afbeelding"


def test_matrix_is_a_table_with_column_and_row_headers(site: Site, context: Any) -> None:
    tab = context.new_page()
    tab.goto(site.url("opgaven/index.html"), wait_until="load")
    table = tab.get_by_role("table", name="Opgaven per bron, met hun visie, strategie en agenda")
    assert table.count() == 1
    columns = [c.strip() for c in table.get_by_role("columnheader").all_inner_texts()]
    rows = [r.strip() for r in table.get_by_role("rowheader").all_inner_texts()]
    tab.close()
    assert columns == ["Opgave", "Visie", "Strategie", "Agenda"]
    for source, opgaven in site.strategy.matrix:
        assert source.titel in rows
        assert [o.display for o in opgaven] == [r for r in rows if r in {o.display for o in opgaven}], rows  # in number order


def test_agenda_is_a_list_per_year_under_a_heading(site: Site, context: Any) -> None:
    tab = context.new_page()
    tab.goto(site.url("agenda/index.html"), wait_until="load")
    found = tab.evaluate(
        """() => [...document.querySelectorAll('.md-content h2')].map(h => {
          const block = h.nextElementSibling;
          const items = block ? [...block.querySelectorAll('ul.koers-regels > li')].map(li => li.textContent) : [];
          return {heading: h.textContent.trim(), id: h.id, items};
        })"""
    )
    images = tab.evaluate("() => [...document.querySelectorAll('.md-content img')].map(i => i.alt)")
    tab.close()
    by_id = {f["id"]: f for f in found}
    for year in site.strategy.years:
        entry = by_id.get(f"jaar-{year.slug}")
        assert entry, f"geen kop voor {year.label}: {found}"
        actions = site.strategy.actions_by_year[year.jaar]
        assert len(entry["items"]) == len(actions), entry
        assert all(any(a.titel in item for item in entry["items"]) for a in actions)
    # The only picture is the roadmap poster, and it says where its text is.
    assert all(alt.strip() for alt in images), images


def test_every_year_page_has_its_actions_as_a_list_under_headings(site: Site, context: Any) -> None:
    tab = context.new_page()
    for year in site.strategy.years:
        tab.goto(site.url(f"agenda/{year.slug}.html"), wait_until="load")
        assert tab.get_by_role("heading", level=1).count() == 1
        items = tab.locator(".md-content ul.koers-acties > li").count()
        assert items == len(site.strategy.actions_by_year[year.jaar]), year.jaar
    tab.close()
    assert navigation(site.strategy)[-1] == {"Over deze strategie": [{"Over deze strategie": "over.md"}, {"Toegankelijkheidsverklaring": "toegankelijkheid.md"}]}
