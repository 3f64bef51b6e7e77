"""mkdocs.yml beyond the screen: what Koers ignores is a named warning, site_url (sitemap, canonical, link
previews with the social PNG) and search from a file share (Material's offline plugin, Koers' own worker shim)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from koers.pipeline.build import Built, build
from koers.pipeline.check import check
from koers.publish.siteconfig import parse_site_file
from koers.publish.siteoptions import MATOMO_EXPECTED, SITE_URL_EXPECTED
from koers.publish.sitepolicy import screen
from support.projects import REPO, make_project
from support.site import build_site, is_external, loaded_urls

SHIPPED = (REPO / "mkdocs.yml").read_text("utf-8")
IGNORED = """\
site_name: Testdorp
nav:
  - Start: index.md
docs_dir: pagina
plugins:
  - search
  - tags
  - blog: {enabled: true}
  - offline
theme:
  name: readthedocs
  language: nl
  palette:
    - scheme: default
      toggle: {icon: material/brightness-7, name: Donker}
    - scheme: slate
  font: {text: Roboto}
  features: [navigation.tabs, navigation.instant]
extra:
  analytics: {provider: google, property: !ENV GA_KEY}
  social:
    - icon: fontawesome/brands/x-twitter
      link: https://x.com/testdorp
  generator: false
