"""The draft accessibility statement: from the result the browser tests leave, or marked as not yet tested.

No browser here (so no e2e mark): this is how the next `koers build` reads what the suite wrote.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from koers.pipeline.check import check
from koers.pipeline.context import page_context, read_accessibility
from koers.render.pages.accessibility import parse_accessibility
from koers.render.pages.assemble import render_pages
from support.projects import make_project

from .support import Site, result_json

RESULT = {
    "datum": "2024-03-02",
    "hulpmiddel": "axe-core 4.14.1 in Chromium 156",
    "paginas": 31,
    "problemen": 0,
    "controles": [
        {"naam": "WCAG 2.1 niveau A en AA met axe-core, op elke pagina", "geslaagd": True},
        {"naam": "Zoeken <script>alert(1)</script>", "geslaagd": False},
    ],
    "breedtes": [1280, 390],
}


def _statement(project: Path) -> str:
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None
    pages = render_pages(checked.strategy, checked.style, page_context(project, []))
    return next(o.data().decode("utf-8") for o in pages if o.path == "toegankelijkheid.md")


def test_statement_without_a_result_says_not_yet_tested(tmp_path: Path) -> None:
    text = _statement(make_project(tmp_path / "p"))
    assert "title: Toegankelijkheidsverklaring" in text and "<strong>Concept.</strong>" in text
    assert "Nog niet getest" in text and "nog niet getest" in text
    assert "WCAG 2.1, niveau A en AA" in text
    assert "<dt>Nalevingsstatus</dt><dd>E – geen verklaring" in text and "<dt>Onderzocht</dt>" not in text
    assert "Nog niet bekend: de website is nog niet getest." in text


def test_statement_lists_what_was_tested_and_when(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", files={"build/toegankelijkheid.json": json.dumps(RESULT)})
    text = _statement(project)
    assert "Automatisch getest op 2 maart 2024 met axe-core 4.14.1 in Chromium 156 op 31 pagina&#39;s: geen problemen gevonden." in text
    assert "1280 en 390 pixels breed" in text
    assert "Geslaagd</span> WCAG 2.1 niveau A en AA met axe-core, op elke pagina" in text
    assert "Niet geslaagd</span> Zoeken &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "niet elke controle is geslaagd" in text
    assert "Nog niet getest" not in text
    # A failed check: the register's status D, whatever axe found.
    assert "<dt>Nalevingsstatus</dt><dd>D – voldoet niet" in text and "Status <strong>D – voldoet niet</strong>" in text
    assert "<dt>Onderzocht</dt><dd>31 pagina&#39;s, de hele website, op 1280 en 390 pixels breed</dd>" in text
    assert "<dt>Hulpmiddel</dt><dd>axe-core 4.14.1 in Chromium 156</dd>" in text


def test_statement_lists_the_known_problems_from_the_untrusted_file(tmp_path: Path) -> None:
    issues = [
        {"regel": "color-contrast", "beschrijving": "Elements must meet <b>contrast</b>\n\n[klik](javascript:alert(1))", "ernst": "serious",
         "paginas": ["index.html", "<img src=x onerror=alert(1)>.html"], "breedtes": [390]},
        {"regel": "region", "beschrijving": "All content should be contained by landmarks", "ernst": "onzin", "paginas": [f"p{i}.html" for i in range(12)]},
    ]
    result = dict(RESULT, problemen=3, controles=[], bekende_problemen=issues)
    text = _statement(make_project(tmp_path / "p", files={"build/toegankelijkheid.json": json.dumps(result)}))
    assert "<strong>Elements must meet &lt;b&gt;contrast&lt;/b&gt; [klik](javascript:alert(1))</strong> (regel <code>color-contrast</code>, ernstig): " \
        "op index.html, &lt;img src=x onerror=alert(1)&gt;.html, bij 390 pixels breed.</li>" in text
    assert "(regel <code>region</code>): op p0.html, p1.html" in text and "p9.html en nog 2 pagina&#39;s.</li>" in text
    assert "<dt>Nalevingsstatus</dt><dd>D – voldoet niet" in text
    # Every item is one line inside the list: a line break from the file cannot end the HTML block and start Markdown.
    block = text.split('<ul class="koers-problemen">')[1].split("</ul>")[0]
    assert block.count("\n") == 3 and "\n\n" not in block


def test_statement_of_a_clean_result_has_status_c(tmp_path: Path) -> None:
    result = dict(RESULT, controles=[RESULT["controles"][0]])
    text = _statement(make_project(tmp_path / "p", files={"build/toegankelijkheid.json": json.dumps(result)}))
    assert "<dt>Nalevingsstatus</dt><dd>C – eerste maatregelen genomen" in text
    assert "De automatische test vond geen problemen." in text


@pytest.mark.parametrize(
    "data",
    [None, [], {}, {"problemen": "0"}, {"problemen": True}, {"problemen": -1}],
)
def test_anything_but_a_result_means_not_yet_tested(data: object) -> None:
    assert parse_accessibility(data) is None


def test_unreadable_result_file_means_not_yet_tested(tmp_path: Path) -> None:
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "toegankelijkheid.json").write_text("{kapot", encoding="utf-8")
    assert read_accessibility(tmp_path) is None


def test_what_the_suite_writes_is_what_the_build_reads(tmp_path: Path) -> None:
    site = Site("voorbeeld", tmp_path, tmp_path, None, None, ["index.html", "visie.html"])  # type: ignore[arg-type]
    site.problems = {1280: 0, 390: 2}
    site.checks = {"Zoeken": True}
    result = parse_accessibility(json.loads(json.dumps(result_json(site, "156.0.1.2", datetime.date(2025, 1, 31)))))
    assert result is not None
    assert (result.datum, result.paginas, result.problemen, result.breedtes) == ("2025-01-31", 2, 2, (1280, 390))
    assert result.hulpmiddel is not None and result.hulpmiddel.endswith("in Chromium 156")
    assert result.summary().endswith("op 2 pagina's: 2 problemen gevonden.")
