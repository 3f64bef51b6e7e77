"""mkdocs.yml is input: what it may set (koers.publish.sitepolicy), and that nothing refused reaches a page.

The refusals themselves are cases of the fault corpus (tests/cases/invalid/website-*); these tests
cover the screen as a function, the command line, and built pages: a hostile mkdocs.yml is built
anyway (as the `koers serve` preview does despite findings), and nothing it sets appears as markup.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from koers.findings import Report
from koers.pipeline.check import check
from koers.pipeline.context import page_context
from koers.publish.engine import run_engine
from koers.publish.outputs import write_outputs
from koers.publish.siteconfig import parse_site_file
from koers.publish.sitemarkup import clean_copyright, copyright_problems, homepage_allowed, homepage_href
from koers.publish.sitepolicy import read_site_settings, screen
from koers.render.pages.assemble import render_pages
from support.projects import CASES, REPO, make_project
from support.site import is_external, loaded_urls

ALLOWED = """\
site_name: Strategie van Testdorp
site_description: Onze digitale koers
site_author: Kernteam
copyright: '&copy; 2025 <a href="https://www.testdorp.nl/">Gemeente Testdorp</a> <b>samen</b>'
extra:
  homepage: https://intranet.testdorp.nl/
  analytics: {provider: google, property: !ENV GA_KEY}
  generator: true
theme:
  name: material
  custom_dir: eigen
  features: [navigation.tabs, search.highlight]
  icon:
    repo: fontawesome/brands/gitlab
    admonition: {note: material/pencil}
markdown_extensions:
  - markdown.extensions.toc:
      permalink: "#"
      toc_depth: 2-3
  - admonition
  - pymdownx.emoji
  - pymdownx.arithmatex: {smart_dollar: false}
  - pymdownx.highlight: {pygments_style: friendly, linenums: true}
plugins:
  - search
