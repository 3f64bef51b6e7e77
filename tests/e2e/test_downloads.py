"""The downloads page tells how many sheets each size of the routekaart takes and links every sheet, and its printer
advice fits: on a roadmap that continues on more A3 sheets, and on the example, whose posters are one sheet each.

Read from the served page and checked against the files of the built site: every link is a file there, every sheet
file is linked, and each size's PDF has a page per sheet.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pypdf
import pytest

from .support import REPORTED, SEVERAL_SHEETS, Site

pytestmark = pytest.mark.e2e
SITES = (REPORTED, SEVERAL_SHEETS)
ROADMAP = "Poster: de routekaart"
PAPER = {"a3": "A3", "a1": "A1", "a0": "A0"}
ONE_SHEET = "A3 past op een gewone printer."
SEVERAL = (
    "Een poster van één blad A3 past op een gewone printer; een poster van meer bladen (bij de maat staat hoeveel) "
    "is één PDF met een pagina per blad, om blad voor blad te printen en naast elkaar te hangen."
)
SHEET_FILE = re.compile(r"routekaart-(?P<size>a[0-4])(?:-(?P<sheet>[0-9]+))?\.(?P<ext>svg|png|pdf)")

# Per download its sizes, per size (its label as shown) the links: the file each points to and its text.
OFFERED = """(selector) => [...document.querySelectorAll(selector)].map(d => ({
  title: (d.querySelector('.koers-download__titel') || {textContent: ''}).textContent.trim(),
  picture: (d.querySelector('img') || {src: ''}).src,
  alt: (d.querySelector('img') || {alt: ''}).alt,
  sizes: [...d.querySelectorAll('ul.koers-download__bestanden > li')].map(li => ({
    label: (li.querySelector('.koers-download__maat') || {textContent: ''}).textContent.trim(),
    links: [...li.querySelectorAll('a[download]')].map(a => ({href: a.href, text: a.textContent.trim()})),
  })),
}))"""


def _offered(context: Any, site: Site, page: str, selector: str) -> tuple[str, list[dict[str, Any]]]:
    """The text of the page's content and what its downloads (the elements `selector` finds) offer."""
    tab = context.new_page()
    tab.goto(site.url(page), wait_until="load")
    text = tab.locator(".md-content").inner_text()
    offered = tab.evaluate(OFFERED, selector)
    tab.close()
    return " ".join(text.split()), offered


def _file(site: Site, href: str) -> Path:
    """The file in the built site a link of the served site points to."""
    assert site.is_local(href) and href.startswith(site.server.origin + "/"), href
    return site.root / unquote(urlsplit(href).path.lstrip("/"))


def _sheet_files(site: Site) -> dict[str, dict[str, set[str]]]:
    """Per paper size of the routekaart, per format, its files in the built site's downloads/."""
    found: dict[str, dict[str, set[str]]] = {}
    for path in (site.root / "downloads").iterdir():
        match = SHEET_FILE.fullmatch(path.name)
        if match:
            found.setdefault(match["size"], {}).setdefault(match["ext"], set()).add(path.name)
    return found


def _sheets(files: dict[str, set[str]]) -> int:
    """How many sheets the files of one size are: numbered SVGs (…-a3-1.svg, …-a3-2.svg) or one …-a3.svg."""
    numbered = sorted(int(m["sheet"]) for name in files["svg"] if (m := SHEET_FILE.fullmatch(name)) and m["sheet"])
    assert numbered in ([], list(range(1, len(numbered) + 1))), numbered
    assert not numbered or len(numbered) > 1, files["svg"]  # a numbered poster has at least two sheets
    assert not numbered or len(files["svg"]) == len(numbered), files["svg"]  # never both kinds of name
    return len(numbered) or 1


def _first_sheet(files: dict[str, set[str]]) -> str:
    """The SVG of a size's first sheet: what the pages show as the poster's picture."""
    return min(files["svg"], key=lambda name: (len(name), name))


def test_downloads_page_gives_and_links_every_sheet_of_each_size(site: Site, context: Any) -> None:
    text, offered = _offered(context, site, "downloads.html", "li.koers-download")
    links = [link for download in offered for size in download["sizes"] for link in size["links"]]
    assert links and all(_file(site, link["href"]).is_file() for link in links), [link["href"] for link in links if not _file(site, link["href"]).is_file()]

    roadmap = next(d for d in offered if d["title"] == ROADMAP)
    labels = [size["label"] for size in roadmap["sizes"]]
    on_disk = _sheet_files(site)
    assert set(on_disk) == set(PAPER), on_disk
    assert _file(site, roadmap["picture"]).name == _first_sheet(on_disk["a3"]), roadmap["picture"]
    sheets: dict[str, int] = {}
    for size, name in PAPER.items():
        files = on_disk[size]
        sheets[size] = count = _sheets(files)
        label = f"{name} · {count} bladen" if count > 1 else name
        assert label in labels, (label, labels)
        shown = next(s["links"] for s in roadmap["sizes"] if s["label"] == label)
        # Every sheet's SVG (and PNG, at A3) in the site is linked at its size, with the one PDF of all sheets.
        assert {_file(site, link["href"]).name for link in shown} == set().union(*files.values()), (label, shown)
        assert files["pdf"] == {f"routekaart-{size}.pdf"} and ("png" in files) == (size == "a3"), files
        for link in shown:  # a sheet's link says which sheet it is ("SVG blad 2, 73 kB"); the PDF is all of them
            match = SHEET_FILE.fullmatch(_file(site, link["href"]).name)
            number = match["sheet"] if match else None
            assert (f" blad {number}," in link["text"]) if number else not re.search(r"\bblad [0-9]", link["text"]), link
        pdf = pypdf.PdfReader(site.root / "downloads" / f"routekaart-{size}.pdf")
        assert len(pdf.pages) == count, (size, len(pdf.pages), count)

    if site.name == SEVERAL_SHEETS:
        assert sheets["a3"] > 1, sheets
        assert SEVERAL in text and ONE_SHEET not in text, text
    else:
        assert sheets == dict.fromkeys(PAPER, 1), sheets
        assert not any("bladen" in label for d in offered for label in (s["label"] for s in d["sizes"])), offered
        assert ONE_SHEET in text and "meer bladen" not in text, text


def test_agenda_preview_offers_every_a3_sheet(site: Site, context: Any) -> None:
    """The routekaart on the agenda page: the first A3 sheet as its picture, with its text alternative, and a link to every A3 file."""
    _, agenda = _offered(context, site, "agenda/index.html", "figure.koers-poster")
    files = _sheet_files(site)["a3"]
    count = _sheets(files)
    assert len(agenda) == 1 and len(agenda[0]["sizes"]) == 1, agenda
    poster = agenda[0]
    assert _file(site, poster["picture"]).name == _first_sheet(files), poster["picture"]
    assert f"Dezelfde acties staan hieronder per {site.strategy.slot_word[0]} als tekst" in poster["alt"], poster["alt"]
    a3 = poster["sizes"][0]
    assert a3["label"] == (f"A3 · {count} bladen" if count > 1 else "A3"), a3
    assert {_file(site, link["href"]).name for link in a3["links"]} == set().union(*files.values()), a3
