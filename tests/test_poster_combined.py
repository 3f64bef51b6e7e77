"""`poster: {vorm: een}`: one poster with the routekaart on it, in every size, instead of two posters.

Checked on the example and on the phased roadmap (shaped like a real one), with the setting added
to their strategie.yaml: which posters are made, paper sizes of every sheet and PDF page, that every
opgave and action is on it, that no text leaves its box, the arrows' quality, and the text alternative.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pypdf
import pytest

from koers.findings import Report
from koers.publish.exports import export_posters
from koers.render.posters.svg import COMBINED, SIZES, lay_out, poster_names, render_posters
from support.arrows import measure
from support.projects import CASES, REPO, make_project
from test_paper_sizes import PAPER_MM, PT, _normal
from test_posters import SVG, assert_texts_fit, checked


def _one_poster(project):
    strategie = project / "content" / "strategie.yaml"
    strategie.write_text(strategie.read_text("utf-8") + "poster: {vorm: een}\n", "utf-8")
    return checked(project)


@pytest.fixture(scope="module")
def strategies(tmp_path_factory):
    root = tmp_path_factory.mktemp("een")
    return {
        "voorbeeld": _one_poster(make_project(root / "voorbeeld", REPO / "content")),
        "routekaart-fasen": _one_poster(make_project(root / "fasen", CASES / "valid" / "routekaart-fasen" / "content")),
    }


@pytest.fixture(scope="module")
def posters(strategies):
    """Every poster of each strategy, rendered once for the module."""
    return {name: render_posters(*pair) for name, pair in strategies.items()}


def _words(svgs) -> str:
    return " ".join(" ".join("".join(t.itertext()).split()) for svg in svgs for t in ET.fromstring(svg).iter(f"{SVG}text"))


def test_one_poster_replaces_the_two(strategies, posters):
    strategy, _ = strategies["voorbeeld"]
    assert strategy.poster_form == "een" and poster_names(strategy) == (COMBINED,)
    made = [p for p in posters["voorbeeld"] if not p.name.startswith("stand-van-zaken-")]
    assert [(p.name, p.size) for p in made] == [(COMBINED, s) for s in ("a3", "a1", "a0", "social")]


@pytest.mark.parametrize("size", ["a3", "a1", "a0"])
@pytest.mark.parametrize("name", ["voorbeeld", "routekaart-fasen"])
def test_every_sheet_is_its_paper_size_and_carries_the_whole_strategy(strategies, posters, name, size):
    strategy, style = strategies[name]
    poster = next(p for p in posters[name] if p.size == size and p.name == COMBINED)
    for svg in poster.sheets:
        root = ET.fromstring(svg)
        width_mm, height_mm = (float(root.get(k)[:-2]) for k in ("width", "height"))
        assert {width_mm, height_mm} == set(PAPER_MM[size]), (width_mm, height_mm)
        assert_texts_fit(svg, style)
    words, first = _normal(_words(poster.sheets)), _words(poster.sheets[:1])
    for opgave in strategy.opgaven:
        assert _normal(opgave.display) in _normal(first), f"{opgave.display} is not in the strategy part"
    for action in strategy.actions:
        assert _normal(action.display) in words, f"{action.display} is not on the routekaart"
    assert _normal(strategy.ambitie) in _normal(first)
    # The agenda's place is the routekaart's: no timeline of its own.
    assert 'id="agenda-band"' not in poster.svg
    # The text alternative tells both: the strategy part and every action.
    assert "Ambitie: " in poster.description and all(a.display in poster.description for a in strategy.actions)
    if len(poster.sheets) > 1:
        assert f"Strategie en routekaart · blad 1 van {len(poster.sheets)}" in first


def test_the_example_fits_one_sheet_on_the_wall_sizes_with_its_principles(strategies):
    strategy, style = strategies["voorbeeld"]
    for size in ("a1", "a0"):
        sheets = lay_out(strategy, style, COMBINED, SIZES[size])
        assert len(sheets) == 1, size
        part = sheets[0].strategy_part
        assert part is not None and part.timeline is None and part.foot is None
        assert "principes" in [b.frame.id for b in part.extras]
        # The routekaart begins under the strategy part and ends above the footer.
        chart = sheets[0].roadmap
        assert chart.legend.frame.y > max(b.bottom for b in part.extras)
        assert chart.chart.bottom < chart.foot.frame.y


@pytest.mark.parametrize("name", ["voorbeeld", "routekaart-fasen"])
def test_the_routekaart_part_keeps_its_arrows_readable(strategies, name):
    strategy, style = strategies[name]
    for size in ("a3", "a1", "a0"):
        for sheet in lay_out(strategy, style, COMBINED, SIZES[size]):
            stroke = max(0.6, sheet.page.base * 0.11)
            found = measure(sheet.roadmap, stroke, 2 * stroke)
            assert found.problems == [], (size, found.problems[:3])


def test_the_pdf_has_a_page_per_sheet_each_exactly_a3(strategies, posters):
    strategy, style = strategies["voorbeeld"]
    poster = next(p for p in posters["voorbeeld"] if p.size == "a3" and p.name == COMBINED)
    report = Report()
    outputs = export_posters([poster], style, report, lambda _: None, ("pdf",), prefix="")
    assert not report.errors, report.as_text()
    (pdf,) = [o for o in outputs if o.path.endswith(".pdf")]
    reader = pypdf.PdfReader(io.BytesIO(pdf.data()))
    assert len(reader.pages) == len(poster.sheets) >= 1
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 420 * PT) <= 1 and abs(height - 297 * PT) <= 1
    text = _normal(" ".join(page.extract_text() for page in reader.pages))
    assert [a.display for a in strategy.actions if _normal(a.display) not in text] == []


def test_the_site_shows_and_offers_the_one_poster(posters):
    from koers.output import Output
    from koers.render.pages.context import PageContext, collect_downloads

    made = [p for p in posters["voorbeeld"] if p.name == COMBINED]
    outputs = [Output(f"downloads/{name}", svg) for p in made for name, svg in p.files]
    outputs += [Output(f"downloads/{p.stem}.pdf", b"%PDF") for p in made]
    downloads = collect_downloads(outputs)
    (poster,) = downloads
    assert poster.key == COMBINED and poster.titel == "Poster: de strategie met de routekaart"
    assert "alle acties op een tijdlijn" in poster.toelichting
    context = PageContext(downloads=downloads)
    # The home page shows it as the strategy poster, the agenda page as the routekaart.
    home, agenda = context.poster_preview(), context.roadmap_preview()
    assert home is not None and agenda is not None and home[0].key == agenda[0].key == COMBINED
    assert home[1].path.startswith("downloads/strategie-met-routekaart-a3") and home[1].path.endswith(".svg")