"""


def test_allowed_settings_pass_and_only_they_are_kept() -> None:
    settings, problems = screen(parse_site_file(ALLOWED))
    assert problems == []
    assert settings == {
        "site_name": "Strategie van Testdorp",
        "site_description": "Onze digitale koers",
        "site_author": "Kernteam",
        "copyright": '© 2025 <a href="https://www.testdorp.nl/" rel="noopener noreferrer">Gemeente Testdorp</a> <b>samen</b>',
        "extra": {"homepage": "https://intranet.testdorp.nl/"},
        "theme": {"features": ["navigation.tabs", "search.highlight"], "icon": {"repo": "fontawesome/brands/gitlab", "admonition": {"note": "material/pencil"}}},
        "markdown_extensions": [
            {"toc": {"permalink": "#", "toc_depth": "2-3"}},
            "admonition",
            "pymdownx.emoji",
            {"pymdownx.arithmatex": {"smart_dollar": False, "generic": True}},
            {"pymdownx.highlight": {"pygments_style": "friendly", "linenums": True}},
        ],
    }


def test_the_mapping_form_of_markdown_extensions_is_read_like_the_list() -> None:
    text = "markdown_extensions:\n  toc: {permalink: true}\n  tables:\n  pymdownx.snippets: {}\n"
    settings, problems = screen(parse_site_file(text))
    assert settings["markdown_extensions"] == [{"toc": {"permalink": True}}, "tables"]
    assert problems == [(("markdown_extensions", "pymdownx.snippets"), "Markdown-extensie 'pymdownx.snippets' is niet toegestaan: die voegt bestanden in de pagina's in, ook van buiten het project")]


def test_the_settings_koers_ships_pass() -> None:
    report = Report()
    assert read_site_settings(REPO, report) == {
        "site_name": "Digitaliseringsstrategie",
        "theme": {"features": ["navigation.tabs", "navigation.sections", "navigation.top", "navigation.footer", "search.highlight", "content.action.edit"]},
        "markdown_extensions": ["attr_list", "md_in_html", "tables", {"toc": {"permalink": False}}],
    }
    assert report.findings == []


@pytest.mark.parametrize(
    ("text", "refused", "cleaned"),
    [
        ("Copyright &copy; 2025 Testdorp", [], "Copyright © 2025 Testdorp"),
        ('<a href="mailto:info@testdorp.nl">mail</a><br><i>x</i>', [], '<a href="mailto:info@testdorp.nl" rel="noopener noreferrer">mail</a><br><i>x</i>'),
        ("<script>alert(1)</script>Testdorp", ["<script>"], "Testdorp"),
        ('<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>', ["een link die niet naar een webadres of e-mailadres gaat"], '<a rel="noopener noreferrer">x</a>'),
        ('<a href="over.html" title="t">x</a>', ["een link die niet naar een webadres of e-mailadres gaat", "het attribuut title"], '<a rel="noopener noreferrer">x</a>'),
        ('<span style="color:red" onclick="alert(1)">x</span>', ["het attribuut style", "het attribuut onclick"], "<span>x</span>"),
        ("<svg onload=alert(1)><style>*{}</style></svg><!-- c -->x", ["<svg>", "<style>"], "x"),
    ],
)
def test_copyright_keeps_only_harmless_inline_markup(text: str, refused: list[str], cleaned: str) -> None:
    assert copyright_problems(text) == refused
    assert clean_copyright(text) == cleaned


@pytest.mark.parametrize(
    ("value", "allowed"),
    [
        ("https://intranet.testdorp.nl/strategie?tab=1&x=2", True),
        ("http://intranet:8080/", True),
        ("index.html", True),
        ("../start/", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("javascript&#58;alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//kwaad.example/", False),
        ('https://x.nl/" onmouseover="alert(1)', False),
        ("https://x.nl/\nx", False),
        ("", False),
    ],
)
def test_homepage_is_a_web_address_or_a_path_in_the_site(value: str, allowed: bool) -> None:
    assert homepage_allowed(value) is allowed
    assert homepage_href(value) == (value.replace("&", "&amp;") if allowed else "")


def test_an_alias_bomb_in_mkdocs_yml_is_mapped_once_not_expanded() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
    site = parse_site_file("\n".join(levels) + "\nmarkdown_extensions: *i\nextra: {homepage: *i}\n")
    assert len(site.lines) < 200  # 9**9 paths if the aliases were walked
    settings, problems = screen(site)
    assert settings["markdown_extensions"] == [] and settings["extra"] == {}
    assert len(problems) == 10


def test_deep_nesting_and_a_symlink_out_of_the_project_are_findings(tmp_path: Path) -> None:
    deep = tmp_path / "diep"
    deep.mkdir()
    (deep / "mkdocs.yml").write_text("extra: " + "[" * 5000, "utf-8")
    report = Report()
    assert read_site_settings(deep, report) is None
    assert report.as_text() == "mkdocs.yml:1: fout: de website-instellingen zijn te diep genest"
    linked = tmp_path / "link"
    linked.mkdir()
    (tmp_path / "buiten.yml").write_text("site_name: Buiten\n", "utf-8")
    os.symlink(tmp_path / "buiten.yml", linked / "mkdocs.yml")
    report = Report()
    assert read_site_settings(linked, report) is None
    assert report.as_text() == "mkdocs.yml:1: fout: de website-instellingen zijn een snelkoppeling naar een plek buiten het project; dat is niet toegestaan"


# These were tracebacks of `koers build`; now check refuses them, and build stops with the same lines.
BUILD_CASES = ("website-extra-tekst", "website-extra-lijst", "website-extensie-lege-lijst", "website-extensie-leeg", "website-extra-koers-sleutels")


@pytest.mark.parametrize("name", BUILD_CASES)
def test_build_reports_a_bad_mkdocs_yml_without_a_traceback(name: str, tmp_path: Path) -> None:
    from test_corpus import build_case

    project, spec = build_case(CASES / "invalid" / name, tmp_path / "p")
    result = subprocess.run([sys.executable, "-m", "koers", "build", str(project)], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("mkdocs.yml:")] == spec["verwacht"]
    assert not (project / "build" / "site").exists()


# A mkdocs.yml with everything the review found, plus a title with an emoji and a body with a fence.
HOSTILE = """\
site_name: Gemeente "A" & B <x>
copyright: 'Testdorp <script>alert("copyright")</script><a href="javascript:alert(2)" onclick="alert(3)">contact</a><img src=x onerror=alert(4)>'
extra:
  polyfills: ["http://kwaad.example/polyfill.js"]
  homepage: "javascript:alert('homepage')"
  koers_fouten: ["nepfout"]
  koers_concept: true
  scope: '"+alert(5)+"'
  status: {new: '" onmouseover="alert(6)'}
theme:
  name: material
  icon:
    admonition:
      'x}</style><script>alert(7)</script><style>': material/pencil
markdown_extensions:
  - attr_list
  - toc: {permalink: true}
  - pymdownx.snippets: {base_path: ["/"], check_paths: false, auto_append: ["/etc/passwd"]}
  - pymdownx.emoji
  - pymdownx.critic
  - smarty: {substitutions: {ndash: "<script>alert(8)</script>"}}
"""
FENCE = "\n\nVoor het hek.\n~~~ {onclick=alert(9) .x}\nbinnen\n~~~\nNa het hek.\n"


class _Page(HTMLParser):
    """Elements with their attributes, script and style texts, and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.code: list[str] = []
        self.text: list[str] = []
        self._raw = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._raw = tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._raw = False

    def handle_data(self, data: str) -> None:
        (self.code if self._raw else self.text).append(data)


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def _engine_build(project: Path) -> tuple[Path, Report]:
    """The pages and the engine, as `koers serve` runs them even when mkdocs.yml has findings."""
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None
    staging = project / "build" / "staging"
    write_outputs(staging / "docs", render_pages(checked.strategy, checked.style, page_context(project, [])))
    report = Report()
    run_engine(project, staging, report)
    return staging / "site", report


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    project = make_project(tmp_path_factory.mktemp("instellingen") / "p", files={"mkdocs.yml": HOSTILE})
    visie = project / "content" / "visie.md"
    text = visie.read_text("utf-8").replace("titel: Onze visie", 'titel: "Onze visie :smile: vandaag"', 1)
    visie.write_text(text + FENCE, "utf-8")
    return _engine_build(project)


