"""`koers toets` in a real Chromium on a small built project: the result file, and the statement after the next build."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from koers.publish.axe import CHECK_NAME, axe_version
from koers.publish.browser import site_pages
from support.projects import CASES, make_project

pytestmark = pytest.mark.e2e
BROKEN = '<!doctype html><html><head><title>Kapot</title></head><body><main><img src="x.png"></main></body></html>'


def _toets(project: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, Any], set[str]]:
    before = datetime.date.today().isoformat()
    result = subprocess.run([sys.executable, "-m", "koers", "toets", str(project)], capture_output=True, text=True, timeout=600)
    days = {before, datetime.date.today().isoformat()}  # the run may pass midnight
    data = json.loads((project / "build" / "toegankelijkheid.json").read_text("utf-8"))
    return result, data, days


def _statement(project: Path) -> str:
    from koers.pipeline.build import build

    built = build(project)
    assert built.site is not None and not built.report.errors, built.report.as_text()
    return (built.site / "toegankelijkheid.html").read_text("utf-8")


def test_toets_writes_the_result_and_the_next_build_fills_the_statement(browser: Any, tmp_path: Path, cache: Path) -> None:
    from koers.dutch import dutch_date

    # The smallest valid strategy: its dozen pages have every page template the audit needs, at a fraction of the time.
    project = make_project(tmp_path / "p", CASES / "valid" / "minimaal" / "content")
    _statement(project)
    site = project / "build" / "site"
    pages = site_pages(site)
    tool = f"axe-core {axe_version()} in Chromium {browser.version.split('.')[0]}"

    # A page with an image without alt text: the test finds it, exits 1, and names it.
    (site / "kapot.html").write_text(BROKEN, "utf-8")
    result, data, days = _toets(project)
    assert result.returncode == 1, result.stderr
    assert "390 px, kapot.html: image-alt (kritiek): Images must have alternative text" in result.stderr.splitlines()
    assert data["datum"] in days and data["hulpmiddel"] == tool and data["paginas"] == len(pages) + 1
    assert data["problemen"] >= 2 and data["breedtes"] == [1280, 390]
    assert data["controles"] == [{"naam": CHECK_NAME, "geslaagd": False}]
    alt = next(i for i in data["bekende_problemen"] if i["regel"] == "image-alt")
    assert alt == {"regel": "image-alt", "beschrijving": "Images must have alternative text", "ernst": "critical", "paginas": ["kapot.html"], "breedtes": [1280, 390]}
    assert {p for i in data["bekende_problemen"] for p in i["paginas"]} == {"kapot.html"}  # Koers' own pages pass
    assert "nalevingsstatus D (voldoet niet): de automatische test vond problemen die nog niet zijn opgelost" in result.stdout

    statement = _statement(project)
    assert "<dd>D – voldoet niet" in statement
    assert "<strong>Images must have alternative text</strong> (regel <code>image-alt</code>, kritiek): op kapot.html, bij 1280 en 390 pixels breed." in statement

    # The rebuilt site (without the broken page) passes: status C, and the statement says what was tested, when and with what.
    result, data, days = _toets(project)
    assert result.returncode == 0, result.stderr
    assert (data["problemen"], data["bekende_problemen"], data["paginas"]) == (0, [], len(pages))
    assert result.stdout.splitlines() == [
        f"Automatisch getest op {dutch_date(data['datum'])} met {tool} op {len(pages)} pagina's: geen problemen gevonden.",
        "nalevingsstatus C (eerste maatregelen genomen): de automatische test vond geen problemen; status C geldt alleen als binnen zes maanden "
        "een volledig onderzoek door een deskundige is gepland",
        "uitkomst in build/toegankelijkheid.json; draai koers build om hem in de toegankelijkheidsverklaring te zetten",
    ]
    statement = _statement(project)
    assert "<dd>C – eerste maatregelen genomen" in statement
    assert f"<dt>Laatste automatische test</dt><dd>{dutch_date(data['datum'])}</dd>" in statement
    assert f"<dt>Onderzocht</dt><dd>{len(pages)} pagina&#39;s, de hele website, op 1280 en 390 pixels breed</dd>" in statement
    assert f"<dt>Hulpmiddel</dt><dd>{tool}</dd>" in statement
    assert "De automatische test vond geen problemen." in statement and "Nog niet getest" not in statement
