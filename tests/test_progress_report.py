"""The P&C cycle: the yearly progress report on the site, as a PDF and as a 'stand van zaken' image.

The example strategy records measurements (2023, 2024), notes on the actions that slipped and
lessons learned for 2023 and 2024, as a kernteam would after two years.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pypdf
import pytest

from koers.pipeline.check import check
from koers.render.document.progress import budget_problem, render_report
from koers.render.pages.assemble import PageContext, navigation, render_pages
from koers.render.posters.svg import render_standing
from koers.render.yearreport import report_filename, reported_slots, year_report
from support.projects import REPO
from test_posters import SVG, assert_texts_fit, checked

SVG_NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def example():
    return checked(REPO)


@pytest.fixture(scope="module")
def pages(example):
    strategy, style = example
    return {o.path: o.content for o in render_pages(strategy, style, PageContext())}


def test_the_example_passes_strict_and_reports_the_years_it_has_something_for(example):
    result = check(REPO)
    assert result.report.warnings == [] and result.report.errors == []
    strategy, _ = example
    # 2023 and 2024 have lessons learned and measurements; 2022 has neither, 2025 and 2026 are to come.
    assert [slot.label for slot in reported_slots(strategy)] == ["2023", "2024"]
    phased = replace(strategy, phased=True)
    assert [slot.label for slot in reported_slots(phased)] == ["2023", "2024"], "a phase is reported by its terugblik only"
    bare = replace(strategy, years=tuple(replace(y, terugblik="") for y in strategy.years), opgaven=tuple(replace(o, indicatoren=()) for o in strategy.opgaven))
    assert reported_slots(bare) == ()


def test_a_report_puts_what_slipped_first_and_keeps_the_authors_order(example):
    strategy, _ = example
    report = year_report(strategy, strategy.slot_by_key[2024])
    assert [a.display for a in report.slipped] == [
        "2.4 Website en e-formulieren voldoen aan WCAG 2.1",
        "3.4 Aansluiting op het regionale e-depot",
        "4.3 Pilot chatbot op de website",
        "8.3 Monitoring dag en nacht via een Security Operations Center",
    ]
    assert [o.display for o, _ in report.groups] == [o.display for o in strategy.opgaven if any(2024 in a.years for a in o.acties)]
    assert report.counts == {"gepland": 0, "lopend": 8, "gereed": 3, "vertraagd": 3, "gestopt": 1}


def test_the_voortgang_pages_show_measurements_notes_lessons_and_charts(example, pages):
    strategy, _ = example
    nav = navigation(strategy)
    assert {"Voortgang": ["voortgang/index.md", {"2023": "voortgang/2023.md"}, {"2024": "voortgang/2024.md"}]} in nav
    overview = pages["voortgang/index.md"]
    assert "Voortgang 2023" in overview and "Voortgang 2024" in overview and "3 van 15 acties gereed" in overview
    page = pages["voortgang/2024.md"]
    # What slipped, with its note; the lessons learned; measured values up to 2024 with the verdict.
    assert page.index("## Wat liep anders") < page.index("## Terugblik") < page.index("## Indicatoren") < page.index("## Acties per opgave")
    assert "Gestopt na de proef: de chatbot beantwoordde maar een op de drie vragen" in page
    assert "Afhankelijkheden van leveranciers en regionale partners" in page
    assert re.search(
        r"<th scope=\"row\">Raadsvoorstellen met datalabel</th><td>5%</td><td>2023: 20%; 2024: 35%</td><td>60% in 2026</td><td>op koers</td>", page
    )
    assert re.search(r"<th scope=\"row\">Woo-verzoeken binnen de wettelijke termijn</th>.*<td>achter</td>", page)
    # Every numeric indicator has a chart named after it, with a text alternative.
    charts = re.findall(r"<svg.*?</svg>", page, re.S)
    indicators = [i for o in strategy.opgaven for i in o.indicatoren]
    assert len(charts) == len(indicators) == 8
    for chart, indicator in zip(charts, indicators, strict=True):
        root = ET.fromstring(chart)
        assert root.get("role") == "img"
        assert root.find("s:title", SVG_NS).text == f"Trend: {indicator.naam}"
        assert "gemeten 2024" in root.find("s:desc", SVG_NS).text
    # The 2023 report knows only what was measured by then.
    assert "2023: 20%</td>" in pages["voortgang/2023.md"] and "2024: 35%" not in pages["voortgang/2023.md"]
    # The opgave page draws the indicator's whole trend; team pages show the team's part.
    assert "Trend: Raadsvoorstellen met datalabel" in pages["opgaven/datagedreven-sturing.md"]
    team = pages["teams/team-communicatie.md"]
    assert "## Onze voortgang" in team and "Voortgang 2024</a>: " in team and "(vertraagd)" in team


def test_the_voortgang_pdf_is_tagged_in_budget_and_says_what_happened(example):
    strategy, style = example
    slot = strategy.slot_by_key[2024]
    made = render_report(strategy, style, slot)
    assert made.filename == report_filename(strategy, slot) == "gemeente-voorbeeldstad-voortgang-2024.pdf"
    assert made.pages <= strategy.progress_max_a4 == 2
    reader = pypdf.PdfReader(io.BytesIO(made.pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == f"Voortgang 2024: {strategy.titel}"
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for said in (
        "In 2024 liepen 15 acties",
        "Vertraagd: het regionale e-depot neemt pas vanaf 2025",
        "Afhankelijkheden van leveranciers",
        "2023: 20%; 2024: 35%",
        "op koers",
        "Raadsvoorstellen met datalabel",
    ):
        assert said in text, said
    assert render_report(strategy, style, slot).pdf == made.pdf, "same content, same bytes"


def test_a_report_over_its_budget_is_an_error_naming_the_year(example):
    strategy, style = example
    slot = strategy.slot_by_key[2024]
    made = render_report(strategy, style, slot)
    assert budget_problem(strategy, slot, made) is None
    tight = replace(strategy, progress_max_a4=1)
    assert budget_problem(tight, slot, made) == (
        "de voortgangsrapportage 2024 is 2 A4, maximaal 1 (omvang.voortgang_max_a4): maak de toelichtingen en de terugblik korter of verhoog het maximum"
    )


def test_the_stand_van_zaken_image_counts_and_names_two_indicators(example):
    strategy, style = example
    image = render_standing(strategy, style, strategy.slot_by_key[2024])
    assert (image.name, image.size, image.width, image.height) == ("stand-van-zaken-2024", "social", 1200, 630)
    assert_texts_fit(image.svg, style)
    words = " ".join("".join(t.itertext()) for t in ET.fromstring(image.svg).iter(f"{SVG}text"))
    assert "3 van 15 acties gereed" in words and "STAND VAN ZAKEN · 2024" in words
    assert "Raadsvoorstellen met datalabel" in words and "35%" in words and "op koers" in words
    assert image.description.startswith("Stand van zaken 2024 van ")
    assert "3 van 15 acties gereed; 8 lopend of gepland; 4 vertraagd of gestopt." in image.description
    assert "Wat we leerden: Afhankelijkheden" in image.description