extra_javascript: [https://cdn.example/x.js]
"""
IGNORED_WARNINGS = [
    "mkdocs.yml:2: waarschuwing: nav wordt genegeerd: Koers maakt het menu zelf uit de inhoud",
    "mkdocs.yml:4: waarschuwing: docs_dir wordt genegeerd: Koers zet de pagina's zelf klaar in build/",
    "mkdocs.yml:7: waarschuwing: plugin 'tags' wordt genegeerd: Koers maakt alle pagina's en het menu zelf uit de inhoud",
    "mkdocs.yml:8: waarschuwing: plugin 'blog' wordt genegeerd: Koers maakt alle pagina's en het menu zelf uit de inhoud",
    "mkdocs.yml:9: waarschuwing: plugin 'offline' wordt genegeerd: voor zoeken vanaf een bestandsshare zet je 'extra.koers.bestandsshare: true' (zie docs/veiligheid.md)",
    "mkdocs.yml:11: waarschuwing: theme.name wordt genegeerd: Koers gebruikt altijd Material",
    "mkdocs.yml:13: waarschuwing: theme.palette wordt genegeerd: de kleuren komen uit de huisstijl (themes/); een schakelaar naar een donker kleurschema kan niet, want die kleuren gaan niet door de contrastcontrole van Koers",
    "mkdocs.yml:17: waarschuwing: theme.font wordt genegeerd: het lettertype komt uit de huisstijl; Material zou het van Google Fonts laden",
    "mkdocs.yml:18: waarschuwing: theme.features: navigation.instant wordt genegeerd: die laadt pagina's met een script, en dat werkt niet vanaf een bestandsshare",
    "mkdocs.yml:20: waarschuwing: extra.analytics wordt genegeerd: Koers zet geen bezoekersstatistieken van Google of een andere dienst aan: die laden een script van een andere server en volgen de lezers (zie docs/veiligheid.md)",
    "mkdocs.yml:21: waarschuwing: extra.social wordt genegeerd: de voettekst van Koers toont geen links naar sociale media",
    "mkdocs.yml:25: waarschuwing: extra_javascript wordt genegeerd: Koers zet geen eigen scripts op de pagina's",
]


def test_every_key_koers_ignores_is_a_warning_on_its_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", files={"mkdocs.yml": IGNORED})
    report = check(project).report
    assert report.as_text().splitlines() == IGNORED_WARNINGS
    assert not report.failed() and report.failed(strict=True)


def test_koers_check_prints_the_warnings_and_passes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", files={"mkdocs.yml": IGNORED})
    result = subprocess.run([sys.executable, "-m", "koers", "check", str(project)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert [line for line in result.stderr.splitlines() if line.startswith("mkdocs.yml:")] == IGNORED_WARNINGS


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("plugins: [search]", None),  # what Koers turns on anyway
        ("plugins: {search: {lang: en}}", "plugin 'search' wordt genegeerd: de zoekfunctie zet Koers zelf aan, in het Nederlands; haal de opties weg"),
        ("plugins: {privacy: {}}", "plugin 'privacy' wordt genegeerd: de website laadt al niets van andere servers; die haalt bij het bouwen bestanden van internet"),
        ("plugins: tags", "plugins wordt genegeerd: Koers zet geen plugins aan: die voeren code uit tijdens het bouwen, en Koers maakt alle pagina's zelf"),
        ("plugins: [eigen-plugin]", "plugin 'eigen-plugin' wordt genegeerd: Koers zet geen plugins aan: die voeren code uit tijdens het bouwen, en Koers maakt alle pagina's zelf"),
        ("theme: material", None),
        ("theme: {name: material, language: en}", "theme.language wordt genegeerd: de website is altijd Nederlands"),
        ("extra: {generator: true}", "extra.generator wordt genegeerd: Koers laat de vermelding van Material in de voettekst altijd weg"),
        ("hooks: [eigen.py]", "hooks wordt genegeerd: Koers voert geen Python-code uit mkdocs.yml uit"),
        ("zomaar: iets", "zomaar wordt genegeerd: Koers gebruikt deze instelling niet"),
    ],
)
def test_one_ignored_key(text: str, warning: str | None, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", files={"mkdocs.yml": "site_name: Testdorp\n" + text + "\n"})
    assert check(project).report.as_text().splitlines() == ([f"mkdocs.yml:2: waarschuwing: {warning}"] if warning else [])


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("https://intranet.testdorp.nl/strategie", "https://intranet.testdorp.nl/strategie/"),
        ("http://intranet:8080/", "http://intranet:8080/"),
        ("HTTPS://Intranet.Testdorp.nl/a-b/c_d/", "HTTPS://Intranet.Testdorp.nl/a-b/c_d/"),
        ("javascript:alert(1)", None),
        ("//intranet.testdorp.nl/", None),
        ("ftp://intranet.testdorp.nl/", None),
        ("https://intranet.testdorp.nl/?a=1", None),
        ("https://intranet.testdorp.nl/#x", None),
        ('https://x.nl/" onload="alert(1)', None),
        ("https://x.nl/a b", None),
        ("https://x.nl/&amp;", None),
        ("", None),
        (42, None),
        (["https://x.nl/"], None),
    ],
)
def test_site_url_is_a_plain_web_address(value: object, kept: str | None) -> None:
    settings, problems = screen(parse_site_file(json.dumps({"site_url": value})))
    assert settings.get("site_url") == kept
    assert problems == ([] if kept else [(("site_url",), SITE_URL_EXPECTED)])


def test_a_refused_site_url_is_an_error_on_its_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", files={"mkdocs.yml": SHIPPED + "site_url: javascript:alert(1)\n"})
    line = len(SHIPPED.splitlines()) + 1
    assert check(project).report.as_text().splitlines() == [f"mkdocs.yml:{line}: fout: {SITE_URL_EXPECTED}"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("extra: {koers: {bestandsshare: ja}}", "extra.koers.bestandsshare moet true of false zijn"),
        ("extra: {koers: {zoeken: true}}", "extra.koers.zoeken bestaat niet; mogelijk zijn: bestandsshare, matomo"),
        ("extra: {koers: true}", "extra.koers moet sleutels met waarden bevatten, zoals 'bestandsshare: true'"),
    ],
)
def test_extra_koers_takes_only_its_own_switches(text: str, problem: str, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", files={"mkdocs.yml": "site_name: Testdorp\n" + text + "\n"})
    assert check(project).report.as_text().splitlines() == [f"mkdocs.yml:2: fout: {problem}"]


class _Head(HTMLParser):
    """The <link>, <meta> and <script src> elements of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical: list[str] = []
        self.meta: dict[str, str] = {}
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical.append(values["href"])
        elif tag == "meta" and ("property" in values or "name" in values):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")
        elif tag == "script" and "src" in values:
            self.scripts.append(values["src"])


def _head(path: Path) -> _Head:
    head = _Head()
    head.feed(path.read_text("utf-8"))
    return head


SITE_URL = "https://intranet.testdorp.nl/strategie/"
PUBLISHED = SHIPPED + "site_url: https://intranet.testdorp.nl/strategie\nplugins:\n  - tags\nextra:\n  koers:\n    bestandsshare: true\n"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Built]:
    """`koers build` (posters and their PNGs included) with site_url, search from a file share and an ignored plugin."""
    project = make_project(tmp_path_factory.mktemp("gepubliceerd") / "p", REPO / "content", files={"mkdocs.yml": PUBLISHED})
    return project, build(project)


def test_build_names_the_ignored_plugin_and_publishes(published: tuple[Path, Built]) -> None:
    _, built = published
    line = len(SHIPPED.splitlines()) + 3
    assert f"mkdocs.yml:{line}: waarschuwing: plugin 'tags' wordt genegeerd: Koers maakt alle pagina's en het menu zelf uit de inhoud" in built.report.as_text().splitlines()
    assert built.report.errors == []
    assert built.site is not None


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


def test_with_site_url_the_sitemap_lists_every_page(published: tuple[Path, Built]) -> None:
    project, _ = published
    site = project / "build" / "site"
    locations = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text("utf-8"))
    assert len(_pages(site)) > 20
    assert sorted(locations) == [SITE_URL + page for page in _pages(site)]


