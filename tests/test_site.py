"""The website: every page, the nav, links, Dutch, no external loads, escaping, edit links, house style."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from koers.pipeline.check import check
from koers.pipeline.context import page_context
from koers.publish.engine import run_engine
from koers.publish.outputs import Output, write_outputs
from koers.render.pages.assemble import navigation, render_pages
from koers.render.pages.base import md_text, url
from koers.render.pages.context import EditLinks, collect_downloads, human_size
from support.projects import CASES, REPO, make_project
from support.site import (
    Built,
    build_site,
    is_external,
    loaded_urls,
    parse,
    resolve,
)

TOP_NAV = ["Start", "Visie", "Opgaven", "Thema's", "Agenda", "Wat is mijn bijdrage?", "Downloads", "Over deze strategie"]
HOSTILE = "<img src=x onerror=alert(1)>"
FAKE_DOWNLOADS = [
    Output(
        "downloads/strategie-in-een-beeld-a3.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 7"><rect width="10" height="7"/></svg>',
    ),
    Output("downloads/strategie-in-een-beeld-a3.pdf", b"%PDF" + b"0" * 245_000),
    Output("downloads/routekaart-a3.png", b"\x89PNG" + b"0" * 1_234_000),
    Output("downloads/voorbeeld-strategie.pdf", b"%PDF" + b"0" * 99_000),
]


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("example") / "p", REPO / "content")
    return build_site(project, list(FAKE_DOWNLOADS))


@pytest.fixture(scope="module")
def second_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("second") / "p", CASES / "valid" / "tweede-strategie" / "content")
    return build_site(project)


def expected_pages(project_content: Path) -> set[str]:
    checked = check(project_content)
    s = checked.strategy
    assert s is not None
    pages = {"index.html", "visie.html", "opgaven/index.html", "agenda/index.html", "downloads.html", "over.html"}
    pages |= {f"opgaven/{o.id}.html" for o in s.opgaven} | {f"agenda/{y.jaar}.html" for y in s.years}
    if s.themes:
        pages |= {"themas/index.html"} | {f"themas/{t.id}.html" for t in s.themes}
    if s.teams:
        pages |= {"teams/index.html"} | {f"teams/{t.id}.html" for t in s.teams}
    return pages


@pytest.mark.parametrize("name", ["example_site", "second_site"])
def test_every_page_exists_and_the_engine_is_strict_and_silent(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    assert not built.report.errors, built.report.as_text()
    config = yaml.safe_load((built.staging / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["strict"] is True and config["use_directory_urls"] is False
    project = built.staging.parent.parent
    present = {p.relative_to(built.site).as_posix() for p in built.pages()}
    assert expected_pages(project) <= present


def test_second_strategy_has_its_own_period_sources_and_teams(second_site: Built) -> None:
    present = {p.relative_to(second_site.site).as_posix() for p in second_site.pages()}
    assert {f"agenda/{y}.html" for y in range(2025, 2029)} <= present
    assert "agenda/2024.html" not in present
    matrix = second_site.html("opgaven/index.html")
    assert "Opgaven uit de regionale samenwerking" in matrix
    assert "Concept: nog niet vastgesteld" in second_site.html("over.html")


@pytest.mark.parametrize("name", ["example_site", "second_site"])
def test_navigation_is_dutch_and_complete(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    config = yaml.safe_load((built.staging / "mkdocs.yml").read_text(encoding="utf-8"))
    # The example reports its progress (measurements, lessons learned); the second strategy has nothing to report yet.
    expected = TOP_NAV[:5] + ["Voortgang"] + TOP_NAV[5:] if name == "example_site" else TOP_NAV
    assert [next(iter(item)) for item in config["nav"]] == expected
    assert config["theme"]["language"] == "nl" and config["theme"]["font"] is False
    nav = re.sub(r"\s+", " ", built.html("visie.html").split("md-nav--primary")[1])
    for title in expected[1:]:
        assert re.search(rf">\s?{re.escape(title)}\s?<", nav), title


@pytest.mark.parametrize("name", ["example_site", "second_site"])
def test_every_page_is_dutch(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    langs = {p.relative_to(built.site).as_posix(): parse(p).lang for p in built.pages()}
    assert set(langs.values()) == {"nl"}, langs


@pytest.mark.parametrize("name", ["example_site", "second_site"])
def test_no_broken_internal_link_or_anchor(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    broken = []
    ids: dict[Path, set[str]] = {}
    for page in built.pages():
        for _tag, attr, value in parse(page).refs:
            if is_external(value) or value.startswith(("mailto:", "data:")):
                continue
            for ref in [v.strip().split(" ")[0] for v in value.split(",")] if attr == "srcset" else [value]:
                target, fragment = resolve(built.site, page, ref)
                if not target.is_file():
                    broken.append(f"{page.relative_to(built.site)}: {ref}")
                elif fragment and target.suffix == ".html":
                    known = ids.setdefault(target, parse(target).ids)
                    if fragment not in known:
                        broken.append(f"{page.relative_to(built.site)}: {ref} (anker)")
    assert not broken, "\n".join(broken[:20])


@pytest.mark.parametrize("name", ["example_site", "second_site"])
def test_nothing_is_loaded_from_another_host(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    loads = loaded_urls(built.site)
    assert loads, "the checker found nothing at all"
    external = [f"{where.relative_to(built.site)}: {u}" for where, u in loads if is_external(u)]
    assert not external, external
    # No reader-facing link to another host either, unless the kernteam sets repo_url.
    anchors = [
        v for p in built.pages() for t, a, v in parse(p).refs if t == "a" and is_external(v) and not v.startswith("mailto:")
    ]
    assert not anchors, anchors


def test_site_uses_the_house_style_and_self_hosted_fonts(example_site: Built) -> None:
    css = (example_site.site / "assets/koers/koers.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #1b3a6b;" in css
    assert "--md-footer-fg-color--lighter: #ffffff;" in css  # Material's faint footer text is replaced
    assert '@font-face { font-family: "Open Sans"; src: url("fonts/OpenSans-Regular.woff2") format("woff2")' in css
    assert (example_site.site / "assets/koers/fonts/OpenSans-Bold.woff2").is_file()
    home = example_site.html("index.html")
    assert 'href="assets/koers/favicon.svg"' in home and 'src="assets/koers/logo.svg"' in home
    assert "fonts.googleapis" not in home and "Made with" not in home


def test_matrix_is_a_real_table(example_site: Built) -> None:
    html = example_site.html("opgaven/index.html")
    head = re.search(r"<thead>(.*?)</thead>", html, re.S)
    assert head is not None
    assert re.findall(r'<th scope="col">([^<]+)</th>', head.group(1)) == ["Opgave", "Visie", "Strategie", "Agenda"]
    assert html.count('scope="rowgroup"') == 3
    assert html.count('<th scope="row"') == 9
    assert "<caption" in html


def test_opgave_page_shows_actions_with_text_status_links_and_the_full_chain(example_site: Built) -> None:
    html = example_site.html("opgaven/datagedreven-sturing.html")
    assert '<span class="koers-status koers-status--gereed">Gereed</span>' in html
    assert 'href="../teams/team-data.html">Team Data en Onderzoek</a>' in html
    assert 'href="../themas/ethiek.html"' in html
    chain = html.split('id="actie-effectmeting-beleid"')[1].split("</li>\n</ul>")[0]
    for earlier in ("dataplatform", "datastewards", "dashboard-sociaal-domein", "datalabel-raadsvoorstellen"):
        assert f'href="datagedreven-sturing.html#actie-{earlier}"' in chain
    assert "Raadsvoorstellen met datalabel" in html and "<td>60%</td>" in html


def test_team_page_lists_owned_and_joined_actions_by_year(example_site: Built) -> None:
    html = example_site.html("teams/team-wmo.html")
    assert re.search(r'<h3 id="2022">2022</h3>', html)
    assert ">Doet mee<" in html and "../opgaven/datagedreven-sturing.html#actie-datastewards" in html


def test_home_shows_poster_with_text_alternative_key_figures_and_downloads(example_site: Built) -> None:
    html = example_site.html("index.html")
    assert re.search(r'<img src="downloads/strategie-in-een-beeld-a3.svg" alt="Poster ‘[^"]+’', html)
    assert "Tekst van de poster" in html and "Stip op de horizon:" in html
    # The text version carries what the wall posters add: principles, what we stop doing, key indicators.
    text = html[html.index("Tekst van de poster") : html.index("</details>")]
    assert "<strong>Onze principes</strong>" in text and "Open, tenzij: Informatie, data en algoritmes" in text
    assert "<strong>Wat we niet meer doen</strong>" in text and "<li>Losse Excel-overzichten als stuurinformatie" in text
    assert "Raadsvoorstellen met datalabel: Van 5% naar 60% in 2026" in text
    assert re.search(r'koers-cijfers__getal">9</span> opgaven', html)
    assert "PDF, 245 kB" in html
    downloads = example_site.html("downloads.html")
    assert "PNG, 1,2 MB" in downloads and "De geschreven strategie" in downloads


def test_about_page_without_git_and_accessibility_result(example_site: Built) -> None:
    html = example_site.html("over.html")
    assert "Nog niet getest." in html
    assert "Op 16 december 2021 door Gemeenteraad" in html
    assert "Onbekend (geen versiebeheer gevonden)" in html


def test_hostile_titles_stay_text(tmp_path: Path) -> None:
    opgave = (REPO / "content/opgaven/omgevingswet.md").read_text(encoding="utf-8")
    hostile = re.sub(r"^titel: .*$", f"titel: '{HOSTILE} *vet* [x](y) </title>'", opgave, count=1, flags=re.M)
    theme = (
        (REPO / "content/themas/ethiek.md").read_text(encoding="utf-8").replace("titel: Ethiek", "titel: Ethiek & <b>moraal</b>")
    )
    project = make_project(
        tmp_path / "p", REPO / "content", {"content/opgaven/omgevingswet.md": hostile, "content/themas/ethiek.md": theme}
    )
    built = build_site(project)
    assert not built.report.errors, built.report.as_text()
    for page in built.pages():
        text = page.read_text(encoding="utf-8")
        assert "<img src=x" not in text and "<b>moraal" not in text and "</title>'" not in text, page
        assert not [a for _, a, _ in parse(page).attrs if a.startswith("on")], page
    assert "<img src=x" not in (built.site / "search/search_index.json").read_text(encoding="utf-8")
    html = built.html("opgaven/omgevingswet.html")
    assert "&lt;img src=x onerror=alert(1)&gt; *vet* [x](y) &lt;/title&gt;</h1>" in html
    assert "<title>5 &lt;img src=x onerror=alert(1)&gt;" in html  # after its nummer
    assert "Ethiek &amp; &lt;b&gt;moraal&lt;/b&gt;" in built.html("themas/ethiek.html")


def test_edit_links_point_at_the_content_files(tmp_path: Path) -> None:
    mkdocs = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs += "repo_url: https://gitlab.example.nl/gemeente/strategie\nedit_uri: -/edit/main/\n"
    project = make_project(tmp_path / "p", REPO / "content", {"mkdocs.yml": mkdocs})
    built = build_site(project)
    html = built.html("opgaven/omgevingswet.html")
    assert 'href="https://gitlab.example.nl/gemeente/strategie/-/edit/main/content/opgaven/omgevingswet.md"' in html
    assert "Bewerk deze pagina" in html
    assert "content/themas/ethiek.md" in built.html("themas/ethiek.html")
    config = yaml.safe_load((built.staging / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "repo_url" not in config  # Material would fetch repository facts from the forge


def test_last_change_comes_from_git(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REPO / "content")
    env = {"GIT_AUTHOR_DATE": "2024-03-01T12:00:00", "GIT_COMMITTER_DATE": "2024-03-01T12:00:00", "HOME": str(tmp_path)}
    git = ["git", "-c", "user.name=Test", "-c", "user.email=t@example.nl"]
    subprocess.run(git + ["init", "-q"], cwd=project, check=True, env=env)
    subprocess.run(git + ["add", "content"], cwd=project, check=True, env=env)
    subprocess.run(git + ["commit", "-q", "-m", "inhoud"], cwd=project, check=True, env=env)
    context = page_context(project, [])
    assert context.last_change == "2024-03-01"
    (project / "build").mkdir()
    (project / "build/toegankelijkheid.json").write_text(
        json.dumps({"datum": "2024-03-02", "hulpmiddel": "axe-core 4.10", "paginas": 31, "problemen": 0}), encoding="utf-8"
    )
    assert page_context(project, []).accessibility == (
        "Automatisch getest op 2 maart 2024 met axe-core 4.10 op 31 pagina's: geen problemen gevonden."
    )


def test_pages_are_deterministic(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REPO / "content")
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None
    first = render_pages(checked.strategy, checked.style, page_context(project, list(FAKE_DOWNLOADS)))
    second = render_pages(checked.strategy, checked.style, page_context(project, list(FAKE_DOWNLOADS)))
    assert [(o.path, o.data()) for o in first] == [(o.path, o.data()) for o in second]
    assert navigation(checked.strategy)[0] == {"Start": "index.md"}


def test_small_helpers() -> None:
    assert url("opgaven/a.md", "teams/b.md", "x") == "../teams/b.html#x"
    assert url("index.md", "downloads/p.pdf") == "downloads/p.pdf"
    assert str(md_text("a*b* [c](d) <e> #f")) == r"a\*b\* \[c\]\(d\) &lt;e&gt; \#f"
    assert [human_size(n) for n in (999, 245_000, 1_234_000)] == ["999 bytes", "245 kB", "1,2 MB"]
    gitlab = EditLinks("https://gitlab.example.nl/g/s", "-/edit/main/", None)
    assert gitlab.url("content/visie.md") == "https://gitlab.example.nl/g/s/-/edit/main/content/visie.md"
    template = EditLinks("https://example.nl/r", None, "src/{path}?mode=edit")
    assert template.url("content/visie.md") == "https://example.nl/r/src/content/visie.md?mode=edit"
    grouped = collect_downloads(list(FAKE_DOWNLOADS))
    assert [d.key for d in grouped] == ["voorbeeld-strategie", "strategie-in-een-beeld", "routekaart"]
    assert [f.label for f in grouped[1].files] == ["PDF, 245 kB", "SVG, 94 bytes"]


def test_full_build_publishes_the_site_with_the_real_downloads(tmp_path: Path) -> None:
    from koers.pipeline.build import build

    project = make_project(tmp_path / "p", REPO / "content")
    result = build(project)
    assert not result.report.errors, result.report.as_text()
    site = project / "build" / "site"
    downloads = site / "downloads"
    assert (site / "index.html").is_file() and any(downloads.glob("*.pdf"))
    listed = set(re.findall(r'href="(downloads/[^"]+)"', (site / "downloads.html").read_text(encoding="utf-8")))
    assert listed == {f"downloads/{p.name}" for p in downloads.iterdir()}
    assert re.search(
        r'<img src="downloads/strategie-in-een-beeld-a3\.(svg|png)"', (site / "index.html").read_text(encoding="utf-8")
    )


def test_same_content_gives_a_byte_identical_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REPO / "content")

    def snapshot() -> dict[str, bytes]:
        built = build_site(project, list(FAKE_DOWNLOADS))
        files = {p.relative_to(built.site).as_posix(): p.read_bytes() for p in sorted(built.site.rglob("*")) if p.is_file()}
        shutil.rmtree(built.staging)
        return files

    first = snapshot()
    time.sleep(1.1)  # a build date would now differ
    second = snapshot()
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_a_broken_mkdocs_yml_is_a_dutch_finding(tmp_path: Path) -> None:
    project = make_project(
        tmp_path / "p", files={"mkdocs.yml": "site_name: Strategie\ntheme:\n  name: material\n features: [x]\n"}
    )
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None
    staging = project / "build" / "staging"
    write_outputs(staging / "docs", render_pages(checked.strategy, checked.style, page_context(project, [])))
    run_engine(project, staging, checked.report)
    assert [f.format() for f in checked.report.errors][0].startswith(
        "mkdocs.yml:4: fout: de website-instellingen zijn geen geldige YAML"
    )


def test_a_draft_strategy_says_so_on_every_page_and_an_adopted_one_nowhere(example_site: Built, second_site: Built) -> None:
    banner = re.compile(r'<div class="koers-concept-balk" role="note">\s*<p><strong>Concept\.</strong> Deze strategie is nog niet vastgesteld')
    draft = [p for p in second_site.pages() if p.name != "404.html"]  # the not-found page has no content of the strategy
    assert draft and all(banner.search(p.read_text("utf-8")) for p in draft)  # tweede-strategie has status: concept
    assert not [p for p in example_site.pages() if "koers-concept-balk" in p.read_text("utf-8")]  # the example is vastgesteld
