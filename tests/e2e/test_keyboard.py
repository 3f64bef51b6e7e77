"""With only a keyboard: the first Tab reaches the skip link, every link and control is reached, focus always shows."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from .support import EVERY, HEIGHT, REPORTED, SEVERAL_SHEETS, SHEET_PAGES, WIDTHS, Site

pytestmark = pytest.mark.e2e
SITES = EVERY
CONTROLE = "Met alleen een toetsenbord: eerst 'Ga naar inhoud', elke link en knop bereikbaar, focus altijd zichtbaar"
SKIP_LINK = "Ga naar inhoud"


@lru_cache(maxsize=1)
def _helpers() -> str:
    return (Path(__file__).parent / "keyboard.js").read_text(encoding="utf-8")


def _pages(site: Site) -> list[str]:
    """Home, matrix, one opgave, one team, the agenda, downloads, the statement: every kind of control on the site.

    The other strategies differ from the example in their content, not in their page chrome: for them the
    pages whose controls come from the content (matrix, opgave, team, agenda). The large roadmap's matrix,
    opgave and team pages are those of the others with more rows; what it adds is a link per sheet of its
    routekaart where the posters are offered: for it home, agenda and downloads.
    """
    if site.name == SEVERAL_SHEETS:
        return list(SHEET_PAGES)
    if site.name != REPORTED:
        return ["opgaven/index.html", site.opgave, site.team, "agenda/index.html"]
    return ["index.html", "opgaven/index.html", site.opgave, site.team, "agenda/index.html", "downloads.html", "toegankelijkheid.html"]


def _walk(tab: Any, limit: int) -> list[dict[str, Any]]:
    """Press Tab until focus leaves the page or comes back round; what each stop looked like."""
    stops: list[dict[str, Any]] = []
    seen: set[str] = set()
    for _ in range(limit):
        tab.keyboard.press("Tab")
        stop = tab.evaluate("() => window.__koers.inspect()")
        if stop is None:
            if stops:
                break
            continue
        ident = str(stop["index"]) if stop["index"] >= 0 else stop["key"]
        if ident in seen:
            break
        seen.add(ident)
        stops.append(stop)
    return stops


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_reaches_everything_with_visible_focus(site: Site, context: Any, width: int) -> None:
    tab = context.new_page()
    tab.set_viewport_size({"width": width, "height": HEIGHT})
    problems: list[str] = []
    for page in _pages(site):
        tab.goto(site.url(page), wait_until="load")
        tab.evaluate(_helpers())
        expected = tab.evaluate("() => window.__koers.prepare()")
        stops = _walk(tab, expected * 2 + 20)
        if not stops or SKIP_LINK not in stops[0]["key"]:
            problems.append(f"{page}: de eerste Tab komt niet bij '{SKIP_LINK}' maar bij {stops[0]['key'] if stops else 'niets'}")
        unreached = tab.evaluate("(r) => window.__koers.unreached(r)", [s["index"] for s in stops])
        problems += [f"{page}: niet bereikbaar met Tab: {u}" for u in unreached]
        problems += [f"{page}: focus buiten beeld of bedekt: {s['key']}" for s in stops if not s["onScreen"]]
        problems += [f"{page}: focus niet zichtbaar (outline/schaduw gelijk): {s['key']} [{s['look']}]" for s in stops if not s["indicator"]]
    tab.close()
    assert not problems, f"op {width} px breed:\n" + "\n".join(problems)


def _press_until(tab: Any, key: str, wanted: str, limit: int = 8) -> dict[str, Any] | None:
    for _ in range(limit):
        tab.keyboard.press(key)
        stop = tab.evaluate("() => window.__koers.inspect()")
        if stop and wanted in stop["key"]:
            return stop  # type: ignore[no-any-return]
    return None


def _menu_stops(tab: Any, key: str = "Tab") -> list[dict[str, Any]]:
    """Press Tab (or Shift+Tab) until focus leaves the menu; the stops in the menu."""
    stops: list[dict[str, Any]] = []
    for _ in range(80):
        tab.keyboard.press(key)
        stop = tab.evaluate("() => window.__koers.inspect()")
        if stop is None or (stops and not stop["inMenu"]):
            break
        if stop["inMenu"]:
            stops.append(stop)
    return stops


def test_narrow_menu_opens_and_works_with_the_keyboard(site: Site, context: Any) -> None:
    tab = context.new_page()
    tab.set_viewport_size({"width": WIDTHS[-1], "height": HEIGHT})
    tab.goto(site.url(site.opgave), wait_until="load")
    tab.evaluate(_helpers())
    tab.evaluate("() => window.__koers.prepare()")
    assert _press_until(tab, "Tab", '"Menu"'), "de menuknop is niet bereikbaar met Tab"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.getElementById('__drawer').checked"), "Enter opent het menu niet"
    # The menu opens at the section of this page: its pages and a way back.
    section = _menu_stops(tab)
    keys = [s["key"] for s in section]
    assert any('"Terug"' in k for k in keys), keys
    assert all(any(o.titel in k for k in keys) for o in site.strategy.opgaven), keys
    # Back to the main menu: focus returns to the section's button, and every top-level entry can be reached.
    assert _press_until(tab, "Shift+Tab", '"Terug"', limit=len(section) + 8)
    tab.keyboard.press("Enter")
    assert "Onderdelen van Opgaven" in tab.evaluate("() => window.__koers.inspect()")["key"]
    main = _menu_stops(tab, "Shift+Tab") + _menu_stops(tab)
    keys = [s["key"] for s in main]
    assert all(any(f'"{title}"' in k for k in keys) for title in ("Start", "Visie", "Downloads")), keys
    hidden = [s["key"] for s in section + main if not s["onScreen"]]
    tab.keyboard.press("Escape")
    closed = tab.evaluate("!document.getElementById('__drawer').checked")
    back = tab.evaluate("document.activeElement.getAttribute('aria-label')")
    tab.close()
    assert not hidden, f"focus buiten beeld of bedekt in het menu: {hidden}"
    assert closed and back == "Menu", "Escape sluit het menu niet of de focus gaat niet terug naar de menuknop"