def test_the_engine_reports_what_it_leaves_out(hostile_site: tuple[Path, Report]) -> None:
    _, report = hostile_site
    assert {f.location.path for f in report.findings} == {"mkdocs.yml"}
    assert [f.location.line for f in report.errors] == [2, 4, 5, 6, 7, 8, 9, 14, 18, 20, 21]


def test_nothing_from_a_hostile_mkdocs_yml_runs_or_loads_on_any_page(hostile_site: tuple[Path, Report]) -> None:
    site, _ = hostile_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = _page(path)
        handlers = [(tag, name) for tag, attrs in page.elements for name in attrs if name.startswith("on")]
        assert handlers == [], path.name
        assert not [code for code in page.code if "alert" in code], path.name
        assert not [attrs for tag, attrs in page.elements if tag == "script" and attrs.get("src") and "kwaad" in str(attrs["src"])]
        hrefs = [str(attrs.get("href") or "") for _, attrs in page.elements]
        assert not [h for h in hrefs if h.replace(" ", "").lower().startswith(("javascript:", "data:"))], path.name
        assert not [attrs for _, attrs in page.elements if "koers-fouten" in str(attrs.get("class")) or "koers-concept-balk" in str(attrs.get("class"))]
        assert "root:x:0:0" not in "".join(page.text)
    assert [url for _, url in loaded_urls(site) if is_external(url)] == []


def test_hostile_settings_appear_as_cleaned_text(hostile_site: tuple[Path, Report]) -> None:
    site, _ = hostile_site
    page = _page(site / "visie.html")
    logos = [attrs for tag, attrs in page.elements if tag == "a" and "md-logo" in str(attrs.get("class"))]
    assert len(logos) == 2  # in the header and in the menu
    for logo in logos:
        # Once escaped in the HTML, so the browser shows the name itself (a double escape would show &quot;).
        assert logo["title"] == logo["aria-label"] == 'Gemeente "A" & B <x>'
        assert logo["href"] == "index.html"  # the refused homepage is dropped: the logo links to the start page
    html = (site / "visie.html").read_text("utf-8")
    assert "<title>Onze visie :smile: vandaag - Gemeente &quot;A&quot; &amp; B &lt;x&gt;</title>" in html
    assert '<div class="md-copyright__highlight">Testdorp <a rel="noopener noreferrer">contact</a></div>' in html
    text = " ".join(" ".join(page.text).split())
    assert "Onze visie 😄 vandaag" in text  # an emoji is a character, not an image from a CDN
    assert "Voor het hek. ~~~ {onclick=alert(9) .x} binnen ~~~ Na het hek." in text  # the fence stays text


def test_allowed_settings_reach_the_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", files={"mkdocs.yml": ALLOWED})
    site, report = _engine_build(project)
    # What the site does not use is named, never dropped silently (koers.publish.siteignored).
    assert report.as_text().splitlines() == [
        "mkdocs.yml:7: waarschuwing: extra.analytics wordt genegeerd: Koers zet geen bezoekersstatistieken van Google of een andere dienst aan: die laden een script van een andere server en volgen de lezers (zie docs/veiligheid.md)",
        "mkdocs.yml:8: waarschuwing: extra.generator wordt genegeerd: Koers laat de vermelding van Material in de voettekst altijd weg",
        "mkdocs.yml:11: waarschuwing: theme.custom_dir wordt genegeerd: Koers gebruikt zijn eigen sjablonen, die de pagina's veilig houden",
    ]
    html = (site / "index.html").read_text("utf-8")
    assert '<a href="https://intranet.testdorp.nl/" title="Strategie van Testdorp" class="md-header__button md-logo"' in html
    assert '© 2025 <a href="https://www.testdorp.nl/" rel="noopener noreferrer">Gemeente Testdorp</a> <b>samen</b>' in html
    assert '<meta name="author" content="Kernteam">' in html


def test_an_integer_of_thousands_of_digits_in_mkdocs_yml_is_one_dutch_line(tmp_path: Path) -> None:
    """Python refuses to read such an integer (ValueError); check and build say so instead of a traceback."""
    from koers.pipeline.build import build
    from koers.pipeline.check import check

    project = make_project(tmp_path / "p", files={"mkdocs.yml": "site_name: Test\nextra:\n  x: " + "9" * 5000 + "\n"})
    expected = "mkdocs.yml:1: fout: de website-instellingen bevatten een getal van duizenden cijfers; haal het weg of zet het tussen aanhalingstekens"
    assert expected in check(project).report.as_text().splitlines()
    built = build(project)
    assert built.site is None and expected in built.report.as_text().splitlines()
