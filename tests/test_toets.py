"""`koers toets` without a browser: what it says when Playwright, Chromium or the built site is missing; the status rule.

The run in a real Chromium is tests/e2e/test_toets.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from koers.publish.browser import INSTALL_CHROMIUM, INSTALL_PLAYWRIGHT
from koers.render.pages.accessibility import Check, compliance, parse_accessibility
from koers.resources import vendored

HIDE_PLAYWRIGHT = """
import sys
class Hide:
    def find_spec(self, name, path=None, target=None):
        if name == "playwright" or name.startswith("playwright."):
            raise ImportError("hidden by the test")
sys.meta_path.insert(0, Hide())
"""
NO_CHROMIUM = "import koers.publish.browser as b\nb.CANDIDATES = ()\n"
RUN = "import koers.cli\nraise SystemExit(koers.cli.main(['toets', {project!r}]))\n"


def _toets(project: Path, before: str = "") -> subprocess.CompletedProcess[str]:
    code = before + RUN.format(project=str(project))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A project folder with something in build/site (what the browser would test is not needed here)."""
    site = tmp_path / "p" / "build" / "site"
    site.mkdir(parents=True)
    (tmp_path / "p" / "content").mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title>", "utf-8")
    return tmp_path / "p"


def test_without_playwright_one_dutch_line_says_what_to_install(built: Path) -> None:
    result = _toets(built, HIDE_PLAYWRIGHT)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"koers: fout: {INSTALL_PLAYWRIGHT}\n")
    assert "pip install 'koers[toets]'" in INSTALL_PLAYWRIGHT
    assert not (built / "build" / "toegankelijkheid.json").exists()


def test_without_chromium_one_dutch_line_says_what_to_install(built: Path) -> None:
    result = _toets(built, NO_CHROMIUM)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"koers: fout: {INSTALL_CHROMIUM}\n")
    assert "apt-get install chromium" in INSTALL_CHROMIUM


def test_without_a_built_site_it_says_to_build_first(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    result = _toets(tmp_path)
    assert result.returncode == 2
    assert result.stderr == "koers: fout: er is nog geen website in build/site om te testen; bouw hem eerst met: koers build\n"


def test_the_checked_path_never_needs_playwright(built: Path) -> None:
    """`koers --help` and the parser load without Playwright: it is imported only when a test runs."""
    code = HIDE_PLAYWRIGHT + "import koers.cli\nkoers.cli.build_parser().parse_args(['toets', '--help'])\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("gebruik: koers toets")


def test_axe_ships_in_the_package_with_its_licence() -> None:
    folder = vendored("axe-core")
    assert {"axe.min.js", "LICENSE", "LICENSE-3RD-PARTY.txt", "VERSION"} <= {p.name for p in folder.iterdir()}
    assert "Mozilla Public License" in (folder / "LICENSE").read_text("utf-8")


@pytest.mark.parametrize(
    ("data", "letter"),
    [
        (None, "E"),
        ({"problemen": 0}, "C"),
        ({"problemen": 0, "controles": [{"naam": "Toetsenbord", "geslaagd": True}]}, "C"),
        ({"problemen": 3}, "D"),
        ({"problemen": 0, "controles": [{"naam": "Toetsenbord", "geslaagd": False}]}, "D"),
        ({"problemen": 0, "controles": [{"naam": "Toetsenbord"}]}, "D"),  # not said to have passed
    ],
)
def test_the_status_rule(data: object, letter: str) -> None:
    status = compliance(parse_accessibility(data))
    assert status.letter == letter
    assert status.naam == {"C": "eerste maatregelen genomen", "D": "voldoet niet", "E": "geen verklaring"}[letter]


def test_a_and_b_are_never_computed() -> None:
    best = parse_accessibility({"problemen": 0, "paginas": 40, "breedtes": [1280, 390], "controles": [{"naam": "x", "geslaagd": True}]})
    assert best is not None and best.controles == (Check("x", True),)
    assert compliance(best).letter == "C"


def test_known_problems_from_the_file_are_checked_and_bounded() -> None:
    issue = {"regel": "color-contrast", "beschrijving": "Contrast\n\n[x](javascript:alert(1))", "ernst": "serious", "paginas": [f"p{i}.html" for i in range(13)], "breedtes": [390, "x", True]}
    data = {
        "problemen": 2,
        "bekende_problemen": [issue, {"regel": "x"}, "kapot", {"regel": "lang", "beschrijving": "a" * 1000, "ernst": "heel erg", "paginas": "index.html"}],
    }
    result = parse_accessibility(data)
    assert result is not None and len(result.bekende_problemen) == 2
    first, second = result.bekende_problemen
    assert first.beschrijving == "Contrast [x](javascript:alert(1))"  # one line: it cannot leave the page's HTML block
    assert (first.ernst_label, first.paginas[-1], first.meer_paginas, first.breedtes) == ("ernstig", "p9.html", 3, (390,))
    assert len(second.beschrijving) == 300 and second.beschrijving.endswith("…")
    assert (second.ernst, second.paginas) == (None, ())
    assert parse_accessibility({"problemen": 0, "bekende_problemen": {"regel": "x"}}).bekende_problemen == ()  # type: ignore[union-attr]