def test_with_site_url_every_page_has_a_canonical_link_and_a_preview(published: tuple[Path, Built]) -> None:
    project, _ = published
    site = project / "build" / "site"
    image = SITE_URL + "downloads/strategie-in-een-beeld-social.png"
    png = (site / "downloads" / "strategie-in-een-beeld-social.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1200, 630)
    for page in _pages(site):
        head = _head(site / page)
        assert head.canonical == [SITE_URL + page], page
        assert head.meta["og:url"] == SITE_URL + page
        assert head.meta["og:image"] == head.meta["twitter:image"] == image, page
        assert head.meta["twitter:card"] == "summary_large_image"
        assert head.meta["og:title"] and head.meta["og:title"] == head.meta["twitter:title"]
    home = _head(site / "index.html")
    assert home.meta["og:title"] == "Digitaliseringsstrategie Voorbeeldstad 2022–2026"
    assert home.meta["og:description"] == home.meta["description"]


def test_search_from_a_file_share_inlines_the_index_and_loads_nothing_from_other_hosts(published: tuple[Path, Built]) -> None:
    project, _ = published
    site = project / "build" / "site"
    index = (site / "search" / "search_index.json").read_text("utf-8")
    script = (site / "search" / "search_index.js").read_text("utf-8")
    assert script.startswith("var __index = ") and json.loads(script.removeprefix("var __index = ")) == json.loads(index)
    shim = (site / "assets" / "koers" / "werker.js").read_text("utf-8")
    assert "window.IFrameWorker = IFrameWorker" in shim
    for page in _pages(site):
        scripts = _head(site / page).scripts
        depth = "../" * page.count("/")
        assert scripts[0] == depth + "assets/koers/werker.js", page  # before Material's bundle, which starts the worker
        assert not [s for s in scripts if is_external(s)], page
        assert "unpkg" not in (site / page).read_text("utf-8"), page
    assert [url for _, url in loaded_urls(site) if is_external(url)] == []


def test_without_site_url_and_option_no_canonical_no_og_image_and_no_shim(tmp_path: Path) -> None:
    site = build_site(make_project(tmp_path / "p")).site
    assert "<url>" not in (site / "sitemap.xml").read_text("utf-8")
    for page in _pages(site):
        head = _head(site / page)
        assert head.canonical == [], page
        assert not {"og:image", "og:url", "twitter:card", "twitter:image"} & set(head.meta), page
        assert head.meta["og:title"], page
        assert not [s for s in head.scripts if "werker" in s], page
        assert "_paq" not in (site / page).read_text("utf-8"), page
    assert not (site / "search" / "search_index.js").exists()
    assert not (site / "assets" / "koers" / "werker.js").exists()


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ({"url": "https://statistiek.testdorp.nl", "site_id": 3}, {"url": "https://statistiek.testdorp.nl/", "site_id": 3}),
        ({"url": "/matomo/", "site_id": 1}, {"url": "/matomo/", "site_id": 1}),
        ({"url": "javascript:alert(1)", "site_id": 3}, None),
        ({"url": "//statistiek.example/", "site_id": 3}, None),
        ({"url": 'https://s.nl/";alert(1);"', "site_id": 3}, None),
        ({"url": "https://statistiek.testdorp.nl/", "site_id": "3"}, None),
        ({"url": "https://statistiek.testdorp.nl/", "site_id": True}, None),
        ({"url": "https://statistiek.testdorp.nl/", "site_id": 0}, None),
        ({"url": "https://statistiek.testdorp.nl/"}, None),
        ({"url": "https://statistiek.testdorp.nl/", "site_id": 3, "cookies": True}, None),
        ("https://statistiek.testdorp.nl/", None),
    ],
)
def test_matomo_is_the_intranets_own_address_and_a_site_number(value: object, kept: dict[str, object] | None) -> None:
    settings, problems = screen(parse_site_file(json.dumps({"extra": {"koers": {"matomo": value}}})))
    assert settings["extra"].get("koers", {}).get("matomo") == kept
    assert [message for _, message in problems] == ([] if kept else [MATOMO_EXPECTED])


def _inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, flags=re.S)


def test_matomo_on_request_without_cookies(tmp_path: Path) -> None:
    settings = SHIPPED + "extra:\n  koers:\n    matomo: {url: 'https://statistiek.testdorp.nl', site_id: 7}\n"
    built = build_site(make_project(tmp_path / "p", files={"mkdocs.yml": settings}))
    assert built.report.findings == []
    for page in _pages(built.site):
        trackers = [s for s in _inline_scripts((built.site / page).read_text("utf-8")) if "_paq" in s]
        assert len(trackers) == 1, page
        # Cookies off before the first page view: Matomo sets none for this visitor (docs/veiligheid.md).
        assert re.findall(r"_paq\.push\((.*?)\);", trackers[0]) == [
            '["disableCookies"]',
            '["setDoNotTrack", true]',
            '["trackPageView"]',
            '["enableLinkTracking"]',
            '["setTrackerUrl", base + "matomo.php"]',
            '["setSiteId", 7]',
        ], page
        assert 'var base = "https://statistiek.testdorp.nl/";' in trackers[0]
        assert 'script.src = base + "matomo.js";' in trackers[0]
