"""`koers new`: scaffolded files are valid, existing ids are refused, and acties are inserted as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koers import cli
from koers.authoring.new import NewError, new_actie, new_opgave, new_thema, parse_years, yaml_text
from koers.content.yamlread import read_yaml
from koers.pipeline.check import check
from support.projects import make_project


def run_cli(argv: list[str]) -> int:
    """Run koers as the command line does (new, diff, init …), returning the exit code."""
    return cli.main(argv)


def assert_valid(project: Path) -> None:
    report = check(project).report
    assert not report.errors, report.as_text()


def test_new_opgave_writes_a_valid_file_with_schema_hint(tmp_path: Path) -> None:
    project = tmp_path / "nieuw"
    assert cli.main(["init", str(project)]) == 0
    created = new_opgave(project, "slimme-stad", bron="taken", titel="Slimme stad: sensoren", themas=("transparantie",))
    assert created.path == "content/opgaven/slimme-stad.md"
    text = (project / created.path).read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == "---"
    assert lines[1] == "# yaml-language-server: $schema=../../.koers/schemas/opgave.schema.json"
    assert (project / "content/opgaven" / lines[1].split("$schema=")[1]).resolve().is_file()
    assert 'titel: "Slimme stad: sensoren"' in lines
    assert "themas: [transparantie]" in lines
    assert "  - id: slimme-stad-eerste-actie" in lines
    assert "    eigenaar: Nog te bepalen" in lines  # no team is picked silently: a placeholder that check warns about
    assert "    jaar: 2026" in lines  # the first year of the period
    report = check(project).report
    assert not report.errors
    assert all("bevat nog de invultekst" in f.message for f in report.warnings)  # only example texts remain
    assert "content/opgaven/slimme-stad.md" in {f.location.path for f in report.warnings}


def test_new_opgave_in_the_test_project_without_reachable_schema_has_no_hint(project: Path) -> None:
    new_opgave(project, "slimme-stad", bron="coalitieakkoord", titel="Slimme stad", eigenaar="Directeur Ruimte")
    text = (project / "content/opgaven/slimme-stad.md").read_text("utf-8")
    assert "yaml-language-server" not in text  # the base case's schema path does not resolve from a tmp copy
    assert "eigenaar: Directeur Ruimte" in text
    assert_valid(project)
    strategy = check(project).strategy
    assert strategy is not None and strategy.opgave_by_id["slimme-stad"].acties[0].van == 2024


def test_new_thema_is_valid_and_listed(project: Path) -> None:
    created = new_thema(project, "veiligheid-en-privacy")
    text = (project / created.path).read_text("utf-8")
    assert "titel: Veiligheid en privacy" in text.splitlines()
    assert_valid(project)
    new_thema(project, "ethiek", titel="Ethiek & waarden")
    strategy = check(project).strategy
    assert strategy is not None
    assert [t.titel for t in strategy.themes] == ["Ethiek & waarden", "Toegankelijkheid", "Veiligheid en privacy"]


def test_new_actie_appends_to_the_list_and_keeps_every_other_byte(project: Path) -> None:
    path = project / "content/opgaven/digitale-balie.md"
    before = path.read_text("utf-8")
    created = new_actie(project, "digitale-balie", "chatbot", jaar="2025-2026", titel="Chatbot # proberen", na=("formulieren",))
    assert created.path == "content/opgaven/digitale-balie.md"
    after = path.read_text("utf-8")
    block = (
        "  - id: chatbot\n"
        '    titel: "Chatbot # proberen"\n'
        "    van: 2025\n"
        "    tot: 2026\n"
        "    eigenaar: team-publiek\n"  # the owner of the opgave's last action
        "    status: gepland\n"
        "    na: [formulieren]\n"
    )
    anchor = "    na: [formulieren]\n"  # the end of the last existing action
    index = before.index(anchor) + len(anchor)
    assert after == before[:index] + block + before[index:]
    assert_valid(project)
    strategy = check(project).strategy
    assert strategy is not None
    assert [a.id for a in strategy.opgave_by_id["digitale-balie"].acties] == ["formulieren", "hulp-op-maat", "chatbot"]


def test_new_actie_with_one_year_owner_and_status(project: Path) -> None:
    new_actie(project, "data-op-orde", "archief", jaar="2026", eigenaar="team-publiek", status="lopend")
    text = (project / "content/opgaven/data-op-orde.md").read_text("utf-8")
    assert "  - id: archief\n    titel: Archief\n    jaar: 2026\n    eigenaar: team-publiek\n    status: lopend\n---\n" in text
    assert_valid(project)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda p: new_opgave(p, "digitale-balie", bron="coalitieakkoord", titel="X"), "opgave 'digitale-balie' bestaat al"),
        (lambda p: new_opgave(p, "Digitale_Balie", bron="coalitieakkoord", titel="X"), "'Digitale_Balie' is geen geldig opgave-id"),
        (lambda p: new_opgave(p, "x", bron="coalitie", titel="X"), "bron 'coalitie' bestaat niet in strategie.yaml; bedoelde je 'coalitieakkoord'?"),
        (lambda p: new_opgave(p, "x", bron="coalitieakkoord", titel="X", themas=("ethiek",)), "thema 'ethiek' bestaat niet"),
        (lambda p: new_opgave(p, "x", bron="coalitieakkoord", titel="x" * 81), "'titel' is te lang: 81 tekens, maximaal 80"),
        (lambda p: new_thema(p, "toegankelijkheid"), "thema 'toegankelijkheid' bestaat al"),
        (lambda p: new_thema(p, "-fout"), "'-fout' is geen geldig thema-id"),
        (lambda p: new_actie(p, "data-op-orde", "formulieren", jaar="2025"), "actie-id 'formulieren' bestaat al in content/opgaven/digitale-balie.md"),
        (lambda p: new_actie(p, "data-op-ord", "x", jaar="2025"), "opgave 'data-op-ord' bestaat niet; bedoelde je 'data-op-orde'?"),
        (lambda p: new_actie(p, "data-op-orde", "x", jaar="2030"), "jaar 2030 ligt buiten de periode 2024–2026"),
        (lambda p: new_actie(p, "data-op-orde", "x", jaar="2026-2025"), "het eerste jaar ligt na het tweede"),
        (lambda p: new_actie(p, "data-op-orde", "x", jaar="volgend jaar"), "jaar 'volgend jaar' klopt niet"),
        (lambda p: new_actie(p, "data-op-orde", "x", jaar="2025", eigenaar="team-publik"), "team 'team-publik' staat niet in teams.yaml; bedoelde je 'team-publiek'?"),
        (lambda p: new_actie(p, "data-op-orde", "x", jaar="2024", na=("oude-systemen",)), "wacht op 'oude-systemen' dat pas in 2026 klaar is"),
        (lambda p: new_actie(p, "data-op-orde", "x", jaar="2025", na=("bestaat-niet",)), "actie 'bestaat-niet' (bij --na) bestaat niet"),
        (lambda p: new_actie(p, "data-op-orde", "x", jaar="2025", titel="t" * 91), "'titel' van actie 'x' is te lang: 91 tekens, maximaal 90"),
    ],
)
def test_refusals_write_nothing(project: Path, call, message: str) -> None:  # type: ignore[no-untyped-def]
    before = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    with pytest.raises(NewError) as info:
        call(project)
    assert message in str(info.value)
    after = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    assert after == before


def test_insert_keeps_crlf_and_bom_and_follows_indentation(tmp_path: Path) -> None:
    opgave = (
        "---\n"
        "titel: Anders ingesprongen\n"
        "bron: coalitieakkoord\n"
        "eigenaar: Iemand\n"
        "stip: Een stip.\n"
        "koers: Een koers.\n"
        "acties:\n"
        "- id: eerste  # een opmerking blijft staan\n"
        "  titel: Eerste\n"
        "  jaar: 2024\n"
        "  eigenaar: team-publiek\n"
        "  status: gepland\n"
        "  toelichting: >-\n"
        "    Een toelichting\n"
        "    over twee regels.\n"
        "themas: [toegankelijkheid]\n"
        "---\n"
        "Tekst.\n"
    )
    raw = b"\xef\xbb\xbf" + opgave.replace("\n", "\r\n").encode("utf-8")
    project = make_project(tmp_path / "p", files={"content/opgaven/anders.md": ""})
    (project / "content/opgaven/anders.md").write_bytes(raw)
    assert_valid(project)
    new_actie(project, "anders", "tweede", jaar="2025")
    result = (project / "content/opgaven/anders.md").read_bytes()
    inserted = b"- id: tweede\r\n  titel: Tweede\r\n  jaar: 2025\r\n  eigenaar: team-publiek\r\n  status: gepland\r\n"
    anchor = b"    over twee regels.\r\n"
    index = raw.index(anchor) + len(anchor)
    assert result == raw[:index] + inserted + raw[index:]
    assert_valid(project)


def test_insert_under_an_empty_acties_key_and_refuses_a_flow_list(tmp_path: Path) -> None:
    head = "---\ntitel: Leeg\nbron: coalitieakkoord\neigenaar: Iemand\nstip: S.\nkoers: K.\n"
    project = make_project(
        tmp_path / "p",
        files={"content/opgaven/leeg.md": head + "acties:\n---\n", "content/opgaven/kort.md": head + "acties: [{id: a, titel: A, jaar: 2024, eigenaar: team-publiek, status: gepland}]\n---\n"},
    )
    new_actie(project, "leeg", "eerste-stap", jaar="2024")
    text = (project / "content/opgaven/leeg.md").read_text("utf-8")
    # Without --eigenaar the opgave's own owner (here a role) is taken, never a team Koers picks itself.
    assert text.endswith("acties:\n  - id: eerste-stap\n    titel: Eerste stap\n    jaar: 2024\n    eigenaar: Iemand\n    status: gepland\n---\n")
    with pytest.raises(NewError, match="content/opgaven/kort.md: 'acties' is geen lijst met een '-' per regel"):
        new_actie(project, "kort", "b", jaar="2024")
    assert_valid(project)


@pytest.mark.parametrize("value", ["gewoon", "no", "true", "12:30", "a: b", "# kop", "'quote", "- lijst", "2024", "", " spatie", "€ & ü"])
def test_yaml_text_reads_back_as_the_same_string(value: str) -> None:
    result = read_yaml(f"k: {yaml_text(value)}")
    assert not result.problems and result.data == {"k": value}


def test_parse_years() -> None:
    assert parse_years("2025") == (2025, 2025)
    assert parse_years("2025-2026") == (2025, 2026)
    assert parse_years("2025 – 2027") == (2025, 2027)


def test_cli_new_commands(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    where = ["--project", str(project)]
    assert run_cli(["new", "thema", "ethiek", *where]) == 0
    assert run_cli(["new", "opgave", "slimme-stad", "--bron", "coalitieakkoord", "--titel", "Slimme stad", "--thema", "ethiek", *where]) == 0
    assert run_cli(["new", "actie", "slimme-stad", "sensoren", "--jaar", "2025", "--status", "lopend", "--na", "formulieren", *where]) == 0
    out = capsys.readouterr().out
    assert "gemaakt: content/themas/ethiek.md" in out
    assert "gemaakt: content/opgaven/slimme-stad.md" in out
    assert "bijgewerkt: content/opgaven/slimme-stad.md" in out
    assert_valid(project)
    assert run_cli(["new", "thema", "ethiek", *where]) == 2
    assert "koers: fout: thema 'ethiek' bestaat al: content/themas/ethiek.md" in capsys.readouterr().err
    # A year (or, in a phased strategy, a phase) is required: a usage error that says which option to give.
    assert run_cli(["new", "actie", "slimme-stad", "x", *where]) == 2
    assert "koers: fout: geef het jaar van de actie met --jaar, bijvoorbeeld --jaar 2025 of --jaar 2025-2026" in capsys.readouterr().err


@st.composite
def opgave_texts(draw: st.DrawFn) -> str:
    """Front matter written the many ways editors write lists: indentation, comments, block scalars, CRLF."""
    dash = " " * draw(st.sampled_from([0, 2, 4]))
    key = dash + " " * draw(st.sampled_from([2, 4]))
    lines = ["---", "titel: Iets", "acties:"]
    for n in range(draw(st.integers(1, 3))):
        gap = " " * (len(key) - len(dash) - 1)
        lines += [f"{dash}-{gap}id: actie-{n}", f"{key}titel: Actie {n}", f"{key}jaar: 2024"]
        if draw(st.booleans()):
            lines += [f"{key}teams: [a, b]"] if draw(st.booleans()) else [f"{key}teams:", f"{key}  - a", f"{key}  - b"]
        if draw(st.booleans()):
            lines += [f"{key}toelichting: >-", f"{key}  Regel een", f"{key}  regel twee"]
        if draw(st.booleans()):
            lines += [f"{key}# opmerking"]
    if draw(st.booleans()):
        lines += ["", "indicatoren:", "  - {naam: X, doel: Y}"]
    lines += ["---", "Tekst."]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


@settings(max_examples=150, deadline=None)
@given(opgave_texts())
def test_inserted_item_is_last_and_nothing_else_changes(text: str) -> None:
    from koers.authoring.insert import insert_item

    added: list[str] = []

    def render(spot):  # type: ignore[no-untyped-def]
        added[:] = [f"{spot.dash}- id: nieuw".replace("- ", "-" + " " * max(1, len(spot.key) - len(spot.dash) - 1)), f"{spot.key}titel: Nieuw"]
        return added

    result = insert_item(text, render)
    newline = "\r\n" if "\r\n" in text else "\n"
    block = "".join(line + newline for line in added)
    assert result.replace(block, "", 1) == text
    front = result.replace("\r\n", "\n").split("---\n")[1]
    before, after = read_yaml(text.replace("\r\n", "\n").split("---\n")[1]).data, read_yaml(front).data
    assert after["acties"][:-1] == before["acties"]
    assert after["acties"][-1] == {"id": "nieuw", "titel": "Nieuw"}
    assert {k: v for k, v in after.items() if k != "acties"} == {k: v for k, v in before.items() if k != "acties"}


def test_an_existing_problem_elsewhere_in_the_opgave_does_not_block_a_new_action(project: Path) -> None:
    path = project / "content/opgaven/data-op-orde.md"
    path.write_text(path.read_text("utf-8").replace("eigenaar: Concerncontroller", "eigenaar: Concerncontroller\nprioriteit: hoog"), "utf-8")
    new_actie(project, "data-op-orde", "archief", jaar="2026")
    messages = [f.message for f in check(project).report.errors]
    assert messages == ["onbekende sleutel 'prioriteit'; toegestaan zijn: acties, bron, eigenaar, indicatoren, koers, na, nummer, stip, themas, titel"]


def test_never_writes_through_a_link_out_of_the_project(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elders"
    outside.mkdir()
    (project / "content/themas").rename(tmp_path / "bewaard")
    (project / "content/themas").symlink_to(outside, target_is_directory=True)
    with pytest.raises(NewError, match="snelkoppeling naar een plek buiten het project"):
        new_thema(project, "ethiek")
    assert list(outside.iterdir()) == []
    target = tmp_path / "balie.md"
    target.write_bytes((project / "content/opgaven/digitale-balie.md").read_bytes())
    (project / "content/opgaven/digitale-balie.md").unlink()
    (project / "content/opgaven/digitale-balie.md").symlink_to(target)
    before = target.read_bytes()
    with pytest.raises(NewError):
        new_actie(project, "digitale-balie", "chatbot", jaar="2025")
    assert target.read_bytes() == before


def test_a_title_of_thousands_of_digits_is_written_as_quoted_text() -> None:
    """Reading it back as a plain number raised a ValueError (more than 4,300 digits)."""
    from koers.authoring.insert import yaml_text

    assert yaml_text("9" * 5000) == '"' + "9" * 5000 + '"'
    assert yaml_text("2026") == '"2026"' and yaml_text("Data op orde") == "Data op orde"
