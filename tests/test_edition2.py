"""Edition 2 of the content model: real strategies come out as *their* strategy.

The third valid strategy (tests/cases/valid/routekaart-fasen) is shaped like a real digital-leadership
roadmap: 11 numbered adviezen in three clusters whose file names are not in number order, 33 numbered
actions written out of order on four phases, owners that are roles and teams, and opgaven that build
on each other.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from koers.content.ordering import in_author_order, natural_key
from koers.pipeline.check import check
from koers.pipeline.context import page_context
from koers.render.document.written import render_document, strategy_source
from koers.render.pages.assemble import render_pages
from koers.render.posters.svg import render_poster
from support.projects import CASES, make_project

ROADMAP = CASES / "valid" / "routekaart-fasen" / "content"
PHASES = ["Randvoorwaardelijk", "Fundament versterken", "Verbeteren", "Excelleren"]


@pytest.fixture(scope="module")
def roadmap(tmp_path_factory: pytest.TempPathFactory):
    project = make_project(tmp_path_factory.mktemp("fasen") / "p", ROADMAP)
    checked = check(project)
    assert not checked.report.failed(strict=True), checked.report.as_text()
    assert checked.strategy is not None and checked.style is not None
    outputs = render_pages(checked.strategy, checked.style, page_context(project, []))
    pages = {o.path: o.data().decode("utf-8") for o in outputs if o.path.endswith((".md", ".json"))}
    return project, checked.strategy, checked.style, pages


def test_natural_order_of_numbers() -> None:
    numbers = ["10", "2", "1.10", "1.2", "8.3a", "8.3", "A", "1"]
    assert sorted(numbers, key=natural_key) == ["1", "1.2", "1.10", "2", "8.3", "8.3a", "10", "A"]


def test_numbered_items_first_then_the_rest_as_written() -> None:
    items = [("c", ""), ("b", "2"), ("a", ""), ("d", "1")]
    assert [i[0] for i in in_author_order(items, lambda i: i[1])] == ["d", "b", "c", "a"]


def test_opgaven_and_actions_follow_their_numbers(roadmap) -> None:
    _, strategy, _, _ = roadmap
    assert [o.nummer for o in strategy.opgaven] == [str(n) for n in range(1, 12)]
    assert [[o.nummer for o in group] for _, group in strategy.matrix] == [["1", "2", "3", "4"], ["5", "6", "7", "8"], ["9", "10", "11"]]
    # The actions are written 3rd, 1st, 2nd in every file; their numbers decide.
    assert [a.nummer for a in strategy.opgaven[7].acties] == ["8.1", "8.2", "8.3"]
    assert strategy.actions[0].display == "1.1 Ambitie vaststellen in het MT"


def test_the_routekaart_has_the_phases_as_columns_and_the_opgaven_in_number_order(roadmap) -> None:
    _, strategy, style, _ = roadmap
    svg = render_poster(strategy, style, "routekaart", "a3").svg
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    plain = [re.sub(r"<[^>]+>", "", t) for t in texts]
    heads = [t for t in plain if t in PHASES]
    assert heads == PHASES
    lanes = [t for t in plain if re.fullmatch(r"\d+ [A-Z].*", t) and not re.match(r"\d+ acties?$", t)]
    assert [int(t.split()[0]) for t in lanes] == list(range(1, 12)), lanes
    assert "1.1 Ambitie vaststellen in het MT" in " ".join(plain)
    assert "bouwt op 1" in " ".join(plain)  # opgave 2 builds on opgave 1, shown in its label column


def test_the_document_and_the_matrix_follow_the_same_order(roadmap) -> None:
    _, strategy, style, pages = roadmap
    import io
    import json

    from pypdf import PdfReader

    data = json.loads(strategy_source(strategy, style).inputs["data"])
    headings = [int(o["titel"].split()[0]) for source in data["sources"] for o in source["opgaven"]]
    assert headings == list(range(1, 12))
    pdf = PdfReader(io.BytesIO(render_document(strategy, style).pdf))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    agenda = text[text.index("Fasen: ") :]
    assert agenda.startswith("Fasen: 1 Randvoorwaardelijk · 2 Fundament versterken · 3 Verbeteren · 4 Excelleren.")
    rows = re.findall(r"\b(\d+\.[1-9]\d*) [A-Z]", agenda)  # an action number (a title may hold "1.0")
    assert rows == list(dict.fromkeys(rows)), rows
    assert rows[:3] == ["1.1", "1.2", "1.3"] and len(rows) == 33 and rows == sorted(rows, key=lambda n: tuple(map(int, n.split("."))))
    matrix = re.findall(r'koers-matrix__opgave"><a href="[^"]+">(\d+) ', pages["opgaven/index.md"])
    assert [int(n) for n in matrix] == list(range(1, 12))


def test_navigation_and_search_titles_carry_the_numbers(roadmap) -> None:
    _, _, _, pages = roadmap
    nav = pages[".koers/site.json"]
    titles = re.findall(r'"(\d+ [^"]+)": "opgaven/', nav)
    assert [int(t.split()[0]) for t in titles] == list(range(1, 12))
    assert "\ntitle: 9 Een betrouwbaar datafundament\n" in pages["opgaven/datafundament.md"]


def test_agenda_goes_by_phase_with_a_page_per_phase(roadmap) -> None:
    _, strategy, _, pages = roadmap
    assert [y.slug for y in strategy.years] == ["randvoorwaardelijk", "fundament", "verbeteren", "excelleren"]
    assert {f"agenda/{y.slug}.md" for y in strategy.years} <= set(pages)
    agenda = pages["agenda/index.md"]
    assert agenda.index("## Randvoorwaardelijk") < agenda.index("## Plateau 2: het fundament versterken") < agenda.index("## Excelleren")
    phase = pages["agenda/fundament.md"]
    assert "Terugblik: wat we geleerd hebben" in phase and "vier op" in phase


def test_a_multi_phase_action_is_a_full_card_once_and_continues_after(roadmap) -> None:
    _, _, _, pages = roadmap
    first, later = pages["agenda/verbeteren.md"], pages["agenda/excelleren.md"]
    assert 'id="actie-datafundament-3"' in first
    assert 'id="actie-datafundament-3"' not in later
    assert re.search(r'koers-regel--loopt-door.*9\.3 Datakwaliteit meten en verbeteren.*loopt door · Verbeteren – Excelleren', later)


def test_roles_are_never_teams_and_a_role_of_a_team_counts_for_it(roadmap) -> None:
    _, strategy, _, pages = roadmap
    assert sorted(p for p in pages if p.startswith("teams/")) == [
        "teams/index.md", "teams/team-control.md", "teams/team-hr.md", "teams/team-iv.md", "teams/team-kcc.md"
    ]
    assert strategy.team_of("CIO") == "team-iv" and strategy.team_of("Directeur") is None
    iv = pages["teams/team-iv.md"]
    # The CIO owns opgave 2 and 8 and the Programmamanager data owns 9: all three are team-iv's.
    owned = re.search(r"## Opgaven waarvan wij eigenaar zijn(.*?)##", iv, flags=re.S)
    assert owned is not None
    assert re.findall(r'koers-kaart__titel"><a href="[^"]+">(\d+) ', owned.group(1)) == ["2", "8", "9"]
    assert "Rollen in dit team: CIO, Programmamanager data." in iv


def test_without_teams_yaml_free_text_owners_make_no_team_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", ROADMAP, {"content/teams.yaml": None})
    checked = check(project)
    assert not checked.report.errors, checked.report.as_text()
    assert checked.strategy is not None and checked.style is not None
    paths = {o.path for o in render_pages(checked.strategy, checked.style, page_context(project, []))}
    assert not [p for p in paths if p.startswith("teams/")]


def test_an_opgave_page_shows_what_it_builds_on_and_what_builds_on_it(roadmap) -> None:
    _, _, _, pages = roadmap
    page = pages["opgaven/governance.md"]
    assert re.search(r"Bouwt voort op</dt><dd><a [^>]+>1 Eén gedeelde digitale ambitie</a>", page)
    assert re.search(r"Hierop bouwt voort</dt><dd><a [^>]+>3 Eén portfolio van veranderingen</a>, <a [^>]+>4 Sturen op data</a>", page)


def test_indicators_without_a_target_and_with_measurements(roadmap) -> None:
    _, strategy, _, pages = roadmap
    indicator = strategy.opgaven[3].indicatoren[0]
    assert indicator.metingen == ((2025, "18%"),)
    assert "<td>2025: 18%</td>" in pages["opgaven/sturen-op-data.md"]
    assert "<td>nog niet vastgesteld</td>" in pages["opgaven/digitale-vaardigheden.md"]


def test_the_placeholder_action_of_koers_new_opgave_is_a_warning(tmp_path: Path) -> None:
    from koers.cli import main

    project = tmp_path / "nieuw"
    assert main(["init", str(project)]) == 0
    assert main(["new", "opgave", "slim-werken", "--bron", "bedrijfsvoering", "--titel", "Slim werken", "--project", str(project)]) == 0
    report = check(project).report
    placeholder = [f.format() for f in report.warnings if "Eerste actie" in f.message]
    assert placeholder and placeholder[0].startswith("content/opgaven/slim-werken.md:"), report.as_text()
    assert report.failed(strict=True)


def test_a_first_edition_strategy_keeps_its_file_order_without_numbers() -> None:
    checked = check(CASES / "base")
    assert checked.strategy is None or [o.id for o in checked.strategy.opgaven] == ["data-op-orde", "digitale-balie"]


def test_the_site_name_follows_strategie_yaml_unless_mkdocs_yml_sets_one(tmp_path: Path) -> None:
    from koers.publish.engine import effective_config
    from koers.publish.siteconfig import load_site_config

    project = tmp_path / "nieuw"
    from koers.cli import main

    assert main(["init", str(project), "--organisatie", "Gemeente Ergens"]) == 0
    starter = load_site_config(project / "mkdocs.yml")
    site = {"site_name": "Strategie van Gemeente Elders & co"}
    assert effective_config(starter, site, tmp_path)["site_name"] == "Strategie van Gemeente Elders &amp; co"
    assert effective_config({**starter, "site_name": "Intranet"}, site, tmp_path)["site_name"] == "Intranet"


def test_koers_new_actie_writes_number_phases_teams_and_a_note(tmp_path: Path) -> None:
    from koers.cli import main

    project = make_project(tmp_path / "p", ROADMAP)
    argv = ["new", "actie", "datafundament", "nieuw-x", "--fase", "verbeteren", "--fase", "excelleren", "--nummer", "9.4"]
    argv += ["--teams", "team-kcc", "--eigenaar", "CIO", "--na", "datafundament-2", "--toelichting", "Gepland: na de catalogus", "--project", str(project)]
    assert main(argv) == 0
    text = (project / "content/opgaven/datafundament.md").read_text("utf-8")
    # The new action closes the acties list, right above the front matter's end; the body stays as it was.
    assert (
        '  - id: nieuw-x\n    nummer: "9.4"\n    titel: Nieuw x\n    fase: {van: verbeteren, tot: excelleren}\n    eigenaar: CIO\n'
        '    teams: [team-kcc]\n    status: gepland\n    na: [datafundament-2]\n    toelichting: "Gepland: na de catalogus"\n---\nAdvies 9 uit'
    ) in text
    checked = check(project)
    assert not checked.report.failed(strict=True), checked.report.as_text()
    assert checked.strategy is not None and [a.nummer for a in checked.strategy.opgave_by_id["datafundament"].acties][-1] == "9.4"
    assert main(["new", "actie", "datafundament", "nieuw-y", "--jaar", "2025", "--project", str(project)]) == 2
