"""The website in a real Chromium, opened from the file system as from a file share: requests, language, contrast."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from koers.housestyle.theme import contrast
from support.projects import REPO, make_project
from support.site import Built, build_site
from test_site import FAKE_DOWNLOADS

PAGES = [
    "index.html",
    "visie.html",
    "opgaven/index.html",
    "opgaven/datagedreven-sturing.html",
    "themas/ethiek.html",
    "agenda/index.html",
    "agenda/2024.html",
    "teams/team-data.html",
    "downloads.html",
    "over.html",
]
# Text whose contrast the site promises (Material's own footer greys failed WCAG; see pages_assets).
TEXT_SELECTORS = [
    ".md-copyright",
    ".md-copyright__highlight",
    ".md-footer__direction",
    ".md-footer__title .md-ellipsis",
    ".md-nav__link",
    ".md-header__topic",
    ".md-typeset a",
    ".md-typeset p",
    ".koers-status",
    ".koers-regel__meta",
    ".koers-kaart__label",
    ".koers-kaart__voet",
    ".md-typeset dt",
    ".md-typeset h1",
    ".md-typeset h2",
    ".md-search__input",
]
STYLE_JS = """
(selectors) => {
  const rgb = (c) => { const m = c.match(/[\\d.]+/g); return m ? m.map(Number) : null; };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && (c.length < 4 || c[3] > 0.5) && getComputedStyle(e).backgroundImage === 'none') return c;
      if (getComputedStyle(e).backgroundImage !== 'none') return null;
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const sel of selectors) {
    for (const el of document.querySelectorAll(sel)) {
      const box = el.getBoundingClientRect();
      if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden' || !el.textContent.trim()) continue;
      const bg = background(el);
      if (bg) out.push([sel, el.textContent.trim().slice(0, 40), rgb(getComputedStyle(el).color), bg]);
    }
  }
  return out;
}
"""


def _executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test extra; without it no browser tests")
    with sync_api.sync_playwright() as p:
        try:
            instance = p.chromium.launch(
                executable_path=_executable(), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
        except Exception as exc:  # noqa: BLE001 - any launch failure means: no usable Chromium here
            pytest.skip(
                f"no Chromium to run (install it with 'apt-get install chromium' or 'playwright install chromium'): {exc}"
            )
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("browser") / "p", REPO / "content")
    return build_site(project, list(FAKE_DOWNLOADS))


def _hex(colour: list[float]) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in colour[:3])


def _blend(fg: list[float], bg: list[float]) -> list[float]:
    alpha = fg[3] if len(fg) > 3 else 1.0
    return [f * alpha + b * (1 - alpha) for f, b in zip(fg[:3], bg[:3], strict=True)]


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_only_local_files_and_text_has_contrast(browser: Any, site: Built, page: str) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto((site.site / page).as_uri())
    tab.wait_for_load_state("load")
    assert tab.evaluate("document.documentElement.lang") == "nl"
    assert tab.evaluate("document.querySelector('h1') !== null")
    low = []
    for selector, text, fg, bg in tab.evaluate(STYLE_JS, TEXT_SELECTORS):
        ratio = contrast(_hex(_blend(fg, bg)), _hex(bg))
        if ratio < 4.5:
            low.append(f"{selector} '{text}': {ratio:.2f}")
    tab.close()
    outside = [u for u in requests if not u.startswith(("file://", "data:", "blob:"))]
    assert not outside, outside
    assert not low, low


def test_keyboard_reaches_the_content_first(browser: Any, site: Built) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto((site.site / "opgaven/datagedreven-sturing.html").as_uri())
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.textContent.trim()")
    tab.close()
    assert focused == "Ga naar inhoud"


def test_search_works_from_a_file_share_with_the_option(browser: Any, tmp_path: Path) -> None:
    """extra.koers.bestandsshare: the search index as a script and Koers' worker shim; every request stays on file://."""
    settings = (REPO / "mkdocs.yml").read_text("utf-8") + "extra:\n  koers:\n    bestandsshare: true\n"
    built = build_site(make_project(tmp_path / "p", files={"mkdocs.yml": settings}))
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto((built.site / "visie.html").as_uri(), wait_until="load")
    box = tab.get_by_role("textbox", name="Zoeken")
    box.click()
    box.press_sequentially("balie", delay=20)
    results = tab.locator(".md-search-result__item")
    results.first.wait_for(timeout=60_000)  # a guard against a hang, not a speed requirement
    texts = results.all_inner_texts()
    tab.close()
    assert any("Digitale balie" in t for t in texts), texts[:5]
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:"))] == []
    loaded = {u.rsplit("/", 2)[-2] + "/" + u.rsplit("/", 1)[-1] for u in requests}
    assert {"koers/werker.js", "search/search_index.js", "min/lunr.nl.min.js"} <= loaded
